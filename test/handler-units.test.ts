/**
 * The handler's pure parts: tokens, error parsing, the time budget, the response size guard,
 * property reading, markers; a lifecycle decision against a scripted API; and the retry schedule with
 * an injected clock.
 */
import * as fc from 'fast-check';
import { isDeadlineTail, PartnerCentralClient } from '../lambda/api/client';
import { ApiError, cleanErrorName, describeError, parseError, RetriesExhaustedError } from '../lambda/api/errors';
import { budgetOf, remainingTimeOf } from '../lambda/budget';
import { serializeResponse, truncateUtf8 } from '../lambda/cfn-response';
import { REAL_RUNTIME } from '../lambda/index';
import { canonicalFields, deriveCancelToken, deriveCreateToken, sha256hex } from '../lambda/lifecycle/client-token';
import { DEFAULT_FENCE } from '../lambda/lifecycle/fence';
import { toData } from '../lambda/lifecycle/outcome';
import { createFailedId, parseUnconfirmedMarker, unconfirmedMarker } from '../lambda/lifecycle/physical-id';
import { readProperties } from '../lambda/lifecycle/properties';
import { onUpdate } from '../lambda/lifecycle/update';
import { DEFAULT_RETRY, isRetryable } from '../lambda/retry';
import type { CfnResponseBody, CreateInput, Invitation, InvitationApi, Runtime } from '../lambda/types';
import { INVITATION_ID_PATTERN } from '../src/api-constraints';
import { ATTRIBUTE_KEYS } from '../src/contract';
import { handlerEnv } from './support/handler-harness';
import { PartnerCentralEmulator } from '../tools/emulator/server';

const FIELDS = {
  Catalog: 'Sandbox',
  ConnectionType: 'OPPORTUNITY_COLLABORATION',
  Email: 'alliances@example.com',
  Message: 'Hello',
  Name: 'Pat',
  ReceiverIdentifier: 'pprofile-1',
};

describe('client tokens', () => {
  test('derived tokens are 64 hex characters, valid ClientTokens, and depend on every input', () => {
    const base = deriveCreateToken('stack', 'Invite', FIELDS);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(base).toBe(sha256hex(`stack\nInvite\n${canonicalFields(FIELDS)}`));
    expect(deriveCreateToken('stack', 'Invite', { ...FIELDS })).toBe(base);
    expect(deriveCreateToken('stack2', 'Invite', FIELDS)).not.toBe(base);
    expect(deriveCreateToken('stack', 'Invite2', FIELDS)).not.toBe(base);
    for (const key of Object.keys(FIELDS) as Array<keyof typeof FIELDS>) {
      expect(deriveCreateToken('stack', 'Invite', { ...FIELDS, [key]: `${FIELDS[key]}x` })).not.toBe(base);
    }
    expect(deriveCreateToken('stack', 'Invite', FIELDS, 'request-1')).toBe(sha256hex(`stack\nInvite\n${canonicalFields(FIELDS)}\nrequest-1`));
    expect(deriveCancelToken('stack', 'Invite', 'pacinv-AAAAAAAAAAAAA')).toBe(sha256hex('stack\nInvite\npacinv-AAAAAAAAAAAAA\ncancel'));
  });

  test('the canonical JSON does not depend on key order and keeps only the six fields', () => {
    const reversed = Object.fromEntries(Object.entries({ ...FIELDS, ClientToken: 'x' }).reverse()) as typeof FIELDS;
    expect(canonicalFields(reversed)).toBe(canonicalFields(FIELDS));
    expect(canonicalFields(FIELDS)).toBe(
      '{"Catalog":"Sandbox","ConnectionType":"OPPORTUNITY_COLLABORATION","Email":"alliances@example.com","Message":"Hello","Name":"Pat","ReceiverIdentifier":"pprofile-1"}');
  });
});

