/**
 * InvitationProvider: the one place a stack's provider is configured (network, keys, logs,
 * concurrency, name), what the template holds for each option, and the errors and warnings
 * that keep a stack from being configured two ways.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Annotations as AwsAnnotations, App, CfnWaitConditionHandle, NestedStack, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ConnectionInvitation, ConnectionInvitationAccepter, ConnectionInvitationProps, ConnectionType, InvitationProvider, InvitationProviderProps } from '../src';
import { logsKey, regulatedProvider, SANDBOX_INVITATION } from './support/apps';
import { strictProblems } from './support/strict';
import { HANDLER_ASSET_NAME } from '../src/contract';
import { CONCURRENCY_WARNING, PROVIDER_ID } from '../src/private/provider';
import { NETWORK_INTERFACE_ACTIONS } from '../src/private/provider-actions';
import { rehearse } from '../tools/rehearsal/rehearse';

const HANDLER = path.join(__dirname, '..', 'assets', HANDLER_ASSET_NAME, 'index.js');

function invite(scope: Stack, id: string, overrides: Partial<ConnectionInvitationProps> = {}): ConnectionInvitation {
  return new ConnectionInvitation(scope, id, { ...SANDBOX_INVITATION, receiverIdentifier: `pprofile-${id}`, ...overrides });
}

/** The only resource of a type: its logical id and definition. */
function only(template: Template, type: string): [string, any] {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The statements of the provider role's inline policy. */
function statements(template: Template): any[] {
  const [, role] = only(template, 'AWS::IAM::Role');
  expect(role.Properties.Policies).toHaveLength(1);
  return role.Properties.Policies[0].PolicyDocument.Statement;
}

function configuredStack(overrides: Partial<InvitationProviderProps> = {}): { stack: Stack; template: () => Template } {
  const stack = new Stack(new App(), 'Stack');
  InvitationProvider.configure(stack, regulatedProvider(stack, overrides));
  invite(stack, 'First');
  return { stack, template: () => Template.fromStack(stack) };
}

describe('a stack without a configuration', () => {
  test('keeps the provider as it was: no VPC, no reservation, no name, Lambda\'s key, a one-year log group', () => {
    const stack = new Stack(new App(), 'Stack');
    invite(stack, 'First');
    const template = Template.fromStack(stack);
    const [, fn] = only(template, 'AWS::Lambda::Function');
    for (const key of ['VpcConfig', 'ReservedConcurrentExecutions', 'FunctionName', 'KmsKeyArn']) {
      expect(fn.Properties[key]).toBeUndefined();
    }
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.absent() });
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
    expect(statements(template).map((s) => s.Sid)).toEqual(['WriteOwnLogs', 'SendConnectionInvitations', 'ManageConnectionInvitations', 'ListConnectionInvitations']);
    expect(InvitationProvider.find(stack)).toBe(stack.node.findChild(PROVIDER_ID));
  });

  test('keeps what a user makes the function depend on, and renders no DependsOn on the role', () => {
    const stack = new Stack(new App(), 'Stack');
    invite(stack, 'First');
    const marker = new CfnWaitConditionHandle(stack, 'DeployedFirst');
    const fn = InvitationProvider.find(stack)!.function;
    fn.node.addDependency(marker);
    const [, rendered] = only(Template.fromStack(stack), 'AWS::Lambda::Function');
    expect(rendered.DependsOn).toEqual([stack.resolve(marker.logicalId)]);
  });

  test('has no provider before its first invitation', () => {
    expect(InvitationProvider.find(new Stack(new App(), 'Stack'))).toBeUndefined();
  });
});

