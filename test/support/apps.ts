/** Apps the tests synthesize. */
import { App, AppProps, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  Catalog,
  Connection,
  ConnectionInvitation,
  ConnectionInvitationAccepter,
  ConnectionInvitationProps,
  ConnectionType,
  InvitationProvider,
  InvitationProviderProps,
} from '../../src';

/** A valid invitation in the Sandbox catalog, as the construct tests start from. */
export const SANDBOX_INVITATION: ConnectionInvitationProps = {
  catalog: Catalog.SANDBOX,
  connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
  receiverIdentifier: 'pprofile-0123456789abc',
  email: 'alliances@example.com',
  name: 'Pat Example',
  message: 'Let us co-sell on opportunities.',
};

/**
 * A customer managed key that CloudWatch Logs of the stack's region may use, with rotation, as a
 * regulated account keeps one (the key policy is the user's: the library adds nothing to it).
 */
export function logsKey(stack: Stack, id = 'Key'): kms.Key {
  const key = new kms.Key(stack, id, { enableKeyRotation: true, description: 'Partner Central invitation handler logs and environment' });
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` } },
  }));
  return key;
}

/**
 * The configuration of a regulated account's provider: the function in the private subnets of
 * a VPC (one NAT gateway), a customer managed key for its environment and logs, a retention,
 * reserved concurrency and a name prefix.
 */
export function regulatedProvider(stack: Stack, overrides: Partial<InvitationProviderProps> = {}): InvitationProviderProps {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const key = logsKey(stack);
  return {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    environmentEncryption: key,
    logEncryptionKey: key,
    logRetention: logs.RetentionDays.TEN_YEARS,
    reservedConcurrentExecutions: 5,
    functionNamePrefix: 'acme-',
    ...overrides,
  };
}

/** A three-stack app that uses every non-deprecated member of the library (senders, readers and receivers), and a cross-stack reference. */
export function everyMemberApp(props: AppProps = {}): App {
  const app = new App(props);
  const senders = new Stack(app, 'Senders');
  InvitationProvider.configure(senders, regulatedProvider(senders, { logRetention: logs.RetentionDays.ONE_MONTH }));
  const first = new ConnectionInvitation(senders, 'Partner', {
    ...SANDBOX_INVITATION,
    clientToken: 'pinned-token',
    removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    serviceTimeout: Duration.minutes(10),
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
  new CfnOutput(senders, 'ProviderFunctionName', { value: InvitationProvider.find(first)!.function.functionName });

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

  // The receiver's side, deployed in another account: accepters of every kind, and connections.
  const receivers = new Stack(app, 'Receivers');
  const byId = new ConnectionInvitationAccepter(receivers, 'AcceptPartner', {
    invitationIdentifier: 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-0123456789abc',
    connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
    cancelOnDelete: { reason: 'The partnership ended.' },
    serviceTimeout: Duration.minutes(10),
  });
  new ConnectionInvitationAccepter(receivers, 'AcceptPrimary', {
    catalog: Catalog.SANDBOX,
    sender: '444455556666',
    connectionType: ConnectionType.SUBSIDIARY,
    waitFor: Duration.seconds(30),
  });
  new ConnectionInvitationAccepter(receivers, 'AcceptImported', {
    invitation: ConnectionInvitation.fromConnectionInvitationArn(receivers, 'Received',
      'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abd'),
  }).applyRemovalPolicy(RemovalPolicy.RETAIN);
  const connectionReader = new iam.Role(receivers, 'ConnectionReader', { assumedBy: new iam.AccountRootPrincipal() });
  byId.grantRead(connectionReader);
  Connection.fromConnectionArn(receivers, 'ImportedConnection', 'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789abc')
    .grant(connectionReader, 'partnercentral:GetConnection');
  Connection.fromConnectionId(receivers, 'ImportedById', 'pac-0123456789abd', Catalog.SANDBOX).grantRead(connectionReader);
  new CfnOutput(receivers, 'ConnectionId', { value: byId.connectionId });
  return app;
}
