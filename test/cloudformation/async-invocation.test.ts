/**
 * Lambda's asynchronous invocation in tools/cloudformation/async-invocation.ts: the remaining time
 * and the timeout on the function's clock when one is given (a test in virtual time), on the real
 * one otherwise; a timed-out invocation retried with the same event.
 */
import { AsyncInvoker, InvocationPlan } from '../../tools/cloudformation/async-invocation';
import type { CloudFormationCustomResourceEvent, LambdaContextLike } from '../../tools/cloudformation/events';

const timers = {
  setTimer: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimer: (t: NodeJS.Timeout | undefined) => { if (t !== undefined) clearTimeout(t); },
};
const EVENT = { RequestType: 'Create', RequestId: 'r-1' } as CloudFormationCustomResourceEvent;
const PLAN: InvocationPlan = { functionName: 'Fn', timeoutMs: 40, retries: 0, duplicates: 0, retryDelayMs: 0 };
const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock that stands still until the test moves it. */
function stoppedClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, move: (ms: number) => { now += ms; } };
}

test('the remaining time follows the function clock, not the real one', async () => {
  const clock = stoppedClock();
  const seen: number[] = [];
  const out = await new AsyncInvoker(timers).invoke(async (_e, context: LambdaContextLike) => {
    seen.push(context.getRemainingTimeInMillis());
    await realPause(60);
    seen.push(context.getRemainingTimeInMillis());
    clock.move(15);
    seen.push(context.getRemainingTimeInMillis());
  }, EVENT, { ...PLAN, clock: clock.now });
  expect(seen).toEqual([40, 40, 25]);
  expect(out).toMatchObject({ invocations: 1, handlerErrors: [] });
});

test('on the function clock, an invocation that outlasts the real timeout is not timed out while that clock says time is left', async () => {
  const clock = stoppedClock();
  const out = await new AsyncInvoker(timers).invoke(() => realPause(150), EVENT, { ...PLAN, clock: clock.now });
  expect(out).toMatchObject({ invocations: 1, handlerErrors: [] });
});

test('on the function clock, an invocation whose clock passed the timeout times out, and is retried with the same event', async () => {
  const clock = stoppedClock();
  const events: CloudFormationCustomResourceEvent[] = [];
  let release: () => void = () => undefined;
  const out = await new AsyncInvoker(timers).invoke(async (event) => {
    events.push(event);
    if (events.length > 1) return;
    clock.move(41);
    await new Promise<void>((resolve) => { release = resolve; });
  }, EVENT, { ...PLAN, retries: 1, clock: clock.now });
  release();
  expect(events).toEqual([EVENT, EVENT]);
  expect(out.invocations).toBe(2);
  expect(out.handlerErrors.map((e) => (e as Error).message)).toEqual(['Task timed out after 40 ms']);
});

test('without a function clock, the real clock times an invocation out', async () => {
  let release: () => void = () => undefined;
  const remaining: number[] = [];
  const out = await new AsyncInvoker(timers).invoke(async (_e, context) => {
    remaining.push(context.getRemainingTimeInMillis());
    await new Promise<void>((resolve) => { release = resolve; });
  }, EVENT, PLAN);
  release();
  expect(remaining[0]).toBeLessThanOrEqual(40);
  expect(out.handlerErrors.map((e) => (e as Error).message)).toEqual(['Task timed out after 40 ms']);
});

test('stop ends a pending timeout on the function clock at once', async () => {
  const clock = stoppedClock();
  const invoker = new AsyncInvoker(timers);
  let release: () => void = () => undefined;
  const pending = invoker.invoke(() => new Promise<void>((resolve) => { release = resolve; }), EVENT, { ...PLAN, retries: 3, clock: clock.now });
  await realPause(60);
  invoker.stop();
  const out = await pending;
  release();
  expect(out.invocations).toBe(1);
  expect(out.handlerErrors.map((e) => (e as Error).message)).toEqual(['Task timed out after 40 ms']);
});

test('on the function clock, an invocation that returns after its clock passed the deadline timed out, though it returned', async () => {
  const clock = stoppedClock();
  const out = await new AsyncInvoker(timers).invoke(async () => { clock.move(100); }, EVENT, { ...PLAN, clock: clock.now });
  expect(out.handlerErrors.map((e) => (e as Error).message)).toEqual(['Task timed out after 40 ms']);
});

test('on the function clock, an invocation that throws after its clock passed the deadline timed out', async () => {
  const clock = stoppedClock();
  const out = await new AsyncInvoker(timers).invoke(async () => {
    clock.move(40);
    throw new Error('late failure');
  }, EVENT, { ...PLAN, clock: clock.now });
  expect(out.handlerErrors.map((e) => (e as Error).message)).toEqual(['Task timed out after 40 ms']);
});

test('on the function clock, an invocation that ends with time left on it succeeds', async () => {
  const clock = stoppedClock();
  const out = await new AsyncInvoker(timers).invoke(async () => { clock.move(39); }, EVENT, { ...PLAN, clock: clock.now });
  expect(out).toMatchObject({ invocations: 1, handlerErrors: [] });
});

test('without a function clock, a handler that returns before the real timeout succeeds, whatever it did to other clocks', async () => {
  const clock = stoppedClock();
  const out = await new AsyncInvoker(timers).invoke(async () => { clock.move(100); }, EVENT, PLAN);
  expect(out).toMatchObject({ invocations: 1, handlerErrors: [] });
});

test('on a function clock that stands still, a hung invocation is timed out by the real-time backstop, naming it', async () => {
  jest.useFakeTimers();
  try {
    const clock = stoppedClock();
    let release: () => void = () => undefined;
    let settled = false;
    const outcome = new AsyncInvoker(timers).invoke(
      () => new Promise<void>((resolve) => { release = resolve; }), EVENT, { ...PLAN, clock: clock.now, backstopMs: 120 });
    void outcome.then(() => { settled = true; });
    await jest.advanceTimersByTimeAsync(119); // fake real time: not yet the backstop
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    const out = await outcome;
    release();
    expect(out.handlerErrors.map((e) => (e as Error).message)).toEqual([
      'Task timed out after 40 ms: the real-time backstop of 120 ms passed while the function clock said time remained',
    ]);
  } finally {
    jest.useRealTimers();
  }
});
