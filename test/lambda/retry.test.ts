/**
 * The retry policy (lambda/retry.ts) without a server: classification, the backoff schedule,
 * the deadline check and the wait of a create still in flight, each a pure function, and the schedules they make together for the
 * API client and the response PUT. The API client plays the schedule against the emulator in
 * test/lambda/api/call.test.ts.
 */
import type { ParsedError } from '../../lambda/api/errors';
import { DEFAULT_RESPONSE_TUNING } from '../../lambda/cfn-response';
import {
  ACCESS_DENIED_RETRIES, backoffDelay, classify, DEFAULT_RETRY, deniedDelay, fitWait, hasTimeFor, IN_FLIGHT_RETRIES, inFlightDelay, isAccessDenied,
  isRetryable, isRetryableStatus, isStaleSocket, isThrottle,
  STALE_SOCKET_RETRIES, throttleDelay, type AttemptFailure, type RetryCounts, type Verdict,
} from '../../lambda/retry';

const TOP = 0.999999;

function answer(status: number, name: string): ParsedError {
  return { status, name, details: [] };
}

describe('classification', () => {
  test.each([
    [200, false], [400, false], [403, false], [404, false], [409, false], [499, false],
    [429, true], [500, true], [502, true], [503, true], [504, true],
  ])('HTTP %i retryable: %s', (status, retry) => {
    expect(isRetryableStatus(status)).toBe(retry);
  });

  test.each([
    [429, 'ThrottlingException', true],
    [400, 'ThrottlingException', true],
    [429, 'HTTP 429', true],
    [500, 'InternalServerException', false],
    [503, 'HTTP 503', false],
  ])('HTTP %i %s is throttling: %s', (status, name, throttle) => {
    expect(isThrottle(answer(status, name))).toBe(throttle);
  });

  test('an access denial is recognised by its name', () => {
    expect(isAccessDenied(answer(403, 'AccessDeniedException'))).toBe(true);
    expect(isAccessDenied(answer(403, 'HTTP 403'))).toBe(false);
  });

  const denied = answer(403, 'AccessDeniedException');
  const none = { denials: 0, staleRetries: 0 };
  test.each<[string, AttemptFailure, RetryCounts, Verdict]>([
    ['a 2xx with a body that is not a JSON object', { kind: 'unreadable', status: 200 }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: true }],
    ['a reset connection', { kind: 'network', code: 'ECONNRESET' }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: true }],
    ['a reset of a reused connection', { kind: 'network', code: 'ECONNRESET', staleSocket: true }, none, { retry: true, wait: 'at-once', mayHaveSucceeded: true }],
    ['a second reset of a reused connection', { kind: 'network', code: 'ECONNRESET', staleSocket: true }, { denials: 0, staleRetries: STALE_SOCKET_RETRIES }, { retry: true, wait: 'backoff', mayHaveSucceeded: true }],
    ['a broken pipe on a reused connection', { kind: 'network', code: 'EPIPE', staleSocket: true }, none, { retry: true, wait: 'at-once', mayHaveSucceeded: true }],
    ['a timeout', { kind: 'network', code: 'TimeoutError' }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: true }],
    ['a refused connection', { kind: 'network', code: 'ECONNREFUSED' }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: false }],
    ['an unknown host', { kind: 'network', code: 'ENOTFOUND' }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: false }],
    ['a DNS failure', { kind: 'network', code: 'EAI_AGAIN' }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: false }],
    ['throttling', { kind: 'answer', error: answer(429, 'ThrottlingException') }, none, { retry: true, wait: 'throttle', mayHaveSucceeded: false }],
    ['an internal error', { kind: 'answer', error: answer(500, 'InternalServerException') }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: true }],
    ['a gateway page', { kind: 'answer', error: answer(502, 'HTTP 502') }, none, { retry: true, wait: 'backoff', mayHaveSucceeded: true }],
    ['a validation error', { kind: 'answer', error: answer(400, 'ValidationException') }, none, { retry: false, error: answer(400, 'ValidationException') }],
    ['a conflict', { kind: 'answer', error: answer(409, 'ConflictException') }, none, { retry: false, error: answer(409, 'ConflictException') }],
    ['a first access denial', { kind: 'answer', error: denied }, none, { retry: true, wait: 'denied', denied, mayHaveSucceeded: false }],
    ['a third access denial', { kind: 'answer', error: denied }, { denials: ACCESS_DENIED_RETRIES - 1, staleRetries: 0 }, { retry: true, wait: 'denied', denied, mayHaveSucceeded: false }],
    ['an access denial after its retries', { kind: 'answer', error: denied }, { denials: ACCESS_DENIED_RETRIES, staleRetries: 0 }, { retry: false, error: denied }],
  ])('%s', (_what, failure, counts, verdict) => {
    expect(classify(failure, counts)).toEqual(verdict);
  });

  test('only a failure on a reused connection is stale', () => {
    expect(isStaleSocket({ kind: 'network', code: 'ECONNRESET', staleSocket: true })).toBe(true);
    expect(isStaleSocket({ kind: 'network', code: 'ECONNRESET' })).toBe(false);
    expect(isStaleSocket({ kind: 'unreadable', status: 200 })).toBe(false);
  });

  test.each([
    [400, 'ValidationException', false],
    [402, 'ServiceQuotaExceededException', false],
    [403, 'AccessDeniedException', false],
    [404, 'ResourceNotFoundException', false],
    [409, 'ConflictException', false],
    [429, 'ThrottlingException', true],
    [400, 'ThrottlingException', true],
    [500, 'InternalServerException', true],
    [502, 'HTTP 502', true],
    [503, 'ServiceUnavailable', true],
  ])('HTTP %i %s retryable: %s', (status, name, retry) => {
    expect(isRetryable({ status, name, details: [] })).toBe(retry);
  });
});

