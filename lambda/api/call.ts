/**
 * One call of the PartnerCentral Account API (AWS JSON 1.0): a loop of attempts (sign, send,
 * read) that follows the retry policy of `../retry` until an answer or the deadline, one log
 * line per attempt. The client (./client.ts) holds the operations and the shapes of their answers.
 */
import { ApiError, describeError, parseError, RetriesExhaustedError, type ParsedError, type ServerTextScrub } from './errors';
import type { RequestSigner } from './signer';
import { httpRequest, toNetworkError, type HttpResult } from '../http';
import { parseJsonObject } from '../json';
import { logApiCall, type LogSink } from '../log';
import { backoffDelay, classify, deniedDelay, fitWait, hasTimeFor, throttleDelay, type AttemptFailure, type RetryTuning } from '../retry';
import type { Runtime } from '../types';

/** The X-Amz-Target prefix of every operation. */
export const TARGET_PREFIX = 'PartnerCentralAccount';

/** What every call reads: the client's options but its endpoint and credentials. */
export interface CallOptions {
  /** Clock, sleep and randomness. */
  readonly runtime: Runtime;
  /** Backoff and timeouts. */
  readonly retry: RetryTuning;
  /** Where the per-attempt log lines go. */
  readonly log: LogSink;
  /**
   * What the server's free text (error messages) passes through before it may reach a reason:
   * the `serverText` of the event's scrubber (`../scrub`).
   */
  readonly scrub: ServerTextScrub;
}

/** Where a call goes, how it is signed, and what it reads. */
export interface CallTarget extends CallOptions {
  /** The endpoint (http: or https:). */
  readonly url: URL;
  /** The signer of the client's credentials. */
  readonly signer: RequestSigner;
}

/**
 * The largest answer body read, in bytes: a List page of 100 summaries is about 60 KB. A longer
 * answer is malformed whatever its status: its body is not read past the cap, the connection is
 * dropped, and the attempt is handled like a 2xx that is not JSON (retried within the deadline,
 * and the call may have worked, so a create that never gets a readable answer ends as unconfirmed).
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Calls one operation, retrying what {@link classify} says is worth it (throttling, 5xx,
 * network failures, and an access denial at most `ACCESS_DENIED_RETRIES` times) after the
 * waits of the backoff schedule, as long as the deadline allows another attempt. A wait that
 * would end too late is cut ({@link fitWait}) so that one last attempt starts before the
 * deadline (for a create: before the fence).
 *
 * @throws ApiError for a non-retryable error answer, and for an access denial that lasted
 *   through its retries or until the deadline
 * @param wellFormed whether a 2xx JSON answer has the operation's shape: one that does not is
 *   handled like an unreadable 2xx (retried; the call may have worked)
 * @throws RetriesExhaustedError when the deadline leaves no room for another attempt
 */
export async function callOperation(
  target: CallTarget, operation: string, input: Record<string, unknown>, deadline: number,
  wellFormed: (v: Record<string, unknown>) => boolean = () => true,
): Promise<Record<string, unknown>> {
  const { runtime, retry } = target;
  const body = JSON.stringify(input);
  const firstAttemptAt = runtime.now();
  let attempt = 0;
  let lastError = 'none';
  // Whether attempts after the one that set lastError were all the deadline's tail (timed out short).
  let tailTimedOut = false;
  let lastWasTimeout = false;
  let mayHaveSucceeded = false;
  let denials = 0;
  let staleRetries = 0;
  let throttles = 0;
  let lastThrottleDelay = 0;
  let backoffs = 0;
  // Set when a wait was cut to fit the deadline: the attempt after it is the last.
  let lastAttempt = false;
  // The last answer when it was a denial being retried: thrown as is if time runs out, so the
  // failure keeps its name and hint rather than reading as a timeout.
  let denied: ApiError | undefined;
  const exhausted = (): Error => denied ?? new RetriesExhaustedError({
    operation,
    attempts: attempt,
    lastError: tailTimedOut ? `${lastError}, then a last attempt cut short by the deadline timed out` : lastError,
    mayHaveSucceeded,
    firstAttemptAt,
    lastAttemptAt: runtime.now(),
  });
  for (;;) {
    const remaining = deadline - runtime.now();
    if (!hasTimeFor(remaining, attempt === 0 ? 0 : retry.minAttemptMs)) throw exhausted();
    attempt++;
    denied = undefined;
    const timeoutMs = Math.max(1, Math.min(retry.requestTimeoutMs, remaining));
    const result = await attemptOnce(target, operation, body, attempt, timeoutMs, wellFormed);
    if (result.ok) return result.value;

    const verdict = classify(result.failure, { denials, staleRetries });
    if (!verdict.retry) throw new ApiError(operation, verdict.error, mayHaveSucceeded);
    const tail = isDeadlineTail(result.failure, timeoutMs, retry.requestTimeoutMs);
    if (tail && lastError !== 'none' && !lastWasTimeout) {
      tailTimedOut = true;
    } else {
      lastError = result.lastError;
      lastWasTimeout = result.failure.kind === 'network' && result.failure.code === 'TimeoutError';
      tailTimedOut = false;
    }
    if (verdict.mayHaveSucceeded) mayHaveSucceeded = true;
    let delay: number;
    switch (verdict.wait) {
      case 'at-once':
        staleRetries++;
        delay = 0;
        break;
      case 'denied':
        denials++;
        denied = verdict.denied ? new ApiError(operation, verdict.denied, mayHaveSucceeded) : undefined;
        delay = deniedDelay(denials, retry.deniedDelayMs, runtime.random());
        break;
      case 'throttle':
        throttles++;
        delay = throttleDelay(throttles, lastThrottleDelay, retry, runtime.random());
        lastThrottleDelay = delay;
        break;
      case 'backoff':
        backoffs++;
        delay = backoffDelay(backoffs, retry, runtime.random());
        break;
    }
    const fitted: ReturnType<typeof fitWait> = lastAttempt ? undefined : fitWait(delay, deadline - runtime.now(), retry.minAttemptMs);
    if (!fitted) throw exhausted();
    lastAttempt = fitted.last;
    if (fitted.waitMs > 0) await runtime.sleep(fitted.waitMs);
  }
}

