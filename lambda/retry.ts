/**
 * The retry policy of the handler, as small pure functions: which failures are worth another
 * attempt (classification), how long to wait before it (the backoff schedule), and whether the
 * deadline still allows it. The API client and the response PUT both follow it; neither holds
 * a formula of its own.
 */
import type { ParsedError } from './api/errors';

// --- Classification --------------------------------------------------------------------------

/** Whether an HTTP status is worth retrying: throttling and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Whether an error answer is worth retrying: throttling and server-side failures. */
export function isRetryable(e: ParsedError): boolean {
  return isRetryableStatus(e.status) || e.name === 'ThrottlingException' || e.name === 'InternalServerException';
}

/** Whether an error answer is throttling: the service refused the request before doing anything. */
export function isThrottle(e: ParsedError): boolean {
  return e.status === 429 || e.name === 'ThrottlingException';
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

/** Network failures that prove the request never reached the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** What one API attempt came back with when it brought no usable answer. */
export type AttemptFailure =
  /** A 2xx whose body is not a JSON object: the call may have worked. */
  | { readonly kind: 'unreadable'; readonly status: number }
  /** An error answer of the service. */
  | { readonly kind: 'answer'; readonly error: ParsedError }
  /** No answer: refused, reset, timed out. */
  | { readonly kind: 'network'; readonly code: string };

/** What the client does after a failed attempt. */
export type Verdict =
  /** Fail with this error. */
  | { readonly retry: false; readonly error: ParsedError }
  /**
   * Try again. `denied` is set for an access denial, which waits long enough for IAM to
   * propagate a policy; `mayHaveSucceeded` says whether the service may have acted on the attempt.
   */
  | { readonly retry: true; readonly denied?: ParsedError; readonly mayHaveSucceeded: boolean };

/**
 * Classifies a failed attempt of an API call.
 *
 * @param denials how many access denials of this call were already retried
 */
export function classify(failure: AttemptFailure, denials: number): Verdict {
  switch (failure.kind) {
    case 'unreadable':
      return { retry: true, mayHaveSucceeded: true };
    case 'network':
      return { retry: true, mayHaveSucceeded: !NOT_SENT_CODES.has(failure.code) };
    case 'answer': {
      const e = failure.error;
      // Nothing was done: the policy may still be propagating.
      if (isAccessDenied(e) && denials < ACCESS_DENIED_RETRIES) return { retry: true, denied: e, mayHaveSucceeded: false };
      if (!isRetryable(e)) return { retry: false, error: e };
      return { retry: true, mayHaveSucceeded: !isThrottle(e) };
    }
  }
}

// --- Backoff schedule ------------------------------------------------------------------------

/** A capped exponential backoff. */
export interface Backoff {
  /** First backoff ceiling; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling. The actual delay is uniform in [0, ceiling) ("full jitter"). */
  readonly maxDelayMs: number;
}

/**
 * The wait after failed attempt number `attempt` (1 for the first): "full jitter", uniform in
 * [0, min(maxDelayMs, baseDelayMs * 2^(attempt - 1))), in whole milliseconds. The exponent
 * stops growing at 30 (past the cap of any sensible tuning), so the ceiling stays finite.
 *
 * @param random a draw in [0, 1)
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: number): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random * ceiling);
}

/**
 * The wait after access denial number `denial` (1 for the first): uniform in
 * [ceiling / 2, ceiling), ceiling = deniedDelayMs * 2^(denial - 1), in whole milliseconds. It
 * never drops near zero: IAM takes seconds to propagate a changed policy.
 *
 * @param random a draw in [0, 1)
 */
export function deniedDelay(denial: number, deniedDelayMs: number, random: number): number {
  const ceiling = deniedDelayMs * 2 ** (denial - 1);
  return Math.floor(ceiling / 2 + random * (ceiling / 2));
}

// --- Deadline --------------------------------------------------------------------------------

/**
 * Whether an attempt may start with `leftMs` before the deadline: some time must be left, and
 * at least `minMs`. Asked before an attempt with the time left, and before a wait with the
 * time that would be left after it.
 */
export function hasTimeFor(leftMs: number, minMs: number): boolean {
  return leftMs > 0 && leftMs >= minMs;
}

// --- The client's tuning ---------------------------------------------------------------------

/** How the API client retries. */
export interface RetryTuning extends Backoff {
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
