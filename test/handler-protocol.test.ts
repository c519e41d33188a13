/**
 * The handler's side of the protocols: the response PUT and its size guard, the deadline,
 * malformed events, configuration, logs, and the bytes it puts on the wire.
 */
import { createHandler } from '../lambda/index';
import { FAST, handlerEnv, props, SECRETS, World } from './support/handler-harness';
import { serializeWithSdk } from './support/sdk-wire';
import type { CloudFormationCustomResourceEvent } from '../tools/cloudformation/events';

let w: World;
beforeEach(async () => {
  // Virtual time: the request and PUT timeouts and the backoff run on the world's clock, so no
  // outcome depends on the machine's speed (the deadline tests replace the world with a real one).
  w = await World.start({ virtualTime: true });
});
afterEach(async () => {
  jest.restoreAllMocks();
  await w.stop();
});

const context = (ms = 4_000) => {
  const deadline = Date.now() + ms;
  return { getRemainingTimeInMillis: () => deadline - Date.now() };
};

describe('the response PUT', () => {
  test('is retried when the ResponseURL fails twice', async () => {
    w.cfn.failNextPuts(2, 503);
    const d = await w.send(w.cfn.createEvent('Invite', props()));
    expect(d.response.Status).toBe('SUCCESS');
    expect(d.putAttempts).toBe(3);
    expect(d.invocations).toBe(1);
    expect(d.handlerErrors).toEqual([]);
    expect(w.cfn.puts().map((p) => p.status)).toEqual([503, 503, 200]);
  });

  test('a 4xx from the ResponseURL is not retried and does not fail the invocation', async () => {
    w.cfn.failNextPuts(1, 403);
    const event = w.cfn.createEvent('Invite', props());
    await expect(w.handler(event, context())).resolves.toBeUndefined();
    expect(w.cfn.puts(event.RequestId).map((p) => p.status)).toEqual([403]);
    expect(JSON.parse(w.logs[w.logs.length - 1])).toMatchObject({ kind: 'event', outcome: 'UNANSWERED', responseStatus: 403, responseAttempts: 1 });
  });

  test.each([
    ['ASCII', 'x'],
    ['multi-byte', 'é€'],
  ])('stays under 4096 bytes with a huge %s error message, keeping the start of the reason', async (_kind, unit) => {
    w.emulator.inject({
      operation: 'CreateConnectionInvitation',
      error: {
        status: 400,
        name: 'ValidationException',
        reason: 'BUSINESS_VALIDATION_FAILED',
        message: unit.repeat(20_000),
        extra: { ErrorDetails: Array.from({ length: 30 }, (_, i) => ({ BusinessValidationError: { Message: `${unit.repeat(500)} ${i}`, Code: 'C' } })) },
      },
    });
    const d = await w.send(w.cfn.createEvent('Invite', props()));
    expect(d.oversize).toBe(false);
    expect(d.violations).toEqual([]);
    expect(d.bytes).toBeLessThan(4096);
    expect(d.bytes).toBeGreaterThan(3500);
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation failed: ValidationException \(BUSINESS_VALIDATION_FAILED\): /);
    expect(d.response.Reason).toMatch(/ \[truncated\]$/);
  });
});

