/**
 * The fault matrix: every API error and network fault the emulator can inject, on each call a
 * request type makes (the read of an Update or Delete as well as its decisive call), with the
 * final status, the reason and the invitations that exist.
 */
import { FAST, props, until, World } from './support/handler-harness';
import { NOT_FOUND_ADVICE, QUOTA_ADVICE, UNKNOWN_NOT_FOUND_ADVICE } from '../lambda/common/reasons';
import type { Fault, FaultError } from '../tools/emulator/faults';
import { NOT_FOUND_REASONS, Operation, QUOTA_REASONS } from '../tools/emulator/model';

/** A request: `Update` changes the receiver, `Update (unchanged)` sends the same properties. */
type Scenario = 'Create' | 'Update' | 'Update (unchanged)' | 'Delete';
/**
 * success: the work is done once; gone: the answer said the invitation does not exist (SUCCESS
 * without a cancel for a Delete, a new invitation for a changed Update, FAILED for an unchanged
 * Update, which has nothing to answer with); fail: FAILED with the API error as the reason.
 */
type Expect = 'success' | 'gone' | 'fail';

const OLD = props();
const NEW = props({}, 'pprofile-other');
const OLD_RECEIVER = OLD.ReceiverIdentifier;
const NEW_RECEIVER = NEW.ReceiverIdentifier;

const CREATE: Operation = 'CreateConnectionInvitation';
const GET: Operation = 'GetConnectionInvitation';
const CANCEL: Operation = 'CancelConnectionInvitation';

/** Each call of each request type: the read first (Update, Delete), then the decisive call. */
const TARGETS: Array<readonly [Scenario, Operation]> = [
  ['Create', CREATE],
  ['Update', GET],
  ['Update', CREATE],
  ['Update (unchanged)', GET],
  ['Delete', GET],
  ['Delete', CANCEL],
];

interface ApiErrorCase {
  readonly title: string;
  readonly error: FaultError;
  /** The expected outcome per operation that answers with the error. */
  readonly expect: (op: Operation) => Expect;
  /** The error as the reason describes it, after `<Operation> failed: `. */
  readonly described?: string;
  /**
   * The hint the reason adds after the error.
   *
   * @default - none
   */
  readonly hint?: (op: Operation) => string;
  /**
   * How many answers in a row carry the error.
   *
   * @default 1
   */
  readonly times?: number;
}

const fails = (): Expect => 'fail';
const retried = (): Expect => 'success';

/** The reason of a Delete whose cancel got a 409 while the invitation stayed PENDING. */
const stillPending = (described: string, id: string): string =>
  `${CANCEL} failed: ${described}. Invitation ${id} is still PENDING and was not canceled: cancel it in Partner Central, or retry the delete.`;

