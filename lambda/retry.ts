/**
 * When the handler retries: which failures are worth another attempt, and how long to wait.
 */
import type { ParsedError } from './api/errors';

/** How the client retries. */
export interface RetryTuning {
  /** First backoff ceiling; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling. The actual delay is uniform in [0, ceiling) ("full jitter"). */
  readonly maxDelayMs: number;
  /**
   * First wait after an AccessDeniedException; doubles per denial. The actual wait is uniform in
   * [ceiling / 2, ceiling): IAM takes seconds to propagate a changed policy, so a denial is
   * waited out for real rather than retried at once.
   */
  readonly deniedDelayMs: number;
  /** Timeout of one HTTP attempt (never beyond the remaining budget). */
  readonly requestTimeoutMs: number;
  /** No attempt is started with less time than this left. */
  readonly minAttemptMs: number;
}

/**
 * Defaults: full jitter between 0 and min(2 s, 100 ms * 2^n). Under throttling the retries of
 * many concurrent handlers spread over up to 2 s, so the service's token bucket is drained as
 * soon as it refills and a burst of creates finishes close to count / rate. Denials wait 1-2 s,
 * 2-4 s, then 4-8 s (7 to 14 s in all), within the deadline.
 */
export const DEFAULT_RETRY: RetryTuning = { baseDelayMs: 100, maxDelayMs: 2_000, deniedDelayMs: 2_000, requestTimeoutMs: 5_000, minAttemptMs: 50 };

/** Whether an error answer is worth retrying: throttling and server-side failures. */
export function isRetryable(e: ParsedError): boolean {
  return e.status === 429 || e.name === 'ThrottlingException' || e.status >= 500 || e.name === 'InternalServerException';
}

/**
 * How many times an AccessDeniedException is retried (with its own, longer backoff, within the
 * deadline) before it fails: when a deploy grants the function's role a new catalog, the first
 * call may run before the updated policy has propagated.
 */
export const ACCESS_DENIED_RETRIES = 3;

/** Whether an error answer is an authorization denial (possibly a policy not yet propagated). */
export function isAccessDenied(e: ParsedError): boolean {
  return e.name === 'AccessDeniedException';
}

/** Whether an error answer is throttling: the service refused the request before doing anything. */
export function isThrottle(e: ParsedError): boolean {
  return e.status === 429 || e.name === 'ThrottlingException';
}

/** Network failures that prove the request never reached the service. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