describe('the backoff schedule', () => {
  test.each([
    // attempt, top of the range, bottom, middle
    [1, 99, 0, 50],
    [2, 199, 0, 100],
    [3, 399, 0, 200],
    [4, 799, 0, 400],
    [5, 1599, 0, 800],
    [6, 1999, 0, 1000],
    [7, 1999, 0, 1000],
    [40, 1999, 0, 1000],
    [10_000, 1999, 0, 1000],
  ])('API calls, attempt %i: full jitter up to %i ms', (attempt, top, bottom, middle) => {
    expect(backoffDelay(attempt, DEFAULT_RETRY, TOP)).toBe(top);
    expect(backoffDelay(attempt, DEFAULT_RETRY, 0)).toBe(bottom);
    expect(backoffDelay(attempt, DEFAULT_RETRY, 0.5)).toBe(middle);
  });

  test.each([
    [1, 199],
    [2, 399],
    [3, 799],
    [4, 999],
  ])('the response PUT, after attempt %i: full jitter up to %i ms', (attempt, top) => {
    expect(backoffDelay(attempt, DEFAULT_RESPONSE_TUNING, TOP)).toBe(top);
    expect(backoffDelay(attempt, DEFAULT_RESPONSE_TUNING, 0)).toBe(0);
  });

  test.each([
    // denial, shortest wait, longest wait
    [1, 1000, 1999],
    [2, 2000, 3999],
    [3, 4000, 7999],
  ])('access denial %i: waits %i to %i ms', (denial, shortest, longest) => {
    expect(deniedDelay(denial, DEFAULT_RETRY.deniedDelayMs, 0)).toBe(shortest);
    expect(deniedDelay(denial, DEFAULT_RETRY.deniedDelayMs, TOP)).toBe(longest);
  });

  test.each([
    // previous wait, shortest, longest
    [0, 1000, 2999],
    [1000, 1000, 2999],
    [1500, 1000, 4499],
    [2000, 1000, 4999],
    [4999, 1000, 4999],
  ])('throttling after a wait of %i ms: decorrelated jitter from %i to %i ms', (previous, shortest, longest) => {
    expect(throttleDelay(2, previous, DEFAULT_RETRY, 0)).toBe(shortest);
    expect(throttleDelay(2, previous, DEFAULT_RETRY, TOP)).toBe(longest);
  });

  test('throttling with full jitter follows the doubling schedule from its own base', () => {
    const full = { ...DEFAULT_RETRY, throttleJitter: 'full' as const };
    expect([1, 2, 3, 4].map((n) => throttleDelay(n, 0, full, TOP))).toEqual([999, 1999, 3999, 4999]);
    expect(throttleDelay(3, 0, full, 0)).toBe(0);
  });

  test('a throttled call waits longer than one failing with server errors', () => {
    for (let n = 1; n <= 3; n++) expect(throttleDelay(n, 0, DEFAULT_RETRY, 0)).toBeGreaterThan(backoffDelay(n, DEFAULT_RETRY, TOP));
  });
});

