/**
 * One deterministic scenario per class of issue 10 (late deliveries, two answers to one event,
 * unknown outcomes of a Create and of an Update, races between requests, an invitation accepted
 * meanwhile, the marker cleanup), each a fixed history of the model (./model/) played against
 * the shipped bundle and the emulator on the virtual clock, with the invariants checked as in
 * the model-based test and the scenario's own outcome asserted.
 */
import type { History } from './model/history';
import { check } from './model/invariants';
import { ModelWorld, type Trace } from './model/play';

let world: ModelWorld;
beforeAll(async () => {
  world = await ModelWorld.start();
});
afterAll(async () => {
  await world.stop();
});

const BASE: History = {
  ops: [],
  deliveries: [],
  puts: [],
  faults: [],
  latencies: [],
  seeded: [],
  others: [],
  listLagMs: 0,
  serviceSkewMs: 0,
  reactMs: 0,
  jitterSeed: 1,
};
const R0M0 = { receiver: 0, message: 0 };
const R0M1 = { receiver: 0, message: 1 };
const R1M0 = { receiver: 1, message: 0 };
const create = (props = R0M0) => ({ pauseMs: 0, op: { kind: 'create' as const, props, otherFails: false, noRollback: false } });
const update = (props: typeof R0M0, pauseMs = 1_000) => ({ pauseMs, op: { kind: 'update' as const, props, otherFails: false } });
const del = (pauseMs = 1_000) => ({ pauseMs, op: { kind: 'delete' as const } });

async function play(h: Partial<History>): Promise<{ trace: Trace; states: string[][] }> {
  const trace = await world.run({ ...BASE, ...h });
  const verdict = check(trace);
  expect(verdict.violations).toEqual([]);
  const states = trace.invitations.map((i) => [
    String(i.OtherParticipantIdentifier).slice(-1), String(i.InvitationMessage).slice(0, 5), String(i.Status),
  ]);
  return { trace, states };
}

describe('class 1: late deliveries after the stack moved on', () => {
  test('class 1: the answer was stored but its acknowledgement lost; Lambda\'s retry after the Delete sends nothing', async () => {
    const { trace, states } = await play({
      ops: [create(), del(0)],
      puts: ['lost-ack', 'fail', 'fail', 'fail', 'fail'],
      reactMs: 5_000,
    });
    expect(trace.requests[0].answer?.Status).toBe('SUCCESS');
    expect(trace.deliveries.filter((d) => d.request.index === 0).map((d) => d.threw)).toEqual([true, false]);
    expect(states).toEqual([['1', 'Let u', 'CANCELED']]);
  });
});

describe('class 2: two answers to one event', () => {
  test('class 2: one delivery answers FAILED, a second one beside it creates; the Delete of the marker cancels it (window B)', async () => {
    const { trace, states } = await play({
      ops: [create()],
      deliveries: [{ queueMs: 0, duplicatesMs: [5] }],
      faults: ['invalid-400', 'none'],
    });
    expect(trace.requests[0].answer?.PhysicalResourceId).toMatch(/^unconfirmed-\d+-\d+$/);
    expect(trace.requests[1]).toMatchObject({ role: 'create-rollback', type: 'Delete' });
    expect(check(trace).exemptions).toEqual({ B: 1 });
    expect(states).toEqual([['1', 'Let u', 'CANCELED']]);
  });
});

describe('class 3: the unknown outcome of a Create is not forgotten', () => {
  test.each(['in-flight-409', 'denied', 'invalid-400', 'quota-402', 'empty-after', 'mangled-after'] as const)(
    'class 3: a create processed but unanswered, then %s: the invitation is the resource\'s, or the marker\'s Delete cancels it',
    async (then) => {
      const { trace, states } = await play({ ops: [create()], faults: ['reset-after', then] });
      const answer = trace.requests[0].answer!;
      if (answer.Status === 'SUCCESS') {
        expect(states).toEqual([['1', 'Let u', 'PENDING']]);
        expect(trace.live?.physicalId).toBe(String(trace.invitations[0].Id));
      } else {
        expect(answer.PhysicalResourceId).toMatch(/^unconfirmed-\d+-\d+$/);
        expect(states).toEqual([['1', 'Let u', 'CANCELED']]);
      }
    });
});

describe('class 4: Updates with an unknown outcome', () => {
  test('class 4: a same-receiver wording change whose new invitation may exist rolls back without DUPLICATE_CONNECTION_INVITATION', async () => {
    // create; update: Get, create (refused: A is pending), cancel A, create (processed, unanswered), then refused.
    const { trace, states } = await play({ ops: [create(), update(R0M1)], faults: ['none', 'none', 'none', 'none', 'reset-after', 'invalid-400'], reactMs: 3_000 });
    const [, failed, rollback] = trace.requests;
    expect(failed.answer?.Status).toBe('FAILED');
    expect(failed.answer?.Reason).toMatch(/may have been created: the rollback cancels it/);
    expect(rollback).toMatchObject({ role: 'rollback', answer: expect.objectContaining({ Status: 'SUCCESS' }) });
    expect(states.filter((s) => s[2] === 'PENDING')).toEqual([['1', 'Let u', 'PENDING']]);
  });
});

