/**
 * The two ways of declaring N connection invitations in one stack that the synth benchmark
 * compares: this library's `ConnectionInvitation`, and aws-cdk-lib's `AwsCustomResource`
 * written the way a user would write it (one per invitation, each calling
 * CreateConnectionInvitation on create).
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Catalog, ConnectionInvitation, ConnectionType } from '../src';
import { PARTNER_CENTRAL_REGION } from '../src/api-constraints';

/** The variants the synth benchmark compares. */
export type Variant = 'ours' | 'awsCustomResource';

export const VARIANTS: readonly Variant[] = ['ours', 'awsCustomResource'];

/** A readable label of each variant for tables. */
export const VARIANT_LABEL: Readonly<Record<Variant, string>> = {
  ours: 'ConnectionInvitation',
  awsCustomResource: 'AwsCustomResource',
};

/**
 * The inputs of invitation `i` (0-based): realistic lengths, distinct receivers, made-up data.
 */
export function invitationInput(i: number): { receiverIdentifier: string; email: string; name: string; message: string } {
  const n = String(i).padStart(5, '0');
  return {
    receiverIdentifier: `pprofile-bench${n}abcd`,
    email: `alliances+${n}@example.com`,
    name: 'Pat Example',
    message: `Let us co-sell on opportunities (partner ${n}).`,
  };
}

/** The CreateConnectionInvitation input of invitation `i` (Sandbox catalog), as the API names it. */
export function invitationProperties(i: number) {
  const input = invitationInput(i);
  return {
    Catalog: 'Sandbox',
    ConnectionType: 'OPPORTUNITY_COLLABORATION' as const,
    ReceiverIdentifier: input.receiverIdentifier,
    Email: input.email,
    Name: input.name,
    Message: input.message,
  };
}

/**
 * Adds `n` invitations made with this library's construct to `stack`, with the inputs of
 * invitations `first` to `first + n - 1` (distinct receivers across stacks, as the service
 * allows one pending invitation per receiver).
 */
export function addOurInvitations(stack: Stack, n: number, first = 0): void {
  for (let i = 0; i < n; i++) {
    new ConnectionInvitation(stack, `Invitation${i}`, {
      catalog: Catalog.SANDBOX,
      connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
      ...invitationInput(first + i),
    });
  }
}

/**
 * Adds `n` invitations made with `AwsCustomResource` to `stack`, one per invitation.
 *
 * The policy is `fromStatements` with the action's real IAM name: `fromSdkCalls` derives
 * `partnercentralaccount:CreateConnectionInvitation` from the service name (aws-cdk-lib 2.177
 * has no IAM prefix for this service), which IAM would not match, so a working stack needs
 * the explicit statement. Each `AwsCustomResource` still adds its own `AWS::IAM::Policy` to
 * the shared singleton role.
 */
export function addAwsCustomResourceInvitations(stack: Stack, n: number): void {
  for (let i = 0; i < n; i++) {
    new AwsCustomResource(stack, `Invitation${i}`, {
      onCreate: {
        service: 'PartnerCentralAccount',
        action: 'CreateConnectionInvitation',
        parameters: invitationProperties(i),
        region: PARTNER_CENTRAL_REGION,
        physicalResourceId: PhysicalResourceId.fromResponse('Id'),
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['partnercentral:CreateConnectionInvitation'],
          resources: [AwsCustomResourcePolicy.ANY_RESOURCE[0]],
        }),
      ]),
    });
  }
}

/** Adds `n` invitations of `variant` to `stack`. */
export function addInvitations(variant: Variant, stack: Stack, n: number): void {
  if (variant === 'ours') addOurInvitations(stack, n);
  else addAwsCustomResourceInvitations(stack, n);
}
