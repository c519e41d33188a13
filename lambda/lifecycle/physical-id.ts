/**
 * The marker physical id of an invitation's Create that made none for sure:
 * `unconfirmed-<first>-<last>` (an invitation may exist, created within that window of epoch
 * seconds, for the following Delete to find). Invitation ids and `create-failed-<RequestId>`,
 * which the accepter reads too, are `../common/physical-id.ts`'s.
 */

/** Physical id prefix of a Create whose invitation may exist although no answer confirmed it. */
export const UNCONFIRMED_PREFIX = 'unconfirmed-';
const UNCONFIRMED_PATTERN = /^unconfirmed-(\d{1,13})-(\d{1,13})$/;

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
