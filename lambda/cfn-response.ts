/**
 * The answer to CloudFormation: a JSON body under 4096 bytes, PUT to the presigned ResponseURL
 * with retries. The URL is a secret: it is never logged or put into an error message.
 */
import { httpRequest, toNetworkError } from './http';
import { backoffDelay, hasTimeFor, isRetryableStatus, isStaleSocket, STALE_SOCKET_RETRIES, type Backoff } from './retry';
import type { CfnResponseBody, Runtime } from './types';

/**
 * CloudFormation's limit on a response body: it rejects bodies over 4096 bytes. The handler keeps
 * its bodies under it (at most 4095 bytes, one byte of margin).
 */
export const MAX_RESPONSE_BYTES = 4096;

/** How the PUT is retried: with the backoff schedule of the API calls, and its own tuning. */
export interface ResponseTuning extends Backoff {
  /** Attempts in all (first try included), beside the one at-once retry of a stale connection. */
  readonly attempts: number;
  /** Timeout of one attempt (never beyond the deadline). */
  readonly attemptTimeoutMs: number;
}

/** Five attempts over at most about ten seconds. */
export const DEFAULT_RESPONSE_TUNING: ResponseTuning = { attempts: 5, baseDelayMs: 200, maxDelayMs: 1_000, attemptTimeoutMs: 2_000 };

const TRUNCATED = ' [truncated]';

/** The least time given to the first PUT attempt, even past the deadline. */
const MIN_FIRST_ATTEMPT_MS = 500;

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max);
  while (bytes(cut) > max) cut = cut.slice(0, -1);
  // Do not leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut;
}

function withMarker(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  if (max <= bytes(TRUNCATED)) return truncateUtf8(text, max);
  return truncateUtf8(text, max - bytes(TRUNCATED)) + TRUNCATED;
}

/**
 * Serializes a response body to less than `max` bytes (`MAX_RESPONSE_BYTES` unless given). In order, as long as it is too large:
 * 1. cut the Reason, keeping at least its first 512 bytes;
 * 2. empty the Data values (the keys stay, so `Fn::GetAtt` still resolves), and cut the Reason
 *    to the room left, down to nothing;
 * 3. drop Data;
 * 4. cut the echoed identifiers (only a malformed event carries such long ones).
 */
export function serializeResponse(body: CfnResponseBody, max: number = MAX_RESPONSE_BYTES): string {
  const limit = max - 1; // under `max`, one byte of margin below what CloudFormation still accepts
  let current: CfnResponseBody = body;
  let text = JSON.stringify(current);
  if (bytes(text) <= limit) return text;

  const fitReason = (b: CfnResponseBody, floor: number): CfnResponseBody => {
    if (b.Reason === undefined) return b;
    const over = bytes(JSON.stringify(b)) - limit;
    if (over <= 0) return b;
    // JSON escaping can make the serialized reason longer than its UTF-8 size: shrink until it fits.
    let target = Math.max(floor, bytes(b.Reason) - over);
    let next: CfnResponseBody = { ...b, Reason: withMarker(b.Reason, target) };
    while (bytes(JSON.stringify(next)) > limit && target > floor) {
      target = Math.max(floor, target - Math.max(16, bytes(JSON.stringify(next)) - limit));
      next = { ...b, Reason: withMarker(b.Reason, target) };
    }
    return next;
  };

  current = fitReason(body, 512);
  text = JSON.stringify(current);
  if (bytes(text) <= limit) return text;

  if (body.Data) {
    // Empty the values, then give the Reason (from its full text) whatever room that freed.
    const emptied: Record<string, string> = {};
    for (const k of Object.keys(body.Data)) emptied[k] = '';
    current = fitReason({ ...body, Data: emptied }, 0);
    text = JSON.stringify(current);
    if (bytes(text) <= limit) return text;
    const { Data: _dropped, ...rest } = body;
    current = rest;
  }
  current = fitReason(current, 0);
  text = JSON.stringify(current);
  if (bytes(text) <= limit) return text;

  // Only malformed events get here: share what is left between the identifiers.
  const fixed = { ...current, StackId: '', RequestId: '', LogicalResourceId: '', PhysicalResourceId: '' };
  const room = Math.max(0, limit - bytes(JSON.stringify(fixed)));
  const each = Math.floor(room / 4 / 6); // JSON may escape a byte into up to six
  current = {
    ...current,
    StackId: truncateUtf8(current.StackId, each),
    RequestId: truncateUtf8(current.RequestId, each),
    LogicalResourceId: truncateUtf8(current.LogicalResourceId, each),
    PhysicalResourceId: truncateUtf8(current.PhysicalResourceId, each) || 'unknown',
  };
  return JSON.stringify(current);
}

