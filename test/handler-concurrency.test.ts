/**
 * Many resources deployed at once against the service's rate limit: with the production backoff
 * (throttling: decorrelated jitter from 1 s, capped at 5 s) every create succeeds, exactly once,
 * while the handlers are in flight together. How long the deployment takes is a speed goal:
 * BENCHMARKS.md, benchmark 3 (bench/throttle.ts, makespan against the ideal).
 */
import { createHandler } from '../lambda/index';
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
  const shipped = createHandler({ env: () => handlerEnv(w.emulator.endpoint), log: () => undefined });
  let inFlight = 0;
  let maxInFlight = 0;
  const handler: typeof shipped = async (event, context) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    try {
      await shipped(event, context);
    } finally {
      inFlight--;
    }
  };
  const events = Array.from({ length: N }, (_, i) => w.cfn.createEvent(`Invite${i}`, props({}, `pprofile-${String(i).padStart(4, '0')}`)));
  const deliveries = await Promise.all(events.map((e) => w.cfn.send(handler, e, { timeoutMs: 30_000, retries: 0 })));

  expect(deliveries.map((d) => d.response.Status)).toEqual(Array(N).fill('SUCCESS'));
  expect(deliveries.every((d) => d.invocations === 1 && d.putAttempts === 1)).toBe(true);
  const invitations = w.emulator.invitations();
  expect(invitations).toHaveLength(N);
  expect(new Set(invitations.map((i) => i.OtherParticipantIdentifier)).size).toBe(N);
  expect(new Set(deliveries.map((d) => d.response.PhysicalResourceId))).toEqual(new Set(invitations.map((i) => i.Id)));
  // The emulator throttled plenty, and the handlers kept the bucket busy.
  const throttled = w.emulator.calls.filter((c) => c.status === 429).length;
  expect(throttled).toBeGreaterThan(0);
  // More handlers were in flight at once than the burst admits: they contended for the bucket.
  expect(maxInFlight).toBeGreaterThan(RATE.burst);
}, 60_000);
