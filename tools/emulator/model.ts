/**
 * The PartnerCentral Account API as the emulator models it: its operations, the invitation in
 * its wire shape, and the fixed values the emulator answers with.
 *
 * An independent oracle on purpose: the emulator shares no code with the handler (lambda/), so
 * that a mistake in the handler shows against it as it would against AWS. It reads only the
 * API's field rules from src/api-constraints.ts (see ./validation.ts).
 */

/** The operations the emulator implements. */
export const OPERATIONS = [
  'CreateConnectionInvitation',
  'GetConnectionInvitation',
  'CancelConnectionInvitation',
  'ListConnectionInvitations',
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

/** How long an invitation stays PENDING before it expires. */
export const INVITATION_LIFETIME_MS = 15 * 24 * 60 * 60 * 1000;

/** The region the service runs in, and therefore the one in its ARNs. */
export const SERVICE_REGION = 'us-east-1';

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
  /** `pacinv-` + 13 alphanumerics. */
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
  /** The receiver (partner profile id or AWS account id). */
  OtherParticipantIdentifier: string;
  /** Always `SENDER` for invitations made through the emulator. */
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
