/**
 * The contract between the construct and its handler, stable once released: changing a name
 * here breaks stacks that are already deployed. Pure types and constants, shared with `lambda/`.
 * Not part of the public jsii API.
 */

/** The CloudFormation resource type of every invitation. */
export const RESOURCE_TYPE = 'Custom::PartnerCentralConnectionInvitation';

/**
 * The custom resource properties (besides `ServiceToken`), named as the API's input members.
 * CloudFormation delivers every value as a string.
 */
export interface InvitationResourceProperties {
  readonly Catalog: string;
  readonly ConnectionType: string;
  readonly Email: string;
  readonly Message: string;
  readonly Name: string;
  readonly ReceiverIdentifier: string;
  /** Present only when the user sets one. */
  readonly ClientToken?: string;
}

/** The Data keys the handler returns, named as the API's response members. */
export const ATTRIBUTE_KEYS = [
  'Id',
  'Arn',
  'Catalog',
  'ConnectionType',
  'Status',
  'CreatedAt',
  'UpdatedAt',
  'ExpiresAt',
  'ConnectionId',
  'OtherParticipantIdentifier',
  'ParticipantType',
  'InviterEmail',
  'InviterName',
] as const;

export type AttributeKey = typeof ATTRIBUTE_KEYS[number];

/** Every key always present (empty string when the API did not return it), so `Fn::GetAtt` never fails. */
export type InvitationData = Record<AttributeKey, string>;
