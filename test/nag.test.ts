/**
 * cdk-nag's AwsSolutions checks on a stack of invitations, with the installed cdk-nag major
 * (2 in the floor and current-nag2 cells, 3 in current-nag3): the library leaves its user
 * nothing to acknowledge, its own acknowledgements are exact, and they do not hide the user's
 * findings.
 */
import { App, CfnResource, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Catalog, ConnectionInvitation, ConnectionInvitationAccepter, ConnectionType } from '../src';
import { NAG_MAJOR } from './support/matrix';
import { nagFindings, synthWithNag, withoutLibraryAcknowledgements } from './support/nag';
import { strictProblems } from './support/strict';
import { NAG_METADATA_KEY } from '../src/private/nag-acknowledge';
import * as nagReasons from '../src/private/nag-reasons';
import * as nagSuppressions from '../src/private/nag-suppressions';
import { CANCEL_POLICY_ID, PROVIDER_ID } from '../src/private/provider';

/** aws-cdk-lib's metadata type for acknowledgements (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`, 2.257 and later). */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

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

/**
 * The invitation stack with accepters of every kind beside its invitations: by id in a catalog
 * of their own, by sender, and one that cancels on delete.
 */
function accepterStack(props?: StackProps): { app: App; stack: Stack } {
  const { app, stack } = invitationStack(props);
  new ConnectionInvitationAccepter(stack, 'AcceptById', { invitationIdentifier: 'pacinv-0123456789abc', catalog: Catalog.of('Partner-Test') });
  new ConnectionInvitationAccepter(stack, 'AcceptBySender', { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY, catalog: Catalog.SANDBOX });
  new ConnectionInvitationAccepter(stack, 'AcceptAndCancel', {
    invitationIdentifier: 'pacinv-0123456789abd',
    catalog: Catalog.of('Partner-Test'),
    cancelOnDelete: { reason: 'The subsidiary was sold.' },
  });
  return { app, stack };
}

/** What `findings` prints: `path: rule`. */
function printed(scope: App | Stack): string[] {
  return nagFindings(scope).map((f) => `${f.path}: ${f.rule}`);
}

/** The invitation ARN patterns of the role's Get and Cancel statement, one per spelling of AWS and Sandbox. */
const INVITATION_FINDINGS = ['AWS', 'SANDBOX', 'Sandbox', 'aws', 'sandbox']
  .map((catalog) => `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:partnercentral:us-east-1::catalog/${catalog}/connection-invitation/*]`);

/** The ARN patterns of a kind of resource for each spelling of AWS, Sandbox and Partner-Test. */
const accepterFindings = (resource: string) => ['AWS', 'PARTNER-TEST', 'Partner-Test', 'SANDBOX', 'Sandbox', 'aws', 'partner-test', 'sandbox']
  .map((catalog) => `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:partnercentral:us-east-1::catalog/${catalog}/${resource}/*]`);

const CANCEL_POLICY = `Invitations/${PROVIDER_ID}/${CANCEL_POLICY_ID}/Resource`;

const LOG_STREAMS_FINDING = /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<PartnerCentralConnectionInvitationProviderLogGroup[0-9A-F]{8}>:\*\]$/;