describe('error parsing', () => {
  test.each([
    ['com.amazonaws.partnercentralaccount#ValidationException', 'ValidationException'],
    ['ValidationException:http://internal.amazon.com/coral/com.amazonaws.partnercentralaccount/', 'ValidationException'],
    ['aws.ns#ThrottlingException:http://x#y', 'ThrottlingException'],
    ['AccessDeniedException', 'AccessDeniedException'],
    [' ConflictException ', 'ConflictException'],
  ])('cleanErrorName(%j) = %j', (raw, name) => {
    expect(cleanErrorName(raw)).toBe(name);
  });

  // The scrub of the server's text has tests of its own (test/lambda/scrub.test.ts): here it marks what it saw.
  const mark = (t: string) => `[${t}]`;

  test('the first of __type, code and the header that is a known name wins; others are UnrecognizedError', () => {
    const header = { 'x-amzn-errortype': 'ThrottlingException:http://x' };
    expect(parseError(400, header, '{"__type":"ns#ValidationException","code":"ConflictException"}', mark).name).toBe('ValidationException');
    expect(parseError(400, header, '{"code":"ConflictException"}', mark).name).toBe('ConflictException');
    expect(parseError(400, header, '{}', mark).name).toBe('ThrottlingException');
    expect(parseError(400, header, '{"__type":"ns#TypeName","code":"CodeName"}', mark).name).toBe('ThrottlingException');
    expect(parseError(400, {}, '{"__type":"ns#TypeName","code":"CodeName"}', mark).name).toBe('UnrecognizedError');
    expect(parseError(400, {}, '{"__type":"validationexception"}', mark).name).toBe('UnrecognizedError');
    expect(parseError(400, { 'x-amzn-errortype': ['ConflictException:x', 'ValidationException'] }, 'not json', mark).name).toBe('ConflictException');
    expect(parseError(502, {}, '<html>Bad Gateway</html>', mark)).toEqual({ status: 502, name: 'HTTP 502', reason: undefined, message: undefined, details: [] });
  });

  test('reads Message or message, Reason, and both shapes of ErrorDetails; codes and field names from the model, text scrubbed', () => {
    const e = parseError(400, {}, JSON.stringify({
      __type: 'ns#ValidationException',
      Message: 'Bad input',
      Reason: 'REQUEST_VALIDATION_FAILED',
      ErrorDetails: [
        { FieldValidationError: { Name: 'Email', Message: 'Email is invalid', Code: 'INVALID_STRING_FORMAT' } },
        { BusinessValidationError: { Message: 'Not allowed', Code: 'INELIGIBLE_ACCOUNT_TIER' } },
        { Name: 'alliances@example.com', Message: 'flat shape', Code: 'Pat Example' },
        'junk',
      ],
    }), mark);
    expect(describeError(e)).toBe('ValidationException (REQUEST_VALIDATION_FAILED): [Bad input]; Email: [Email is invalid] (INVALID_STRING_FORMAT); '
      + '[Not allowed] (INELIGIBLE_ACCOUNT_TIER); UnrecognizedField: [flat shape] (UNRECOGNIZED_CODE)');
    expect(describeError(parseError(403, {}, '{"__type":"AccessDeniedException","message":"lower-case"}', mark))).toBe('AccessDeniedException: [lower-case]');
    expect(parseError(409, {}, '{"__type":"ConflictException","Reason":"PAT_EXAMPLE"}', mark).reason).toBe('UNRECOGNIZED_REASON');
    expect(parseError(409, {}, '{"__type":"ConflictException","Reason":"CONFLICT_CLIENT_TOKEN"}', mark).reason).toBe('CONFLICT_CLIENT_TOKEN');
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

describe('the time budget', () => {
  test.each([
    // remaining ms, API deadline, response deadline (started at 1000)
    [60_000, 1_000 + 60_000 - 5_000 - 10_000, 1_000 + 60_000 - 5_000],
    [120_000, 1_000 + 120_000 - 5_000 - 10_000, 1_000 + 120_000 - 5_000],
    // a short invocation: a tenth kept free, a quarter for the answer
    [20_000, 1_000 + 20_000 - 2_000 - 5_000, 1_000 + 20_000 - 2_000],
    [0, 1_000, 1_000],
  ])('%i ms left: API calls until %i, the answer until %i', (remaining, apiDeadline, responseDeadline) => {
    expect(budgetOf(1_000, remaining, { safetyMarginMs: 5_000, responseBudgetMs: 10_000 })).toEqual({ apiDeadline, responseDeadline });
  });

  test.each([
    ['no context', undefined, 60_000],
    ['a context', { getRemainingTimeInMillis: () => 9_000 }, 9_000],
    ['a context that throws', { getRemainingTimeInMillis: (): number => { throw new Error('x'); } }, 60_000],
    ['a negative time', { getRemainingTimeInMillis: () => -1 }, 60_000],
    ['an infinite time', { getRemainingTimeInMillis: () => Infinity }, 60_000],
  ])('the remaining time with %s', (_what, context, remaining) => {
    expect(remainingTimeOf(context, 60_000)).toBe(remaining);
  });
});

describe('the response size guard', () => {
  const base: CfnResponseBody = {
    Status: 'FAILED',
    PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/0b6c6a10-0000-0000-0000-000000000000',
    RequestId: '0b6c6a10-0000-0000-0000-000000000000',
    LogicalResourceId: 'Invite',
  };

  test('a small body is left alone', () => {
    const body = { ...base, Reason: 'short' };
    expect(serializeResponse(body)).toBe(JSON.stringify(body));
  });

  test('cuts the Reason first, marking the cut', () => {
    const out = JSON.parse(serializeResponse({ ...base, Reason: 'r'.repeat(10_000), Data: { Id: 'x' } })) as CfnResponseBody;
    expect(out.Data).toEqual({ Id: 'x' });
    expect(out.Reason).toMatch(/^r+ \[truncated\]$/);
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThan(4096);
  });

  test('then empties the Data values, keeping the keys', () => {
    const data = Object.fromEntries(ATTRIBUTE_KEYS.map((k) => [k, 'v'.repeat(400)]));
    const out = JSON.parse(serializeResponse({ ...base, Status: 'SUCCESS', Reason: 'x'.repeat(5_000), Data: data })) as CfnResponseBody;
    expect(Object.keys(out.Data!)).toEqual([...ATTRIBUTE_KEYS]);
    expect(Object.values(out.Data!).every((v) => v === '')).toBe(true);
    expect(out.Reason!.length).toBeGreaterThan(2_000);
  });

  test('property: any body serializes to valid JSON under 4096 bytes that keeps the Status', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 6_000, unit: 'binary' }), fc.string({ maxLength: 3_000, unit: 'grapheme' }));
    fc.assert(fc.property(
      fc.record({
        Status: fc.constantFrom('SUCCESS' as const, 'FAILED' as const),
        Reason: fc.option(text, { nil: undefined }),
        PhysicalResourceId: text,
        StackId: text,
        RequestId: text,
        LogicalResourceId: text,
        Data: fc.option(fc.dictionary(fc.string({ maxLength: 20 }), text, { maxKeys: 14 }), { nil: undefined }),
      }),
      (body) => {
        const clean = JSON.parse(JSON.stringify(body)) as CfnResponseBody;
        const out = serializeResponse(clean);
        expect(Buffer.byteLength(out)).toBeLessThan(4096);
        const parsed = JSON.parse(out) as CfnResponseBody;
        expect(parsed.Status).toBe(body.Status);
        expect(typeof parsed.PhysicalResourceId).toBe('string');
      }), { numRuns: 300 });
  });

  test('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('😀😀😀', 5)).toBe('😀');
    expect(truncateUtf8('é'.repeat(10), 5)).toBe('éé');
    expect(truncateUtf8('abc', 10)).toBe('abc');
    expect(truncateUtf8('abc', 0)).toBe('');
  });
});