describe('the deadline', () => {
  // A hang is a real wait: real time, with request and PUT timeouts (1.5 s) far above any
  // exchange on 127.0.0.1 however busy the machine, while the hung calls never answer. An attempt
  // starts only with a whole request timeout left, and the create window leaves room for one.
  beforeEach(async () => {
    await w.stop();
    w = await World.start({
      deps: {
        retry: { requestTimeoutMs: 1_500, minAttemptMs: 1_500 },
        response: { attemptTimeoutMs: 1_500 },
        responseBudgetMs: 1_500,
        fence: { ...FAST.fence, createWindowMs: 10_000 },
      },
    });
  });

  test('an API that always hangs: FAILED before the function times out', async () => {
    const p = props();
    const id = await w.create('Invite', p);
    w.emulator.inject({ hang: true, times: Infinity });
    const d = await w.send(w.cfn.deleteEvent('Invite', id, p), { timeoutMs: 6_000 });
    // The driver stored the PUT within the function's timeout: one invocation, which did not time out.
    expect(d.invocations).toBe(1);
    expect(d.handlerErrors).toEqual([]);
    expect(d.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(d.response.Reason).toMatch(/^GetConnectionInvitation timed out after \d+ attempts in [\d.]+ s, last error: TimeoutError \(no complete answer within \d+ ms\)$/);
  });

  test('with the production tuning, a hung Create still answers in time, with a marker', async () => {
    const handler = createHandler({ env: () => handlerEnv(w.emulator.endpoint), log: () => undefined });
    w.emulator.inject({ hang: true, times: Infinity });
    const d = await w.cfn.send(handler, w.cfn.createEvent('Invite', props()), { timeoutMs: 6_000, retries: 0 });
    // The driver stored the PUT within the function's timeout: the invocation did not time out.
    expect(d.handlerErrors).toEqual([]);
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.PhysicalResourceId).toMatch(/^unconfirmed-\d+-\d+$/);
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation timed out after 1 attempt in [\d.]+ s, last error: TimeoutError/);
  });
});

describe('malformed events', () => {
  function mutate(event: CloudFormationCustomResourceEvent, change: (e: Record<string, unknown>) => void): CloudFormationCustomResourceEvent {
    const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    change(copy);
    return copy as unknown as CloudFormationCustomResourceEvent;
  }

  test.each([
    ['an unknown RequestType', (e: Record<string, unknown>) => { e.RequestType = 'Upsert'; }, 'Malformed request: Unsupported RequestType "Upsert": expected Create, Update or Delete', 'create-failed'],
    ['a RequestType that is not a string', (e: Record<string, unknown>) => { e.RequestType = 7; }, 'Malformed request: Unsupported RequestType a value of type number: expected Create, Update or Delete', 'create-failed'],
    ['no StackId', (e: Record<string, unknown>) => { delete e.StackId; }, 'Malformed request: The event has no StackId', 'create-failed'],
    ['properties that are not an object', (e: Record<string, unknown>) => { e.ResourceProperties = 'Catalog=AWS'; }, 'Malformed request: The event has no ResourceProperties object', 'create-failed'],
    ['an Update without OldResourceProperties', (e: Record<string, unknown>) => {
      e.RequestType = 'Update'; e.PhysicalResourceId = 'pacinv-AAAAAAAAAAAAA';
    }, 'Malformed request: The Update event has no OldResourceProperties object', 'pacinv-AAAAAAAAAAAAA'],
    ['a Delete without PhysicalResourceId', (e: Record<string, unknown>) => { e.RequestType = 'Delete'; }, 'Malformed request: The Delete event has no PhysicalResourceId', 'create-failed'],
  ])('%s: FAILED', async (_what, change, reason, phys) => {
    const event = mutate(w.cfn.createEvent('Invite', props()), change);
    const d = await w.send(event);
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toBe(reason);
    expect(d.response.PhysicalResourceId).toBe(phys === 'create-failed' ? `create-failed-${event.RequestId}` : phys);
    expect(d.handlerErrors).toEqual([]);
    expect(w.emulator.calls).toHaveLength(0);
  });

  test('a Create never answers with a physical id it brought along', async () => {
    const event = mutate(w.cfn.createEvent('Invite', props({ Email: 'bad' })), (e) => { e.PhysicalResourceId = 'pacinv-AAAAAAAAAAAAA'; });
    const d = await w.send(event);
    expect(d.response.PhysicalResourceId).toBe(`create-failed-${event.RequestId}`);
  });

  test.each([
    ['no ResponseURL', (e: Record<string, unknown>) => { delete e.ResponseURL; }],
    ['a ResponseURL that is not a URL', (e: Record<string, unknown>) => { e.ResponseURL = 'not a url'; }],
    ['a ResponseURL that is not http(s)', (e: Record<string, unknown>) => { e.ResponseURL = 'file:///etc/passwd'; }],
  ])('%s: logged, not answered, no throw', async (_what, change) => {
    const event = mutate(w.cfn.createEvent('Invite', props()), change);
    await expect(w.handler(event, context())).resolves.toBeUndefined();
    expect(w.cfn.puts()).toHaveLength(0);
    expect(w.emulator.calls).toHaveLength(0);
    expect(w.logs.map((l) => JSON.parse(l))).toEqual([
      { kind: 'note', note: 'event not answered', problem: 'the event has no usable ResponseURL' },
      expect.objectContaining({ kind: 'event', outcome: 'UNANSWERED', requestType: 'Create', requestId: event.RequestId }),
    ]);
  });

  test.each([null, undefined, 'Create', 42, []])('%p as the event: logged, no throw', async (event) => {
    await expect(w.handler(event, context())).resolves.toBeUndefined();
    expect(JSON.parse(w.logs[0])).toEqual({ kind: 'note', note: 'event not answered', problem: 'the event is not an object' });
  });

  test('a context without getRemainingTimeInMillis still gets an answer', async () => {
    const event = w.cfn.createEvent('Invite', props());
    await w.handler(event, {} as never);
    expect(w.cfn.responseFor(event.RequestId)?.response?.Status).toBe('SUCCESS');
  });
});

