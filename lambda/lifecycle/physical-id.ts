/**
 * What a physical resource id says. An invitation id (`pacinv-...`) names the invitation; the
 * two markers name a Create that made none for sure: `create-failed-<RequestId>` (nothing was
 * created) and `unconfirmed-<first>-<last>` (an invitation may exist, created within that
 * window of epoch seconds, for the following Delete to find).
 */
import { INVITATION_ID_PATTERN } from '../../src/api-constraints';

/** Physical id prefix of a Create whose invitation may exist although no answer confirmed it. */
export const UNCONFIRMED_PREFIX = 'unconfirmed-';
const UNCONFIRMED_PATTERN = /^unconfirmed-(\d{1,13})-(\d{1,13})$/;

/** Physical id prefix of a Create that failed without creating anything. */
export const CREATE_FAILED_PREFIX = 'create-failed-';

/** Whether a value is an invitation id (as a physical id, or in an API answer). */
export function isInvitationId(v: unknown): v is string {
  return typeof v === 'string' && INVITATION_ID_PATTERN.test(v);
}

/** The marker physical id of a Create whose outcome is unknown: the window of its attempts. */
export function unconfirmedMarker(firstAttemptAtMs: number, lastAttemptAtMs: number): string {
  return `${UNCONFIRMED_PREFIX}${Math.floor(firstAttemptAtMs / 1000)}-${Math.ceil(lastAttemptAtMs / 1000)}`;
}

/** Parses an unconfirmed-create marker into its window (epoch seconds), or undefined. */
export function parseUnconfirmedMarker(id: string): { from: number; to: number } | undefined {
  const m = UNCONFIRMED_PATTERN.exec(id);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return to >= from ? { from, to } : undefined;
}

/** The physical id of a Create that failed and created nothing. Never an invitation id nor a marker. */
export function createFailedId(requestId: string): string {
  return `${CREATE_FAILED_PREFIX}${requestId || 'unknown'}`;
}
