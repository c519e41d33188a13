/**
 * The virtual clock of test/support/handler-harness.ts: an event queue, so that waits that
 * overlap take the time of the longest, not their sum, each wait ends at exactly its due time,
 * and waits and timers are released in due-time order (ties in arming order); where virtual time
 * stops (the emulator's delays and Lambda's retry delay run on real timers); the real-time
 * backstop that ends a hung exchange before jest's timeout; and a response PUT made after the
 * function's deadline on the clock, which is no answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { props, TestClock, VIRTUAL_BACKSTOP_MS, World } from './handler-harness';

const START = 1_000_000;

test('two concurrent 5 s waits move the clock 5 s, not 10 s', async () => {
  const clock = new TestClock(START);
  await Promise.all([clock.sleep(5_000), clock.sleep(5_000)]);
  expect(clock.now() - START).toBe(5_000);
});

test('overlapping waits of different lengths end at the longest', async () => {
  const clock = new TestClock(START);
  const ended: Array<[number, number]> = [];
  await Promise.all([1_000, 3_000, 2_000].map(async (ms) => {
    await clock.sleep(ms);
    ended.push([ms, clock.now() - START]);
  }));
  expect(clock.now() - START).toBe(3_000);
  expect(ended).toEqual([[1_000, 1_000], [2_000, 2_000], [3_000, 3_000]]);
});

test('a short wait beside a long one wakes at exactly its own due time', async () => {
  const clock = new TestClock(START);
  let shortWokeAt = 0;
  await Promise.all([
    (async () => {
      await clock.sleep(100);
      shortWokeAt = clock.now() - START;
    })(),
    clock.sleep(5_000),
  ]);
  expect(shortWokeAt).toBe(100);
  expect(clock.now() - START).toBe(5_000);
});

test('a timer armed after a short wake fires before a timer due later, and both before the long wait ends', async () => {
  const clock = new TestClock(START);
  const fired: Array<[string, number]> = [];
  clock.timer(1_000, () => fired.push(['due-at-1000', clock.now() - START]));
  await Promise.all([
    (async () => {
      await clock.sleep(100);
      clock.timer(200, () => fired.push(['due-at-300', clock.now() - START]));
    })(),
    (async () => {
      await clock.sleep(5_000);
      fired.push(['woke-at-5000', clock.now() - START]);
    })(),
  ]);
  expect(fired).toEqual([['due-at-300', 300], ['due-at-1000', 1_000], ['woke-at-5000', 5_000]]);
});

test('waits and timers due at the same time are released in the order they were armed', async () => {
  const clock = new TestClock(START);
  const order: string[] = [];
  const first = clock.sleep(500).then(() => order.push('wait armed first'));
  clock.timer(500, () => order.push('timer armed second'));
  const third = clock.sleep(500).then(() => order.push('wait armed third'));
  await Promise.all([first, third]);
  expect(order).toEqual(['wait armed first', 'timer armed second', 'wait armed third']);
  expect(clock.now() - START).toBe(500);
});

test('waits one after another add up', async () => {
  const clock = new TestClock(START);
  await clock.sleep(5_000);
  await clock.sleep(5_000);
  expect(clock.now() - START).toBe(10_000);
  expect(clock.waits).toEqual([5_000, 5_000]);
});

test('a wait that ends before the clock\'s time leaves the clock where it is', async () => {
  const clock = new TestClock(START);
  const short = clock.sleep(1_000);
  clock.step(4_000);
  await short;
  expect(clock.now() - START).toBe(4_000);
});

test('the timers due when the clock steps fire earliest first, and the ones not yet due wait', () => {
  const clock = new TestClock(START);
  const fired: string[] = [];
  clock.timer(300, () => fired.push('300'));
  clock.timer(100, () => fired.push('100'));
  clock.timer(200, () => fired.push('200'));
  clock.timer(900, () => fired.push('900'));
  clock.step(500);
  expect(fired).toEqual(['100', '200', '300']);
  clock.step(400);
  expect(fired).toEqual(['100', '200', '300', '900']);
});

test('a wait fires the timers due by its end, and a cancelled timer never fires', async () => {
  const clock = new TestClock(START);
  const fired: string[] = [];
  clock.timer(2_000, () => fired.push('2000'));
  const cancel = clock.timer(1_000, () => fired.push('1000'));
  cancel();
  await clock.sleep(2_000);
  expect(fired).toEqual(['2000']);
});

describe('where virtual time stops: delays that run on real timers take no time on the clock', () => {
  let w: World;
  afterEach(async () => {
    await w.stop();
  });

  test('an emulator delay of 1 s against a 400 ms request timeout times no request out in virtual time', async () => {
    w = await World.start({ virtualTime: true });
    const id = await w.create('Invite', props());
    w.emulator.inject({ operation: 'GetConnectionInvitation', delayMs: 1_000 });
    const d = await w.send(w.cfn.deleteEvent('Invite', id, props()));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.logs.filter((l) => l.includes('TimeoutError'))).toEqual([]);
  });

  test('Lambda\'s retry delay passes no time on the function clock in virtual time', async () => {
    w = await World.start({ virtualTime: true });
    const seen: number[] = [];
    const event = w.cfn.createEvent('Invite', props());
    await expect(w.cfn.send(async () => {
      seen.push(w.now());
      throw new Error('invocation fails');
    }, event, { timeoutMs: 1_000, retries: 1, retryDelayMs: 300 })).rejects.toThrow(/No response was stored/);
    expect(seen).toHaveLength(2);
    expect(seen[1] - seen[0]).toBe(0);
  });
});

test('the backstop is a third of jest\'s test timeout, the one package.json gives jest', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { jest: { testTimeout: number } };
  expect(VIRTUAL_BACKSTOP_MS).toBe(Math.floor(pkg.jest.testTimeout / 3));
  expect(VIRTUAL_BACKSTOP_MS).toBeLessThan(pkg.jest.testTimeout / 2);
});

describe('the function\'s deadline and the backstop in virtual time', () => {
  let w: World;
  afterEach(async () => {
    await w.stop();
  });

  test('an exchange that hangs on a clock nothing moves fails with the backstop\'s message, under jest\'s default timeout', async () => {
    w = await World.start({ virtualTime: true });
    w.emulator.inject({ hang: true, times: Infinity });
    await expect(w.send(w.cfn.createEvent('Invite', props()))).rejects.toThrow(
      new RegExp(`last handler error: Task timed out after 4000 ms: the real-time backstop of ${VIRTUAL_BACKSTOP_MS} ms passed`));
  });

  test('a response PUT made after the function\'s deadline on the clock is no answer: the invocation timed out', async () => {
    w = await World.start({ virtualTime: true });
    const event = w.cfn.deleteEvent('Invite', 'create-failed-x', props());
    await expect(w.cfn.send(async (e, ctx) => {
      w.elapse(10_000); // the handler's work takes 10 s on the function clock, past its 4 s timeout
      await w.handler(e, { ...ctx, getRemainingTimeInMillis: () => 60_000 }); // and it ignores its remaining time
    }, event, { timeoutMs: 4_000, retries: 0 })).rejects.toThrow(
      /No response was stored .*\(1 PUT attempt\(s\) reached the ResponseURL, 1 stored one\(s\) made after the deadline on the function clock; last handler error: Task timed out after 4000 ms\)/);
    expect(w.cfn.puts(event.RequestId)).toEqual([expect.objectContaining({ status: 200, functionTime: w.now() })]);
  });

  test('a response PUT made with time left on the clock is the answer', async () => {
    w = await World.start({ virtualTime: true });
    const event = w.cfn.deleteEvent('Invite', 'create-failed-x', props());
    const d = await w.cfn.send(async (e, ctx) => {
      w.elapse(3_000);
      await w.handler(e, ctx);
    }, event, { timeoutMs: 4_000, retries: 0 });
    expect(d.response.Status).toBe('SUCCESS');
    expect(d.handlerErrors).toEqual([]);
  });
});