describe('the deadline', () => {
  test.each([
    [100, 50, true],
    [50, 50, true],
    [49, 50, false],
    [1, 0, true],
    [0.5, 0, true],
    [0, 0, false],
    [-1, 0, false],
    [0, -10, false],
  ])('%d ms left, %d ms needed: %s', (left, min, ok) => {
    expect(hasTimeFor(left, min)).toBe(ok);
  });

  test.each([
    // drawn wait, time left, least time for an attempt, the wait (undefined: no attempt fits)
    [100, 1_000, 50, { waitMs: 100, last: false }],
    [950, 1_000, 50, { waitMs: 950, last: false }],
    [951, 1_000, 50, { waitMs: 950, last: true }],
    [4_999, 1_000, 50, { waitMs: 950, last: true }],
    [4_999, 50, 50, { waitMs: 0, last: true }],
    [4_999, 49, 50, undefined],
    [10, 5, 0, { waitMs: 4, last: true }],
    [1, 0.5, 0, undefined],
  ])('a wait of %i ms with %i ms left and %i ms needed: %j', (delay, left, min, wait) => {
    expect(fitWait(delay, left, min)).toEqual(wait);
  });

  /**
   * The waits of a call that fails until the deadline, as the client schedules them with the top
   * draw (the clock moving only in the waits): each kind of wait counts its own retries, and the
   * last wait is cut to fit.
   */
  function schedule(budgetMs: number, denials: number): number[] {
    const delays: number[] = [];
    let now = 0;
    let last = false;
    for (let attempt = 1; hasTimeFor(budgetMs - now, attempt === 1 ? 0 : DEFAULT_RETRY.minAttemptMs); attempt++) {
      const delay = attempt <= denials
        ? deniedDelay(attempt, DEFAULT_RETRY.deniedDelayMs, TOP)
        : backoffDelay(attempt - Math.min(attempt - 1, denials), DEFAULT_RETRY, TOP);
      const fitted: ReturnType<typeof fitWait> = last ? undefined : fitWait(delay, budgetMs - now, DEFAULT_RETRY.minAttemptMs);
      if (!fitted) break;
      last = fitted.last;
      delays.push(fitted.waitMs);
      now += fitted.waitMs;
    }
    return delays;
  }

  test.each([
    [10_000, 0, [99, 199, 399, 799, 1599, 1999, 1999, 1999, 858]],
    [3_000, 0, [99, 199, 399, 799, 1454]],
    [60_000, 3, [1999, 3999, 7999, 99, 199, 399, 799, 1599, ...Array<number>(21).fill(1999), 879]],
    [10_000, 3, [1999, 3999, 3952]],
    [50, 0, [0]],
    [49, 0, []],
  ])('a budget of %i ms with %i denials first: waits %j', (budget, denials, delays) => {
    expect(schedule(budget, denials)).toEqual(delays);
  });
});

describe('a create still in flight', () => {
  test.each([
    [0, 60_000, 1_000],
    [1, 60_000, 2_000],
    [2, 60_000, 4_000],
    [3, 60_000, undefined],
    [0, 1_000, 500],
    [2, 5_000, 2_500],
    [0, 100, 50],
    [0, 99, undefined],
    [1, 0, undefined],
    [0, -1_000, undefined],
  ])('retry %i with %i ms left before the fence: waits %p', (retry, left, delay) => {
    expect(inFlightDelay(retry, left)).toBe(delay);
  });

  test('the waits with ample time: 1, 2 and 4 s, then the create fails', () => {
    const waits: number[] = [];
    for (let retry = 0; ; retry++) {
      const delay = inFlightDelay(retry, 600_000);
      if (delay === undefined) break;
      waits.push(delay);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    expect(waits).toHaveLength(IN_FLIGHT_RETRIES);
  });
});