/** One attempt: sign, send, read the answer; logs one line. Never throws. */
async function attemptOnce(
  target: CallTarget, operation: string, body: string, attempt: number, timeoutMs: number,
  wellFormed: (v: Record<string, unknown>) => boolean,
): Promise<AttemptResult> {
  const { url, signer, runtime, log } = target;
  const started = runtime.now();
  let res: HttpResult;
  try {
    const headers = await signer.sign(url, 'POST', requestHeaders(url, operation, body), body);
    res = await httpRequest(url, 'POST', headers, body, { timeoutMs, maxBodyBytes: MAX_ANSWER_BYTES, timer: runtime.timer });
  } catch (e) {
    const ne = toNetworkError(e);
    logApiCall(log, { operation, status: 0, errorName: ne.code, attempt, latencyMs: runtime.now() - started });
    return { ok: false, failure: { kind: 'network', code: ne.code, staleSocket: ne.staleSocket }, lastError: `${ne.code} (${ne.message})` };
  }
  const latencyMs = runtime.now() - started;
  if (res.oversized) {
    // Malformed whatever its status: nothing of it is trusted, not even an error name.
    logApiCall(log, { operation, status: res.status, errorName: 'InvalidResponse', attempt, latencyMs });
    return { ok: false, failure: { kind: 'unreadable', status: res.status }, lastError: `HTTP ${res.status} with a body over ${MAX_ANSWER_BYTES} bytes` };
  }
  if (res.status >= 200 && res.status < 300) {
    const parsed = parseJsonObject(res.body);
    if (parsed && wellFormed(parsed)) {
      logApiCall(log, { operation, status: res.status, attempt, latencyMs });
      return { ok: true, value: parsed };
    }
    logApiCall(log, { operation, status: res.status, errorName: 'InvalidResponse', attempt, latencyMs });
    const what = parsed ? `a body without the ${operation} answer's members` : 'a body that is not a JSON object';
    return { ok: false, failure: { kind: 'unreadable', status: res.status }, lastError: `HTTP ${res.status} with ${what}` };
  }
  // The name is one of the known set, a fixed token or `HTTP <status>`: never the server's text.
  const error = parseError(res.status, res.headers, res.body, target.scrub);
  logApiCall(log, { operation, status: res.status, errorName: error.name, attempt, latencyMs });
  return { ok: false, failure: { kind: 'answer', error }, lastError: describeAnswer(error, res.body) };
}

/** What one attempt brought: the answer, or the failure and how the timeout message names it. */
type AttemptResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly failure: AttemptFailure; readonly lastError: string };

/**
 * Whether a failed attempt is the deadline's tail: the deadline cut its timeout below the
 * configured request timeout, and it then timed out. Such an attempt says nothing about the
 * service, so a timed-out call reports the error of the last attempt that had its full time (a
 * cap, a 5xx, a throttle) rather than the tail's timeout.
 */
export function isDeadlineTail(failure: AttemptFailure, timeoutMs: number, requestTimeoutMs: number): boolean {
  return timeoutMs < requestTimeoutMs && failure.kind === 'network' && failure.code === 'TimeoutError';
}

/** An error answer as the last error of a retried call: a gateway's page reads as such. */
function describeAnswer(err: ParsedError, body: string): string {
  const looksJson = body.trimStart().startsWith('{');
  if (err.name === `HTTP ${err.status}` && !looksJson) return `HTTP ${err.status} (not a JSON answer)`;
  return describeError(err);
}

/** The AWS JSON 1.0 headers of one operation, all of them signed (`host` included). */
function requestHeaders(url: URL, operation: string, body: string): Record<string, string> {
  return {
    'host': url.host,
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(body)),
    'x-amz-target': `${TARGET_PREFIX}.${operation}`,
  };
}