const API_ERRORS: ApiErrorCase[] = [
  {
    title: '400 ValidationException with field and business details',
    error: {
      status: 400,
      name: 'ValidationException',
      reason: 'REQUEST_VALIDATION_FAILED',
      message: 'Request validation failed',
      extra: {
        ErrorDetails: [
          { FieldValidationError: { Name: 'ReceiverIdentifier', Message: 'ReceiverIdentifier is not a known profile', Code: 'INVALID_VALUE' } },
          { BusinessValidationError: { Message: 'The receiver does not accept invitations', Code: 'INCOMPATIBLE_CONNECTION_INVITATION_REQUEST' } },
        ],
      },
    },
    expect: fails,
    described: 'ValidationException (REQUEST_VALIDATION_FAILED): Request validation failed; ReceiverIdentifier: ReceiverIdentifier is not a known profile (INVALID_VALUE); The receiver does not accept invitations (INCOMPATIBLE_CONNECTION_INVITATION_REQUEST)',
  },
  ...QUOTA_REASONS.map((reason): ApiErrorCase => ({
    title: `402 ServiceQuotaExceededException ${reason}`,
    error: { status: 402, name: 'ServiceQuotaExceededException', reason, message: 'Quota exceeded' },
    expect: fails,
    described: `ServiceQuotaExceededException (${reason}): Quota exceeded`,
    hint: () => QUOTA_ADVICE[reason],
  })),
  {
    title: '403 AccessDeniedException on every attempt',
    error: { status: 403, name: 'AccessDeniedException', reason: 'ACCESS_DENIED', message: 'User is not authorized to perform this action' },
    times: Infinity,
    expect: fails,
    described: 'AccessDeniedException (ACCESS_DENIED): User is not authorized to perform this action',
    hint: (op) => `Check that the provider function's role allows partnercentral:${op} with the partnercentral:Catalog condition for this catalog, `
      + 'and that the account is registered in Partner Central for it.',
  },
  {
    title: '403 AccessDeniedException twice (a policy still propagating)',
    error: { status: 403, name: 'AccessDeniedException', reason: 'ACCESS_DENIED', message: 'User is not authorized to perform this action' },
    times: 2,
    expect: retried,
  },
  {
    title: '404 ResourceNotFoundException CONNECTION_INVITATION_NOT_FOUND (the one Reason that means gone)',
    error: { status: 404, name: 'ResourceNotFoundException', reason: 'CONNECTION_INVITATION_NOT_FOUND', message: 'The connection invitation was not found' },
    expect: (op) => (op === CREATE ? 'fail' : 'gone'),
    described: 'ResourceNotFoundException (CONNECTION_INVITATION_NOT_FOUND): The connection invitation was not found',
    hint: () => NOT_FOUND_ADVICE.CONNECTION_INVITATION_NOT_FOUND,
  },
  // Every other not-found Reason of the model, and one a newer model may add: never "gone".
  ...[...NOT_FOUND_REASONS.filter((r) => r !== 'CONNECTION_INVITATION_NOT_FOUND'), 'SOME_FUTURE_THING_NOT_FOUND'].map((reason): ApiErrorCase => ({
    title: `404 ResourceNotFoundException ${reason} (not gone)`,
    error: { status: 404, name: 'ResourceNotFoundException', reason, message: 'Not found' },
    expect: fails,
    // A Reason outside the model is shown as UNRECOGNIZED_REASON (lambda/api/known-names.ts).
    described: `ResourceNotFoundException (${NOT_FOUND_ADVICE[reason] ? reason : 'UNRECOGNIZED_REASON'}): Not found`,
    hint: () => NOT_FOUND_ADVICE[reason] ?? UNKNOWN_NOT_FOUND_ADVICE,
  })),
  {
    title: '409 ConflictException CONFLICT_CLIENT_TOKEN',
    error: { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', message: 'The ClientToken was already used with a different request' },
    // A derived token is a hash of the input: on a create, the conflict can only be the same
    // create still in flight, so it is tried again. Elsewhere it fails.
    expect: (op) => (op === CREATE ? 'success' : 'fail'),
    described: 'ConflictException (CONFLICT_CLIENT_TOKEN): The ClientToken was already used with a different request',
    hint: () => 'The clientToken was already used for an invitation with other properties: set a new clientToken (or remove it) when you change the invitation.',
  },
  {
    title: '409 ConflictException DUPLICATE_CONNECTION_INVITATION',
    error: { status: 409, name: 'ConflictException', reason: 'DUPLICATE_CONNECTION_INVITATION', message: 'A pending connection invitation to this receiver already exists' },
    expect: fails,
    described: 'ConflictException (DUPLICATE_CONNECTION_INVITATION): A pending connection invitation to this receiver already exists',
    hint: () => 'A pending invitation to this receiver for this catalog and connection type already exists: cancel it in Partner Central, or wait until it is answered or expires.',
  },
  {
    title: '409 ConflictException INCOMPATIBLE_CONNECTION_INVITATION_STATE (while the invitation is PENDING)',
    error: { status: 409, name: 'ConflictException', reason: 'INCOMPATIBLE_CONNECTION_INVITATION_STATE', message: 'The connection invitation is ACCEPTED and cannot be canceled' },
    expect: fails,
    described: 'ConflictException (INCOMPATIBLE_CONNECTION_INVITATION_STATE): The connection invitation is ACCEPTED and cannot be canceled',
  },
  { title: '429 ThrottlingException', error: { status: 429, name: 'ThrottlingException', message: 'Rate exceeded', extra: { ServiceCode: 'x', QuotaCode: 'y' } }, expect: retried },
  { title: '500 InternalServerException', error: { status: 500, name: 'InternalServerException', message: 'Internal failure' }, expect: retried },
  { title: '503 ServiceUnavailableException', error: { status: 503, name: 'ServiceUnavailableException', message: 'Try again' }, expect: retried },
];

/** The reason a case expects when `op` answers with its error; `id` is the invitation the request is about. */
function expectedReason(c: ApiErrorCase, scenario: Scenario, op: Operation, id: string): string | undefined {
  const outcome = c.expect(op);
  if (outcome === 'gone') {
    return scenario === 'Update (unchanged)'
      ? `Invitation ${id} no longer exists in catalog Sandbox. To send a new one, change a property of the resource (for example the message, or set a clientToken).`
      : undefined;
  }
  if (outcome !== 'fail' || c.described === undefined) return undefined;
  // A conflict on the cancel is read back: the invitation is still PENDING, so the Delete fails.
  if (op === CANCEL && c.error.status === 409) return stillPending(c.described, id);
  return `${op} failed: ${c.described}${c.hint ? `. ${c.hint(op)}` : ''}`;
}

/** Network faults; `realTime` for those whose subject is a wait on the real clock (a hang, a delay). */
const NETWORK_FAULTS: Array<[string, (op: Operation) => Fault, boolean]> = [
  ['non-JSON 502 from a gateway', (operation) => ({ operation, rawStatus: 502, rawBody: '<html><body>502 Bad Gateway</body></html>' }), false],
  ['a reset before processing', (operation) => ({ operation, reset: true }), false],
  ['a reset after processing (the answer is lost)', (operation) => ({ operation, reset: true, after: true }), false],
  ['a hang (the attempt times out)', (operation) => ({ operation, hang: true }), true],
  ['a delay shorter than the request timeout', (operation) => ({ operation, delayMs: 150 }), true],
  ['two resets in a row', (operation) => ({ operation, reset: true, times: 2 }), false],
];

/**
 * Real time for a hang or a delay: the request timeout (1.5 s) is far above any exchange on
 * 127.0.0.1 however busy the machine, while a hang never answers; the create window and the
 * function timeout leave room for the timed-out attempt and the one after it.
 */
const REAL_TIME = {
  deps: { retry: { requestTimeoutMs: 1_500 }, fence: { ...FAST.fence, createWindowMs: 10_000 } },
  timeoutMs: 15_000,
};

let w: World;
/** The function timeout of the events a test sends. */
let timeoutMs = 4_000;
beforeEach(async () => {
  // Virtual time: request timeouts and backoff run on the world's clock, so no outcome depends
  // on the machine's speed.
  w = await World.start({ virtualTime: true });
  timeoutMs = 4_000;
});
afterEach(async () => {
  await w.stop();
});

/** Replaces the test's world with one in real time (see `REAL_TIME`). */
async function useRealTime(): Promise<void> {
  await w.stop();
  w = await World.start({ deps: REAL_TIME.deps });
  timeoutMs = REAL_TIME.timeoutMs;
}

/** `[receiver, status]` of every invitation, oldest first. */
function invitationStates(): Array<[unknown, string]> {
  return w.emulator.invitations().map((i) => [i.OtherParticipantIdentifier, i.Status]);
}

/**
 * Runs one request of a scenario with a fault, and checks the status, the reason (exactly, when
 * given as a function of the id of the invitation the request is about), and the invitations.
 */
async function runWithFault(scenario: Scenario, fault: Fault, expected: Expect, reason?: (id: string) => string | undefined): Promise<void> {
  let oldId = '';
  if (scenario !== 'Create') oldId = await w.create('Invite', OLD);
  w.emulator.calls.length = 0;
  w.emulator.inject(fault);
  const event = scenario === 'Create' ? w.cfn.createEvent('Invite', OLD)
    : scenario === 'Update' ? w.cfn.updateEvent('Invite', oldId, NEW, OLD)
      : scenario === 'Update (unchanged)' ? w.cfn.updateEvent('Invite', oldId, OLD, OLD)
        : w.cfn.deleteEvent('Invite', oldId, OLD);
  const d = await w.send(event, { timeoutMs });
  expect(d.violations).toEqual([]);
  const failedAsGone = expected === 'gone' && scenario === 'Update (unchanged)';
  const isFailure = expected === 'fail' || failedAsGone;
  expect(d.response.Status).toBe(isFailure ? 'FAILED' : 'SUCCESS');
  const expectedText = reason?.(oldId);
  if (isFailure) {
    expect(typeof d.response.Reason).toBe('string');
    if (expectedText !== undefined) expect(d.response.Reason).toBe(expectedText);
  } else {
    expect(d.response.Reason).toBeUndefined();
  }
  const invitations = w.emulator.invitations();
  const cancels = w.emulator.countCalls(CANCEL);
  switch (scenario) {
    case 'Create':
      if (isFailure) {
        // Refused, but another delivery of the same request may have sent it: the Delete that
        // follows sweeps the request's create window.
        expect(d.response.PhysicalResourceId).toMatch(/^unconfirmed-\d+-\d+$/);
        expect(invitations).toHaveLength(0);
      } else {
        expect(invitationStates()).toEqual([[OLD_RECEIVER, 'PENDING']]);
        expect(d.response.PhysicalResourceId).toBe(invitations[0].Id);
      }
      break;
    case 'Update':
      expect(cancels).toBe(0);
      if (isFailure) {
        expect(d.response.PhysicalResourceId).toBe(oldId);
        expect(invitationStates()).toEqual([[OLD_RECEIVER, 'PENDING']]);
      } else {
        // Exactly one new invitation (also when the read said the old one was gone), and the
        // old one untouched until the cleanup Delete.
        expect(invitationStates()).toEqual([[OLD_RECEIVER, 'PENDING'], [NEW_RECEIVER, 'PENDING']]);
        expect(d.response.PhysicalResourceId).toBe(invitations[1].Id);
        expect(d.response.Data?.Id).toBe(invitations[1].Id);
      }
      break;
    case 'Update (unchanged)':
      expect(cancels).toBe(0);
      expect(w.emulator.countCalls(CREATE)).toBe(0);
      expect(d.response.PhysicalResourceId).toBe(oldId);
      expect(invitationStates()).toEqual([[OLD_RECEIVER, 'PENDING']]);
      if (!isFailure) expect(d.response.Data).toMatchObject({ Id: oldId, Status: 'PENDING' });
      break;
    case 'Delete':
      expect(d.response.PhysicalResourceId).toBe(oldId);
      // Canceled only when the work was done; 'gone' and 'fail' leave it PENDING.
      expect(invitationStates()).toEqual([[OLD_RECEIVER, expected === 'success' ? 'CANCELED' : 'PENDING']]);
      if (fault.operation === GET && expected !== 'success') expect(cancels).toBe(0);
      break;
  }
}

describe.each(TARGETS)('%s with a fault on %s', (scenario, op) => {
  test.each(API_ERRORS.map((c) => [c.title, c] as const))('answering %s', async (_title, c) => {
    const times = c.times ?? 1;
    const expected = c.expect(op);
    await runWithFault(scenario, { operation: op, error: c.error, times }, expected, (id) => expectedReason(c, scenario, op, id));
    const attempts = w.emulator.calls.filter((call) => call.operation === op).map((a) => a.status);
    if (expected === 'success') {
      // Retried: the first attempts got the error, the next one did the work.
      expect(attempts).toEqual([...Array<number>(times).fill(c.error.status), 200]);
    } else if (c.error.name === 'AccessDeniedException') {
      // A denial is retried three times, then fails with its hint.
      expect(attempts).toEqual(Array<number>(4).fill(403));
    } else if (op === CANCEL && c.error.status === 409) {
      // The conflict is not retried; the invitation is read again to see whether it was answered.
      expect(attempts).toEqual([409]);
      expect(w.emulator.calls.filter((call) => call.operation === GET).map((a) => a.status)).toEqual([200, 200]);
    } else {
      expect(attempts).toEqual([c.error.status]);
    }
  });

  test.each(NETWORK_FAULTS)('meeting %s: SUCCESS, and the work happens once', async (_title, fault, realTime) => {
    if (realTime) await useRealTime();
    await runWithFault(scenario, fault(op), 'success');
  });
});

describe('a 409 on a cancel', () => {
  const callLog = () => w.emulator.calls.map((c) => `${c.operation} ${c.status}${c.errorReason ? ` ${c.errorReason}` : ''}`);

  test('Delete: the invitation was accepted meanwhile (INCOMPATIBLE_CONNECTION_INVITATION_STATE): SUCCESS, the connection left alone', async () => {
    await useRealTime();
    const id = await w.create('Invite', OLD);
    w.emulator.calls.length = 0;
    // The cancel is held while the receiver accepts; the emulator then refuses it because of the state.
    w.emulator.inject({ operation: CANCEL, delayMs: 250 });
    const delivery = w.send(w.cfn.deleteEvent('Invite', id, OLD), { timeoutMs });
    await until(() => w.emulator.calls.some((c) => c.operation === CANCEL && c.fault === 'delay'), 'the held cancel');
    w.emulator.setStatus(id, 'ACCEPTED');
    const d = await delivery;
    expect(d.violations).toEqual([]);
    expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(d.response.Reason).toBeUndefined();
    expect(callLog()).toEqual([
      'GetConnectionInvitation 200',
      'CancelConnectionInvitation 409 INCOMPATIBLE_CONNECTION_INVITATION_STATE',
      'GetConnectionInvitation 200',
    ]);
    expect(w.emulator.invitations().map((i) => [i.Id, i.Status])).toEqual([[id, 'ACCEPTED']]);
  });

  test('Delete: the invitation is gone when read again (404): SUCCESS', async () => {
    const id = await w.create('Invite', OLD);
    w.emulator.calls.length = 0;
    w.emulator.inject({ operation: CANCEL, error: { status: 409, name: 'ConflictException', reason: 'INCOMPATIBLE_CONNECTION_INVITATION_STATE', message: 'Not pending' } });
    // The first read passes (a zero delay), the second one says the invitation is gone.
    w.emulator.inject({ operation: GET, delayMs: 0 });
    w.emulator.inject({ operation: GET, error: { status: 404, name: 'ResourceNotFoundException', reason: 'CONNECTION_INVITATION_NOT_FOUND', message: 'Connection invitation not found' } });
    const d = await w.send(w.cfn.deleteEvent('Invite', id, OLD));
    expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(callLog()).toEqual([
      'GetConnectionInvitation 200',
      'CancelConnectionInvitation 409 INCOMPATIBLE_CONNECTION_INVITATION_STATE',
      'GetConnectionInvitation 404 CONNECTION_INVITATION_NOT_FOUND',
    ]);
  });

  test('Delete: the read after the conflict fails: FAILED naming that read, the invitation PENDING', async () => {
    const id = await w.create('Invite', OLD);
    w.emulator.calls.length = 0;
    w.emulator.inject({ operation: CANCEL, error: { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', message: 'Token reused' } });
    w.emulator.inject({ operation: GET, delayMs: 0 });
    w.emulator.inject({ operation: GET, error: { status: 400, name: 'ValidationException', message: 'Bad request' } });
    const d = await w.send(w.cfn.deleteEvent('Invite', id, OLD));
    expect(d.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: 'GetConnectionInvitation failed: ValidationException: Bad request' });
    expect(w.statuses()).toEqual(['PENDING']);
  });

  test('Update replacing a pending invitation to the same receiver: still PENDING after the conflict: FAILED, nothing sent', async () => {
    const id = await w.create('Invite', OLD);
    const changed = props({ Message: 'A new message.' });
    w.emulator.calls.length = 0;
    w.emulator.inject({ operation: CANCEL, error: { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', message: 'Token reused' } });
    const d = await w.send(w.cfn.updateEvent('Invite', id, changed, OLD));
    expect(d.response).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: id,
      Reason: `CancelConnectionInvitation failed: ConflictException (CONFLICT_CLIENT_TOKEN): Token reused. Invitation ${id} is still PENDING and was not canceled: `
        + 'cancel it in Partner Central, or retry the update.',
    });
    expect(callLog()).toEqual([
      'GetConnectionInvitation 200',
      'CreateConnectionInvitation 409 DUPLICATE_CONNECTION_INVITATION',
      'CancelConnectionInvitation 409 CONFLICT_CLIENT_TOKEN',
      'GetConnectionInvitation 200',
    ]);
    expect(w.emulator.invitations().map((i) => [i.Id, i.Status])).toEqual([[id, 'PENDING']]);
  });

  test('Delete after an unconfirmed create: a match still PENDING after the conflict: FAILED, so the delete can be retried', async () => {
    const id = await w.create('Invite', OLD);
    const now = Math.floor(w.now() / 1000);
    const marker = `unconfirmed-${now - 1}-${now + 1}`;
    w.emulator.calls.length = 0;
    w.emulator.inject({ operation: CANCEL, error: { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', message: 'Token reused' } });
    const d = await w.send(w.cfn.deleteEvent('Invite', marker, OLD));
    expect(d.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: marker, Reason: stillPending('ConflictException (CONFLICT_CLIENT_TOKEN): Token reused', id) });
    expect(w.statuses()).toEqual(['PENDING']);

    // Retried, the delete cancels it.
    w.emulator.calls.length = 0;
    const again = await w.send(w.cfn.deleteEvent('Invite', marker, OLD));
    expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: marker });
    expect(w.statuses()).toEqual(['CANCELED']);
  });
});

describe('answers that are not the API\'s JSON', () => {
  test('a 2xx with an unreadable body is retried (the call may have worked)', async () => {
    await runWithFault('Create', { operation: 'CreateConnectionInvitation', rawStatus: 200, rawBody: '<html>OK</html>' }, 'success');
    expect(w.emulator.calls.map((c) => c.status)).toEqual([200, 200]);
  });

  test('a 4xx HTML page is not retried', async () => {
    await runWithFault('Create', { operation: 'CreateConnectionInvitation', rawStatus: 403, rawBody: '<html><body>403 Forbidden</body></html>' }, 'fail', () => 'CreateConnectionInvitation failed: HTTP 403');
    expect(w.emulator.calls.map((c) => c.status)).toEqual([403]);
  });
});
