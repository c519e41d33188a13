import { App, CfnOutput, CfnParameter, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  Catalog,
  ConnectionInvitation,
  ConnectionInvitationBase,
  ConnectionInvitationProps,
  ConnectionType,
} from '../src';
import { SANDBOX_INVITATION } from './support/apps';
import { latestNodeRuntime } from '../src/private/node-runtime';
import { PROVIDER_ID } from '../src/private/provider';

const INVITATION_TYPE = 'Custom::PartnerCentralConnectionInvitation';
const ARN = 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-0123456789abc';

const PROPS: ConnectionInvitationProps = SANDBOX_INVITATION;

function newStack(id = 'Stack', app = new App()): Stack {
  return new Stack(app, id);
}

function invite(stack: Stack, id = 'Invitation', overrides: Partial<ConnectionInvitationProps> = {}): ConnectionInvitation {
  return new ConnectionInvitation(stack, id, { ...PROPS, ...overrides });
}

/**
 * An invitation to a receiver of its own (named after the construct id): a stack may hold one
 * invitation per receiver, catalog and connection type.
 */
function inviteOwnReceiver(stack: Stack, id: string, overrides: Partial<ConnectionInvitationProps> = {}): ConnectionInvitation {
  return invite(stack, id, { receiverIdentifier: `pprofile-${id}`, ...overrides });
}

