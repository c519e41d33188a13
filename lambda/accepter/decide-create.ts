/**
 * The decisions of an accepter's Create, pure: what to do with the invitation it is told to
 * accept (accept it, adopt its connection, or fail saying what to do), and which of the
 * invitations received from a sender is the one (exactly one PENDING, never a pick among several).
 */
import type { Invitation } from '../types';

/** What to do with the named invitation, as this account reads it. */
export type InvitationStep =
  | { readonly next: 'accept' }
  /** Already accepted: read its connection and answer with it. */
  | { readonly next: 'adopt'; readonly connectionId: string }
  | { readonly next: 'fail'; readonly reason: string };

const ENDED_ADVICE: Readonly<Record<string, string>> = {
  REJECTED: 'it was rejected: ask the sender for a new invitation, then name that one',
  CANCELED: 'the sender canceled it: ask the sender for a new invitation, then name that one',
  EXPIRED: 'it expired before it was accepted: ask the sender for a new invitation, then name that one',
};

/**
 * Decides from the invitation as GetConnectionInvitation answered it.
 *
 * @param expectedType the ConnectionType the properties name, checked when present
 */
export function decideInvitation(inv: Invitation, expectedType: string | undefined): InvitationStep {
  const id = String(inv.Id);
  if (inv.ParticipantType !== 'RECEIVER') {
    return fail(`Invitation ${id} was not received by this account (it is its ${String(inv.ParticipantType)}): deploy the accepter in the receiver's account.`);
  }
  if (expectedType !== undefined && inv.ConnectionType !== expectedType) {
    return fail(`Invitation ${id} is of connection type ${String(inv.ConnectionType)}, not ${expectedType}: name the invitation of that type, or change connectionType.`);
  }
  switch (inv.Status) {
    case 'PENDING':
      return { next: 'accept' };
    case 'ACCEPTED':
      if (typeof inv.ConnectionId === 'string' && inv.ConnectionId !== '') return { next: 'adopt', connectionId: inv.ConnectionId };
      return fail(`Invitation ${id} is ACCEPTED but the service names no connection for it: deploy again later.`);
    default: {
      const advice = ENDED_ADVICE[String(inv.Status)];
      return fail(`Invitation ${id} cannot be accepted: ${advice ?? `it is ${String(inv.Status)}`}.`);
    }
  }
}

/** What to do after listing the invitations received from a sender. */
export type CandidateStep =
  | { readonly next: 'use'; readonly id: string }
  | { readonly next: 'wait' }
  | { readonly next: 'fail'; readonly reason: string };

/**
 * Decides from the PENDING invitations received from the sender, of the connection type.
 *
 * @param waitedOut whether the wait for one to appear is over
 */
export function decideCandidates(
  pendingIds: readonly string[], sender: string, connectionType: string, waitedOut: boolean, waitedMs: number,
): CandidateStep {
  if (pendingIds.length === 1) return { next: 'use', id: pendingIds[0] };
  if (pendingIds.length > 1) {
    return fail(`${pendingIds.length} pending ${connectionType} invitations from ${sender} were received: the accepter accepts only one it can tell apart; `
      + 'name the invitation by its id or ARN instead (or ask the sender to cancel the others).');
  }
  if (!waitedOut) return { next: 'wait' };
  return fail(`No pending ${connectionType} invitation from ${sender} was received (waited ${Math.round(waitedMs / 1000)} s): deploy the sender's stack first, `
    + 'check that the sender is named as this account sees it (its account id or partner profile id), or raise the wait.');
}

function fail(reason: string): { readonly next: 'fail'; readonly reason: string } {
  return { next: 'fail', reason };
}
