/**
 * The decisions of a sweep, pure: which listed invitations may be one this resource created
 * without holding it (after a Create or an Update whose outcome nobody confirmed), and when a
 * full read proves it is.
 *
 * A sweep looks for the invitation of known properties, created within a known window. The
 * List is filtered by the service (PENDING, sent by this account, to the receiver, in the
 * catalog, of the connection type) and checked again here; the invitation is then read, and
 * it is this resource's only when its message is the properties' message. Never a connection.
 */
import { sameRelationship } from './relationship';
import { isInvitationId } from '../common/physical-id';
import { timestampMs } from '../json';
import type { Invitation, InvitationFields } from '../types';

/** A time window, ms since the epoch, both ends included. */
export interface Window {
  /** The earliest CreatedAt. */
  readonly from: number;
  /** The latest CreatedAt. */
  readonly to: number;
}

/**
 * Whether a summary may be the invitation: pending, sent by this account to the same receiver,
 * catalog and connection type, created within the window, and not one of `keep` (what the
 * resource holds).
 */
export function isSweepCandidate(
  s: Invitation, fields: InvitationFields, window: Window, keep: ReadonlySet<string>,
): s is Invitation & { readonly Id: string } {
  if (!isInvitationId(s.Id) || keep.has(s.Id)) return false;
  if (s.Status !== 'PENDING' || s.ParticipantType !== 'SENDER') return false;
  if (!sameRelationship(s, fields)) return false;
  const created = timestampMs(s.CreatedAt);
  return created !== undefined && created >= window.from && created <= window.to;
}

/**
 * Whether a full read of a candidate proves it is the invitation of these properties: still
 * pending, same relationship, and the same message. Limit: another resource (another stack,
 * another account's tooling) that sent exactly this message to the same receiver within the
 * window would match too.
 */
export function provesOurs(inv: Invitation, fields: InvitationFields, window: Window): boolean {
  if (inv.Status !== 'PENDING' || inv.ParticipantType !== 'SENDER' || !sameRelationship(inv, fields)) return false;
  if (inv.InvitationMessage !== fields.Message) return false;
  const created = timestampMs(inv.CreatedAt);
  return created !== undefined && created >= window.from && created <= window.to;
}
