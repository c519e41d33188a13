import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  Catalog,
  Connection,
  ConnectionBase,
  ConnectionInvitation,
  ConnectionInvitationAccepter,
  ConnectionInvitationAccepterProps,
  ConnectionType,
} from '../src';
import { SANDBOX_INVITATION } from './support/apps';
import { ACCEPTER_MAX_WAIT_SECONDS, ACCEPTER_RESOURCE_TYPE, HANDLER_TIMEOUT_SECONDS } from '../src/contract';
import { CANCEL_POLICY_ID, HANDLER_TIMEOUT, PROVIDER_ID } from '../src/private/provider';
import { DEFAULT_WAIT_FOR } from '../src/private/validate-accepter-props';

const INVITATION_ID = 'pacinv-0123456789abc';
const INVITATION_ARN = `arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/${INVITATION_ID}`;
const CONNECTION_ARN = 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection/pac-0123456789abc';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function accept(stack: Stack, props: ConnectionInvitationAccepterProps, id = 'Accepter'): ConnectionInvitationAccepter {
  return new ConnectionInvitationAccepter(stack, id, props);
}

function only(template: Template, type: string): [string, any] {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('the custom resource', () => {
  test('names an invitation by id in the AWS catalog by default, served by the stack\'s provider', () => {
    const stack = newStack();
    accept(stack, { invitationIdentifier: INVITATION_ID });
    const template = Template.fromStack(stack);
    const [fnId] = only(template, 'AWS::Lambda::Function');
    const [, resource] = only(template, ACCEPTER_RESOURCE_TYPE);
    expect(resource.Properties).toEqual({
      ServiceToken: { 'Fn::GetAtt': [fnId, 'Arn'] },
      ServiceTimeout: '300',
      Catalog: 'AWS',
      InvitationIdentifier: INVITATION_ID,
    });
    // Delete is CloudFormation's default: the handler is called, and without cancelOnDelete leaves the connection.
    expect(resource.DeletionPolicy).toBeUndefined();
    expect(resource.UpdateReplacePolicy).toBeUndefined();
  });

  test('takes the catalog of an invitation ARN', () => {
    const stack = newStack();
    const accepter = accept(stack, { invitationIdentifier: INVITATION_ARN, connectionType: ConnectionType.SUBSIDIARY });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, {
      Catalog: 'Sandbox',
      InvitationIdentifier: INVITATION_ARN,
      ConnectionType: 'SUBSIDIARY',
      SenderIdentifier: Match.absent(),
      WaitSeconds: Match.absent(),
    });
    expect(accepter.catalog).toBe(Catalog.SANDBOX);
  });

  test('names an IConnectionInvitation by its ARN, in its catalog', () => {
    const stack = newStack();
    const invitation = ConnectionInvitation.fromConnectionInvitationArn(stack, 'Imported', INVITATION_ARN);
    accept(stack, { invitation });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, { Catalog: 'Sandbox', InvitationIdentifier: INVITATION_ARN });
  });

  test('names an invitation by its sender, type and catalog, waiting the longest the handler can by default', () => {
    const stack = newStack();
    accept(stack, { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY, catalog: Catalog.SANDBOX });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, {
      Catalog: 'Sandbox',
      SenderIdentifier: '444455556666',
      ConnectionType: 'SUBSIDIARY',
      WaitSeconds: String(ACCEPTER_MAX_WAIT_SECONDS),
      InvitationIdentifier: Match.absent(),
      CancelOnDelete: Match.absent(),
      CancelReason: Match.absent(),
    });
  });

  test('waitFor and a partner profile id as sender', () => {
    const stack = newStack();
    accept(stack, { sender: 'pprofile-0123456789abc', connectionType: ConnectionType.OPPORTUNITY_COLLABORATION, waitFor: Duration.seconds(0) });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, { SenderIdentifier: 'pprofile-0123456789abc', WaitSeconds: '0' });
  });

  test('by id, waitFor (when set) is sent: the handler waits for an invitation not visible yet', () => {
    const stack = newStack();
    accept(stack, { invitationIdentifier: INVITATION_ID, waitFor: Duration.seconds(20) });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, { InvitationIdentifier: INVITATION_ID, WaitSeconds: '20' });
  });

  test('cancelOnDelete sends the choice and its reason', () => {
    const stack = newStack();
    accept(stack, { invitationIdentifier: INVITATION_ID, cancelOnDelete: { reason: 'The subsidiary was sold.' } });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, { CancelOnDelete: 'true', CancelReason: 'The subsidiary was sold.' });
  });

  test('tokens pass to the template unvalidated (an identifier from an SSM parameter)', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'InvitationArn').valueAsString;
    accept(stack, { invitationIdentifier: arn, waitFor: undefined });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, { Catalog: 'AWS', InvitationIdentifier: { Ref: 'InvitationArn' } });
  });

  test('exposes the invitation id as Ref and every other attribute as Fn::GetAtt of its Data key', () => {
    const stack = newStack();
    const accepter = accept(stack, { invitationIdentifier: INVITATION_ID });
    const [logicalId] = only(Template.fromStack(stack), ACCEPTER_RESOURCE_TYPE);
    const r = (v: string) => stack.resolve(v);
    expect(r(accepter.invitationId)).toEqual({ Ref: logicalId });
    for (const [value, key] of [
      [accepter.connectionId, 'ConnectionId'],
      [accepter.connectionArn, 'ConnectionArn'],
      [accepter.otherParticipantAccountId, 'OtherParticipantAccountId'],
      [accepter.invitationArn, 'InvitationArn'],
      [accepter.connectionType, 'ConnectionType'],
      [accepter.connectionTypeStatus, 'ConnectionTypeStatus'],
    ] as const) {
      expect(r(value)).toEqual({ 'Fn::GetAtt': [logicalId, key] });
    }
  });

  test('shares the provider function with the stack\'s invitations', () => {
    const stack = newStack();
    new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    accept(stack, { invitationIdentifier: INVITATION_ID });
    only(Template.fromStack(stack), 'AWS::Lambda::Function');
  });
});

