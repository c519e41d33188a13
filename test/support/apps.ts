/** Apps the tests synthesize. */
import { App, AppProps, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Catalog, ConnectionInvitation, ConnectionInvitationProps, ConnectionType } from '../../src';

/** A valid invitation in the Sandbox catalog, as the construct tests start from. */
export const SANDBOX_INVITATION: ConnectionInvitationProps = {
  catalog: Catalog.SANDBOX,
  connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
  receiverIdentifier: 'pprofile-0123456789abc',
  email: 'alliances@example.com',
  name: 'Pat Example',
  message: 'Let us co-sell on opportunities.',
};

/** A two-stack app that uses every non-deprecated member of the library, and a cross-stack reference. */
export function everyMemberApp(props: AppProps = {}): App {
  const app = new App(props);
  const senders = new Stack(app, 'Senders');
  const first = new ConnectionInvitation(senders, 'Partner', {
    ...SANDBOX_INVITATION,
    clientToken: 'pinned-token',
    removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    serviceTimeout: Duration.minutes(10),
    logRetention: logs.RetentionDays.ONE_MONTH,
  });
  const second = new ConnectionInvitation(senders, 'Subsidiary', {
    catalog: Catalog.of('Sandbox'),
    connectionType: ConnectionType.SUBSIDIARY,
    receiverIdentifier: '111122223333',
    email: 'seller@example.com',
    name: 'Pat Example',
    message: 'Link our seller account.',
  });
  second.applyRemovalPolicy(RemovalPolicy.DESTROY);
  new CfnOutput(senders, 'PartnerInvitationArn', { value: first.connectionInvitationArn });

  const readers = new Stack(app, 'Readers');
  const role = new iam.Role(readers, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
  first.grantRead(role);
  first.grant(role, 'partnercentral:CancelConnectionInvitation');
  const imported = ConnectionInvitation.fromConnectionInvitationArn(readers, 'Imported',
    'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abc');
  imported.grantRead(role);
  ConnectionInvitation.fromConnectionInvitationAttributes(readers, 'ImportedByToken', {
    connectionInvitationArn: second.connectionInvitationArn,
  }).grantRead(role);
  return app;
}