describe('a configured provider', () => {
  test('runs in the VPC\'s private subnets with a security group of its own that allows outbound HTTPS only', () => {
    const template = configuredStack().template();
    const [sgId, sg] = only(template, 'AWS::EC2::SecurityGroup');
    expect(sgId).toMatch(new RegExp(`^${PROVIDER_ID}SecurityGroup`));
    expect(sg.Properties.SecurityGroupEgress).toEqual([{
      CidrIp: '0.0.0.0/0', Description: expect.any(String), FromPort: 443, IpProtocol: 'tcp', ToPort: 443,
    }]);
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    const privateSubnets = Object.keys(template.findResources('AWS::EC2::Subnet', {
      Properties: { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-type', Value: 'Private' }]) },
    }));
    expect(privateSubnets).toHaveLength(2);
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: {
        SecurityGroupIds: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }],
        SubnetIds: privateSubnets.map((id) => ({ Ref: id })),
      },
    });
  });

  test('waits for its subnets\' routes through the NAT gateway, as aws-cdk-lib orders a function, but not for the role', () => {
    const template = configuredStack().template();
    const privateRoutes = Object.keys(template.findResources('AWS::EC2::Route', { Properties: { NatGatewayId: Match.anyValue() } }));
    const privateAssociations = Object.keys(template.findResources('AWS::EC2::SubnetRouteTableAssociation'))
      .filter((id) => id.startsWith('VpcPrivate'));
    expect([privateRoutes.length, privateAssociations.length]).toEqual([2, 2]);
    const [, fn] = only(template, 'AWS::Lambda::Function');
    expect(fn.DependsOn).toEqual([...privateRoutes, ...privateAssociations].sort());
  });

  test('keeps what a user makes the function depend on, beside the routes, and still not the role', () => {
    const { stack, template } = configuredStack();
    const marker = new CfnWaitConditionHandle(stack, 'DeployedFirst');
    InvitationProvider.find(stack)!.function.node.addDependency(marker);
    const t = template();
    const routes = Object.keys(t.findResources('AWS::EC2::Route', { Properties: { NatGatewayId: Match.anyValue() } }));
    const associations = Object.keys(t.findResources('AWS::EC2::SubnetRouteTableAssociation')).filter((id) => id.startsWith('VpcPrivate'));
    const [roleId] = only(t, 'AWS::IAM::Role');
    const [, fn] = only(t, 'AWS::Lambda::Function');
    expect(fn.DependsOn).toEqual([...routes, ...associations, stack.resolve(marker.logicalId)].sort());
    expect(fn.DependsOn).not.toContain(roleId);
  });

  test.each<[string, (app: App, partners: Stack) => void]>([
    ['a VPC in another stack of the app', (app, partners) => {
      const network = new Stack(app, 'Network');
      InvitationProvider.configure(partners, { vpc: new ec2.Vpc(network, 'Vpc', { maxAzs: 2, natGateways: 1 }) });
    }],
    ['a dependency the user adds on a resource of another stack', (app, partners) => {
      const handle = new CfnWaitConditionHandle(new Stack(app, 'Other'), 'Handle');
      invite(partners, 'Before');
      InvitationProvider.find(partners)!.function.node.addDependency(handle);
    }],
  ])('%s: the function\'s DependsOn names only resources of its own template (the stacks are ordered instead)', (_name, arrange) => {
    const app = new App();
    const partners = new Stack(app, 'Partners');
    arrange(app, partners);
    invite(partners, 'First');
    const template = Template.fromStack(partners);
    const own = Object.keys(template.toJSON().Resources);
    const [, fn] = only(template, 'AWS::Lambda::Function');
    expect((fn.DependsOn ?? []).filter((id: string) => !own.includes(id))).toEqual([]);
    expect(partners.dependencies.map((s) => s.node.id)).toEqual([expect.stringMatching(/^(Network|Other)$/)]);
  });

  test('VPC access adds one statement with exactly the network interface actions Lambda needs, and no managed policy', () => {
    const template = configuredStack().template();
    const all = statements(template);
    expect(all.map((s) => s.Sid)).toEqual(['WriteOwnLogs', 'SendConnectionInvitations', 'ManageConnectionInvitations', 'ListConnectionInvitations', 'ManageNetworkInterfaces']);
    expect(all[4]).toEqual({ Sid: 'ManageNetworkInterfaces', Effect: 'Allow', Action: NETWORK_INTERFACE_ACTIONS, Resource: '*' });
    expect(NETWORK_INTERFACE_ACTIONS).toEqual([
      'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets',
      'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
    ]);
    const [, role] = only(template, 'AWS::IAM::Role');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  });

  test('the role\'s policy is the same for 1 and for 40 invitations', () => {
    const policyOf = (count: number) => {
      const stack = new Stack(new App(), 'Stack');
      InvitationProvider.configure(stack, regulatedProvider(stack, { reservedConcurrentExecutions: 50 }));
      for (let i = 0; i < count; i++) invite(stack, `Invitation${i}`);
      return JSON.stringify(statements(Template.fromStack(stack)));
    };
    expect(policyOf(40)).toEqual(policyOf(1));
  });

  test('uses the security groups and subnets it is given, and makes none of its own', () => {
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const group = new ec2.SecurityGroup(stack, 'Egress', { vpc, allowAllOutbound: false });
    InvitationProvider.configure(stack, { vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [group] });
    invite(stack, 'First');
    const template = Template.fromStack(stack);
    expect(Object.keys(template.findResources('AWS::EC2::SecurityGroup'))).toEqual([expect.stringMatching(/^Egress/)]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      VpcConfig: {
        SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Egress'), 'GroupId'] }],
        SubnetIds: [{ Ref: Match.stringLikeRegexp('^VpcIsolated') }, { Ref: Match.stringLikeRegexp('^VpcIsolated') }],
      },
    });
  });

  test('a configured provider that no invitation or accepter uses: a warning with an id, none once one does', () => {
    const unused = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('for nothing'))
      .map((w) => ({ path: w.id, data: w.entry.data }));
    const idle = new Stack(new App(), 'Stack');
    InvitationProvider.configure(idle, { reservedConcurrentExecutions: 2 });
    expect(unused(idle)).toEqual([{
      path: `/Stack/${PROVIDER_ID}`,
      data: expect.stringMatching(/^The stack's provider is configured \(at Stack\) but no connection invitation or accepter of the stack uses it.*\[ack: cdk-partnercentral:providerUnused\]$/),
    }]);

    const used = new Stack(new App(), 'Stack');
    InvitationProvider.configure(used, { reservedConcurrentExecutions: 2 });
    invite(used, 'AddedAfterTheConfiguration');
    expect(unused(used)).toEqual([]);

    const accepting = new Stack(new App(), 'Stack');
    InvitationProvider.configure(accepting, { reservedConcurrentExecutions: 2 });
    new ConnectionInvitationAccepter(accepting, 'Accepter', { invitationIdentifier: 'pacinv-0123456789abc', connectionType: ConnectionType.SUBSIDIARY });
    expect(unused(accepting)).toEqual([]);
  });

  describe('the subnets the function is placed in', () => {
    const vpcWith = (stack: Stack, ...types: ec2.SubnetType[]) => new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2,
      natGateways: types.includes(ec2.SubnetType.PRIVATE_WITH_EGRESS) ? 1 : 0,
      subnetConfiguration: types.map((subnetType) => ({ name: subnetType.replace(/_/g, ''), subnetType })),
    });
    const isolatedWarnings = (stack: Stack) => Annotations.fromStack(stack)
      .findWarning('*', Match.stringLikeRegexp('isolated subnets'))
      .map((w) => ({ path: w.id, data: w.entry.data }));

    test.each<[string, ec2.SubnetType[], ec2.SubnetSelection | undefined, RegExp]>([
      ['public subnets selected', [ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS], { subnetType: ec2.SubnetType.PUBLIC },
        /^ {2}`vpcSubnets` of `vpc` Stack\/Vpc include public subnets: a Lambda function there gets no public IP address and never reaches Partner Central .*\(ec2\.SubnetType\.PRIVATE_WITH_EGRESS\)$/m],
      ['a VPC with only public subnets, by default', [ec2.SubnetType.PUBLIC], undefined,
        /^ {2}the default subnets of `vpc` Stack\/Vpc \(it has no private ones\) include public subnets/m],
      ['a selection the VPC cannot satisfy', [ec2.SubnetType.PRIVATE_ISOLATED], { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        /^ {2}`vpcSubnets` selects no subnets of `vpc` Stack\/Vpc: There are no 'Private' subnet groups in this VPC/m],
    ])('%s: an error that names the configuration, the field and the rule, before anything is made', (_name, types, vpcSubnets, message) => {
      const stack = new Stack(new App(), 'Stack');
      const vpc = vpcWith(stack, ...types);
      expect(() => InvitationProvider.configure(stack, { vpc, vpcSubnets })).toThrow(/^Invalid InvitationProvider configuration of stack Stack:\n/);
      expect(() => InvitationProvider.configure(stack, { vpc, vpcSubnets })).toThrow(message);
      expect(InvitationProvider.find(stack)).toBeUndefined();
    });

    test.each<[string, (stack: Stack) => Record<string, unknown>, string]>([
      ['a VPC id', () => ({ vpc: 'vpc-0123' }), '`vpc` must be an ec2.IVpc, got: the string "vpc-0123" (pass the construct, for example from ec2.*.from*)'],
      ['a dict for the VPC', () => ({ vpc: { vpcId: 'vpc-0123' } }), '`vpc` must be an ec2.IVpc, got: an object'],
      ['a key ARN for the environment', () => ({ environmentEncryption: 'arn:aws:kms:us-east-1:123456789012:key/abc' }), '`environmentEncryption` must be a kms.IKey, got: the string "arn:aws:kms:us-east-1:123456789012:key/abc"'],
      ['a key ARN for the log group', () => ({ logEncryptionKey: 'arn:aws:kms:us-east-1:123456789012:key/abc' }), '`logEncryptionKey` must be a kms.IKey, got: the string'],
      ['a log group name', () => ({ logGroup: '/acme/partnercentral' }), '`logGroup` must be a logs.ILogGroup, got: the string "/acme/partnercentral"'],
      ['a dict for the log group', () => ({ logGroup: { logGroupName: '/acme/partnercentral' } }), '`logGroup` must be a logs.ILogGroup, got: an object'],
      ['security group ids', (stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 1 }), securityGroups: ['sg-0123456789abcdef0'] }), '`securityGroups[0]` must be an ec2.ISecurityGroup, got: the string "sg-0123456789abcdef0"'],
      ['a subnet type as a bare string', (stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 1 }), vpcSubnets: 'PRIVATE_WITH_EGRESS' }), '`vpcSubnets` must be an ec2.SubnetSelection (such as { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }), got: a string'],
      ['a subnet type that is the enum\'s name, not its value', (stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 1 }), vpcSubnets: { subnetType: 'PRIVATE_WITH_EGRESS' } }), '`vpcSubnets.subnetType` must be an ec2.SubnetType (one of Isolated,'],
      ['subnet ids', (stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc', { natGateways: 1 }), vpcSubnets: { subnets: ['subnet-0123456789abcdef0'] } }), '`vpcSubnets.subnets[0]` must be an ec2.ISubnet, got: the string "subnet-0123456789abcdef0"'],
    ])('%s (a caller TypeScript does not check) is refused, naming the field and the type', (_name, make, message) => {
      const stack = new Stack(new App(), 'Stack');
      const props = make(stack) as InvitationProviderProps;
      expect(() => InvitationProvider.configure(stack, props)).toThrow(/^Invalid InvitationProvider configuration of stack Stack:\n/);
      expect(() => InvitationProvider.configure(stack, props)).toThrow(`  ${message}`);
      expect(InvitationProvider.find(stack)).toBeUndefined();
    });

    test('isolated subnets: a warning with an id on the provider, which an acknowledgement silences', () => {
      const stack = new Stack(new App(), 'Stack');
      InvitationProvider.configure(stack, { vpc: vpcWith(stack, ec2.SubnetType.PRIVATE_ISOLATED) });
      invite(stack, 'First');
      const warnings = isolatedWarnings(stack);
      expect(warnings).toEqual([{ path: `/Stack/${PROVIDER_ID}`, data: expect.stringMatching(/^The provider's function is placed in isolated subnets \(configured at Stack\).*\[ack: cdk-partnercentral:providerSubnetsIsolated\]$/) }]);

      const acknowledged = new Stack(new App(), 'Stack');
      InvitationProvider.configure(acknowledged, { vpc: vpcWith(acknowledged, ec2.SubnetType.PRIVATE_ISOLATED) });
      invite(acknowledged, 'First');
      AwsAnnotations.of(acknowledged).acknowledgeWarning('cdk-partnercentral:providerSubnetsIsolated', 'a transit gateway routes HTTPS out');
      expect(isolatedWarnings(acknowledged)).toEqual([]);
    });

    test.each<[string, ec2.SubnetType[], ((vpc: ec2.Vpc) => ec2.SubnetSelection) | undefined]>([
      ['private subnets with egress', [ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS], undefined],
      ['private and isolated subnets, by default (the private ones)', [ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS, ec2.SubnetType.PRIVATE_ISOLATED], undefined],
      ['isolated and private subnets selected together', [ec2.SubnetType.PUBLIC, ec2.SubnetType.PRIVATE_WITH_EGRESS, ec2.SubnetType.PRIVATE_ISOLATED],
        (vpc) => ({ subnets: [...vpc.privateSubnets, ...vpc.isolatedSubnets] })],
    ])('%s: no warning', (_name, types, select) => {
      const stack = new Stack(new App(), 'Stack');
      const vpc = vpcWith(stack, ...types);
      InvitationProvider.configure(stack, { vpc, vpcSubnets: select?.(vpc) });
      invite(stack, 'First');
      expect(isolatedWarnings(stack)).toEqual([]);
    });
  });

  test('encrypts the environment and the log group with the given keys and keeps the given retention', () => {
    const template = configuredStack().template();
    const [keyId] = only(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::Lambda::Function', { KmsKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 3653, KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
  });

  test('reserves the given concurrency', () => {
    configuredStack({ reservedConcurrentExecutions: 3 }).template()
      .hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 3 });
  });

  test('names the function with the prefix, unique in the app and within Lambda\'s 64 characters', () => {
    const app = new App();
    const stacks = ['Stack', 'AnotherStackWithAMuchLongerNameThanTheFirstOneHasGot'].map((id) => {
      const stack = new Stack(app, id);
      InvitationProvider.configure(stack, { functionNamePrefix: 'acme-partner-central-' });
      invite(stack, 'First');
      return stack;
    });
    const names = stacks.map((stack) => only(Template.fromStack(stack), 'AWS::Lambda::Function')[1].Properties.FunctionName as string);
    for (const name of names) {
      expect(name).toMatch(/^acme-partner-central-[A-Za-z0-9_-]+$/);
      expect(name.length).toBeLessThanOrEqual(64);
    }
    expect(new Set(names).size).toBe(2);
  });

  test('writes to the user\'s log group, creating none, with the log permissions on that group', () => {
    const stack = new Stack(new App(), 'Stack');
    const logGroup = new logs.LogGroup(stack, 'AuditLogs', { retention: logs.RetentionDays.TEN_YEARS, encryptionKey: logsKey(stack) });
    const provider = InvitationProvider.configure(stack, { logGroup });
    invite(stack, 'First');
    const template = Template.fromStack(stack);
    const [logGroupId] = only(template, 'AWS::Logs::LogGroup');
    expect(logGroupId).toMatch(/^AuditLogs/);
    expect(provider.logGroup).toBe(logGroup);
    template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: logGroupId } } });
    expect(JSON.stringify(statements(template)[0])).toContain(`{"Ref":"${logGroupId}"}`);
  });

  test('writes to an imported log group by its name', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    InvitationProvider.configure(stack, { logGroup: logs.LogGroup.fromLogGroupName(stack, 'Central', '/acme/partner-central') });
    invite(stack, 'First');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(statements(template)[0]).toMatchObject({
      Sid: 'WriteOwnLogs',
      Resource: [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:/acme/partner-central']] },
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:/acme/partner-central:*']] },
      ],
    });
  });

  test('tags flow to the function, its role, its log group and its security group as before', () => {
    const { stack, template } = configuredStack();
    Tags.of(stack).add('CostCenter', '42');
    const t = template();
    for (const type of ['AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::Logs::LogGroup']) {
      t.hasResourceProperties(type, { Tags: Match.arrayWith([{ Key: 'CostCenter', Value: '42' }]) });
    }
    const [, sg] = Object.entries(t.findResources('AWS::EC2::SecurityGroup')).find(([id]) => id.startsWith(PROVIDER_ID))!;
    expect(sg.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'CostCenter', Value: '42' }]));
  });

  test('synthesizes with no warning or error in the assembly', () => {
    const { stack } = configuredStack();
    expect(strictProblems((stack.node.root as App).synth())).toEqual([]);
  });
});

