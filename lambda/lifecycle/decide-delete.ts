/**
 * The decisions of a Delete, pure: what the physical id asks for, and whether the current
 * invitation is canceled. What the Delete after an unconfirmed create cancels is decided in
 * `decide-sweep.ts`.
 */
import { parseUnconfirmedMarker } from './physical-id';
import { checkField } from '../../src/api-constraints';
import { isInvitationId } from '../common/physical-id';
import type { Invitation } from '../types';

/** What a Delete does before reading anything. */
export type DeletePlan =
  /** The physical id is an unconfirmed-create marker: cancel what that create may have made, within its window (epoch s). */
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