describe('properties', () => {
  test('valid properties, with and without a ClientToken', () => {
    expect(readProperties({ ...FIELDS, ServiceToken: 'arn' })).toEqual({ ok: true, props: { fields: FIELDS, clientToken: undefined } });
    expect(readProperties({ ...FIELDS, ClientToken: 'abc' })).toEqual({ ok: true, props: { fields: FIELDS, clientToken: 'abc' } });
  });

  test('problems name the field and never echo personal values', () => {
    const r = readProperties({ ...FIELDS, Email: 'secret-person', Name: 'Tab\there', Message: 42, Catalog: 'has space', ClientToken: '' });
    expect(r).toEqual({
      ok: false,
      problems: [
        'Message must be a string (got number)',
        'Catalog must be letters, digits and hyphens (got "has space")',
        'ClientToken must be 1 to 64 characters long (got 0)',
        'Email must be a valid e-mail address (got a value of 13 characters)',
        'Name must be printable characters (no newlines, tabs or other control characters) (got a value of 8 characters)',
      ],
    });
    expect(JSON.stringify(r)).not.toContain('secret-person');
  });

  test.each([null, 'x', [], 7])('%p is not a property object', (raw) => {
    expect(readProperties(raw)).toEqual({ ok: false, problems: ['ResourceProperties must be an object'] });
  });
});

