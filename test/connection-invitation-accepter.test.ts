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
import { ACCEPTER_RESOURCE_TYPE } from '../src/contract';

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

  test('names an invitation by its sender, type and catalog, waiting a minute by default', () => {
    const stack = newStack();
    accept(stack, { sender: '444455556666', connectionType: ConnectionType.SUBSIDIARY, catalog: Catalog.SANDBOX });
    Template.fromStack(stack).hasResourceProperties(ACCEPTER_RESOURCE_TYPE, {
      Catalog: 'Sandbox',
      SenderIdentifier: '444455556666',
      ConnectionType: 'SUBSIDIARY',
      WaitSeconds: '60',
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
    ['waitFor without sender', { invitationIdentifier: INVITATION_ID, waitFor: Duration.seconds(5) }, /`waitFor` applies only with `sender`/],
    ['waitFor too long', { ...OK_SENDER, waitFor: Duration.minutes(2) }, /`waitFor` must be between 0 and 90 seconds .* got: 120 seconds/],
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
