/**
 * The decisions of a create, pure: what to do with the invitation the service answered (the
 * chain of stale invitations behind a derived token, and where a late request stops on it),
 * and when a refused create may cancel the invitation it replaces.
 */
import { hasReason } from '../api/errors';
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
  /** Answer this invitation: it is live, or it is the one this request was for (see {@link afterCreate}). */
  | { readonly next: 'done' }
  /** The invitation ended before this request was issued: create again with the derived token salted with its id. */
  | { readonly next: 'hop'; readonly salt: string }
  /** Give up, for this reason. */
  | { readonly next: 'fail'; readonly reason: string };

/**
 * Decides what follows a create's answer.
 *
 * A canceled or expired invitation that ended before the request was issued is an earlier use
 * of the same input: a derived token leads on to the token salted with its id (at most
 * {@link MAX_STALE_HOPS} times), and a user's token fails, since only a new token can send a
 * new invitation. One that ended at or after the issue (within the clock slack) is the
 * invitation this very request was for: the request is a late delivery (the stack has moved
 * past it and canceled the invitation since), or someone ended the invitation meanwhile.
 * Either way it is answered as it is, and nothing is sent.
 *
 * @param userToken the user's ClientToken, when the create used it
 * @param hops how many stale invitations this create already led through
 * @param endedBeforeRequest whether the invitation ended before the request was issued
 */
export function afterCreate(inv: Invitation, userToken: string | undefined, hops: number, endedBeforeRequest: boolean): CreateStep {
  if (typeof inv.Status !== 'string' || !STALE_STATES.has(inv.Status) || !endedBeforeRequest) return { next: 'done' };
  if (userToken !== undefined) {
    return fail(`ClientToken ${JSON.stringify(userToken)} was already used for invitation ${String(inv.Id)}, which is now ${inv.Status}: set a new clientToken (or remove it) to send a new invitation.`);
  }
  if (hops >= MAX_STALE_HOPS) {
    return fail(`Too many earlier invitations with these properties in this stack (more than ${MAX_STALE_HOPS}, all canceled or expired, `
      + `the last ${String(inv.Id)}): change a property (for example the message) or set a clientToken to send a new invitation.`);
  }
  return { next: 'hop', salt: String(inv.Id) };
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
  return hasReason(e, 409, 'DUPLICATE_CONNECTION_INVITATION');
}
