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
  /** A 2xx whose body is not the answer (not a JSON object, not its shape), or any answer over the size cap: the call may have worked. */
  | { readonly kind: 'unreadable'; readonly status: number }
  /** An error answer of the service. */
  | { readonly kind: 'answer'; readonly error: ParsedError }
  /**
   * No answer: refused, reset, timed out. `staleSocket`: on a reused keep-alive connection before
   * any byte of the answer (see {@link isStaleSocket}).
   */
  | { readonly kind: 'network'; readonly code: string; readonly staleSocket?: boolean };

/**
 * How many times a failure on a stale keep-alive connection is retried at once, on a fresh
 * connection, before the ordinary backoff applies: once per call.
 */
export const STALE_SOCKET_RETRIES = 1;

/**
 * Whether a network failure is the mark of a stale connection: it happened on a reused
 * keep-alive socket before any byte of the answer, as when the server closed the idle connection
 * while Lambda froze the sandbox. The request may still have been received (a reset after the
 * service processed it looks the same), so the retry is only safe because every write the
 * handler sends is idempotent: a create and a cancel carry their ClientToken (the service
 * answers a repeated token with the same invitation), a Get and a List only read, and the PUT
 * writes the same body to the same presigned URL.
 */
export function isStaleSocket(failure: AttemptFailure): boolean {
  return failure.kind === 'network' && failure.staleSocket === true;
}

/** How a retry waits. */
export type Wait =
  /** At once, on a fresh connection: the connection went stale. */
  | 'at-once'
  /** The throttling backoff ({@link throttleDelay}). */
  | 'throttle'
  /** The access-denial wait ({@link deniedDelay}). */
  | 'denied'
  /** The backoff of server errors and network failures ({@link backoffDelay}). */
  | 'backoff';

/** What the client does after a failed attempt. */
export type Verdict =
  /** Fail with this error. */
  | { readonly retry: false; readonly error: ParsedError }
  /**
   * Try again after a wait of this kind. `denied` is set for an access denial, which waits long
   * enough for IAM to propagate a policy; `mayHaveSucceeded` says whether the service may have
   * acted on the attempt.
   */
  | { readonly retry: true; readonly wait: Wait; readonly denied?: ParsedError; readonly mayHaveSucceeded: boolean };

/** What a call has already been through: the counters {@link classify} decides on. */
export interface RetryCounts {
  /** Access denials already retried. */
  readonly denials: number;
  /** Stale-connection failures already retried at once. */
  readonly staleRetries: number;
}

/**
 * Classifies a failed attempt of an API call.
 *
 * @param counts what the call has already been through
 */
