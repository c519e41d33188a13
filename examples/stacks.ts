/**
 * The stacks of the example app (`app.ts`): one declares connection invitations, the other uses
 * one of them through a cross-stack reference.
 */
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
// An app outside this repository imports from 'cdk-partnercentral' instead.
import { Catalog, ConnectionInvitation, ConnectionType, IConnectionInvitation } from '../src';

/** The invitations: one to another partner, one to a subsidiary account. */
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
      receiverIdentifier: '111122223333', // a made-up 12-digit AWS account id
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