describe('one configuration per stack', () => {
  test('a second configuration of a stack is an error that names the first', () => {
    const stack = new Stack(new App(), 'Stack');
    const inner = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 1 });
    InvitationProvider.configure(inner, { vpc: inner });
    expect(() => InvitationProvider.configure(stack, { reservedConcurrentExecutions: 2 })).toThrow([
      'Invalid InvitationProvider configuration of stack Stack:',
      '  the stack\'s provider was already configured at Stack/Vpc: a stack\'s provider is configured once, so pass every option in one call to InvitationProvider.configure',
    ].join('\n'));
  });

  test('a configuration after the stack\'s first invitation is an error that names the invitation', () => {
    const stack = new Stack(new App(), 'Stack');
    invite(stack, 'First');
    invite(stack, 'Second');
    expect(() => InvitationProvider.configure(stack, { reservedConcurrentExecutions: 2 })).toThrow(
      'the stack\'s provider was already made with the defaults for the invitation Stack/First: '
      + 'call InvitationProvider.configure before the stack\'s first ConnectionInvitation');
  });

  test('an app or a stage is not a scope: each stack is configured', () => {
    const app = new App();
    expect(() => InvitationProvider.configure(app, {})).toThrow(/`scope` must be a stack or a construct in one/);
  });

  test('several stacks: each stack\'s provider is configured on its own', () => {
    const app = new App();
    const configured = new Stack(app, 'Configured');
    const plain = new Stack(app, 'Plain');
    InvitationProvider.configure(configured, { reservedConcurrentExecutions: 4 });
    invite(configured, 'First');
    invite(plain, 'First');
    Template.fromStack(configured).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 4 });
    Template.fromStack(plain).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
  });

  test('nested stacks: a nested stack\'s invitations use its own provider, configured apart from its parent\'s', () => {
    const app = new App();
    const parent = new Stack(app, 'Parent');
    InvitationProvider.configure(parent, { reservedConcurrentExecutions: 4 });
    invite(parent, 'First');
    const plain = new NestedStack(parent, 'Plain');
    invite(plain, 'InPlain');
    const configured = new NestedStack(parent, 'Configured');
    InvitationProvider.configure(configured, { reservedConcurrentExecutions: 2 });
    invite(configured, 'InConfigured');

    expect(InvitationProvider.find(plain)).not.toBe(InvitationProvider.find(parent));
    Template.fromStack(parent).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 4 });
    Template.fromStack(plain).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    Template.fromStack(configured).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 2 });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['subnets without a VPC', { vpcSubnets: { subnetType: 'Private' } }, '`vpcSubnets` applies only with `vpc`: set `vpc` too, or remove `vpcSubnets`'],
    ['security groups without a VPC', { securityGroups: [] }, '`securityGroups` applies only with `vpc`: set `vpc` too, or remove `securityGroups`'],
    ['a log group and a retention', { logGroup: {}, logRetention: 7 }, '`logRetention` applies to the provider\'s own log group, not with `logGroup`: set the retention on your log group instead'],
    ['a log group and a log key', { logGroup: {}, logEncryptionKey: {} }, '`logEncryptionKey` applies to the provider\'s own log group, not with `logGroup`: set the key on your log group instead'],
    ['a retention that is not a RetentionDays value', { logRetention: 8 }, '`logRetention` must be one of the logs.RetentionDays values (1, 3, 5, 7, 14, 30,'],
    ['a retention given as a string', { logRetention: '7' }, '`logRetention` must be a logs.RetentionDays (a number), got: a string'],
    ['a reservation of 0', { reservedConcurrentExecutions: 0 }, '`reservedConcurrentExecutions` must be a whole number of at least 1 (0 would keep the function from ever running'],
    ['a fractional reservation', { reservedConcurrentExecutions: 1.5 }, 'got: 1.5'],
    ['a reservation given as a string', { reservedConcurrentExecutions: '5' }, '`reservedConcurrentExecutions` must be a whole number (a number), got: a string'],
    ['a prefix with a space', { functionNamePrefix: 'acme partner' }, '`functionNamePrefix` must be 1 to 32 letters, digits, hyphens and underscores (Lambda allows 64 characters in a function name, and the rest makes it unique), got: "acme partner"'],
    ['an empty prefix', { functionNamePrefix: '' }, '`functionNamePrefix` must be 1 to 32'],
    ['a prefix of 33 characters', { functionNamePrefix: 'a'.repeat(33) }, '`functionNamePrefix` must be 1 to 32'],
    ['a prefix that is a token', { functionNamePrefix: Token.asString({ Ref: 'Prefix' }) }, '`functionNamePrefix` must be known at synth time (not a token)'],
  ])('%s is refused before anything is made', (_name, props, message) => {
    const stack = new Stack(new App(), 'Stack');
    const vpcOptional = props as InvitationProviderProps;
    expect(() => InvitationProvider.configure(stack, vpcOptional)).toThrow(message);
    expect(() => InvitationProvider.configure(stack, vpcOptional)).toThrow(/^Invalid InvitationProvider configuration of stack Stack:\n {2}`/);
    expect(InvitationProvider.find(stack)).toBeUndefined();
  });

  test('every problem of the props is reported at once', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => InvitationProvider.configure(stack, { securityGroups: [], reservedConcurrentExecutions: 0 })).toThrow([
      'Invalid InvitationProvider configuration of stack Stack:',
      '  `securityGroups` applies only with `vpc`: set `vpc` too, or remove `securityGroups`',
      '  `securityGroups` must name at least one security group (leave it unset for the provider\'s own)',
      '  `reservedConcurrentExecutions` must be a whole number of at least 1',
    ].join('\n'));
  });
});

describe('the deprecated logRetention of an invitation', () => {
  test('still sets the provider\'s retention, with a warning that has an id', () => {
    const stack = new Stack(new App(), 'Stack');
    const invitation = invite(stack, 'First', { logRetention: logs.RetentionDays.ONE_WEEK });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    const warnings = Annotations.fromStack(stack).findWarning(`/${invitation.node.path}`, Match.stringLikeRegexp('logRetention'));
    expect(warnings.map((w) => w.entry.data)).toEqual([
      expect.stringMatching(/^`logRetention` of ConnectionInvitation is deprecated: configure the stack's provider once with InvitationProvider\.configure\(stack, \{ logRetention \}\).*\[ack: cdk-partnercentral:logRetentionDeprecated\]$/),
    ]);
  });

  test('agrees with a configured retention of the same value', () => {
    const stack = new Stack(new App(), 'Stack');
    InvitationProvider.configure(stack, { logRetention: logs.RetentionDays.ONE_WEEK });
    invite(stack, 'First', { logRetention: logs.RetentionDays.ONE_WEEK });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  test('that differs from the configured retention is an error', () => {
    const stack = new Stack(new App(), 'Stack');
    InvitationProvider.configure(stack, { logRetention: logs.RetentionDays.ONE_MONTH });
    expect(() => invite(stack, 'First', { logRetention: logs.RetentionDays.ONE_WEEK })).toThrow([
      'Invalid ConnectionInvitation Stack/First:',
      '  `logRetention` of Stack/First (7 days) differs from that of the provider configured at Stack (30 days): '
        + 'remove logRetention from the invitation (it is deprecated in favour of the configuration)',
    ].join('\n'));
  });

  test('with a configured log group is an error', () => {
    const stack = new Stack(new App(), 'Stack');
    InvitationProvider.configure(stack, { logGroup: new logs.LogGroup(stack, 'Logs') });
    expect(() => invite(stack, 'First', { logRetention: logs.RetentionDays.ONE_WEEK })).toThrow(
      '`logRetention` of Stack/First cannot apply: the stack\'s provider writes to the log group given to InvitationProvider.configure at Stack, whose retention is its own: remove logRetention');
  });
});

describe('reserved concurrency below the number of invitations', () => {
  function warnings(reserved: number, invitations: number): string[] {
    const stack = new Stack(new App(), 'Stack');
    InvitationProvider.configure(stack, { reservedConcurrentExecutions: reserved });
    for (let i = 0; i < invitations; i++) invite(stack, `Invitation${i}`);
    return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => `${w.id}: ${w.entry.data}`);
  }

  test('warns once, on the provider, naming the reservation and what a queued create does', () => {
    expect(warnings(2, 5)).toEqual([
      expect.stringMatching(new RegExp(`^/Stack/${PROVIDER_ID}: The stack has more connection invitations and accepters than the `
        + 'provider\'s reservedConcurrentExecutions \\(2, configured at Stack\\).*more than 60 s after CloudFormation issued it fails without sending '
        + `anything.*\\[ack: ${CONCURRENCY_WARNING}\\]$`)),
    ]);
  });

  test('does not warn when every invitation fits', () => {
    expect(warnings(3, 3)).toEqual([]);
  });

  test('counts the accepters, which run on the same function: one invitation and two accepters outnumber a reservation of 2', () => {
    const concurrencyWarnings = (accepters: number) => {
      const stack = new Stack(new App(), 'Stack');
      InvitationProvider.configure(stack, { reservedConcurrentExecutions: 2 });
      invite(stack, 'First');
      for (let i = 0; i < accepters; i++) new ConnectionInvitationAccepter(stack, `Accept${i}`, { invitationIdentifier: `pacinv-0123456789ab${i}` });
      return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('reservedConcurrentExecutions')).map((w) => w.entry.data);
    };
    expect(concurrencyWarnings(1)).toEqual([]);
    expect(concurrencyWarnings(2))
      .toEqual([expect.stringContaining(`invitations and accepters, or leave it unset. [ack: ${CONCURRENCY_WARNING}]`)]);
  });
});

test('the rehearsal plays a VPC-configured stack', async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpc-app-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Regulated');
  InvitationProvider.configure(stack, regulatedProvider(stack));
  invite(stack, 'First');
  invite(stack, 'Second');
  app.synth();
  const result = await rehearse({ assemblyDir: outdir, handlerPath: HANDLER });
  expect(result.error).toBeUndefined();
  expect(result.ok).toBe(true);
  expect(result.stacks.flatMap((s) => s.invitations.map((i) => i.invitationId))).toEqual([
    expect.stringMatching(/^pacinv-/), expect.stringMatching(/^pacinv-/),
  ]);
});