test('an accepter of an invitation declared in its own stack is refused at synth time (that stack runs in the sender\'s account)', () => {
  const stack = newStack();
  const invitation = new ConnectionInvitation(stack, 'Invite', {
    catalog: Catalog.SANDBOX,
    connectionType: ConnectionType.SUBSIDIARY,
    receiverIdentifier: '111122223333',
    email: 'a@example.com',
    name: 'Pat Example',
    message: 'Please link.',
  });
  expect(() => new ConnectionInvitationAccepter(stack, 'Accepter', { invitation }))
    .toThrow(/Invalid ConnectionInvitationAccepter Stack\/Accepter[\s\S]*`invitation` Stack\/Invite is declared in the same stack/);
  // In another stack of the app (the receiver's), the same invitation is accepted.
  const receiver = new Stack(stack.node.root as App, 'Receiver');
  expect(() => new ConnectionInvitationAccepter(receiver, 'Accepter', { invitation })).not.toThrow();
});

describe('removal policy', () => {
  test('RETAIN becomes Retain (CloudFormation never calls the handler)', () => {
    const stack = newStack();
    accept(stack, { invitationIdentifier: INVITATION_ID }).applyRemovalPolicy(RemovalPolicy.RETAIN);
    const [, resource] = only(Template.fromStack(stack), ACCEPTER_RESOURCE_TYPE);
    expect(resource.DeletionPolicy).toBe('Retain');
  });

  test('RETAIN is refused with cancelOnDelete, SNAPSHOT always', () => {
    const stack = newStack();
    const cancels = accept(stack, { invitationIdentifier: INVITATION_ID, cancelOnDelete: { reason: 'r' } });
    expect(() => cancels.applyRemovalPolicy(RemovalPolicy.RETAIN))
      .toThrow(/^Invalid ConnectionInvitationAccepter Stack\/Accepter:\n {2}`removalPolicy` RETAIN keeps CloudFormation from calling the handler on delete/);
    expect(() => cancels.applyRemovalPolicy(RemovalPolicy.SNAPSHOT)).toThrow(/`removalPolicy` must be DESTROY, RETAIN or RETAIN_ON_UPDATE_OR_DELETE/);
    cancels.applyRemovalPolicy(RemovalPolicy.DESTROY);
  });
});