describe('class 5: races between requests of one resource', () => {
  test('class 5: a Delete that arrives while the Create is still running cancels what the Create makes', async () => {
    const { trace, states } = await play({
      ops: [create()],
      deliveries: [{ queueMs: 0, duplicatesMs: [10] }],
      faults: ['none', 'invalid-400'],
      latencies: [3_000, 20],
    });
    const [created, deleted] = trace.requests;
    expect(created.answer?.Status).toBe('FAILED');
    expect(deleted.issuedAt).toBeLessThan(created.issuedAt + 3_000);
    expect(states).toEqual([['1', 'Let u', 'CANCELED']]);
  });

  test('class 5: a rollback Update that arrives while the Update is still running cancels the Update\'s invitation', async () => {
    const { trace, states } = await play({
      ops: [create(), update(R1M0)],
      deliveries: [{ queueMs: 0, duplicatesMs: [] }, { queueMs: 0, duplicatesMs: [10] }],
      faults: ['none', 'none', 'none', 'none', 'invalid-400'],
      latencies: [20, 20, 20, 3_000, 20],
    });
    expect(trace.requests.map((r) => [r.role, r.answer?.Status])).toEqual([['create', 'SUCCESS'], ['update', 'FAILED'], ['rollback', 'SUCCESS']]);
    expect(states).toEqual([['1', 'Let u', 'PENDING'], ['2', 'Let u', 'CANCELED']]);
    expect(trace.live?.physicalId).toBe(String(trace.invitations[0].Id));
  });
});

describe('class 6: accepted meanwhile', () => {
  test('class 6: the cancel-first path finds the invitation accepted: no e-mail to a partner already connected', async () => {
    // create; update: Get, create (refused), cancel (held 5 s; the partner accepts meanwhile).
    const { trace, states } = await play({
      ops: [create(), update(R0M1)],
      latencies: [20, 20, 20, 5_000],
      others: [{ kind: 'receiver', atMs: 3_000, status: 'ACCEPTED' }],
    });
    expect(trace.requests[1].answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: String(trace.invitations[0].Id) });
    expect(states).toEqual([['1', 'Let u', 'ACCEPTED']]);
  });

  test('class 6: accepted between the Update\'s read and its create, so the create goes through: the new invitation is canceled, the accepted one kept (window G)', async () => {
    // create; update: Get, create (held 5 s; the partner accepts meanwhile, so it is not refused).
    const { trace, states } = await play({
      ops: [create(), update(R0M1)],
      latencies: [20, 20, 5_000],
      others: [{ kind: 'receiver', atMs: 3_000, status: 'ACCEPTED' }],
    });
    expect(trace.requests[1].answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: String(trace.invitations[0].Id) });
    expect(states).toEqual([['1', 'Let u', 'ACCEPTED'], ['1', 'A new', 'CANCELED']]);
    expect(check(trace).exemptions).toEqual({ G: 1 });
  });
});

describe('class 7: the marker cleanup', () => {
  test('class 7: another owner\'s pending invitation to the receiver, in the window, other words: left alone', async () => {
    const { states } = await play({ ops: [create(R0M1)], faults: ['internal', 'internal', 'invalid-400'], others: [{ kind: 'foreign', atMs: 0, receiver: 0, message: 2 }] });
    expect(states).toEqual([['1', 'Third', 'PENDING']]);
  });

  test.each([
    ['List lags by 4 s (within the 5 s allowance)', { listLagMs: 4_000 }],
    ['the service clock runs 1.5 s ahead (within the 2 s slack)', { serviceSkewMs: 1_500 }],
    ['List answers summaries that are not a list', { faults: ['reset-after', 'invalid-400', 'mangled-after'] as History['faults'] }],
    ['Get answers without Status', { faults: ['reset-after', 'invalid-400', 'none', 'mangled-after'] as History['faults'] }],
  ])('class 7: %s: the Delete of the marker still cancels the invitation the Create made', async (_what, extra) => {
    const { trace, states } = await play({ ops: [create()], faults: ['reset-after', 'invalid-400'], ...extra });
    expect(trace.requests[0].answer?.PhysicalResourceId).toMatch(/^unconfirmed-/);
    expect(states).toEqual([['1', 'Let u', 'CANCELED']]);
  });
});