/** How the PUT went. */
export interface DeliveryResult {
  /** Whether CloudFormation's URL accepted the body (2xx). */
  readonly delivered: boolean;
  /** Attempts made. */
  readonly attempts: number;
  /** HTTP status of the last attempt, 0 when none answered. */
  readonly status: number;
  /** Whether the last failure was one a later retry could overcome (network error or 5xx). */
  readonly retryable: boolean;
  /** The last failure, without the URL. */
  readonly error?: string;
}

/**
 * The largest body read from the ResponseURL's answer, in bytes (S3 answers a PUT with an empty
 * body, an error with a short XML document). A 2xx is delivered whatever follows its status line:
 * the URL has stored the body, and its answer is not read past the cap. A longer answer with any
 * other status is malformed and counts as a failed attempt that a retry may overcome: the PUT is
 * repeated (the same body to the same presigned URL, so a repeat is harmless).
 */
export const MAX_PUT_ANSWER_BYTES = 64 * 1024;

/**
 * PUTs the body to the ResponseURL (header `content-type: ''`, as CloudFormation's presigned
 * URL is signed without one), retrying network errors, 5xx and oversized error answers until the
 * attempts or the deadline run out. A failure on a stale keep-alive connection is retried once
 * at once, on a fresh connection, beside the attempts. Never throws.
 */
export async function putResponse(
  responseUrl: URL,
  body: string,
  opts: { deadline: number; runtime: Runtime; tuning: ResponseTuning },
): Promise<DeliveryResult> {
  const { runtime, tuning } = opts;
  let attempt = 0;
  let staleRetries = 0;
  let last: DeliveryResult = { delivered: false, attempts: 0, status: 0, retryable: true, error: 'no attempt' };
  while (attempt < tuning.attempts + staleRetries) {
    const remaining = opts.deadline - runtime.now();
    // The first attempt is made even when the work overran its budget: Lambda may still allow it.
    if (attempt > 0 && !hasTimeFor(remaining, 0)) break;
    attempt++;
    const timeoutMs = Math.min(tuning.attemptTimeoutMs, Math.max(remaining, MIN_FIRST_ATTEMPT_MS));
    try {
      const res = await httpRequest(responseUrl, 'PUT', {
        'content-type': '',
        'content-length': String(Buffer.byteLength(body)),
      }, body, { timeoutMs, maxBodyBytes: MAX_PUT_ANSWER_BYTES, timer: runtime.timer });
      if (res.status >= 200 && res.status < 300) {
        // The status says the URL stored the body; what follows it does not change that.
        return { delivered: true, attempts: attempt, status: res.status, retryable: false };
      } else if (res.oversized) {
        last = { delivered: false, attempts: attempt, status: res.status, retryable: true, error: `HTTP ${res.status} with a body over ${MAX_PUT_ANSWER_BYTES} bytes` };
      } else {
        last = { delivered: false, attempts: attempt, status: res.status, retryable: isRetryableStatus(res.status), error: `HTTP ${res.status}` };
        if (!last.retryable) return last;
      }
    } catch (e) {
      const ne = toNetworkError(e);
      last = { delivered: false, attempts: attempt, status: 0, retryable: true, error: ne.code };
      if (isStaleSocket({ kind: 'network', code: ne.code, staleSocket: ne.staleSocket }) && staleRetries < STALE_SOCKET_RETRIES) {
        staleRetries++;
        continue;
      }
    }
    if (attempt >= tuning.attempts + staleRetries) break;
    const delay = backoffDelay(attempt - staleRetries, tuning, runtime.random());
    if (!hasTimeFor(opts.deadline - runtime.now() - delay, 0)) break;
    await runtime.sleep(delay);
  }
  return { ...last, attempts: attempt };
}
