/**
 * A connection invitation as the emulator stores it, how it expires, and how each of its two
 * participants sees it (the sender as SENDER with the receiver's identifier, the receiver as
 * RECEIVER with the sender's account id or partner profile id).
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type { ResolvedAccount, SenderIdentity } from './accounts';
import type { Invitation, InvitationStatusValue } from './model';

/** An invitation as stored: the wire members (times in epoch ms) and its two participants. */
export interface StoredInvitation {
  readonly seq: number;
  /** The account that sent it. */
  readonly sender: ResolvedAccount;
  /** The account it was sent to, when the receiver is one the emulator knows. */
  readonly receiver?: ResolvedAccount;
  Catalog: string;
  Id: string;
  Arn: string;
  ConnectionId?: string;
  ConnectionType: string;
  CreatedAt: number;
  UpdatedAt: number;
  ExpiresAt: number;
  OtherParticipantIdentifier: string;
  ParticipantType: 'SENDER' | 'RECEIVER';
  Status: InvitationStatusValue;
  InvitationMessage: string;
  InviterEmail: string;
  InviterName: string;
}

/** An epoch-ms time as the API's ISO 8601 timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A PENDING invitation whose ExpiresAt has passed at `now` becomes EXPIRED. */
export function expireIfDue(s: StoredInvitation, now: number): void {
  if (s.Status === 'PENDING' && now >= s.ExpiresAt) {
    s.Status = 'EXPIRED';
    s.UpdatedAt = s.ExpiresAt;
  }
}

/**
 * The invitation (a copy, wire shape) as one of its participants sees it.
 *
 * @param senderIdentity what a receiver sees as the sender's `OtherParticipantIdentifier`
 */
export function renderInvitation(s: StoredInvitation, viewer: ResolvedAccount, senderIdentity: SenderIdentity): Invitation {
  const asReceiver = viewer !== s.sender && viewer === s.receiver;
  const out: Invitation = {
    Catalog: s.Catalog,
    Id: s.Id,
    Arn: s.Arn,
    ConnectionType: s.ConnectionType,
    CreatedAt: iso(s.CreatedAt),
    UpdatedAt: iso(s.UpdatedAt),
    ExpiresAt: iso(s.ExpiresAt),
    OtherParticipantIdentifier: asReceiver
      ? (senderIdentity === 'accountId' ? s.sender.accountId : s.sender.partnerProfileId)
      : s.OtherParticipantIdentifier,
    ParticipantType: asReceiver ? 'RECEIVER' : 'SENDER',
    Status: s.Status,
    InvitationMessage: s.InvitationMessage,
    InviterEmail: s.InviterEmail,
    InviterName: s.InviterName,
  };
  if (s.ConnectionId !== undefined) out.ConnectionId = s.ConnectionId;
  return out;
}
