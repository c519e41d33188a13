/**
 * The accepter's bounded wait, pure: until when it may look for an invitation that is not
 * visible yet, and how often it looks meanwhile.
 */
import { ACCEPTER_WAIT_SHARE } from '../../src/contract';

/** Until when a wait may last, and whether the remaining time cut it below the one asked for. */
export interface WaitEnd {
  /** When the wait is over (ms since the epoch). */
  readonly until: number;
  /** Whether the budget or the create fence ended it before the `waitMs` asked for. */
  readonly cut: boolean;
}

/**
 * Until when a wait that started at `started` may last: `waitMs`, but at most
 * `ACCEPTER_WAIT_SHARE` of the time left until the API deadline (the rest is for reading and
 * accepting) and never past the create fence (a fence already passed ends it at once).
 */
export function waitEnd(started: number, waitMs: number, deadline: number, createFence: number): WaitEnd {
  const asked = started + waitMs;
  const until = Math.min(asked, started + Math.max(0, (deadline - started) * ACCEPTER_WAIT_SHARE), Math.max(started, createFence));
  return { until, cut: until < asked };
}

/** How often the accepter looks for a sender's invitation while it waits: a tenth of the wait, 100 ms to 2 s. */
export function pollIntervalMs(waitMs: number): number {
  return Math.min(2_000, Math.max(100, Math.floor(waitMs / 10)));
}