/** The only resource of a type in a template: its logical id and definition. */
function only(template: Template, type: string): [string, any] {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The role's inline policy statement with the given Sid. */
/** The invitation ARN pattern of a catalog in an environment-agnostic stack, as the template renders it. */
function invitationArns(catalog: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:partnercentral:us-east-1::catalog/${catalog}/connection-invitation/*`]] };
}

function statement(template: Template, sid: string): any {
  const [, role] = only(template, 'AWS::IAM::Role');
  const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
  const matches = statements.filter((s: any) => s.Sid === sid);
  expect(matches).toHaveLength(1);
  return matches[0];
}

describe('the custom resource', () => {
  test('carries the props as the API input members, with a 5-minute service timeout', () => {
    const stack = newStack();
    invite(stack);
    const template = Template.fromStack(stack);

    const [fnId] = only(template, 'AWS::Lambda::Function');
    template.hasResourceProperties(INVITATION_TYPE, {
      ServiceToken: { 'Fn::GetAtt': [fnId, 'Arn'] },
      ServiceTimeout: '300',
      Catalog: 'Sandbox',
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      ReceiverIdentifier: 'pprofile-0123456789abc',
      Email: 'alliances@example.com',
      Name: 'Pat Example',
      Message: 'Let us co-sell on opportunities.',
      ClientToken: Match.absent(),
    });
    const [, resource] = only(template, INVITATION_TYPE);
    expect(Object.keys(resource.Properties).sort()).toEqual([
      'Catalog', 'ConnectionType', 'Email', 'Message', 'Name', 'ReceiverIdentifier', 'ServiceTimeout', 'ServiceToken',
    ]);
  });

  test('defaults to the AWS catalog', () => {
    const stack = newStack();
    new ConnectionInvitation(stack, 'Invitation', { ...PROPS, catalog: undefined });
    Template.fromStack(stack).hasResourceProperties(INVITATION_TYPE, { Catalog: 'AWS' });
  });

  test('sends ClientToken only when it is set', () => {
    const stack = newStack();
    invite(stack, 'Invitation', { clientToken: 'pinned_token-1' });
    Template.fromStack(stack).hasResourceProperties(INVITATION_TYPE, { ClientToken: 'pinned_token-1' });
  });

  test('is ordered after the role that holds the handler policy through the function alone', () => {
    const stack = newStack();
    invite(stack);
    const template = Template.fromStack(stack);
    const [roleId, role] = only(template, 'AWS::IAM::Role');
    // the policy is inline in the role: it exists as soon as the role does
    expect(Object.keys(template.findResources('AWS::IAM::Policy'))).toEqual([]);
    expect(role.Properties.Policies).toHaveLength(1);
    const [, fn] = only(template, 'AWS::Lambda::Function');
    const [, resource] = only(template, INVITATION_TYPE);
    // No DependsOn (cfn-lint W3005): the function's Role is the role's ARN, and the policy is inline.
    expect(fn.DependsOn).toBeUndefined();
    expect(fn.Properties.Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    // No DependsOn of its own (cfn-lint W3005): its ServiceToken is the function's ARN.
    expect(resource.DependsOn).toBeUndefined();
    expect(resource.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
  });

  test('exposes the id as Ref and every other attribute as Fn::GetAtt of its Data key', () => {
    const stack = newStack();
    const invitation = invite(stack);
    const [logicalId] = only(Template.fromStack(stack), INVITATION_TYPE);
    const getAtt = (key: string) => ({ 'Fn::GetAtt': [logicalId, key] });

    expect(stack.resolve(invitation.connectionInvitationId)).toEqual({ Ref: logicalId });
    expect(stack.resolve({
      arn: invitation.connectionInvitationArn,
      status: invitation.connectionInvitationStatus,
      catalog: invitation.connectionInvitationCatalog,
      connectionType: invitation.connectionInvitationConnectionType,
      createdAt: invitation.connectionInvitationCreatedAt,
      updatedAt: invitation.connectionInvitationUpdatedAt,
      expiresAt: invitation.connectionInvitationExpiresAt,
      connectionId: invitation.connectionInvitationConnectionId,
      other: invitation.connectionInvitationOtherParticipantIdentifier,
      participantType: invitation.connectionInvitationParticipantType,
      inviterEmail: invitation.connectionInvitationInviterEmail,
      inviterName: invitation.connectionInvitationInviterName,
    })).toEqual({
      arn: getAtt('Arn'),
      status: getAtt('Status'),
      catalog: getAtt('Catalog'),
      connectionType: getAtt('ConnectionType'),
      createdAt: getAtt('CreatedAt'),
      updatedAt: getAtt('UpdatedAt'),
      expiresAt: getAtt('ExpiresAt'),
      connectionId: getAtt('ConnectionId'),
      other: getAtt('OtherParticipantIdentifier'),
      participantType: getAtt('ParticipantType'),
      inviterEmail: getAtt('InviterEmail'),
      inviterName: getAtt('InviterName'),
    });
    expect(invitation.catalog).toBe(Catalog.SANDBOX);
  });
});

describe('the provider', () => {
  test('is a Node.js 22+ arm64 function of 256 MB with a 2-minute timeout and its own log group', () => {
    const stack = newStack();
    invite(stack);
    const template = Template.fromStack(stack);
    const [logGroupId] = only(template, 'AWS::Logs::LogGroup');
    const [roleId] = only(template, 'AWS::IAM::Role');

    const runtime = latestNodeRuntime().name;
    expect(Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1])).toBeGreaterThanOrEqual(22);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: runtime,
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 120,
      Handler: 'index.handler',
      Role: { 'Fn::GetAtt': [roleId, 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: logGroupId } },
      ReservedConcurrentExecutions: Match.absent(),
      Environment: Match.absent(),
    });
  });

  test('keeps its logs a year by default, and retains them with the stack gone', () => {
    const stack = newStack();
    invite(stack);
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('takes the log retention of the invitations that set one', () => {
    const stack = newStack();
    inviteOwnReceiver(stack, 'First');
    inviteOwnReceiver(stack, 'Second', { logRetention: logs.RetentionDays.ONE_WEEK });
    inviteOwnReceiver(stack, 'Third', { logRetention: logs.RetentionDays.ONE_WEEK });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  test('omits the retention when logs never expire', () => {
    const stack = newStack();
    invite(stack, 'Invitation', { logRetention: logs.RetentionDays.INFINITE });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: Match.absent() });
  });

  test('refuses a second invitation to the same receiver, catalog and connection type in a stack', () => {
    const stack = newStack();
    invite(stack, 'First');
    expect(() => invite(stack, 'Second', { message: 'Another wording.' })).toThrow(
      'Stack/Second invites pprofile-0123456789abc (OPPORTUNITY_COLLABORATION, catalog Sandbox) as Stack/First already does: '
      + 'Partner Central accepts one pending invitation per receiver, catalog and connection type, so declare one invitation per receiver');
  });

  test('accepts the same receiver in another catalog, another stack, or behind a token', () => {
    const app = new App();
    const stack = newStack('Stack', app);
    invite(stack, 'Production', { catalog: Catalog.AWS });
    invite(stack, 'Sandbox', { catalog: Catalog.SANDBOX });
    invite(newStack('Other', app), 'Sandbox', { catalog: Catalog.SANDBOX });
    const receiver = new CfnParameter(stack, 'Receiver').valueAsString;
    invite(stack, 'FromParameterA', { receiverIdentifier: receiver });
    invite(stack, 'FromParameterB', { receiverIdentifier: receiver });
    Template.fromStack(stack).resourceCountIs(INVITATION_TYPE, 4);
  });

  test('refuses two different log retentions in one stack, naming both invitations', () => {
    const stack = newStack();
    inviteOwnReceiver(stack, 'First', { logRetention: logs.RetentionDays.ONE_MONTH });
    expect(() => inviteOwnReceiver(stack, 'Second', { logRetention: logs.RetentionDays.ONE_WEEK }))
      .toThrow(/`logRetention` of Stack\/Second \(7 days\) differs from that of Stack\/First \(30 days\)/);
  });

  test('has a role with no managed policy, assumed by Lambda, writing only to its own log group', () => {
    const stack = newStack();
    invite(stack);
    const template = Template.fromStack(stack);
    const [logGroupId] = only(template, 'AWS::Logs::LogGroup');

    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
      },
      ManagedPolicyArns: Match.absent(),
    });
    const logArn = (suffix: string[]) => ({
      'Fn::Join': ['', [
        'arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
        ':log-group:', { Ref: logGroupId }, ...suffix,
      ]],
    });
    expect(statement(template, 'WriteOwnLogs')).toEqual({
      Sid: 'WriteOwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [logArn([]), logArn([':*'])],
    });
  });

  test('is one function for every invitation of a stack, allowed exactly the catalogs they use', () => {
    const stack = newStack();
    inviteOwnReceiver(stack, 'A', { catalog: Catalog.SANDBOX });
    inviteOwnReceiver(stack, 'B', { catalog: Catalog.AWS });
    inviteOwnReceiver(stack, 'C', { catalog: Catalog.of('Sandbox') });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs(INVITATION_TYPE, 3);
    expect(statement(template, 'SendConnectionInvitations')).toEqual({
      Sid: 'SendConnectionInvitations',
      Effect: 'Allow',
      Action: 'partnercentral:CreateConnectionInvitation',
      Resource: '*',
      Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Sandbox'] } },
    });
    // Get and Cancel take the ConnectionInvitation resource type (Service Authorization
    // Reference): the invitation ARNs of each spelling of each catalog, in us-east-1 whatever
    // the stack's region (ARN matching is case-sensitive, the condition is not).
    expect(statement(template, 'ManageConnectionInvitations')).toEqual({
      Sid: 'ManageConnectionInvitations',
      Effect: 'Allow',
      Action: ['partnercentral:GetConnectionInvitation', 'partnercentral:CancelConnectionInvitation'],
      Resource: ['AWS', 'SANDBOX', 'Sandbox', 'aws', 'sandbox'].map(invitationArns),
      Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Sandbox'] } },
    });
    // List takes no resource type, like Create.
    expect(statement(template, 'ListConnectionInvitations')).toEqual({
      Sid: 'ListConnectionInvitations',
      Effect: 'Allow',
      Action: 'partnercentral:ListConnectionInvitations',
      Resource: '*',
      Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Sandbox'] } },
    });
  });

  test('scopes Get and Cancel to every spelling of a catalog written in any case, in us-east-1 whatever the stack\'s region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    invite(stack, 'A', { catalog: Catalog.of('sandbox') });
    invite(stack, 'B', { catalog: Catalog.of('Partner-Test') });
    const template = Template.fromStack(stack);
    expect(statement(template, 'ManageConnectionInvitations').Resource).toEqual(
      ['AWS', 'PARTNER-TEST', 'Partner-Test', 'SANDBOX', 'Sandbox', 'aws', 'partner-test', 'sandbox'].map(invitationArns));
    expect(statement(template, 'ManageConnectionInvitations').Condition)
      .toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Partner-Test', 'Sandbox', 'sandbox'] } });
    expect(statement(template, 'SendConnectionInvitations').Condition)
      .toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['Partner-Test', 'sandbox'] } });
  });

  test('scopes Get and Cancel of a token catalog to its value as written, beside the documented spellings', () => {
    const stack = newStack();
    const param = new CfnParameter(stack, 'Catalog', { type: 'String' });
    invite(stack, 'A', { catalog: Catalog.of(param.valueAsString) });
    const template = Template.fromStack(stack);
    expect(statement(template, 'ManageConnectionInvitations').Resource).toEqual(expect.arrayContaining([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':partnercentral:us-east-1::catalog/', { Ref: 'Catalog' }, '/connection-invitation/*']] },
      ...['AWS', 'SANDBOX', 'Sandbox', 'aws', 'sandbox'].map(invitationArns),
    ]));
    expect(statement(template, 'ManageConnectionInvitations').Resource).toHaveLength(6);
  });

  test('sends only in the stack\'s catalogs, but may still read and cancel in the documented ones', () => {
    // CloudFormation updates the role before the cleanup Delete of an invitation that moved to
    // another catalog (or was the last of its catalog): that Delete must still be allowed.
    const stack = newStack();
    invite(stack, 'A', { catalog: Catalog.AWS });
    invite(stack, 'B', { catalog: Catalog.of('Partner-Test') });
    const template = Template.fromStack(stack);
    expect(statement(template, 'SendConnectionInvitations').Condition)
      .toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Partner-Test'] } });
    expect(statement(template, 'ManageConnectionInvitations').Condition)
      .toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Partner-Test', 'Sandbox'] } });
  });

  test('has a policy that does not grow with the number of invitations', () => {
    const policy = (count: number, catalogs: Catalog[]) => {
      const stack = newStack();
      for (let i = 0; i < count; i++) {
        inviteOwnReceiver(stack, `Invitation${i}`, { catalog: catalogs[i % catalogs.length] });
      }
      const [, role] = only(Template.fromStack(stack), 'AWS::IAM::Role');
      return JSON.stringify(role.Properties.Policies);
    };
    expect(policy(50, [Catalog.SANDBOX]).length).toBe(policy(1, [Catalog.SANDBOX]).length);
    expect(policy(50, [Catalog.SANDBOX])).toEqual(policy(1, [Catalog.SANDBOX]));
    expect(policy(50, [Catalog.AWS, Catalog.SANDBOX])).toEqual(policy(2, [Catalog.SANDBOX, Catalog.AWS]));
  });

  test('is one per stack: two stacks get two providers', () => {
    const app = new App();
    const first = newStack('First', app);
    const second = newStack('Second', app);
    inviteOwnReceiver(first, 'A');
    inviteOwnReceiver(second, 'B', { catalog: Catalog.AWS, logRetention: logs.RetentionDays.ONE_WEEK });
    inviteOwnReceiver(second, 'C', { catalog: Catalog.AWS });

    const t1 = Template.fromStack(first);
    const t2 = Template.fromStack(second);
    t1.resourceCountIs('AWS::Lambda::Function', 1);
    t2.resourceCountIs('AWS::Lambda::Function', 1);
    expect(first.node.tryFindChild(PROVIDER_ID)).toBeDefined();
    expect(second.node.tryFindChild(PROVIDER_ID)).toBeDefined();
    expect(statement(t1, 'SendConnectionInvitations').Condition).toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['Sandbox'] } });
    expect(statement(t2, 'SendConnectionInvitations').Condition).toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS'] } });
    t1.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    t2.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  test('refuses a stack whose provider id is taken by another construct', () => {
    const stack = newStack();
    new CfnParameter(stack, PROVIDER_ID);
    expect(() => invite(stack)).toThrow(/Stack\/PartnerCentralConnectionInvitationProvider is reserved/);
  });
});

describe('removal policy', () => {
  test('defaults to Delete, which cancels a pending invitation: CloudFormation\'s default, left out of the template', () => {
    const stack = newStack();
    invite(stack);
    Template.fromStack(stack).hasResource(INVITATION_TYPE, { DeletionPolicy: Match.absent(), UpdateReplacePolicy: Match.absent() });
  });

  test('applyRemovalPolicy(DESTROY) after RETAIN goes back to the default', () => {
    const stack = newStack();
    const invitation = invite(stack, 'Invitation', { removalPolicy: RemovalPolicy.RETAIN });
    invitation.applyRemovalPolicy(RemovalPolicy.DESTROY);
    Template.fromStack(stack).hasResource(INVITATION_TYPE, { DeletionPolicy: Match.absent(), UpdateReplacePolicy: Match.absent() });
  });

  test('RETAIN becomes Retain', () => {
    const stack = newStack();
    invite(stack, 'Invitation', { removalPolicy: RemovalPolicy.RETAIN });
    Template.fromStack(stack).hasResource(INVITATION_TYPE, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('RETAIN_ON_UPDATE_OR_DELETE becomes RetainExceptOnCreate', () => {
    const stack = newStack();
    invite(stack, 'Invitation', { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE });
    Template.fromStack(stack).hasResource(INVITATION_TYPE, { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' });
  });

  test('applyRemovalPolicy sets it after construction, and refuses SNAPSHOT too', () => {
    const stack = newStack();
    const invitation = invite(stack);
    invitation.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Template.fromStack(stack).hasResource(INVITATION_TYPE, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(() => invitation.applyRemovalPolicy(RemovalPolicy.SNAPSHOT)).toThrow(/`removalPolicy` must be DESTROY/);
  });

  test('SNAPSHOT is refused', () => {
    expect(() => invite(newStack(), 'Invitation', { removalPolicy: RemovalPolicy.SNAPSHOT }))
      .toThrow(/`removalPolicy` must be DESTROY \(cancel a pending invitation\), RETAIN or RETAIN_ON_UPDATE_OR_DELETE \(leave it\).*got: SNAPSHOT/);
  });
});

describe('service timeout', () => {
  test.each([
    [Duration.seconds(150), '150'],
    [Duration.minutes(10), '600'],
    [Duration.hours(1), '3600'],
  ])('%s is sent as ServiceTimeout', (serviceTimeout, expected) => {
    const stack = newStack();
    invite(stack, 'Invitation', { serviceTimeout });
    Template.fromStack(stack).hasResourceProperties(INVITATION_TYPE, { ServiceTimeout: expected });
  });

  test.each([
    [Duration.seconds(149), '149'],
    [Duration.minutes(1), '60'],
    [Duration.seconds(3601), '3601'],
    [Duration.hours(2), '7200'],
  ])('%s is refused', (serviceTimeout, shown) => {
    expect(() => invite(newStack(), 'Invitation', { serviceTimeout }))
      .toThrow(`\`serviceTimeout\` must be between 150 seconds (the handler's timeout of 2 minutes plus 30 seconds) and 3600 seconds (one hour), got: ${shown} seconds`);
  });

  test('a fraction of a second is refused (CloudFormation takes whole seconds)', () => {
    expect(() => invite(newStack(), 'Invitation', { serviceTimeout: Duration.millis(150_500) }))
      .toThrow('`serviceTimeout` must be a whole number of seconds, got: 150.5 seconds');
  });
});

describe('validation', () => {
  test.each<[string, Partial<ConnectionInvitationProps>, string]>([
    ['a bad e-mail', { email: 'x' }, '`email` must be a valid e-mail address, got: "x"'],
    ['a 321-character e-mail', { email: `${'a'.repeat(309)}@example.com` }, '`email` must be 1 to 320 characters long (got 321), got: "aaaa'],
    ['a 257-character message', { message: 'm'.repeat(257) }, '`message` must be 1 to 256 characters long (got 257), got: "mmm'],
    ['an empty message', { message: '' }, '`message` must be 1 to 256 characters long (got 0), got: ""'],
    ['a message with a tab', { message: 'a\tb' }, '`message` must be printable characters and newlines (no tabs or other control characters), got: "a\\tb"'],
    ['a name with a newline', { name: 'Pat\nExample' }, '`name` must be printable characters (no newlines, tabs or other control characters), got: "Pat\\nExample"'],
    ['an 81-character name', { name: 'n'.repeat(81) }, '`name` must be 1 to 80 characters long (got 81)'],
    ['a bad receiver', { receiverIdentifier: 'pprofile 1' }, '`receiverIdentifier` must be letters, digits and hyphens, got: "pprofile 1"'],
    ['SUBSIDIARY with a profile id',
      { connectionType: ConnectionType.SUBSIDIARY, receiverIdentifier: 'pprofile-0123456789abc' },
      '`receiverIdentifier` must be a 12-digit AWS account id when the connection type is SUBSIDIARY, got: "pprofile-0123456789abc"'],
    ['SUBSIDIARY with an 11-digit account', { connectionType: ConnectionType.SUBSIDIARY, receiverIdentifier: '12345678901' },
      '`receiverIdentifier` must be a 12-digit AWS account id when the connection type is SUBSIDIARY, got: "12345678901"'],
    ['a bad client token', { clientToken: 'no.dots' }, '`clientToken` must be letters, digits, hyphens and underscores, got: "no.dots"'],
    ['a 65-character client token', { clientToken: 't'.repeat(65) }, '`clientToken` must be 1 to 64 characters long (got 65)'],
    ['an unknown connection type', { connectionType: 'FRIENDSHIP' as ConnectionType },
      '`connectionType` must be one of OPPORTUNITY_COLLABORATION, SUBSIDIARY, got: "FRIENDSHIP"'],
  ])('refuses %s', (_what, overrides, message) => {
    expect(() => invite(newStack(), 'Invitation', overrides)).toThrow(message);
  });

  test('refuses a bad catalog name with the invitation\'s other problems, naming the invitation', () => {
    const catalog = Catalog.of('Prod!');
    expect(Catalog.isCatalog(catalog)).toBe(true);
    const stack = new Stack(new App(), 'Partners');
    expect(() => invite(stack, 'Acme', { catalog, email: 'x' })).toThrow([
      'Invalid ConnectionInvitation Partners/Acme:',
      '  `catalog` must be letters, digits and hyphens, got: "Prod!"',
      '  `email` must be a valid e-mail address, got: "x"',
    ].join('\n'));
  });

  test('names the invitation among many in the stack', () => {
    const stack = newStack();
    for (let i = 0; i < 20; i++) inviteOwnReceiver(stack, `Invitation${i}`);
    expect(() => inviteOwnReceiver(stack, 'Invitation20', { message: '' }))
      .toThrow(/^Invalid ConnectionInvitation Stack\/Invitation20:\n {2}`message` must be 1 to 256 characters long/);
  });

  test('lists every problem on its own line, and creates nothing', () => {
    const stack = newStack();
    let error: Error | undefined;
    try {
      invite(stack, 'Invitation', { email: 'x', name: '', serviceTimeout: Duration.seconds(10), removalPolicy: RemovalPolicy.SNAPSHOT });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message.split('\n')).toEqual([
      'Invalid ConnectionInvitation Stack/Invitation:',
      '  `email` must be a valid e-mail address, got: "x"',
      '  `name` must be 1 to 80 characters long (got 0), got: ""',
      expect.stringMatching(/^ {2}`removalPolicy` must be/),
      expect.stringMatching(/^ {2}`serviceTimeout` must be/),
    ]);
    expect(stack.node.tryFindChild(PROVIDER_ID)).toBeUndefined();
  });

  test.each([
    ['a message with newlines', { message: 'Hello,\nlet us co-sell.\n' }],
    ['a 256-character message', { message: 'é'.repeat(256) }],
    ['a 320-character e-mail', { email: `${'a'.repeat(308)}@example.com` }],
    ['SUBSIDIARY with an account id', { connectionType: ConnectionType.SUBSIDIARY, receiverIdentifier: '123456789012' }],
    ['a custom catalog', { catalog: Catalog.of('Partner-Test-1') }],
  ])('accepts %s', (_what, overrides: Partial<ConnectionInvitationProps>) => {
    const stack = newStack();
    invite(stack, 'Invitation', overrides);
    Template.fromStack(stack).resourceCountIs(INVITATION_TYPE, 1);
  });

  test('lets tokens through unvalidated, to the template', () => {
    const stack = newStack();
    const param = (id: string) => new CfnParameter(stack, id).valueAsString;
    invite(stack, 'Invitation', {
      connectionType: ConnectionType.SUBSIDIARY,
      email: param('Email'),
      receiverIdentifier: param('Receiver'),
      message: param('Message'),
      name: param('Name'),
      clientToken: param('Token'),
      catalog: Catalog.of(Lazy.string({ produce: () => 'Sandbox' })),
      serviceTimeout: Duration.seconds(Lazy.number({ produce: () => 60 })),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties(INVITATION_TYPE, {
      Email: { Ref: 'Email' },
      ReceiverIdentifier: { Ref: 'Receiver' },
      Message: { Ref: 'Message' },
      Name: { Ref: 'Name' },
      ClientToken: { Ref: 'Token' },
      Catalog: 'Sandbox',
      ServiceTimeout: '60',
    });
    expect(statement(template, 'SendConnectionInvitations').Condition)
      .toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['Sandbox'] } });
  });
});

describe('the shared base and isConnectionInvitation', () => {
  test('an invitation and an import share ConnectionInvitationBase; only the invitation is a ConnectionInvitation', () => {
    const stack = newStack();
    const invitation = invite(stack);
    const imported = ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', ARN);
    expect(invitation).toBeInstanceOf(ConnectionInvitationBase);
    expect(imported).toBeInstanceOf(ConnectionInvitationBase);
    expect(ConnectionInvitation.isConnectionInvitation(invitation)).toBe(true);
    expect(ConnectionInvitation.isConnectionInvitation(imported)).toBe(false);
    expect(ConnectionInvitation.isConnectionInvitation(stack)).toBe(false);
    expect(ConnectionInvitation.isConnectionInvitation(undefined)).toBe(false);
    expect(ConnectionInvitation.isConnectionInvitation({})).toBe(false);
  });

  test('the grants of both are the same statement shape', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    invite(stack).grantRead(role);
    ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', ARN).grantRead(role);
    const [, policy] = only(Template.fromStack(stack), 'AWS::IAM::Policy');
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    for (const s of statements) {
      expect(Object.keys(s).sort()).toEqual(['Action', 'Condition', 'Effect', 'Resource']);
      expect(s.Action).toBe('partnercentral:GetConnectionInvitation');
      expect(s.Condition).toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'Sandbox' } });
    }
    expect(statements[1].Resource).toBe(ARN);
  });
});

describe('imports and grants', () => {
  test('a grant names the invitation ARN for the actions that take one, and * for Create and List, which take none', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', ARN).grant(role,
      'partnercentral:GetConnectionInvitation', 'partnercentral:CancelConnectionInvitation', 'partnercentral:ListConnectionInvitations');
    const [, policy] = only(Template.fromStack(stack), 'AWS::IAM::Policy');
    const condition = { StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'Sandbox' } };
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['partnercentral:GetConnectionInvitation', 'partnercentral:CancelConnectionInvitation'], Resource: ARN, Condition: condition },
      { Effect: 'Allow', Action: 'partnercentral:ListConnectionInvitations', Resource: '*', Condition: condition },
    ]);
  });

  test('an ARN literal is parsed into id and catalog', () => {
    const stack = newStack();
    const imported = ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', ARN);
    expect(imported.connectionInvitationArn).toBe(ARN);
    expect(imported.connectionInvitationId).toBe('pacinv-0123456789abc');
    expect(imported.catalog.name).toBe('Sandbox');
    // an import creates nothing
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test.each([
    'pacinv-0123456789abc',
    'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-0123',
    'arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/connection-invitation/pacinv-0123456789abc',
    'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pacinv-0123456789abc',
  ])('a malformed ARN is refused: %s', (arn) => {
    expect(() => ConnectionInvitation.fromConnectionInvitationArn(newStack(), 'Imported', arn))
      .toThrow(`\`connectionInvitationArn\` must be a connection invitation ARN such as arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abc, got: ${JSON.stringify(arn)}`);
  });

  test('a token ARN is split at deploy time', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    const imported = ConnectionInvitation.fromConnectionInvitationAttributes(stack, 'Imported', { connectionInvitationArn: arn });
    const split = { 'Fn::Split': ['/', { Ref: 'Arn' }] };
    expect(stack.resolve(imported.connectionInvitationArn)).toEqual({ Ref: 'Arn' });
    expect(stack.resolve(imported.connectionInvitationId)).toEqual({ 'Fn::Select': [3, split] });
    expect(stack.resolve(imported.catalog.name)).toEqual({ 'Fn::Select': [1, split] });
  });

  test('grantRead on an imported invitation allows GetConnectionInvitation on its ARN in its catalog', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', ARN).grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'partnercentral:GetConnectionInvitation',
          Resource: ARN,
          Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'Sandbox' } },
        }],
      },
    });
  });

  test('grantRead on an invitation of the stack uses its ARN attribute', () => {
    const stack = newStack();
    const invitation = invite(stack, 'Invitation', { catalog: Catalog.AWS });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    const grant = invitation.grantRead(role);
    expect(grant.success).toBe(true);
    const [logicalId] = only(Template.fromStack(stack), INVITATION_TYPE);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'partnercentral:GetConnectionInvitation',
          Resource: { 'Fn::GetAtt': [logicalId, 'Arn'] },
          Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'AWS' } },
        }],
      },
    });
  });

  test('grant passes other actions through', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', ARN)
      .grant(role, 'partnercentral:AcceptConnectionInvitation', 'partnercentral:RejectConnectionInvitation');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: ['partnercentral:AcceptConnectionInvitation', 'partnercentral:RejectConnectionInvitation'],
          Resource: ARN,
        })],
      },
    });
  });

  test('an attribute used in another stack of the app becomes an export and an import', () => {
    const app = new App();
    const producer = newStack('Producer', app);
    const consumer = newStack('Consumer', app);
    const invitation = invite(producer);
    new CfnOutput(consumer, 'InvitationStatus', { value: invitation.connectionInvitationStatus });
    const role = new iam.Role(consumer, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    const imported = ConnectionInvitation.fromConnectionInvitationArn(consumer, 'Imported', invitation.connectionInvitationArn);
    imported.grantRead(role);

    const producerTemplate = Template.fromStack(producer);
    const consumerTemplate = Template.fromStack(consumer);
    const [logicalId] = only(producerTemplate, INVITATION_TYPE);
    const exports = producerTemplate.findOutputs('*');
    const exportOf = (attribute: string): string => {
      const entry = Object.values(exports).find((o: any) => JSON.stringify(o.Value) === JSON.stringify({ 'Fn::GetAtt': [logicalId, attribute] }));
      expect(entry).toBeDefined();
      return (entry as any).Export.Name;
    };
    const arnImport = { 'Fn::ImportValue': exportOf('Arn') };

    consumerTemplate.hasOutput('InvitationStatus', { Value: { 'Fn::ImportValue': exportOf('Status') } });
    consumerTemplate.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'partnercentral:GetConnectionInvitation',
          Resource: arnImport,
          Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': { 'Fn::Select': [1, { 'Fn::Split': ['/', arnImport] }] } } },
        }],
      },
    });
    // the consumer holds no provider of its own
    consumerTemplate.resourceCountIs('AWS::Lambda::Function', 0);
    expect(() => app.synth()).not.toThrow();
  });
});