describe('validation', () => {
  const OK_SENDER = { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY };
  test.each<[string, any, RegExp]>([
    ['no way of naming', {}, /give exactly one of `invitation` .*, got: none of them/],
    ['two ways', { invitationIdentifier: INVITATION_ID, ...OK_SENDER }, /got: `invitationIdentifier` and `sender`/],
    ['a malformed identifier', { invitationIdentifier: 'pac-0123456789abc' }, /`invitationIdentifier` must be an invitation id .* got: "pac-0123456789abc"/],
    ['a sender that is neither an account nor a profile', { ...OK_SENDER, sender: '1234' }, /`sender` must be the sender's 12-digit AWS account id or its partner profile id .* got: "1234"/],
    ['a sender without a connection type', { sender: '444455556666' }, /`connectionType` is required with `sender`/],
    ['an unknown connection type', { ...OK_SENDER, connectionType: 'PEERING' }, /`connectionType` must be a ConnectionType \(one of OPPORTUNITY_COLLABORATION, SUBSIDIARY\), got: "PEERING"/],
    ['a bad catalog', { ...OK_SENDER, catalog: Catalog.of('no spaces') }, /`catalog` must be letters, digits and hyphens, got: "no spaces"/],
    ['a catalog other than the ARN\'s', { invitationIdentifier: INVITATION_ARN, catalog: Catalog.AWS }, /`catalog` \(AWS\) differs from the catalog of the invitation \(Sandbox\)/],
    ['waitFor too long', { ...OK_SENDER, waitFor: Duration.minutes(2) }, /`waitFor` must be between 0 and 50 seconds .* got: 120 seconds/],
    ['waitFor of a fraction', { ...OK_SENDER, waitFor: Duration.millis(1500) }, /`waitFor` must be a whole number of seconds, got: 1.5 seconds/],
    ['a long cancel reason', { ...OK_SENDER, cancelOnDelete: { reason: 'x'.repeat(257) } }, /`cancelOnDelete.reason` must be at most 256 characters long \(got 257\)/],
    ['a cancel reason that is not a string', { ...OK_SENDER, cancelOnDelete: { reason: 3 } }, /`cancelOnDelete.reason` must be a string, got: a number/],
    ['a short service timeout', { ...OK_SENDER, serviceTimeout: Duration.seconds(60) }, /`serviceTimeout` must be between 150 seconds/],
    ['an invitation that is not one', { invitation: { connectionInvitationArn: INVITATION_ARN } }, /`invitation` must be an IConnectionInvitation/],
  ])('refuses %s, naming the accepter and the field', (_name, props, message) => {
    const stack = newStack();
    expect(() => accept(stack, props)).toThrow(/^Invalid ConnectionInvitationAccepter Stack\/Accepter:\n/);
    expect(() => accept(stack, props)).toThrow(message);
    expect(stack.node.tryFindChild('Accepter')).toBeUndefined();
  });

  test('refuses a second accepter of the same invitation in a stack, by id or ARN, or by sender', () => {
    const stack = newStack();
    accept(stack, { invitationIdentifier: INVITATION_ID, catalog: Catalog.SANDBOX }, 'First');
    expect(() => accept(stack, { invitationIdentifier: INVITATION_ARN }, 'Second'))
      .toThrow(/Stack\/Second accepts the invitation that Stack\/First already accepts/);
    accept(stack, { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY }, 'BySender');
    expect(() => accept(stack, { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY }, 'Again'))
      .toThrow(/Stack\/Again accepts the invitation that Stack\/BySender already accepts/);
    accept(stack, { sender: '444455556666', connectionType: ConnectionType.OPPORTUNITY_COLLABORATION }, 'OtherType');
  });
});

describe('connections: the shared base, imports and grants', () => {
  test('an accepter and an import share ConnectionBase; only the accepter is a ConnectionInvitationAccepter', () => {
    const stack = newStack();
    const accepter = accept(stack, { invitationIdentifier: INVITATION_ID });
    const imported = Connection.fromConnectionArn(stack, 'Imported', CONNECTION_ARN);
    expect(accepter).toBeInstanceOf(ConnectionBase);
    expect(imported).toBeInstanceOf(ConnectionBase);
    expect(ConnectionInvitationAccepter.isConnectionInvitationAccepter(accepter)).toBe(true);
    expect(ConnectionInvitationAccepter.isConnectionInvitationAccepter(imported)).toBe(false);
  });

  test('an ARN literal is parsed, a token ARN split at deploy time, an id made into an ARN in the stack\'s partition', () => {
    const stack = newStack();
    const literal = Connection.fromConnectionArn(stack, 'Literal', CONNECTION_ARN);
    expect([literal.connectionId, literal.catalog]).toEqual(['pac-0123456789abc', Catalog.SANDBOX]);
    const token = Connection.fromConnectionArn(stack, 'Token', new CfnParameter(stack, 'Arn').valueAsString);
    expect(stack.resolve(token.connectionId)).toEqual({ 'Fn::Select': [3, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] });
    const byId = Connection.fromConnectionId(stack, 'ById', 'pac-0123456789abc', Catalog.SANDBOX);
    expect(stack.resolve(byId.connectionArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':partnercentral:us-east-1::catalog/Sandbox/connection/pac-0123456789abc']],
    });
    expect(Connection.fromConnectionId(stack, 'Default', 'pac-0123456789abc').catalog).toBe(Catalog.AWS);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['a malformed ARN', () => Connection.fromConnectionArn(newStack(), 'X', INVITATION_ARN), /^Invalid Connection import Stack\/X:\n {2}`connectionArn` must be a connection ARN/],
    ['a malformed id', () => Connection.fromConnectionId(newStack(), 'X', 'pacinv-0123456789abc'), /`connectionId` must be a connection id/],
  ])('an import refuses %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test('grantRead allows GetConnection on the connection\'s ARN in its catalog, for an accepter and an import', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    const accepter = accept(stack, { invitationIdentifier: INVITATION_ARN });
    accepter.grantRead(role);
    Connection.fromConnectionArn(stack, 'Imported', CONNECTION_ARN).grantRead(role);
    const [logicalId] = only(Template.fromStack(stack), ACCEPTER_RESOURCE_TYPE);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'partnercentral:GetConnection',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [logicalId, 'ConnectionArn'] },
            Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'Sandbox' } },
          },
          {
            Action: 'partnercentral:GetConnection',
            Effect: 'Allow',
            Resource: CONNECTION_ARN,
            Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'Sandbox' } },
          },
        ],
      },
    });
  });
});

