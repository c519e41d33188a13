/**
 * The create fence and the late deliveries it stops: the handler over real HTTP with requests
 * delivered again after the stack moved on, and after the fence closed (the pure times of a
 * request: test/lambda/common/fence.test.ts).
 */
import { FAST, props, World } from './support/handler-harness';
import { DEFAULT_FENCE, requestTimesOf } from '../lambda/common/fence';
import { parseUnconfirmedMarker } from '../lambda/lifecycle/physical-id';

describe('late deliveries over real HTTP', () => {
  let w: World;
  beforeEach(async () => {
    // Virtual time: the fence is 1.5 s after each request's issue however long the machine takes.
    w = await World.start({ virtualTime: true });
  });
  afterEach(async () => {
    await w.stop();
  });

  /** The answer of the last delivery of a request (the driver resolves with the first). */
  function lastAnswer(requestId: string) {
    return w.cfn.puts(requestId).at(-1)?.response;
  }

  test('a Create delivered again after its resource\'s Delete canceled the invitation answers it as it is and sends nothing', async () => {
    const p = props();
    const create = w.cfn.createEvent('Invite', p);
    const first = await w.send(create);
    const id = first.response.PhysicalResourceId;
    await w.send(w.cfn.deleteEvent('Invite', id, p));
    expect(w.statuses()).toEqual(['CANCELED']);

    // CloudFormation keeps the first answer; the late delivery's own answer is the last PUT.
    await w.send(create);
    expect(lastAnswer(create.RequestId)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: expect.objectContaining({ Status: 'CANCELED' }) });
    expect(w.statuses()).toEqual(['CANCELED']);
  });

  test('an Update delivered again after a later update and its cleanup sends nothing', async () => {
    // CloudFormation's steps follow one another (the clock moves only when a test moves it):
    // 10 ms apart, all four well inside the 1.5 s fence of the update delivered again.
    const STEP_MS = 10;
    const p1 = props();
    const p2 = props({}, 'pprofile-second0000000');
    const p3 = props({}, 'pprofile-third00000000');
    const a = await w.create('Invite', p1);
    w.elapse(STEP_MS);
    const u1 = w.cfn.updateEvent('Invite', a, p2, p1);
    const b = (await w.send(u1)).response.PhysicalResourceId;
    w.elapse(STEP_MS);
    await w.send(w.cfn.deleteEvent('Invite', a, p1));
    w.elapse(STEP_MS);
    const c = (await w.send(w.cfn.updateEvent('Invite', b, p3, p2))).response.PhysicalResourceId;
    w.elapse(STEP_MS);
    await w.send(w.cfn.deleteEvent('Invite', b, p2));
    w.elapse(STEP_MS);
    expect(w.statuses()).toEqual(['CANCELED', 'CANCELED', 'PENDING']);

    await w.send(u1);
    expect(lastAnswer(u1.RequestId)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: b, Data: expect.objectContaining({ Status: 'CANCELED' }) });
    expect(w.emulator.invitations().map((i) => [i.Id, i.Status])).toEqual([[a, 'CANCELED'], [b, 'CANCELED'], [c, 'PENDING']]);
  });

  test('a Create that reaches the handler after its fence sends nothing and answers the marker of its window (window E)', async () => {
    const create = w.cfn.createEvent('Invite', props());
    // The tests' fence is 1.5 s (FAST); the request waited 2 s in Lambda's queue.
    w.elapse(2_000);
    const d = await w.send(create);
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.PhysicalResourceId).toMatch(/^unconfirmed-\d+-\d+$/);
    expect(d.response.Reason).toMatch(/^This request reached the handler [23] s after CloudFormation issued it, past the 2 s within which an invitation may be sent/);
    expect(w.operations()).toEqual([]);
  });

  test('Lambda\'s retry after an undelivered answer, past the fence: nothing new is sent, and the Delete sweeps what the first run made', async () => {
    const p = props();
    w.cfn.failNextPuts(100);
    const create = w.cfn.createEvent('Invite', p);
    const first = await w.send(create).catch((e: Error) => e);
    expect(first).toBeInstanceOf(Error);
    expect(w.statuses()).toEqual(['PENDING']);
    w.cfn.failNextPuts(0);

    w.elapse(2_000);
    const retry = await w.send(create);
    expect(retry.response.Status).toBe('FAILED');
    const marker = retry.response.PhysicalResourceId;
    expect(marker).toMatch(/^unconfirmed-\d+-\d+$/);
    expect(w.statuses()).toEqual(['PENDING']);

    const del = await w.send(w.cfn.deleteEvent('Invite', marker, p));
    expect(del.response.Status).toBe('SUCCESS');
    expect(w.statuses()).toEqual(['CANCELED']);
  });

  // Window D: a create the service processes after the marker Delete's window ends (an attempt
  // cut at the fence that a front end still forwards seconds later) carries a CreatedAt past it.
  test.each([
    ['at the end of the marker Delete\'s window: swept', 0, 'CANCELED'],
    ['1 ms after it: not swept, left pending (window D)', 1, 'PENDING'],
  ])('a create the service processed %s', async (_what, afterEndMs, status) => {
    const p = props();
    const ev = w.cfn.createEvent('Invite', p);
    const m = /X-Amz-Date=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(ev.ResponseURL)!;
    const issued = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    // Processed, its answer lost, then refused: the Create answers its marker.
    w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
    w.emulator.inject({ operation: 'CreateConnectionInvitation', times: Infinity, error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' } });
    const created = await w.send(ev);
    // The Delete sweeps to the marker's end (the fence plus the slack, rounded up to the second)
    // plus the slack again: FAST, 1.5 s and 0.1 s; the production tuning, 60 s + 2 s + 2 s.
    const slack = FAST.fence!.orderSlackMs!;
    const end = parseUnconfirmedMarker(created.response.PhysicalResourceId)!.to * 1000 + slack;
    expect(end).toBe(Math.ceil((issued + FAST.fence!.createWindowMs! + slack) / 1000) * 1000 + slack);
    w.emulator.clearFaults();
    w.elapse(5_000);
    // The service stamps the invitation with the time it processed the create.
    const late = (o: Record<string, unknown>) => ({ ...o, CreatedAt: new Date(end + afterEndMs).toISOString() });
    w.emulator.inject({ operation: 'ListConnectionInvitations', times: Infinity, rewrite: (o) => ({ ...o, ConnectionInvitationSummaries: (o.ConnectionInvitationSummaries as Array<Record<string, unknown>>).map(late) }) });
    w.emulator.inject({ operation: 'GetConnectionInvitation', times: Infinity, rewrite: late });
    const del = await w.send(w.cfn.deleteEvent('Invite', created.response.PhysicalResourceId, p));
    expect(del.response.Status).toBe('SUCCESS');
    expect(w.statuses()).toEqual([status]);
  });

  test('an expired ResponseURL gets no API call', async () => {
    const create = w.cfn.createEvent('Invite', props());
    w.elapse(7_201_000);
    const d = await w.send(create).catch((e: Error) => e);
    expect(w.operations()).toEqual([]);
    expect(d).toBeDefined();
  });
});

