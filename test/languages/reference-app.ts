/**
 * The smoke tests' app in TypeScript: the reference that the Python, Java and Go apps beside it
 * (python/app.py, java/.../SmokeApp.java, go/main.go) must synthesize to the same templates.
 * Keep the four in step: each line here has its counterpart there.
 *
 * Two stacks: `PartnerInvitations` declares two invitations (enum, enum-like class, Duration and
 * RemovalPolicy props, an output), `PartnerConsumer` reads one of them through a cross-stack
 * reference (an output of its id) and grants a role `grantRead` on it. With
 * `PARTNERCENTRAL_SMOKE_INVALID=1` the app also declares an invitation with invalid props, and
 * synth must fail with the library's error.
 *
 * Two more, with an env in us-east-1: `PartnerSender` configures the provider with a number
 * (`reservedConcurrentExecutions`), invites a subsidiary, grants a role two actions (variadic
 * `grant`) and routes `onAccepted` to an SNS topic; `PartnerReceiver` accepts an imported
 * invitation (`fromConnectionInvitationArn`) with `cancelOnDelete` (a nested struct) and grants a
 * role `grantRead` on an imported connection (`Connection.fromConnectionId` with a catalog).
 */
import { App, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
// A user's app imports from 'cdk-partnercentral'; this one runs against the library's sources.
import { Catalog, Connection, ConnectionInvitation, ConnectionInvitationAccepter, ConnectionType, InvitationProvider } from '../../src';

const app = new App();

const invitations = new Stack(app, 'PartnerInvitations');
const partner = new ConnectionInvitation(invitations, 'PartnerInvitation', {
  catalog: Catalog.SANDBOX,
  connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
  receiverIdentifier: 'pprofile-0000example00',
  email: 'alliances@example.com',
  name: 'Pat Example',
  message: 'Example Corp would like to co-sell with you on opportunities.',
});
new ConnectionInvitation(invitations, 'SubsidiaryInvitation', {
  catalog: Catalog.of('Sandbox'),
  connectionType: ConnectionType.SUBSIDIARY,
  receiverIdentifier: '111122223333',
  email: 'marketplace-seller@example.com',
  name: 'Pat Example',
  message: 'Please link this AWS Marketplace seller account.\nThank you!',
  removalPolicy: RemovalPolicy.RETAIN,
  serviceTimeout: Duration.minutes(10),
  logRetention: logs.RetentionDays.ONE_MONTH,
});
new CfnOutput(invitations, 'PartnerInvitationArn', { value: partner.connectionInvitationArn });

if (process.env.PARTNERCENTRAL_SMOKE_INVALID === '1') {
  new ConnectionInvitation(invitations, 'InvalidInvitation', {
    catalog: Catalog.of('Prod!'),
    connectionType: ConnectionType.SUBSIDIARY,
    receiverIdentifier: 'pprofile-0000example00',
    email: 'x',
    name: 'Pat Example',
    message: 'Hello',
  });
}

const consumer = new Stack(app, 'PartnerConsumer');
new CfnOutput(consumer, 'PartnerInvitationId', { value: partner.connectionInvitationId });
const reader = new iam.Role(consumer, 'InvitationReader', { assumedBy: new iam.AccountRootPrincipal() });
partner.grantRead(reader);

const sender = new Stack(app, 'PartnerSender', { env: { account: '111111111111', region: 'us-east-1' } });
InvitationProvider.configure(sender, { reservedConcurrentExecutions: 2 });
const subsidiary = new ConnectionInvitation(sender, 'SubsidiaryInvitation', {
  catalog: Catalog.AWS,
  connectionType: ConnectionType.SUBSIDIARY,
  receiverIdentifier: '222222222222',
  email: 'marketplace-seller@example.com',
  name: 'Pat Example',
  message: 'Please link this AWS Marketplace seller account.',
});
const operator = new iam.Role(sender, 'InvitationOperator', { assumedBy: new iam.AccountRootPrincipal() });
subsidiary.grant(operator, 'partnercentral:GetConnectionInvitation', 'partnercentral:ListConnectionInvitations');
subsidiary.onAccepted('Accepted', { target: new targets.SnsTopic(new sns.Topic(sender, 'AcceptedTopic')) });

const receiver = new Stack(app, 'PartnerReceiver', { env: { account: '222222222222', region: 'us-east-1' } });
receiver.addDependency(sender);
// The sender's invitation, in another account: its ARN as the rehearsal's emulator makes it (the
// third invitation it creates, reproducible: tools/emulator/ids.ts), so that the accepter finds it.
const imported = ConnectionInvitation.fromConnectionInvitationArn(receiver, 'ImportedInvitation',
  'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-Dm7ZpHIaCVAun');
new ConnectionInvitationAccepter(receiver, 'Accepter', { invitation: imported, cancelOnDelete: { reason: 'The subsidiary left.' } });
const connectionReader = new iam.Role(receiver, 'ConnectionReader', { assumedBy: new iam.AccountRootPrincipal() });
Connection.fromConnectionId(receiver, 'ImportedConnection', 'pac-0123456789abc', Catalog.SANDBOX).grantRead(connectionReader);

app.synth();
