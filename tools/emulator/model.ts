/**
 * The PartnerCentral Account API as the emulator models it: its operations, the invitation in
 * its wire shape, and the fixed values the emulator answers with.
 *
 * An independent oracle on purpose: the emulator shares no code with the handler (lambda/), so
 * that a mistake in the handler shows against it as it would against AWS. It reads only the
 * API's field rules from src/api-constraints.ts (see ./validation.ts).
 */
import { SIGNING_REGION } from './protocol';

/** The operations the emulator implements. */
export const OPERATIONS = [
  'CreateConnectionInvitation',
  'GetConnectionInvitation',
  'CancelConnectionInvitation',
  'ListConnectionInvitations',
  'AcceptConnectionInvitation',
  'RejectConnectionInvitation',
  'GetConnection',
  'ListConnections',
  'CancelConnection',
] as const;

/** One of `OPERATIONS`. */
export type Operation = typeof OPERATIONS[number];

/** Invitation states. */
export type InvitationStatusValue = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'CANCELED' | 'EXPIRED';

/** Every invitation state. */
export const INVITATION_STATUSES: readonly InvitationStatusValue[] = ['PENDING', 'ACCEPTED', 'REJECTED', 'CANCELED', 'EXPIRED'];

/** The connection types List filters on. */
export const CONNECTION_TYPES = ['OPPORTUNITY_COLLABORATION', 'SUBSIDIARY'] as const;

/** The participant types List filters on. */
export const PARTICIPANT_TYPES = ['SENDER', 'RECEIVER'] as const;

/**
 * ListConnectionInvitations' page size when MaxResults is not given: 20, the Smithy model's
 * `@default` (botocore's JSON does not carry it).
 */
export const LIST_DEFAULT_MAX_RESULTS = 20;

/** How long an invitation stays PENDING before it expires. */
export const INVITATION_LIFETIME_MS = 15 * 24 * 60 * 60 * 1000;

/** The region the service runs in, and therefore the one in its ARNs: the one requests are signed for. */
export const SERVICE_REGION = SIGNING_REGION;

/** The sender identity the emulator answers with unless told otherwise. */
export const DEFAULT_INVITER = { email: 'sender@example.com', name: 'Emulated Sender' } as const;

/** The `ServiceCode` of the emulator's ThrottlingException. */
export const THROTTLING_SERVICE_CODE = 'partnercentral-account';

/** The `QuotaCode` of the emulator's ThrottlingException. */
export const THROTTLING_QUOTA_CODE = 'L-REQUESTS-PER-SECOND';

/**
 * A connection invitation exactly as the API returns it (Create, Get, Cancel): timestamps are
 * ISO-8601 strings, optional members are absent rather than empty.
 */
export interface Invitation {
  /** The catalog it lives in (`AWS`, `Sandbox`). */
  Catalog: string;
  /** `pacinv-` and 13 letters or digits. */
  Id: string;
  /** `arn:aws:partnercentral:us-east-1::catalog/<Catalog>/connection-invitation/<Id>`. */
  Arn: string;
  /** Present once the invitation is ACCEPTED. */
  ConnectionId?: string;
  /** `OPPORTUNITY_COLLABORATION` or `SUBSIDIARY`. */
  ConnectionType: string;
  /** ISO-8601. */
  CreatedAt: string;
  /** ISO-8601; bumped by every state change. */
  UpdatedAt: string;
  /** ISO-8601; CreatedAt + 15 days. */
  ExpiresAt?: string;
  /** To the sender, the receiver (partner profile id or AWS account id); to the receiver, the sender (see `EmulatorOptions.senderIdentity`). */
  OtherParticipantIdentifier: string;
  /** `SENDER` to the account that sent it, `RECEIVER` to the account it was sent to. */
  ParticipantType: string;
  /** PENDING, ACCEPTED, REJECTED, CANCELED or EXPIRED. */
  Status: InvitationStatusValue;
  /** The message sent with it (personal data). */
  InvitationMessage: string;
  /** The sender's e-mail as the service knows it (personal data). */
  InviterEmail: string;
  /** The sender's name as the service knows it (personal data). */
  InviterName: string;
}

/**
 * Whether two catalog names are the same catalog. Partner Central's catalog names ignore case
 * (the library's IAM conditions compare them with \`StringEqualsIgnoreCase\`), so the emulator
 * compares them ignoring case for its quotas and its lookups (Get, List, Cancel, Accept, Reject).
 */
export function sameCatalog(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A catalog's name as a key that every spelling of it shares. */
export function catalogKey(catalog: string): string {
  return catalog.toLowerCase();
}

/** The day window of the per-day quota: a create counts for 24 hours after it (a rolling window). */
export const DAILY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Every \`Reason\` of ServiceQuotaExceededException (botocore's model, 2025-04-04). The store
 * produces the three a create meets (per day, open invitations, active connections); the others
 * belong to operations the emulator does not serve and come from \`quotaExceededFault\`.
 */
export const QUOTA_REASONS = [
  'LIMIT_EXCEEDED_NUMBER_OF_EMAIL',
  'LIMIT_EXCEEDED_NUMBER_OF_DOMAIN',
  'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY',
  'LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION',
  'LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION',
  'LIMIT_EXCEEDED_NUMBER_OF_PROFILE_UPDATE_PER_DAY',
  'LIMIT_EXCEEDED_NUMBER_OF_PROFILE_VISIBILITY_UPDATE_PER_DAY',
] as const;

/**
 * Every \`Reason\` of ResourceNotFoundException in botocore 1.43.11 (newer models add more). The
 * store produces CONNECTION_INVITATION_NOT_FOUND and RECEIVER_PROFILE_NOT_FOUND; the others come
 * from \`notFoundFault\`.
 */
export const NOT_FOUND_REASONS = [
  'PARTNER_NOT_FOUND',
  'PARTNER_PROFILE_NOT_FOUND',
  'PARTNER_PROFILE_TASK_NOT_FOUND',
  'PARTNER_DOMAIN_NOT_FOUND',
  'SENDER_PROFILE_NOT_FOUND',
  'RECEIVER_PROFILE_NOT_FOUND',
  'CONNECTION_INVITATION_NOT_FOUND',
  'CONNECTION_NOT_FOUND',
  'VERIFICATION_NOT_FOUND',
] as const;
