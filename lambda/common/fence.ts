/**
 * The request's place in time, pure: when CloudFormation issued it (the presigned ResponseURL's
 * `X-Amz-Date`), until when any delivery of it may send a create (the create fence), and the
 * window in which an invitation created by any delivery of it can carry a `CreatedAt`.
 *
 * CloudFormation's requests reach the function at least once, possibly concurrently, possibly
 * late. The fence makes "late" decidable without durable state: no delivery of a request sends
 * a CreateConnectionInvitation after `issuedAt + createWindowMs`, so once that moment (plus the
 * clock slack and the List lag) has passed, everything any delivery of the request created is
 * visible to the Delete or the rollback that cleans up after it.
 */
import { HANDLER_TIMEOUT_SECONDS } from '../../src/contract';
import { timestampMs } from '../json';
import type { Invitation } from '../types';

/** How the fence is tuned. */
export interface FenceTuning {
  /** No create is sent later than this after CloudFormation issued the request. */
  readonly createWindowMs: number;
  /**
   * Clock slack between CloudFormation's signer, Lambda and the service, plus the second that
   * `X-Amz-Date` truncates: two instants closer than this are not ordered.
   */
  readonly orderSlackMs: number;
  /** How long after its creation an invitation may take to appear in ListConnectionInvitations. */
  readonly listLagMs: number;
  /**
   * How long before a rollback Update was issued the Update it rolls back may have been issued:
   * the failed Update's fence, then the function's timeout for the delivery that answered, and
   * Lambda's two retries when that answer could not be delivered. The rollback's sweep looks no
   * further back, so that another owner's older invitation with the same words is left alone.
   */
  readonly rollbackLookbackMs: number;
}

/** Lambda's waits before its two retries of a failed asynchronous invocation: about 1 and 2 minutes. */
export const LAMBDA_RETRY_DELAYS_MS = [60_000, 120_000] as const;

const CREATE_WINDOW_MS = 60_000;

/**
 * The production tuning: 60 s to create, 2 s of slack, 5 s of List lag, and a rollback looks
 * 10 minutes back (60 s of fence, three invocations of at most the function's timeout of
 * 2 minutes, Lambda's waits of about 1 and 2 minutes between them).
 */
export const DEFAULT_FENCE: FenceTuning = {
  createWindowMs: CREATE_WINDOW_MS,
  orderSlackMs: 2_000,
  listLagMs: 5_000,
  rollbackLookbackMs: CREATE_WINDOW_MS + (1 + LAMBDA_RETRY_DELAYS_MS.length) * HANDLER_TIMEOUT_SECONDS * 1000
    + LAMBDA_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0),
};

/** The times of one request, in ms since the epoch. */
export interface RequestTimes {
  /** When CloudFormation issued the request (the ResponseURL's signing time), else the delivery's start. */
  readonly issuedAt: number;
  /** Whether `issuedAt` was read from the ResponseURL (false: the delivery's start stands in). */
  readonly fromResponseUrl: boolean;
  /** No create may be sent after this. */
  readonly createFence: number;
  /** When the ResponseURL stops accepting the answer, if it says. */
  readonly expiresAt?: number;
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * The times of a request from its ResponseURL. A URL without a readable `X-Amz-Date`, or one
 * dated after the delivery started (beyond the slack), counts from the delivery's start: the
 * fence then holds for each delivery, not across them.
 */
export function requestTimesOf(url: URL, startedAt: number, tuning: FenceTuning): RequestTimes {
  const signed = amzDateMs(url.searchParams.get('X-Amz-Date'));
  const fromResponseUrl = signed !== undefined && signed <= startedAt + tuning.orderSlackMs;
  const issuedAt = fromResponseUrl ? signed : startedAt;
  const expiresSeconds = Number(url.searchParams.get('X-Amz-Expires'));
  const expiresAt = fromResponseUrl && Number.isInteger(expiresSeconds) && expiresSeconds > 0 ? issuedAt + expiresSeconds * 1000 : undefined;
  return { issuedAt, fromResponseUrl, createFence: issuedAt + tuning.createWindowMs, ...(expiresAt !== undefined ? { expiresAt } : {}) };
}

function amzDateMs(v: string | null): number | undefined {
  const m = v ? AMZ_DATE.exec(v) : null;
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(t) ? undefined : t;
}

/**
 * The window (epoch ms) in which an invitation created by any delivery of the request carries
 * its `CreatedAt`: from the issue (less the slack) to the fence (plus the slack).
 */
export function createWindowOf(times: RequestTimes, tuning: FenceTuning): { readonly from: number; readonly to: number } {
  return { from: times.issuedAt - tuning.orderSlackMs, to: times.createFence + tuning.orderSlackMs };
}

/**
 * When an invitation created at the latest moment of a window is sure to appear in List.
 */
export function settledAfter(windowTo: number, tuning: FenceTuning): number {
  return windowTo + tuning.listLagMs;
}

/**
 * Whether an invitation ended (canceled or expired: its `UpdatedAt`) before the request was
 * issued, with the slack: only then is a request with its properties a new one, sent after it
 * had ended. An end at or after the issue (or an unreadable one) means the request was issued
 * while the invitation was still live: the request was for that invitation, and the stack has
 * moved past it since (a late delivery), or someone ended it meanwhile.
 */
export function endedBefore(inv: Invitation, issuedAt: number, tuning: FenceTuning): boolean {
  const ended = timestampMs(inv.UpdatedAt);
  return ended !== undefined && ended < issuedAt - tuning.orderSlackMs;
}