describe('attributes', () => {
  test('every key present; numbers as ISO timestamps; objects dropped', () => {
    const data = toData({ Id: 'pacinv-AAAAAAAAAAAAA', CreatedAt: 1_700_000_000, UpdatedAt: '2024-01-01T00:00:00Z', Status: { weird: true } });
    expect(Object.keys(data)).toEqual([...ATTRIBUTE_KEYS]);
    expect(data).toMatchObject({ Id: 'pacinv-AAAAAAAAAAAAA', CreatedAt: '2023-11-14T22:13:20.000Z', UpdatedAt: '2024-01-01T00:00:00Z', Status: '', ExpiresAt: '' });
  });
});

describe('physical ids', () => {
  test('the marker of an unconfirmed create round-trips its window', () => {
    expect(unconfirmedMarker(1_700_000_000_400, 1_700_000_012_100)).toBe('unconfirmed-1700000000-1700000013');
    expect(parseUnconfirmedMarker('unconfirmed-1700000000-1700000013')).toEqual({ from: 1_700_000_000, to: 1_700_000_013 });
    expect(parseUnconfirmedMarker('unconfirmed-20-10')).toBeUndefined();
    expect(parseUnconfirmedMarker('unconfirmed-1')).toBeUndefined();
  });

  test('property: a failed-create id is never an invitation id nor a marker', () => {
    fc.assert(fc.property(fc.string(), (requestId) => {
      const id = createFailedId(requestId);
      expect(INVITATION_ID_PATTERN.test(id)).toBe(false);
      expect(parseUnconfirmedMarker(id)).toBeUndefined();
      expect(id.length).toBeGreaterThan(0);
    }));
  });
});

describe('which invitation a change replaces', () => {
  test('the old properties, not the API spelling of the receiver, decide that a wording change keeps the relationship', async () => {
    const oldId = 'pacinv-AAAAAAAAAAAAA';
    const newId = 'pacinv-BBBBBBBBBBBBB';
    const calls: string[] = [];
    let creates = 0;
    const api: InvitationApi = {
      createConnectionInvitation: async (input: CreateInput) => {
        calls.push(`create ${input.Message}`);
        if (++creates === 1) {
          throw new ApiError('CreateConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'DUPLICATE_CONNECTION_INVITATION', details: [] });
        }
        return { Id: newId, Status: 'PENDING' };
      },
      // The service answers the receiver in a form other than the one that was sent.
      getConnectionInvitation: async (_catalog, id) => {
        calls.push(`get ${id}`);
        return { Id: id, Status: 'PENDING', Catalog: 'Sandbox', ConnectionType: FIELDS.ConnectionType, OtherParticipantIdentifier: 'PPROFILE-1', InvitationMessage: FIELDS.Message } as Invitation;
      },
      cancelConnectionInvitation: async (_catalog, id) => {
        calls.push(`cancel ${id}`);
        return { Id: id, Status: 'CANCELED' };
      },
      listConnectionInvitations: async () => {
        throw new Error('not expected');
      },
    };
    const outcome = await onUpdate({
      RequestType: 'Update',
      ResponseURL: 'https://example.invalid/response',
      StackId: 'arn:aws:cloudformation:eu-central-1:111122223333:stack/S/1',
      RequestId: 'r-1',
      LogicalResourceId: 'Invite',
      ResourceType: 'Custom::PartnerCentralConnectionInvitation',
      PhysicalResourceId: oldId,
      ResourceProperties: { ...FIELDS, Message: 'Reworded' },
      OldResourceProperties: FIELDS,
    }, {
      api,
      deadline: Date.now() + 60_000,
      times: { issuedAt: Date.now(), fromResponseUrl: false, createFence: Date.now() + 60_000 },
      fence: DEFAULT_FENCE,
      runtime: REAL_RUNTIME,
      progress: { createSent: false, createMayExist: false },
    });
    expect(outcome).toMatchObject({ status: 'SUCCESS', physicalResourceId: newId });
    expect(calls).toEqual([`get ${oldId}`, 'create Reworded', `cancel ${oldId}`, 'create Reworded']);
  });
});

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
