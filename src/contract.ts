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

/** The names of an invitation's API fields: its properties but the optional `ClientToken`. */
export type InvitationFieldName = Exclude<keyof InvitationResourceProperties, 'ClientToken'>;

/**
 * The names of the invitation's API fields, sorted: the order in which the handler reads them
 * and writes them into the canonical JSON of its derived ClientToken (a new order would change
 * every derived token, and so the invitation a redelivery finds).
 */
export const INVITATION_FIELD_NAMES = ['Catalog', 'ConnectionType', 'Email', 'Message', 'Name', 'ReceiverIdentifier'] as const satisfies readonly InvitationFieldName[];

/** Holds only `true`: the argument of {@link InvitationFieldNamesComplete}, which fails to compile otherwise. */
type MustBeTrue<T extends true> = T;

/** The names of {@link InvitationFieldName} that {@link INVITATION_FIELD_NAMES} does not list. */
type UnlistedInvitationFieldName = Exclude<InvitationFieldName, typeof INVITATION_FIELD_NAMES[number]>;

/**
 * Compiles only while {@link INVITATION_FIELD_NAMES} lists every {@link InvitationFieldName}:
 * a field added to {@link InvitationResourceProperties} and not to the list is named by the
 * compiler's error (`Type '"Field"' does not satisfy the constraint 'true'`).
 */
export type InvitationFieldNamesComplete = MustBeTrue<[UnlistedInvitationFieldName] extends [never] ? true : UnlistedInvitationFieldName>;

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

/** The Data keys that hold personal data: the inviter the API answers with. */
export const PERSONAL_ATTRIBUTE_KEYS: readonly AttributeKey[] = ['InviterEmail', 'InviterName'];

/** Every key always present (empty string when the API did not return it), so `Fn::GetAtt` never fails. */
export type InvitationData = Record<AttributeKey, string>;

/** The CloudFormation resource type of every accepter (the receiver's side of one invitation). */
export const ACCEPTER_RESOURCE_TYPE = 'Custom::PartnerCentralConnectionInvitationAccepter';

/**
 * The accepter's custom resource properties (besides `ServiceToken`). The invitation is named
 * either by `InvitationIdentifier` (an invitation id or ARN) or by `SenderIdentifier` plus
 * `ConnectionType` (found as RECEIVER and PENDING through ListConnectionInvitations); exactly one
 * of the two ways is present. CloudFormation delivers every value as a string.
 */
export interface AccepterResourceProperties {
  readonly Catalog: string;
  /** An invitation id (`pacinv-...`) or its ARN. */
  readonly InvitationIdentifier?: string;
  /** The sender as the receiver sees it: its 12-digit AWS account id or its partner profile id. */
  readonly SenderIdentifier?: string;
  /** Required with `SenderIdentifier`; with `InvitationIdentifier`, checked against the invitation when present. */
  readonly ConnectionType?: string;
  /** How long to wait for an invitation named by its sender to appear, in whole seconds ('0' to not wait). */
  readonly WaitSeconds?: string;
  /** 'true' only when the user chose to cancel the accepted connection type when the resource is deleted. */
  readonly CancelOnDelete?: string;
  /** The reason sent to CancelConnection (required by the API with `CancelOnDelete`), 0-256 characters. */
  readonly CancelReason?: string;
}

/**
 * The Data keys of an accepter. None of them is personal data: the inviter's e-mail and name,
 * which the API returns in the connection, are never part of the resource.
 */
export const ACCEPTER_ATTRIBUTE_KEYS = [
  'ConnectionId',
  'ConnectionArn',
  'OtherParticipantAccountId',
  'InvitationId',
  'InvitationArn',
  'Catalog',
  'ConnectionType',
  'ConnectionTypeStatus',
] as const;

export type AccepterAttributeKey = typeof ACCEPTER_ATTRIBUTE_KEYS[number];

/** Every key always present (empty string when unknown), so `Fn::GetAtt` never fails. */
export type AccepterData = Record<AccepterAttributeKey, string>;

/**
 * The accepter's physical resource id: the accepted invitation's id. Two accepters may share one
 * connection (one per connection type), never one invitation.
 */
export type AccepterPhysicalId = string;

/**
 * The folder of `assets/` that holds the bundled handler (`index.js`): the provider packages it as
 * the function's code and the CLI's rehearsal runs it. The build writes it there (`HANDLER_OUT` of
 * `.projenrc.ts`, which keeps its own copy of this name: `test/handler-bundle.test.ts` fails when
 * the two differ).
 */
export const HANDLER_ASSET_NAME = 'connection-invitation-handler';

/** The provider function's timeout, in seconds (its Lambda `timeout`). */
export const HANDLER_TIMEOUT_SECONDS = 120;

/** Time the handler keeps free before Lambda's deadline, after the answer (ms). */
export const HANDLER_SAFETY_MARGIN_MS = 5_000;

/** Time the handler reserves for the answer to CloudFormation, after the API calls (ms). */
export const HANDLER_RESPONSE_BUDGET_MS = 10_000;

/** The share of the API budget left when it starts that an accepter's wait may use: the rest is for reading and accepting. */
export const ACCEPTER_WAIT_SHARE = 0.5;

/**
 * The longest an accepter waits for its invitation to appear (`WaitSeconds`), and its default
 * by sender: what the handler can really wait. Its API budget is the timeout less the safety
 * margin and the answer's reserve (120 - 5 - 10 = 105 s), a wait may use half of what is left
 * when it starts (at most 52.5 s), less the time of the reads before it: 50 s. It also ends
 * before the 60 s create window closes, after which nothing is accepted.
 */
export const ACCEPTER_MAX_WAIT_SECONDS = 50;