describe('configuration, read on every invocation', () => {
  test('AWS_ENDPOINT_URL reaches the emulator; the service-specific variable wins over it', async () => {
    let env: Record<string, string> = { ...handlerEnv(''), AWS_ENDPOINT_URL: w.emulator.endpoint };
    delete env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT;
    const handler = createHandler({ ...FAST, runtime: w.runtime, env: () => env, log: () => undefined });
    const first = await w.cfn.send(handler, w.cfn.createEvent('A', props({}, 'pprofile-a')), { timeoutMs: 4_000, retries: 0 });
    expect(first.response.Status).toBe('SUCCESS');

    env = { ...handlerEnv(w.emulator.endpoint), AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
    const second = await w.cfn.send(handler, w.cfn.createEvent('B', props({}, 'pprofile-b')), { timeoutMs: 4_000, retries: 0 });
    expect(second.response.Status).toBe('SUCCESS');
    expect(w.emulator.invitations()).toHaveLength(2);
  });

  test('no credentials: FAILED with what is missing (and a Delete that needs no call still succeeds)', async () => {
    const env = handlerEnv(w.emulator.endpoint);
    delete (env as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
    const handler = createHandler({ ...FAST, runtime: w.runtime, env: () => env, log: () => undefined });
    const d = await w.cfn.send(handler, w.cfn.createEvent('A', props()), { timeoutMs: 4_000, retries: 0 });
    expect(d.response.Reason).toBe('No AWS credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
    const del = await w.cfn.send(handler, w.cfn.deleteEvent('A', d.response.PhysicalResourceId, props()), { timeoutMs: 4_000, retries: 0 });
    expect(del.response.Status).toBe('SUCCESS');
  });

  test('an endpoint that is not a URL: FAILED', async () => {
    const handler = createHandler({ ...FAST, runtime: w.runtime, env: () => ({ ...handlerEnv('partnercentral.local'), AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: 'not a url' }), log: () => undefined });
    const d = await w.cfn.send(handler, w.cfn.createEvent('A', props()), { timeoutMs: 4_000, retries: 0 });
    expect(d.response.Reason).toMatch(/is not a valid http: or https: URL$/);
  });

  test('credentials the service does not know: FAILED with the service error', async () => {
    const handler = createHandler({ ...FAST, runtime: w.runtime, env: () => ({ ...handlerEnv(w.emulator.endpoint), AWS_SECRET_ACCESS_KEY: 'wrong' }), log: () => undefined });
    const d = await w.cfn.send(handler, w.cfn.createEvent('A', props()), { timeoutMs: 4_000, retries: 0 });
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation failed: InvalidSignatureException: The request signature we calculated does not match/);
  });
});

describe('logs', () => {
  test('one allow-listed JSON line per event and per API call; no personal data, URL or credential anywhere', async () => {
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.map(String).join(' ')); });
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { lines.push(args.map(String).join(' ')); });
    jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => { lines.push(args.map(String).join(' ')); });
    const handler = createHandler({ ...FAST, runtime: w.runtime, env: () => handlerEnv(w.emulator.endpoint) });
    const send = (e: CloudFormationCustomResourceEvent) => w.cfn.send(handler, e, { timeoutMs: 4_000, retries: 0 });

    const p = props();
    const events: CloudFormationCustomResourceEvent[] = [w.cfn.createEvent('Invite', p)];
    const created = await send(events[0]);
    const id = created.response.PhysicalResourceId;
    events.push(w.cfn.updateEvent('Invite', id, props({ Email: 'bad' }), p));
    await send(events[1]);
    // An API message that quotes personal values is scrubbed from the reason and the logs.
    w.emulator.inject({
      operation: 'CreateConnectionInvitation',
      error: { status: 400, name: 'ValidationException', message: `Email ${SECRETS.email} of ${SECRETS.name} is blocked; message "${SECRETS.message}"` },
    });
    events.push(w.cfn.updateEvent('Invite', id, props({}, 'pprofile-other'), p));
    const blocked = await send(events[2]);
    expect(blocked.response.Reason).toBe('CreateConnectionInvitation failed: ValidationException: Email <redacted> of <redacted> is blocked; message "<redacted>"');
    events.push(w.cfn.deleteEvent('Invite', id, p));
    await send(events[3]);

    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const eventLines = parsed.filter((l) => l.kind === 'event');
    expect(eventLines.map((l) => [l.requestType, l.outcome])).toEqual([['Create', 'SUCCESS'], ['Update', 'FAILED'], ['Update', 'FAILED'], ['Delete', 'SUCCESS']]);
    for (const l of eventLines) {
      expect(Object.keys(l).sort()).toEqual(expect.arrayContaining(['durationMs', 'kind', 'logicalResourceId', 'outcome', 'physicalResourceId', 'requestId', 'requestType']));
      expect(Object.keys(l).every((k) => ['kind', 'requestType', 'requestId', 'logicalResourceId', 'physicalResourceId', 'outcome', 'durationMs', 'reason', 'responseStatus', 'responseAttempts'].includes(k))).toBe(true);
    }
    const apiLines = parsed.filter((l) => l.kind === 'api');
    expect(apiLines.map((l) => `${l.operation} ${l.status}`)).toEqual([
      'CreateConnectionInvitation 200',
      'GetConnectionInvitation 200',
      'CreateConnectionInvitation 400',
      'GetConnectionInvitation 200',
      'CancelConnectionInvitation 200',
    ]);
    for (const l of apiLines) {
      expect(Object.keys(l).every((k) => ['kind', 'operation', 'status', 'errorName', 'attempt', 'latencyMs'].includes(k))).toBe(true);
    }

    const all = lines.join('\n');
    for (const secret of [SECRETS.email, SECRETS.name, SECRETS.message, SECRETS.secretKey, SECRETS.sessionToken]) {
      expect(all).not.toContain(secret);
    }
    for (const e of events) {
      expect(all).not.toContain(e.ResponseURL);
      expect(all).not.toContain(new URL(e.ResponseURL).searchParams.get('X-Amz-Signature'));
    }
    expect(all).not.toContain('X-Amz-Signature');
    expect(all).not.toContain('AKIDEMULATOR');
  });
});

describe('the wire', () => {
  test('every request body is byte for byte what the official SDK sends for the same input', async () => {
    const p = props();
    const id = await w.create('Invite', p);
    await w.send(w.cfn.deleteEvent('Invite', id, p));
    const now = Math.floor(w.now() / 1000);
    // A marker whose window has settled: one List.
    await w.send(w.cfn.deleteEvent('Invite', `unconfirmed-${now - 120}-${now - 60}`, p));
    const ops = w.emulator.calls.map((c) => c.operation);
    expect(ops).toEqual(['CreateConnectionInvitation', 'GetConnectionInvitation', 'CancelConnectionInvitation', 'ListConnectionInvitations']);
    for (const call of w.emulator.calls) {
      const sdk = await serializeWithSdk(call.operation!, call.input as Record<string, unknown>);
      expect({ op: call.operation, body: call.body }).toEqual({ op: call.operation, body: sdk.body });
      expect(call.headers['content-type']).toBe(sdk.headers['content-type']);
      expect(call.headers['x-amz-target']).toBe(sdk.headers['x-amz-target']);
      expect(call.url).toBe(sdk.path);
    }
  });
});
