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
 */
import { App, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
// A user's app imports from 'cdk-partnercentral'; this one runs against the library's sources.
import { Catalog, ConnectionInvitation, ConnectionType } from '../../src';

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

app.synth();
