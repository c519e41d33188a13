/**
 * The decisions of a create, pure: what to do with the invitation the service answered (the
 * chain of stale invitations behind a derived token), and when a refused create may cancel the
 * invitation it replaces.
 */
import { isInvitationId } from './physical-id';
import { ApiError } from '../api/errors';
import type { Invitation } from '../types';

/** Invitation states in which a derived ClientToken is stale: the same input was used before and ended. */
const STALE_STATES = new Set(['CANCELED', 'EXPIRED']);

/**
 * How many stale invitations a derived token may lead through before the create gives up: each
 * is one earlier invitation with the same input in the same stack and resource.
 */
export const MAX_STALE_HOPS = 20;

/** What to do after a create answered an invitation. */
export type CreateStep =
  /** The invitation is live: answer it. */
  | { readonly next: 'done' }
  /** The invitation is stale: create again with the derived token salted with its id. */
  | { readonly next: 'hop'; readonly salt: string }
  /** Give up, for this reason. */
  | { readonly next: 'fail'; readonly reason: string };

/**
 * Decides what follows a create's answer. A derived token that names a canceled or expired
 * invitation leads on to the token salted with that invitation's id, at most
 * {@link MAX_STALE_HOPS} times; a user's token that does fails, since only a new token can send
 * a new invitation.
 *
 * @param userToken the user's ClientToken, when the create used it
 * @param hops how many stale invitations this create already led through
 */
export function afterCreate(inv: Invitation, userToken: string | undefined, hops: number): CreateStep {
  if (typeof inv.Status === 'string' && STALE_STATES.has(inv.Status)) {
    if (userToken !== undefined) {
      return fail(`ClientToken ${JSON.stringify(userToken)} was already used for invitation ${String(inv.Id)}, which is now ${inv.Status}: set a new clientToken (or remove it) to send a new invitation.`);
    }
    if (!isInvitationId(inv.Id)) {
      return fail(`CreateConnectionInvitation answered a ${inv.Status} invitation without a valid invitation id`);
    }
    if (hops >= MAX_STALE_HOPS) {
      return fail(`Too many earlier invitations with these properties in this stack (more than ${MAX_STALE_HOPS}, all canceled or expired, `
        + `the last ${inv.Id}): change a property (for example the message) or set a clientToken to send a new invitation.`);
    }
    return { next: 'hop', salt: inv.Id };
  }
  if (!isInvitationId(inv.Id)) return fail('CreateConnectionInvitation answered without a valid invitation id');
  return { next: 'done' };
}

function fail(reason: string): CreateStep {
  return { next: 'fail', reason };
}

/**
 * Whether a create was refused because of the service's rule of one pending invitation per
 * receiver, catalog and connection type: then the pending invitation it replaces may be canceled
 * first, and the create repeated.
 */
export function isDuplicateRefusal(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409 && e.reason === 'DUPLICATE_CONNECTION_INVITATION';
}
