import { App, Aspects, CfnResource, Stack, StackProps } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Catalog, ConnectionInvitation, ConnectionType } from '../src';
import { PROVIDER_ID } from '../src/provider';

const NAG_RULE = Match.stringLikeRegexp('AwsSolutions-.*');

/** A stack with invitations of both connection types in both catalogs. */
function invitationStack(props?: StackProps): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Invitations', props);
  new ConnectionInvitation(stack, 'SandboxPartner', {
    catalog: Catalog.SANDBOX,
    connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
    receiverIdentifier: 'pprofile-0000000000abc',
    email: 'alliances@example.com',
    name: 'Pat Example',
    message: 'Let us co-sell on opportunities.',
  });
  new ConnectionInvitation(stack, 'SandboxSubsidiary', {
    catalog: Catalog.SANDBOX,
    connectionType: ConnectionType.SUBSIDIARY,
    receiverIdentifier: '111122223333',
    email: 'seller@example.com',
    name: 'Pat Example',
    message: 'Link our Marketplace seller account.',
  });
  new ConnectionInvitation(stack, 'ProductionPartner', {
    connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
    receiverIdentifier: 'pprofile-0000000000def',
    email: 'partners@example.com',
    name: 'Pat Example',
    message: 'Let us co-sell on opportunities.',
  });
  return { app, stack };
}

function checkNag(stack: Stack): Annotations {
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  return Annotations.fromStack(stack);
}

function findings(annotations: Annotations): string[] {
  return [
    ...annotations.findError('*', NAG_RULE),
    ...annotations.findWarning('*', NAG_RULE),
  ].map((m) => `${m.id}: ${/^AwsSolutions-[A-Za-z0-9]+(\[[^\]]*\])?/.exec(String(m.entry.data))?.[0]}`);
}

describe('cdk-nag AwsSolutions', () => {
  test.each([
    ['an environment-agnostic stack', undefined],
    ['a stack with an explicit environment', { env: { account: '123456789012', region: 'eu-west-1' } }],
  ])('finds nothing to report in %s of invitations', (_name, props) => {
    const { stack } = invitationStack(props);
    expect(findings(checkNag(stack))).toEqual([]);
  });

  test('the provider suppresses exactly the two wildcard resources of its role, with reasons', () => {
    const { stack } = invitationStack();
    const template = Template.fromStack(stack);

    const roles = template.findResources('AWS::IAM::Role', { Metadata: { cdk_nag: Match.anyValue() } });
    expect(Object.keys(roles)).toHaveLength(1);
    const [roleId] = Object.keys(roles);
    expect(roleId).toMatch(new RegExp(`^${PROVIDER_ID}Role`));
    const rules = roles[roleId].Metadata.cdk_nag.rules_to_suppress;
    expect(rules.map((r: { id: string; applies_to: unknown[] }) => [r.id, r.applies_to])).toEqual([
      ['AwsSolutions-IAM5', ['Resource::*']],
      ['AwsSolutions-IAM5', [{ regex: expect.stringMatching(/^\/\^Resource::arn:.*log-group:<PartnerCentralConnectionInvitationProviderLogGroup[0-9A-F]{8}>:\\\*\$\/$/) }]],
    ]);
    for (const rule of rules) {
      expect(rule.reason.length).toBeGreaterThanOrEqual(10);
    }

    // Nothing else in the template carries suppressions.
    const suppressed = Object.keys(template.toJSON().Resources)
      .filter((id) => template.toJSON().Resources[id].Metadata?.cdk_nag !== undefined);
    expect(suppressed).toEqual([roleId]);
  });

  test('without its suppressions the provider role has exactly the two wildcard findings', () => {
    const { stack } = invitationStack();
    const role = stack.node.findChild(PROVIDER_ID).node.findChild('Role').node.defaultChild as CfnResource;
    delete role.cfnOptions.metadata?.cdk_nag;

    const found = checkNag(stack).findError('*', NAG_RULE);
    expect(found.map((m) => m.id)).toEqual([
      `/Invitations/${PROVIDER_ID}/Role/Resource`,
      `/Invitations/${PROVIDER_ID}/Role/Resource`,
    ]);
    const messages = found.map((m) => String(m.entry.data));
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::\*\]/),
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<PartnerCentralConnectionInvitationProviderLogGroup[0-9A-F]{8}>:\*\]/),
    ]));
  });

  test('the suppressions are narrow: the user\'s own resources in the same stack are still checked', () => {
    const { stack } = invitationStack();
    const [invitation] = stack.node.children.filter((c): c is ConnectionInvitation => c instanceof ConnectionInvitation);

    // A reader role granted one invitation: no finding (the grant names the invitation's ARN).
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    invitation.grantRead(reader);

    // A role with a wildcard resource of its own, and a function on an old runtime with the
    // default role (a managed policy): these must be reported.
    const wide = new iam.Role(stack, 'Wide', { assumedBy: new iam.AccountRootPrincipal() });
    wide.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    new lambda.Function(stack, 'Old', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });

    const found = findings(checkNag(stack));
    expect(found).toEqual(expect.arrayContaining([
      '/Invitations/Wide/DefaultPolicy/Resource: AwsSolutions-IAM5[Resource::*]',
      '/Invitations/Old/ServiceRole/Resource: AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      '/Invitations/Old/Resource: AwsSolutions-L1',
    ]));
    expect(found.filter((f) => f.includes(PROVIDER_ID) || f.startsWith('/Invitations/Reader/'))).toEqual([]);
  });
});