describe(`cdk-nag ${NAG_MAJOR} AwsSolutions`, () => {
  test.each([
    ['an environment-agnostic stack', undefined],
    ['a stack with an explicit environment', { env: { account: '123456789012', region: 'eu-west-1' } }],
  ])('finds nothing to report in %s of invitations', (_name, props) => {
    const { stack } = invitationStack(props);
    expect(printed(stack)).toEqual([]);
  });

  test.each([
    ['an environment-agnostic stack', undefined],
    ['a stack with an explicit environment', { env: { account: '123456789012', region: 'eu-west-1' } }],
  ])('finds nothing to report in %s of invitations and accepters of every kind', (_name, props) => {
    const { app, stack } = accepterStack(props);
    expect(printed(stack)).toEqual([]);
    expect(strictProblems(synthWithNag(app))).toEqual([]);
  });

  test('finds nothing to report for the invitation ARNs of a catalog whose invitation joins the stack after the provider', () => {
    const { app, stack } = invitationStack();
    new ConnectionInvitation(stack, 'PartnerTest', {
      catalog: Catalog.of('Partner-Test'),
      connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
      receiverIdentifier: 'pprofile-0000000000abc',
      email: 'alliances@example.com',
      name: 'Pat Example',
      message: 'Let us co-sell on opportunities.',
    });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('catalog/partner-test/connection-invitation/*');
    expect(printed(stack)).toEqual([]);
    expect(strictProblems(synthWithNag(app))).toEqual([]);
  });

  test('the acknowledgements follow the log group when the app renames it after the invitations are made', () => {
    const { app, stack } = invitationStack();
    const logGroup = stack.node.findChild(PROVIDER_ID).node.findChild('LogGroup').node.defaultChild as CfnResource;
    logGroup.overrideLogicalId('HandlerLogs');
    const assembly = synthWithNag(app);
    expect(JSON.stringify(assembly.getStackByName('Invitations').template)).toContain('"HandlerLogs"');
    expect(strictProblems(assembly)).toEqual([]);
  });

  test('a real synth with the checks registered as a user registers them succeeds', () => {
    const { app } = invitationStack();
    const assembly = synthWithNag(app);
    expect(strictProblems(assembly)).toEqual([]);
  });

  test('the provider suppresses exactly the wildcard resources of its role, with reasons (cdk-nag 2 metadata)', () => {
    const { stack } = invitationStack();
    const template = Template.fromStack(stack);
    const suppressed = Object.entries(template.toJSON().Resources as Record<string, any>)
      .filter(([, r]) => r.Metadata?.[NAG_METADATA_KEY] !== undefined);
    // The role and the function: the compliance packs' acknowledgements are in test/nag-compliance.test.ts.
    expect(suppressed.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(new RegExp(`^${PROVIDER_ID}Function`)),
      expect.stringMatching(new RegExp(`^${PROVIDER_ID}Role`)),
    ]);
    const [, role] = suppressed.find(([id]) => id.startsWith(`${PROVIDER_ID}Role`))!;
    const rules = role.Metadata[NAG_METADATA_KEY].rules_to_suppress
      .filter((r: { id: string }) => r.id.startsWith('AwsSolutions-'));
    expect(rules.map((r: { id: string; applies_to: unknown[] }) => [r.id, r.applies_to])).toEqual([
      ['AwsSolutions-IAM5', ['Resource::*']],
      ['AwsSolutions-IAM5', [{ regex: expect.stringMatching(/^\/\^Resource::arn:.*:partnercentral:us-east-1::catalog\/.*\/connection-invitation\/\\\*\$\/$/) }]],
      ['AwsSolutions-IAM5', [{ regex: expect.stringMatching(/^\/\^Resource::arn:.*:log-group:\(\?:<\[\^<>\]\+>\|.*\):\\\*\$\/$/) }]],
    ]);
    for (const rule of rules) expect(rule.reason.length).toBeGreaterThanOrEqual(10);
  });

  test('with accepters, the role also suppresses its connection ARNs, and the cancel policy exactly its own ARNs (cdk-nag 2 metadata)', () => {
    const { stack } = accepterStack();
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, any>;
    const rulesOf = (prefix: string) => {
      const [, resource] = Object.entries(resources).find(([id]) => id.startsWith(prefix))!;
      return resource.Metadata[NAG_METADATA_KEY].rules_to_suppress
        .filter((r: { id: string }) => r.id.startsWith('AwsSolutions-'))
        .map((r: { id: string; applies_to: unknown[]; reason: string }) => [r.id, r.applies_to, r.reason]);
    };
    const arnRegex = (resource: string) => [{ regex: expect.stringMatching(new RegExp(`^/\\^Resource::arn:.*:partnercentral:us-east-1::catalog/.*/${resource}/\\\\\\*\\$/$`)) }];
    expect(rulesOf(`${PROVIDER_ID}Role`)).toEqual([
      ['AwsSolutions-IAM5', ['Resource::*'], nagReasons.PARTNER_CENTRAL_REASON],
      ['AwsSolutions-IAM5', arnRegex('connection-invitation'), nagReasons.INVITATION_ARNS_REASON],
      ['AwsSolutions-IAM5', arnRegex('connection'), nagReasons.CONNECTION_ARNS_REASON],
      ['AwsSolutions-IAM5', [{ regex: expect.stringMatching(/:log-group:/) }], expect.any(String)],
    ]);
    expect(rulesOf(`${PROVIDER_ID}${CANCEL_POLICY_ID}`)).toEqual([
      ['AwsSolutions-IAM5', arnRegex('connection-invitation'), nagReasons.CANCEL_ARNS_REASON],
      ['AwsSolutions-IAM5', arnRegex('connection'), nagReasons.CANCEL_ARNS_REASON],
    ]);
  });

  if (NAG_MAJOR === 3) {
    test('with accepters, the role and the cancel policy acknowledge exactly their wildcard findings (aws-cdk-lib Validations)', () => {
      const { stack } = accepterStack();
      const acknowledgedOn = (path: string) => Object.keys(Object.assign({}, ...stack.node.findAll()
        .filter((c) => c.node.path === path)
        .flatMap((c) => c.node.metadata.filter((m) => m.type === ACKNOWLEDGED_RULES).map((m) => m.data as Record<string, string>))))
        .map((id) => id.replace(/^[A-Za-z]+::/, ''))
        .filter((id) => id.startsWith('AwsSolutions-'))
        .sort();
      expect(acknowledgedOn(`Invitations/${PROVIDER_ID}/Role/Resource`)).toEqual([
        'AwsSolutions-IAM5[Resource::*]',
        ...accepterFindings('connection-invitation'),
        expect.stringMatching(LOG_STREAMS_FINDING),
        ...accepterFindings('connection'),
      ].sort(sortFindings));
      expect(acknowledgedOn(CANCEL_POLICY)).toEqual([
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:partnercentral:us-east-1::catalog/*/connection-invitation/*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:partnercentral:us-east-1::catalog/*/connection/*]',
      ]);
    });

    test('the provider acknowledges exactly the wildcard findings of its role, with reasons (aws-cdk-lib Validations)', () => {
      const { stack } = invitationStack();
      const acknowledged = stack.node.findAll().flatMap((c) => c.node.metadata
        .filter((m) => m.type === ACKNOWLEDGED_RULES)
        .map((m) => [c.node.path, m.data as Record<string, string>] as const));
      expect([...new Set(acknowledged.map(([path]) => path))].sort()).toEqual([
        `Invitations/${PROVIDER_ID}/Function/Resource`,
        `Invitations/${PROVIDER_ID}/Role/Resource`,
      ]);
      const ids = Object.keys(Object.assign({}, ...acknowledged.map(([, data]) => data)));
      // aws-cdk-lib records the ids of other tools with a namespace of its own.
      const bare = ids.map((id) => id.replace(/^[A-Za-z]+::/, '')).filter((id) => id.startsWith('AwsSolutions-'));
      expect(bare).toEqual(['AwsSolutions-IAM5[Resource::*]', ...INVITATION_FINDINGS, expect.stringMatching(LOG_STREAMS_FINDING)]);
      for (const [, data] of acknowledged) {
        for (const reason of Object.values(data)) expect(reason.length).toBeGreaterThanOrEqual(10);
      }
    });
  }

  test('without its suppressions the provider role has exactly its wildcard findings', () => {
    // The provider as it would be without the function that writes both majors' suppressions.
    const spy = jest.spyOn(nagSuppressions, 'addProviderNagSuppressions').mockImplementation(() => () => undefined);
    let stack: Stack;
    try {
      stack = invitationStack().stack;
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }

    const found = nagFindings(stack);
    expect(found.map((f) => [f.path, f.level])).toEqual(Array(2 + INVITATION_FINDINGS.length).fill([`Invitations/${PROVIDER_ID}/Role/Resource`, 'error']));
    expect(found.map((f) => f.rule)).toEqual(expect.arrayContaining([
      'AwsSolutions-IAM5[Resource::*]',
      ...INVITATION_FINDINGS,
      expect.stringMatching(LOG_STREAMS_FINDING),
    ]));
  });

  test('without its suppressions a stack with accepters has exactly the wildcard findings of the role and the cancel policy', () => {
    const stack = withoutLibraryAcknowledgements(() => accepterStack().stack);
    const found = nagFindings(stack);
    const on = (path: string) => found.filter((f) => f.path === path).map((f) => f.rule).sort();
    expect(on(`Invitations/${PROVIDER_ID}/Role/Resource`)).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      ...accepterFindings('connection-invitation'),
      ...accepterFindings('connection'),
      expect.stringMatching(LOG_STREAMS_FINDING),
    ].sort(sortFindings));
    expect(on(CANCEL_POLICY)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:partnercentral:us-east-1::catalog/*/connection-invitation/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:partnercentral:us-east-1::catalog/*/connection/*]',
    ]);
    expect(found.filter((f) => ![`Invitations/${PROVIDER_ID}/Role/Resource`, CANCEL_POLICY].includes(f.path))).toEqual([]);
  });

  test('the suppressions are narrow: the user\'s own resources in the same stack are still checked', () => {
    const { stack } = invitationStack();
    const [invitation] = stack.node.children.filter((c): c is ConnectionInvitation => c instanceof ConnectionInvitation);

    // A reader role granted one invitation: no finding (the grant names the invitation's ARN).
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    invitation.grantRead(reader);

    // A role with a wildcard resource of its own, and a function with the default role (a managed
    // policy) on an old runtime: these must be reported.
    const wide = new iam.Role(stack, 'Wide', { assumedBy: new iam.AccountRootPrincipal() });
    wide.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    new lambda.Function(stack, 'Old', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });

    const found = printed(stack);
    expect(found).toEqual(expect.arrayContaining([
      'Invitations/Wide/DefaultPolicy/Resource: AwsSolutions-IAM5[Resource::*]',
      'Invitations/Old/ServiceRole/Resource: AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Invitations/Old/Resource: AwsSolutions-L1',
    ]));
    expect(found.filter((f) => f.includes(PROVIDER_ID) || f.startsWith('Invitations/Reader/'))).toEqual([]);
  });
});

/** Sorts finding ids, with a matcher (the log streams' finding, whose log group id varies) among them where its text would be. */
function sortFindings(a: unknown, b: unknown): number {
  const text = (x: unknown) => (typeof x === 'string' ? x : 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:');
  return text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0;
}