describe('the last wait before the fence, over real HTTP', () => {
  /** The world's clock moves only in the handler's waits (virtual time), so that the schedule is exact. */
  let w: World;
  beforeEach(async () => {
    w = await World.start({
      virtualTime: true,
      // The top draw: every throttling wait is the longest of its range.
      deps: { runtime: { random: () => 0.999999 } },
    });
  });
  afterEach(async () => {
    await w.stop();
  });

  test('a create throttled until the fence waits out a last wait cut to fit, and its last attempt starts before the fence', async () => {
    w.emulator.inject({ operation: 'CreateConnectionInvitation', error: { status: 429, name: 'ThrottlingException' }, times: Infinity });
    const create = w.cfn.createEvent('Invite', props());
    const started = w.now();
    const d = await w.send(create);
    const sleeps = w.waits;

    expect(d.response.Status).toBe('FAILED');
    expect(d.response.PhysicalResourceId).toMatch(/^unconfirmed-\d+-\d+$/);
    const fence = requestTimesOf(new URL(create.ResponseURL), started, { ...DEFAULT_FENCE, ...FAST.fence }).createFence;
    const minAttemptMs = FAST.retry?.minAttemptMs ?? 0;
    // Every wait is a full draw (decorrelated, 5 to 40 ms) but the last, cut so that one more
    // create is sent with the least time an attempt needs left before the fence.
    const last = started + sleeps.reduce((a, b) => a + b, 0);
    expect(last).toBe(fence - minAttemptMs);
    expect(sleeps.slice(0, -1).every((ms) => ms === 14 || ms === 39)).toBe(true);
    expect(w.emulator.countCalls('CreateConnectionInvitation')).toBe(sleeps.length + 1);
  });
});
