/**
 * The stacks of the example app (`app.ts`, which adds them with `addExampleStacks`): in the
 * primary account, one declares connection invitations and another uses one of them through a
 * cross-stack reference; in the AWS Marketplace seller account, a third accepts the SUBSIDIARY
 * invitation.
 */
import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
// An app outside this repository imports from 'cdk-partnercentral' instead.
import { Catalog, ConnectionInvitation, ConnectionInvitationAccepter, ConnectionType, IConnectionInvitation } from '../src';

/** The primary account, which sends the invitations (a made-up 12-digit AWS account id). */
export const EXAMPLE_PRIMARY_ACCOUNT = '444455556666';

/** The AWS Marketplace seller account the primary account links (a made-up 12-digit AWS account id). */
export const EXAMPLE_SELLER_ACCOUNT = '111122223333';

/** The invitations: one to another partner, one to the subsidiary seller account. */
export class PartnerInvitationsStack extends Stack {
  /** The invitation to the partner, used by the consumer stack. */
  public readonly partnerInvitation: ConnectionInvitation;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.partnerInvitation = new ConnectionInvitation(this, 'ExamplePartnerInvitation', {
      catalog: Catalog.SANDBOX,
      connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
      receiverIdentifier: 'pprofile-0000example00', // a made-up partner profile id
      email: 'alliances@example.com',
      name: 'Pat Example',
      message: 'Example Corp would like to co-sell with you on opportunities.',
    });

    const subsidiaryInvitation = new ConnectionInvitation(this, 'ExampleSubsidiaryInvitation', {
      catalog: Catalog.SANDBOX,
      connectionType: ConnectionType.SUBSIDIARY,
      receiverIdentifier: EXAMPLE_SELLER_ACCOUNT,
      email: 'marketplace-seller@example.com',
      name: 'Pat Example',
      message: 'Please link this AWS Marketplace seller account to Example Corp.\nThank you!',
    });

    for (const [name, invitation] of [['Partner', this.partnerInvitation], ['Subsidiary', subsidiaryInvitation]] as const) {
      new CfnOutput(this, `${name}InvitationId`, {
        value: invitation.connectionInvitationId,
        description: `The id of the ${name.toLowerCase()} invitation`,
      });
      new CfnOutput(this, `${name}InvitationArn`, {
        value: invitation.connectionInvitationArn,
        description: `The ARN of the ${name.toLowerCase()} invitation`,
      });
    }
  }
}

/** Properties of the consumer stack. */
export interface PartnerConsumerStackProps extends StackProps {
  /** The invitation this stack uses, from another stack of the app. */
  readonly invitation: IConnectionInvitation;
}

/** Uses an invitation of another stack: CDK turns each reference into an export and an import. */
export class PartnerConsumerStack extends Stack {
  constructor(scope: Construct, id: string, props: PartnerConsumerStackProps) {
    super(scope, id, props);

    // Publish the ARN where other tools can look it up.
    new ssm.StringParameter(this, 'InvitationArnParameter', {
      parameterName: '/cdk-partnercentral-example/partner-invitation-arn',
      description: 'The ARN of the example partner invitation',
      stringValue: props.invitation.connectionInvitationArn,
    });

    // A role that may read the invitation (GetConnectionInvitation), for example for a report.
    const reader = new iam.Role(this, 'InvitationReader', {
      assumedBy: new iam.AccountRootPrincipal(),
      description: 'Reads the example partner invitation',
    });
    props.invitation.grantRead(reader);

    new CfnOutput(this, 'InvitationReaderRoleArn', { value: reader.roleArn });
  }
}

/** Properties of the seller account's stack. */
export interface SellerAccountStackProps extends StackProps {
  /** The account that sent the SUBSIDIARY invitation, as the seller account sees it. */
  readonly primaryAccount: string;
}

/**
 * Deployed in the seller account (after the invitations stack): accepts the primary account's
 * SUBSIDIARY invitation and publishes the connection it made.
 */
export class SellerAccountStack extends Stack {
  constructor(scope: Construct, id: string, props: SellerAccountStackProps) {
    super(scope, id, props);

    const accepter = new ConnectionInvitationAccepter(this, 'AcceptPrimaryInvitation', {
      catalog: Catalog.SANDBOX,
      sender: props.primaryAccount,
      connectionType: ConnectionType.SUBSIDIARY,
    });

    new CfnOutput(this, 'ConnectionId', { value: accepter.connectionId, description: 'The connection with the primary account' });
    new CfnOutput(this, 'ConnectionStatus', { value: accepter.connectionTypeStatus, description: 'The status of its SUBSIDIARY type' });
  }
}

/** The example app's three stacks. */
export interface ExampleStacks {
  /** The primary account's invitations. */
  readonly invitations: PartnerInvitationsStack;
  /** The primary account's stack that reads one of them. */
  readonly consumer: PartnerConsumerStack;
  /** The seller account's accepter. */
  readonly seller: SellerAccountStack;
}

/**
 * Adds the example's stacks to an app, each in its account: what `app.ts` synthesizes, and what
 * the tests check.
 *
 * @param app the app
 */
export function addExampleStacks(app: App): ExampleStacks {
  const primary = { account: EXAMPLE_PRIMARY_ACCOUNT };
  const invitations = new PartnerInvitationsStack(app, 'PartnerInvitations', { env: primary });
  const consumer = new PartnerConsumerStack(app, 'PartnerConsumer', { env: primary, invitation: invitations.partnerInvitation });
  // Last: the accepter finds the invitation the PartnerInvitations stack sent, so that stack deploys
  // first (stacks in different accounts share no references; the app's order is the deployment's).
  const seller = new SellerAccountStack(app, 'SellerAccount', { env: { account: EXAMPLE_SELLER_ACCOUNT }, primaryAccount: EXAMPLE_PRIMARY_ACCOUNT });
  return { invitations, consumer, seller };
}