export function classify(failure: AttemptFailure, counts: RetryCounts): Verdict {
  switch (failure.kind) {
    case 'unreadable':
      return { retry: true, wait: 'backoff', mayHaveSucceeded: true };
    case 'network': {
      const mayHaveSucceeded = !NOT_SENT_CODES.has(failure.code);
      const wait: Wait = isStaleSocket(failure) && counts.staleRetries < STALE_SOCKET_RETRIES ? 'at-once' : 'backoff';
      return { retry: true, wait, mayHaveSucceeded };
    }
    case 'answer': {
      const e = failure.error;
      // Nothing was done: the policy may still be propagating.
      if (isAccessDenied(e) && counts.denials < ACCESS_DENIED_RETRIES) return { retry: true, wait: 'denied', denied: e, mayHaveSucceeded: false };
      if (!isRetryable(e)) return { retry: false, error: e };
      return isThrottle(e) ? { retry: true, wait: 'throttle', mayHaveSucceeded: false } : { retry: true, wait: 'backoff', mayHaveSucceeded: true };
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

/** How throttling is backed off, apart from server errors: the service asked for less traffic. */
export interface ThrottleBackoff {
  /** The shortest wait after a throttled attempt. */
  readonly throttleBaseDelayMs: number;
  /** The longest wait after a throttled attempt. */
  readonly throttleMaxDelayMs: number;
  /**
   * `decorrelated`: each wait uniform in [base, min(cap, 3 x the previous wait, or 3 x base for
   * the first)) ("decorrelated jitter"); `full`: uniform in [0, min(cap, base * 2^(n - 1))) as
   * {@link backoffDelay}.
   */
  readonly throttleJitter: 'decorrelated' | 'full';
}

/**
 * The wait after throttled attempt number `throttles` (1 for the first), in whole milliseconds.
 * With decorrelated jitter it depends on the previous throttling wait (0 before the first):
 * uniform in [base, min(cap, 3 x max(base, previous))), so the waits grow from the base towards
 * the cap, each drawn afresh, and the handlers that share the service's bucket do not fall into
 * step.
 *
 * @param random a draw in [0, 1)
 */
export function throttleDelay(throttles: number, previousMs: number, tuning: ThrottleBackoff, random: number): number {
  const base = tuning.throttleBaseDelayMs;
  const cap = tuning.throttleMaxDelayMs;
  if (tuning.throttleJitter === 'full') return backoffDelay(throttles, { baseDelayMs: base, maxDelayMs: cap }, random);
  const ceiling = Math.min(cap, 3 * Math.max(base, previousMs));
  return Math.floor(Math.min(cap, base + random * (ceiling - base)));
}

// --- A create still in flight ---------------------------------------------------------------

/** How many times a create whose derived ClientToken is still in flight is tried again. */
export const IN_FLIGHT_RETRIES = 3;

/** The shortest wait worth an in-flight retry: with less time left, the create fails as it is. */
const MIN_IN_FLIGHT_WAIT_MS = 50;

/**
 * The wait before in-flight retry number `retry` (0 for the first) of a create the service
 * answered with CONFLICT_CLIENT_TOKEN on a derived token (the same create is still in flight):
 * 1, 2, then 4 s, never more than half of `leftMs`, the time left before the create fence.
 * Undefined when the create is not tried again: {@link IN_FLIGHT_RETRIES} are done, or the wait
 * would be under 50 ms.
 */
export function inFlightDelay(retry: number, leftMs: number): number | undefined {
  const delay = Math.min(1000 * 2 ** retry, leftMs / 2);
  return retry >= IN_FLIGHT_RETRIES || delay < MIN_IN_FLIGHT_WAIT_MS ? undefined : delay;
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

/**
 * The wait before the next attempt, cut to fit the deadline: the drawn wait when an attempt with
 * at least `minMs` still fits after it; else a wait shortened so that one last attempt starts with
 * `minMs` left (`last`: no wait may follow it); undefined when not even that fits.
 *
 * @param delayMs the wait the schedule drew
 * @param leftMs the time left before the deadline now
 * @param minMs the least time an attempt may start with
 */
export function fitWait(delayMs: number, leftMs: number, minMs: number): { readonly waitMs: number; readonly last: boolean } | undefined {
  if (hasTimeFor(leftMs - delayMs, minMs)) return { waitMs: delayMs, last: false };
  const waitMs = Math.floor(leftMs - Math.max(minMs, 1));
  return waitMs >= 0 ? { waitMs, last: true } : undefined;
}

// --- The client's tuning ---------------------------------------------------------------------

/** How the API client retries. */
export interface RetryTuning extends Backoff, ThrottleBackoff {
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
 * Defaults. Server errors and network failures: full jitter between 0 and min(2 s,
 * 100 ms * 2^n). Throttling: decorrelated jitter from 1 s, capped at 5 s (BENCHMARKS.md has the
 * table this was chosen from: fewer requests per create than a shorter base, the makespan of a
 * throttled deployment within a fifth of the ideal). Denials wait 1-2 s, 2-4 s, then 4-8 s (7 to
 * 14 s in all), within the deadline.
 */
export const DEFAULT_RETRY: RetryTuning = {
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  throttleBaseDelayMs: 1_000,
  throttleMaxDelayMs: 5_000,
  throttleJitter: 'decorrelated',
  deniedDelayMs: 2_000,
  requestTimeoutMs: 5_000,
  minAttemptMs: 50,
};
