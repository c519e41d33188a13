/**
 * The decisions of an accepter's Create, pure: what to do with the invitation it is told to
 * accept (accept it, adopt its connection, or fail saying what to do), and which of the
 * invitations received from a sender is the one (exactly one PENDING, never a pick among several,
 * or the ACCEPTED one that holds the ACTIVE connection type, and which ACCEPTED one can hold it).
 */
import { timestampMs } from '../json';
import type { Connection, Invitation } from '../types';

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

/**
 * The ACCEPTED invitation from the sender that holds the connection type's ACTIVE entry: the one
 * accepted last, when its connection's entry of the type is ACTIVE and was made by that
 * acceptance (its CreatedAt within the clock slack of the invitation's UpdatedAt).
 */
export interface CurrentAcceptance {
  readonly id: string;
  /** When the entry was created (ms since the epoch). */
  readonly createdAt: number;
}

/** What the accepter found among the invitations received from the sender, of the connection type. */
export interface SenderFindings {
  readonly pendingIds: readonly string[];
  /** The ACCEPTED one whose acceptance made the ACTIVE entry, if any. */
  readonly current?: CurrentAcceptance;
  /** How many ACCEPTED ones were received (their entry ACTIVE or not). */
  readonly acceptedCount: number;
}

/** How the search stands in time. */
export interface SenderSearch {
  readonly sender: string;
  readonly connectionType: string;
  /** Whether the wait for one to appear is over. */
  readonly waitedOut: boolean;
  readonly waitedMs: number;
  /** Whether the function's remaining time cut the wait below the one asked for. */
  readonly waitCut: boolean;
  /** When any delivery of this request may have accepted (ms since the epoch): from the issue (less the slack) to the create fence (plus the slack). */
  readonly window: { readonly from: number; readonly to: number };
}

/**
 * Whether an invitation found ACCEPTED may be adopted, from its connection: only while the
 * entry of its connection type is ACTIVE. A canceled one ended the partnership: adopting it
 * would answer SUCCESS for a connection that no longer links the two.
 *
 * @returns the reason to fail, or undefined to adopt
 */
export function refuseAdoption(inv: Invitation, connection: Connection): string | undefined {
  const status = entryOf(connection, String(inv.ConnectionType))?.Status;
  if (status === 'ACTIVE') return undefined;
  return `Invitation ${String(inv.Id)} was accepted before, but its ${String(inv.ConnectionType)} connection type is ${status === undefined ? 'gone' : String(status)} now `
    + '(the partnership it made has ended): ask the sender for a new invitation, then name that one.';
}

/** The entry of a connection type in a connection, if any. */
export function entryOf(connection: Connection, type: string): Record<string, unknown> | undefined {
  const types = connection.ConnectionTypes;
  const entry = typeof types === 'object' && types !== null ? (types as Record<string, unknown>)[type] : undefined;
  return typeof entry === 'object' && entry !== null ? entry as Record<string, unknown> : undefined;
}

/**
 * Of the ACCEPTED invitations received, the one accepted last (the latest UpdatedAt; one without
 * a readable UpdatedAt only when no other has one): the only one whose acceptance can hold the
 * connection type's entry, since a later acceptance of the type makes a new entry. Of several
 * with the same UpdatedAt, the one with the smallest id, so the pick never depends on the order
 * the listing gives.
 */
export function lastAccepted(accepted: readonly Invitation[]): Invitation | undefined {
  let last: Invitation | undefined;
  for (const inv of accepted) {
    if (last === undefined) {
      last = inv;
      continue;
    }
    const at = timestampMs(inv.UpdatedAt) ?? -Infinity;
    const lastAt = timestampMs(last.UpdatedAt) ?? -Infinity;
    if (at > lastAt || (at === lastAt && String(inv.Id) < String(last.Id))) last = inv;
  }
  return last;
}

/**
 * Whether the accepted invitation holds its connection's entry of the type: the entry is ACTIVE
 * and was created within `slackMs` of the invitation's acceptance (its UpdatedAt), so that
 * acceptance made it.
 *
 * @param connection the invitation's connection, undefined when it does not exist
 */
export function acceptanceOf(inv: Invitation, connection: Connection | undefined, type: string, slackMs: number): CurrentAcceptance | undefined {
  const acceptedAt = timestampMs(inv.UpdatedAt);
  const entry = connection ? entryOf(connection, type) : undefined;
  const createdAt = timestampMs(entry?.CreatedAt);
  if (acceptedAt === undefined || entry?.Status !== 'ACTIVE' || createdAt === undefined || Math.abs(createdAt - acceptedAt) > slackMs) return undefined;
  return { id: String(inv.Id), createdAt };
}

/** What to do after listing the invitations received from a sender. */
export type CandidateStep =
  /** Accept the one PENDING invitation. */
  | { readonly next: 'use'; readonly id: string }
  /** Adopt an ACCEPTED one: its acceptance made the ACTIVE connection type. */
  | { readonly next: 'adopt'; readonly id: string }
  | { readonly next: 'wait' }
  | { readonly next: 'fail'; readonly reason: string };

/**
 * Decides from what was received from the sender. In order: an acceptance made inside this
 * request's window is an earlier delivery's (the answer); else exactly one PENDING invitation is
 * accepted (several fail: never a pick); else the ACCEPTED one that holds the ACTIVE connection
 * type is adopted (accepted in the console, by an earlier stack, or by a delivery whose answer
 * was lost); else wait, then fail saying what to do. An old ACCEPTED invitation whose connection
 * type was canceled since is never the answer.
 */
export function decideCandidates(found: SenderFindings, search: SenderSearch): CandidateStep {
  const { pendingIds, current } = found;
  const { sender, connectionType } = search;
  if (current && current.createdAt >= search.window.from && current.createdAt <= search.window.to) return { next: 'adopt', id: current.id };
  if (pendingIds.length === 1) return { next: 'use', id: pendingIds[0] };
  if (pendingIds.length > 1) {
    return fail(`${pendingIds.length} pending ${connectionType} invitations from ${sender} were received: the accepter accepts only one it can tell apart; `
      + 'name the invitation by its id or ARN instead (or ask the sender to cancel the others).');
  }
  if (current) return { next: 'adopt', id: current.id };
  if (!search.waitedOut) return { next: 'wait' };
  const waited = `waited ${Math.round(search.waitedMs / 1000)} s`;
  if (found.acceptedCount > 0) {
    return fail(`No pending ${connectionType} invitation from ${sender} was received (${waited}), and the ${connectionType} connection type that the `
      + 'one accepted before made is no longer ACTIVE (it was canceled): ask the sender for a new invitation, then deploy again.');
  }
  const how = search.waitCut ? `${waited}, all that the function's remaining time allowed of waitFor` : waited;
  return fail(`No pending ${connectionType} invitation from ${sender} was received (${how}): deploy the sender's stack first, `
    + `check that the sender is named as this account sees it (its account id or partner profile id)${search.waitCut ? '' : ', or raise the wait'}.`);
}

function fail(reason: string): { readonly next: 'fail'; readonly reason: string } {
  return { next: 'fail', reason };
}
