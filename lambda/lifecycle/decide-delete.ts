/**
 * The decisions of a Delete, pure: what the physical id asks for, whether the current
 * invitation is canceled, and which invitations the Delete after an unconfirmed create cancels.
 */
import { isInvitationId, parseUnconfirmedMarker } from './physical-id';
import { checkField } from '../../src/api-constraints';
import type { Invitation, InvitationFields } from '../types';

/** What a Delete does before reading anything. */
export type DeletePlan =
  /** The physical id is an unconfirmed-create marker: cancel what that create may have made, within its window. */
  | { readonly action: 'clean-up-unconfirmed'; readonly window: { readonly from: number; readonly to: number } }
  /** The physical id is not an invitation id: nothing was made, nothing to do. */
  | { readonly action: 'nothing' }
  /** The invitation cannot be looked up: fail, for this reason. */
  | { readonly action: 'fail'; readonly reason: string }
  /** Read the invitation in this catalog, then cancel it if {@link cancelsOnDelete}. */
  | { readonly action: 'read'; readonly catalog: string };

/** Plans a Delete from its physical id and the catalog of its properties. */
export function planDelete(phys: string, catalog: unknown): DeletePlan {
  const window = parseUnconfirmedMarker(phys);
  if (window) return { action: 'clean-up-unconfirmed', window };
  // A Delete after a failed Create, or for an id this handler never made: nothing to do.
  if (!isInvitationId(phys)) return { action: 'nothing' };
  if (typeof catalog !== 'string' || checkField('Catalog', catalog)) {
    return { action: 'fail', reason: `Cannot delete invitation ${phys}: Catalog ${typeof catalog === 'string' ? checkField('Catalog', catalog)?.rule : 'is required'}` };
  }
  return { action: 'read', catalog };
}

/** Whether a Delete cancels the invitation: only a PENDING one; any other state, or gone, is left alone. */
export function cancelsOnDelete(current: Invitation | undefined): boolean {
  return current !== undefined && current.Status === 'PENDING';
}

/**
 * Whether an invitation summary is one the unconfirmed create may have made: pending, sent by
 * this account to the same receiver, catalog and connection type, and created within the window
 * (epoch ms, the skew allowance included).
 *
 * Limit: another invitation to the same receiver created in the same window would match too;
 * the service's rule of one pending invitation per receiver, catalog and connection type makes
 * that nearly impossible.
 */
export function isUnconfirmedCandidate(
  s: Invitation, fields: InvitationFields, fromMs: number, toMs: number,
): s is Invitation & { readonly Id: string } {
  if (!isInvitationId(s.Id)) return false;
  if (s.Status !== undefined && s.Status !== 'PENDING') return false;
  if (s.ParticipantType !== undefined && s.ParticipantType !== 'SENDER') return false;
  // A second guard on the service's own receiver filter. Here the properties are the ones
  // the create sent, and a wrong match would cancel an invitation this resource never made,
  // so the API's value must agree (unlike the Update check, whose invitation is ours).
  if (typeof s.OtherParticipantIdentifier === 'string' && s.OtherParticipantIdentifier !== fields.ReceiverIdentifier) return false;
  if (typeof s.ConnectionType === 'string' && s.ConnectionType !== fields.ConnectionType) return false;
  const created = timestampMs(s.CreatedAt);
  return created !== undefined && created >= fromMs && created <= toMs;
}

function timestampMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v * 1000;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}