/** The ARN pattern of every invitation or connection of a catalog, in the stack's partition. */
function arns(resource: 'connection-invitation' | 'connection', catalogs: string[]): unknown[] {
  return catalogs.map((catalog) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:partnercentral:us-east-1::catalog/${catalog}/${resource}/*`]] }));
}

/** The statements of the provider role's inline policy. */
function roleStatements(template: Template): any[] {
  const [, role] = only(template, 'AWS::IAM::Role');
  expect(role.Properties.Policies).toHaveLength(1);
  return role.Properties.Policies[0].PolicyDocument.Statement;
}

function statement(template: Template, sid: string): any {
  const matches = roleStatements(template).filter((s) => s.Sid === sid);
  expect(matches).toHaveLength(1);
  return matches[0];
}

const IN_DOCUMENTED = { StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Sandbox'] } };

describe('the provider\'s IAM for accepters', () => {
  test('a stack of invitations only has no statement of accepters and no cancel policy', () => {
    const stack = newStack();
    new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
    const template = Template.fromStack(stack);
    expect(roleStatements(template).map((s) => s.Sid))
      .toEqual(['WriteOwnLogs', 'SendConnectionInvitations', 'ManageConnectionInvitations', 'ListConnectionInvitations']);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('an accepter by id: accept and read its invitation, read its connection, on the ARNs of its catalog and the documented ones; nothing to send, find or cancel', () => {
    const stack = newStack();
    accept(stack, { invitationIdentifier: INVITATION_ID, catalog: Catalog.of('Partner-Test') });
    const template = Template.fromStack(stack);
    // Sending only with invitations; reading and canceling invitations stay for the cleanup of invitations that leave the stack.
    expect(roleStatements(template).map((s) => s.Sid))
      .toEqual(['WriteOwnLogs', 'ManageConnectionInvitations', 'ListConnectionInvitations', 'AcceptConnectionInvitations', 'ReadConnections']);
    const spellings = ['AWS', 'PARTNER-TEST', 'Partner-Test', 'SANDBOX', 'Sandbox', 'aws', 'partner-test', 'sandbox'];
    const inCatalogs = { StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Partner-Test', 'Sandbox'] } };
    expect(statement(template, 'AcceptConnectionInvitations')).toEqual({
      Sid: 'AcceptConnectionInvitations',
      Effect: 'Allow',
      Action: ['partnercentral:AcceptConnectionInvitation', 'partnercentral:GetConnectionInvitation'],
      Resource: arns('connection-invitation', spellings),
      Condition: inCatalogs,
    });
    expect(statement(template, 'ReadConnections')).toEqual({
      Sid: 'ReadConnections',
      Effect: 'Allow',
      Action: 'partnercentral:GetConnection',
      Resource: arns('connection', spellings),
      Condition: inCatalogs,
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    const [, resource] = only(template, ACCEPTER_RESOURCE_TYPE);
    expect(resource.DependsOn).toBeUndefined();
  });

  test('an accepter by sender may also list the invitations received, on `*` in its catalog and the documented ones', () => {
    const stack = newStack();
    accept(stack, { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY, catalog: Catalog.of('Partner-Test') });
    accept(stack, { invitationIdentifier: INVITATION_ARN }, 'ById');
    const template = Template.fromStack(stack);
    expect(roleStatements(template).map((s) => s.Sid)).toEqual([
      'WriteOwnLogs', 'ManageConnectionInvitations', 'ListConnectionInvitations',
      'AcceptConnectionInvitations', 'ReadConnections', 'FindReceivedConnectionInvitations',
    ]);
    expect(statement(template, 'FindReceivedConnectionInvitations')).toEqual({
      Sid: 'FindReceivedConnectionInvitations',
      Effect: 'Allow',
      Action: 'partnercentral:ListConnectionInvitations',
      Resource: '*',
      Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['AWS', 'Partner-Test', 'Sandbox'] } },
    });
  });

  test('accepters by id in other catalogs do not widen the search by sender', () => {
    const stack = newStack();
    accept(stack, { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY });
    accept(stack, { invitationIdentifier: INVITATION_ID, catalog: Catalog.of('Partner-Test') }, 'ById');
    expect(statement(Template.fromStack(stack), 'FindReceivedConnectionInvitations').Condition).toEqual(IN_DOCUMENTED);
  });

  test('cancelOnDelete: a policy of its own holds what the cancelling Delete calls, and only the accepters that cancel depend on it', () => {
    const stack = newStack();
    accept(stack, { invitationIdentifier: INVITATION_ID, cancelOnDelete: { reason: 'The subsidiary was sold.' } }, 'Cancels');
    accept(stack, { invitationIdentifier: 'pacinv-0123456789abd' }, 'Leaves');
    const template = Template.fromStack(stack);
    // The role's inline policy is that of accepters without cancelOnDelete.
    expect(roleStatements(template).map((s) => s.Sid))
      .toEqual(['WriteOwnLogs', 'ManageConnectionInvitations', 'ListConnectionInvitations', 'AcceptConnectionInvitations', 'ReadConnections']);
    const [roleId] = only(template, 'AWS::IAM::Role');
    const [policyId, policy] = only(template, 'AWS::IAM::Policy');
    expect(policyId).toMatch(new RegExp(`^${PROVIDER_ID}${CANCEL_POLICY_ID}[0-9A-F]{8}$`));
    expect(policy.Properties).toEqual({
      PolicyName: 'CancelConnections',
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadAcceptedConnectionInvitations',
            Effect: 'Allow',
            Action: 'partnercentral:GetConnectionInvitation',
            Resource: arns('connection-invitation', ['*'])[0],
          },
          {
            Sid: 'CancelAcceptedConnections',
            Effect: 'Allow',
            Action: ['partnercentral:GetConnection', 'partnercentral:CancelConnection'],
            Resource: arns('connection', ['*'])[0],
          },
        ],
      },
    });
    const accepters = template.findResources(ACCEPTER_RESOURCE_TYPE);
    const dependsOn = Object.fromEntries(Object.entries(accepters).map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.DependsOn]));
    expect(dependsOn).toEqual({ Cancels: [policyId], Leaves: undefined });
    // The function does not wait for it: only a cancelling Delete needs it.
    const [, fn] = only(template, 'AWS::Lambda::Function');
    expect(fn.DependsOn ?? []).not.toContain(policyId);
  });

  test('the cancel policy names no catalog: removing the last cancelling accepter of a custom catalog while another stays keeps its permission', () => {
    // CloudFormation updates the policy before the removed accepter's Delete runs: that Delete must still be allowed to cancel in its catalog.
    const policyOf = (build: (stack: Stack) => void) => {
      const stack = newStack();
      build(stack);
      const [, policy] = only(Template.fromStack(stack), 'AWS::IAM::Policy');
      return policy.Properties.PolicyDocument;
    };
    const stays = (stack: Stack) => accept(stack, { invitationIdentifier: 'pacinv-0123456789abd', catalog: Catalog.SANDBOX, cancelOnDelete: { reason: 'r' } }, 'Stays');
    const before = policyOf((stack) => {
      accept(stack, { invitationIdentifier: INVITATION_ID, catalog: Catalog.of('Partner-Test'), cancelOnDelete: { reason: 'r' } }, 'Custom');
      stays(stack);
    });
    expect(policyOf(stays)).toEqual(before);
    const [invitations, connections] = before.Statement;
    expect(invitations.Resource).toEqual(arns('connection-invitation', ['*'])[0]);
    expect(connections.Resource).toEqual(arns('connection', ['*'])[0]);
  });

  test('the policies are the same for 1 and for 30 accepters of each kind', () => {
    const iamOf = (count: number) => {
      const stack = newStack();
      for (let i = 0; i < count; i++) {
        const n = String(i).padStart(3, '0');
        accept(stack, { invitationIdentifier: `pacinv-0123456789${n}` }, `ById${i}`);
        accept(stack, { sender: `444455556${n}`, connectionType: ConnectionType.SUBSIDIARY, catalog: Catalog.SANDBOX }, `BySender${i}`);
        accept(stack, { invitationIdentifier: `pacinv-0123456788${n}`, cancelOnDelete: { reason: 'r' } }, `Cancels${i}`);
      }
      const template = Template.fromStack(stack);
      const [, policy] = only(template, 'AWS::IAM::Policy');
      return JSON.stringify([roleStatements(template), policy.Properties]);
    };
    expect(iamOf(30)).toEqual(iamOf(1));
  });

  test('invitations and accepters: the same statements whichever is declared first', () => {
    const statementsOf = (accepterFirst: boolean) => {
      const stack = newStack();
      const invitation = () => new ConnectionInvitation(stack, 'Invitation', SANDBOX_INVITATION);
      if (!accepterFirst) invitation();
      accept(stack, { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY, cancelOnDelete: { reason: 'r' } });
      if (accepterFirst) invitation();
      return roleStatements(Template.fromStack(stack));
    };
    const statements = statementsOf(true);
    expect(statements.map((s) => s.Sid)).toEqual([
      'WriteOwnLogs', 'SendConnectionInvitations', 'ManageConnectionInvitations', 'ListConnectionInvitations',
      'AcceptConnectionInvitations', 'ReadConnections', 'FindReceivedConnectionInvitations',
    ]);
    expect(statements).toEqual(statementsOf(false));
    expect(statements[1].Condition).toEqual({ StringEqualsIgnoreCase: { 'partnercentral:Catalog': ['Sandbox'] } });
  });
});

test('the function\'s timeout is the one the handler budgets for, and the default wait fits the longest it honours', () => {
  expect(HANDLER_TIMEOUT.toSeconds()).toBe(HANDLER_TIMEOUT_SECONDS);
  expect(DEFAULT_WAIT_FOR.toSeconds()).toBeLessThanOrEqual(ACCEPTER_MAX_WAIT_SECONDS);
});
