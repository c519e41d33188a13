/**
 * The API client's attempts (lambda/api/call.ts) against the emulator with an injected clock:
 * the retry schedule of lambda/retry.ts as the client plays it, the deadline's cut, the error
 * that ends it; and which failed attempt is the deadline's tail.
 */
import { isDeadlineTail } from '../../../lambda/api/call';
import { PartnerCentralClient } from '../../../lambda/api/client';
import { ApiError, RetriesExhaustedError } from '../../../lambda/api/errors';
import { DEFAULT_RETRY } from '../../../lambda/retry';
import type { Runtime } from '../../../lambda/types';
import { PartnerCentralEmulator } from '../../../tools/emulator/server';
import { handlerEnv } from '../../support/handler-harness';

describe('retries with an injected clock', () => {
  let emulator: PartnerCentralEmulator;
  beforeEach(async () => {
    emulator = await PartnerCentralEmulator.start();
  });
  afterEach(async () => {
    await emulator.stop();
  });

  /** A clock that only moves when the client sleeps, and a random() that always draws the top of the range. */
  function fakeRuntime(): Runtime & { delays: number[] } {
    let now = 1_000_000;
    const delays: number[] = [];
    return {
      delays,
      now: () => now,
      sleep: async (ms) => { delays.push(ms); now += ms; },
      random: () => 0.999999,
    };
  }

  function client(runtime: Runtime) {
    const env = handlerEnv(emulator.endpoint);
    return new PartnerCentralClient({
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN },
      runtime,
      retry: DEFAULT_RETRY,
      log: () => undefined,
      scrub: (t) => t,
    });
  }

  test('capped exponential backoff with full jitter: ceilings 100, 200, 400 ... 2000 ms', async () => {
    const runtime = fakeRuntime();
    emulator.inject({ operation: 'GetConnectionInvitation', error: { status: 500, name: 'InternalServerException' }, times: 7 });
    await expect(client(runtime).getConnectionInvitation('Sandbox', 'pacinv-AAAAAAAAAAAAA', runtime.now() + 60_000)).rejects.toBeInstanceOf(ApiError);
    expect(runtime.delays).toEqual([99, 199, 399, 799, 1599, 1999, 1999]);
    expect(emulator.calls.map((c) => c.status)).toEqual([500, 500, 500, 500, 500, 500, 500, 404]);
  });

  test('an access denial is retried three times after 1-2 s, 2-4 s and 4-8 s (IAM propagation), then fails as itself', async () => {
    const runtime = fakeRuntime();
    emulator.inject({ operation: 'GetConnectionInvitation', error: { status: 403, name: 'AccessDeniedException', message: 'Denied' }, times: Infinity });
    const error = await client(runtime).getConnectionInvitation('Sandbox', 'pacinv-AAAAAAAAAAAAA', runtime.now() + 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errorName).toBe('AccessDeniedException');
    expect(runtime.delays).toEqual([1999, 3999, 7999]);
    expect(emulator.calls.map((c) => c.status)).toEqual([403, 403, 403, 403]);
  });

  test('an access denial still retried when the deadline comes fails as the denial, not as a timeout', async () => {
    const runtime = fakeRuntime();
    emulator.inject({ operation: 'GetConnectionInvitation', error: { status: 403, name: 'AccessDeniedException', message: 'Denied' }, times: Infinity });
    // 1999 ms, then 3999 ms of waiting: the third wait (7999 ms) would pass the deadline, so it is
    // cut to leave the least time for one last attempt (10,000 - 5,998 - 50 = 3,952 ms).
    const error = await client(runtime).getConnectionInvitation('Sandbox', 'pacinv-AAAAAAAAAAAAA', runtime.now() + 10_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('GetConnectionInvitation failed: AccessDeniedException: Denied');
    expect(runtime.delays).toEqual([1999, 3999, 3952]);
    expect(emulator.calls).toHaveLength(4);
  });

  test('unlimited attempts until the budget is spent, then a clear error with the count and the last error', async () => {
    const runtime = fakeRuntime();
    emulator.inject({ operation: 'GetConnectionInvitation', error: { status: 500, name: 'InternalServerException', message: 'Try later' }, times: Infinity });
    const error = await client(runtime).getConnectionInvitation('Sandbox', 'pacinv-AAAAAAAAAAAAA', runtime.now() + 10_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    const e = error as RetriesExhaustedError;
    // 99 + 199 + 399 + 799 + 1599 + 1999 + 1999 + 1999 = 9092 ms of sleep; the next 1999 would pass
    // the deadline, so it is cut to 858 ms, leaving the least time (50 ms) for a last attempt.
    expect(runtime.delays).toEqual([99, 199, 399, 799, 1599, 1999, 1999, 1999, 858]);
    expect(e.attempts).toBe(10);
    expect(e.mayHaveSucceeded).toBe(true);
    expect(e.message).toBe('GetConnectionInvitation timed out after 10 attempts in 9.9 s, last error: InternalServerException: Try later');
  });

  test('throttling backs off with decorrelated jitter from 1 s to at most 5 s, apart from server errors', async () => {
    const runtime = fakeRuntime();
    emulator.inject({ operation: 'GetConnectionInvitation', error: { status: 429, name: 'ThrottlingException', message: 'Slow down' }, times: Infinity });
    const error = await client(runtime).getConnectionInvitation('Sandbox', 'pacinv-AAAAAAAAAAAAA', runtime.now() + 20_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    const e = error as RetriesExhaustedError;
    // 2999 + 4999 + 4999 + 4999 = 17996 ms of sleep; the next 4999 would pass the deadline, so it
    // is cut to 1954 ms, leaving the least time (50 ms) for a last attempt.
    expect(runtime.delays).toEqual([2999, 4999, 4999, 4999, 1954]);
    expect(e.attempts).toBe(6);
    expect(e.mayHaveSucceeded).toBe(false);
    expect(e.message).toBe('GetConnectionInvitation timed out after 6 attempts in 19.9 s, last error: ThrottlingException: Slow down');
  });
});

describe("the deadline's tail", () => {
  test('an attempt the deadline cut short that then timed out is the tail: it says nothing about the service', () => {
    expect(isDeadlineTail({ kind: 'network', code: 'TimeoutError' }, 26, 400)).toBe(true);
  });
  test('a timeout with the full request time, or any other failure of a short attempt, is a real answer', () => {
    expect(isDeadlineTail({ kind: 'network', code: 'TimeoutError' }, 400, 400)).toBe(false);
    expect(isDeadlineTail({ kind: 'network', code: 'ECONNRESET' }, 26, 400)).toBe(false);
    expect(isDeadlineTail({ kind: 'unreadable', status: 200 }, 26, 400)).toBe(false);
  });
});
