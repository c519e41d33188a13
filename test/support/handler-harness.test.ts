/**
 * The virtual clock of test/support/handler-harness.ts: waits that overlap take the time of the
 * longest, not their sum, and the timers due when the clock moves fire earliest first; and where
 * virtual time stops (the emulator's delays and Lambda's retry delay run on real timers).
 */
import { props, TestClock, World } from './handler-harness';

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
  expect(ended.map(([ms, at]) => at >= ms)).toEqual([true, true, true]);
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
