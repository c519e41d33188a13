/**
 * Many resources deployed at once against the service's rate limit: with the production backoff
 * (throttling: decorrelated jitter from 1 s, capped at 5 s) every create succeeds, exactly once,
 * within the time the rate allows plus about one longest throttling wait.
 */
import { createHandler } from '../lambda/index';
import { DEFAULT_RETRY } from '../lambda/retry';
import { handlerEnv, props, World } from './support/handler-harness';

const N = 50;
const RATE = { ratePerSecond: 20, burst: 5 };

let w: World;
beforeEach(async () => {
  w = await World.start({ emulator: { rateLimit: RATE } });
});
afterEach(async () => {
  await w.stop();
});

test(`${N} concurrent creates against ${RATE.ratePerSecond} req/s (burst ${RATE.burst}) all succeed, each exactly once`, async () => {
  // The production tuning: only the environment differs.
  const handler = createHandler({ env: () => handlerEnv(w.emulator.endpoint), log: () => undefined });
  const events = Array.from({ length: N }, (_, i) => w.cfn.createEvent(`Invite${i}`, props({}, `pprofile-${String(i).padStart(4, '0')}`)));
  const started = Date.now();
  const deliveries = await Promise.all(events.map((e) => w.cfn.send(handler, e, { timeoutMs: 30_000, retries: 0 })));
  const makespan = Date.now() - started;

  expect(deliveries.map((d) => d.response.Status)).toEqual(Array(N).fill('SUCCESS'));
  expect(deliveries.every((d) => d.invocations === 1 && d.putAttempts === 1)).toBe(true);
  const invitations = w.emulator.invitations();
  expect(invitations).toHaveLength(N);
  expect(new Set(invitations.map((i) => i.OtherParticipantIdentifier)).size).toBe(N);
  expect(new Set(deliveries.map((d) => d.response.PhysicalResourceId))).toEqual(new Set(invitations.map((i) => i.Id)));
  // The emulator throttled plenty, and the handlers kept the bucket busy.
  const throttled = w.emulator.calls.filter((c) => c.status === 429).length;
  expect(throttled).toBeGreaterThan(0);
  const ideal = ((N - RATE.burst) / RATE.ratePerSecond) * 1000;
  // A small burst pays up to one longest throttling wait past the ideal (the price of sending
  // fewer throttled requests; BENCHMARKS.md, benchmark 3).
  expect(makespan).toBeLessThan(ideal * 2 + DEFAULT_RETRY.throttleMaxDelayMs + 2_000);
}, 60_000);
