/**
 * The fault matrix: every API error and network fault the emulator can inject, on the decisive
 * call of each request type, with the final status, the reason and the invitations that exist.
 */
import type { Fault, FaultError } from '../tools/emulator';
import type { Operation } from '../tools/emulator-state';
import { props, World } from './support/handler-harness';

type RequestKind = 'Create' | 'Update' | 'Delete';
/** success: the work is done once; tolerated: SUCCESS without the work (already done or gone); fail: FAILED. */
type Expect = 'success' | 'tolerated' | 'fail';

const OLD = props();
const NEW = props({}, 'pprofile-other');

/** The call each request type cannot do without. */
const DECISIVE: Record<RequestKind, Operation> = {
  Create: 'CreateConnectionInvitation',
  Update: 'CreateConnectionInvitation',
  Delete: 'CancelConnectionInvitation',
};

interface ApiErrorCase {
  readonly title: string;
  readonly error: FaultError;
  /** The expected outcome per request type. */
  readonly expect: (kind: RequestKind) => Expect;
  /** What the reason says after `<Operation> failed: `. */
  readonly reason?: RegExp;
  /**
   * How many answers in a row carry the error.
   *
   * @default 1
   */
  readonly times?: number;
}

const fails = (): Expect => 'fail';
const retried = (): Expect => 'success';
const toleratedOnDelete = (kind: RequestKind): Expect => (kind === 'Delete' ? 'tolerated' : 'fail');

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
          { BusinessValidationError: { Message: 'The receiver does not accept invitations', Code: 'RECEIVER_NOT_ELIGIBLE' } },
        ],
      },
    },
    expect: fails,
    reason: /^ValidationException \(REQUEST_VALIDATION_FAILED\): Request validation failed; ReceiverIdentifier: ReceiverIdentifier is not a known profile \(INVALID_VALUE\); The receiver does not accept invitations \(RECEIVER_NOT_ELIGIBLE\)$/,
  },
  {
    title: '402 ServiceQuotaExceededException',
    error: { status: 402, name: 'ServiceQuotaExceededException', reason: 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY', message: 'Daily limit exceeded' },
    expect: fails,
    reason: /^ServiceQuotaExceededException \(LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY\): Daily limit exceeded\. The account reached its daily limit of connection invitations: deploy again tomorrow\.$/,
  },
  {
    title: '403 AccessDeniedException on every attempt',
    error: { status: 403, name: 'AccessDeniedException', reason: 'ACCESS_DENIED', message: 'User is not authorized to perform this action' },
    times: Infinity,
    expect: fails,
    reason: /^AccessDeniedException \(ACCESS_DENIED\): User is not authorized to perform this action\. Check that the provider function's role allows partnercentral:\w+ with the partnercentral:Catalog condition/,
  },
  {
    title: '403 AccessDeniedException twice (a policy still propagating)',
    error: { status: 403, name: 'AccessDeniedException', reason: 'ACCESS_DENIED', message: 'User is not authorized to perform this action' },
    times: 2,
    expect: retried,
  },
  {
    title: '404 ResourceNotFoundException RECEIVER_PROFILE_NOT_FOUND',
    error: { status: 404, name: 'ResourceNotFoundException', reason: 'RECEIVER_PROFILE_NOT_FOUND', message: 'The receiver profile was not found' },
    expect: toleratedOnDelete,
    reason: /^ResourceNotFoundException \(RECEIVER_PROFILE_NOT_FOUND\): The receiver profile was not found\. Check receiverIdentifier/,
  },
  {
    title: '409 ConflictException CONFLICT_CLIENT_TOKEN',
    error: { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', message: 'The ClientToken was already used with a different request' },
    expect: toleratedOnDelete,
    reason: /^ConflictException \(CONFLICT_CLIENT_TOKEN\): .*set a new clientToken \(or remove it\) when you change the invitation\.$/,
  },
  {
    title: '409 ConflictException DUPLICATE_CONNECTION_INVITATION',
    error: { status: 409, name: 'ConflictException', reason: 'DUPLICATE_CONNECTION_INVITATION', message: 'A pending connection invitation to this receiver already exists' },
    expect: toleratedOnDelete,
    reason: /^ConflictException \(DUPLICATE_CONNECTION_INVITATION\): .*cancel it in Partner Central, or wait until it is answered or expires\.$/,
  },
  {
    title: '409 ConflictException INCOMPATIBLE_CONNECTION_INVITATION_STATE (accepted meanwhile)',
    error: { status: 409, name: 'ConflictException', reason: 'INCOMPATIBLE_CONNECTION_INVITATION_STATE', message: 'The connection invitation is ACCEPTED and cannot be canceled' },
    expect: toleratedOnDelete,
    reason: /^ConflictException \(INCOMPATIBLE_CONNECTION_INVITATION_STATE\): The connection invitation is ACCEPTED and cannot be canceled$/,
  },
  { title: '429 ThrottlingException', error: { status: 429, name: 'ThrottlingException', message: 'Rate exceeded', extra: { ServiceCode: 'x', QuotaCode: 'y' } }, expect: retried },
  { title: '500 InternalServerException', error: { status: 500, name: 'InternalServerException', message: 'Internal failure' }, expect: retried },
  { title: '503 ServiceUnavailableException', error: { status: 503, name: 'ServiceUnavailableException', message: 'Try again' }, expect: retried },
];

const NETWORK_FAULTS: Array<[string, (op: Operation) => Fault]> = [
  ['non-JSON 502 from a gateway', (operation) => ({ operation, rawStatus: 502, rawBody: '<html><body>502 Bad Gateway</body></html>' })],
  ['a reset before processing', (operation) => ({ operation, reset: true })],
  ['a reset after processing (the answer is lost)', (operation) => ({ operation, reset: true, after: true })],
  ['a hang (the attempt times out)', (operation) => ({ operation, hang: true })],
  ['a delay shorter than the request timeout', (operation) => ({ operation, delayMs: 150 })],
  ['two resets in a row', (operation) => ({ operation, reset: true, times: 2 })],
];

const KINDS: RequestKind[] = ['Create', 'Update', 'Delete'];

let w: World;
beforeEach(async () => {
  w = await World.start();
});
afterEach(async () => {
  await w.stop();
});

/** Runs one request of a kind with a fault on its decisive call, and checks the outcome. */
async function runWithFault(kind: RequestKind, fault: Fault, expected: Expect, reason?: RegExp): Promise<void> {
  const op = fault.operation ?? DECISIVE[kind];
  let oldId = '';
  if (kind !== 'Create') oldId = await w.create('Invite', OLD);
  w.emulator.calls.length = 0;
  w.emulator.inject(fault);
  const event = kind === 'Create' ? w.cfn.createEvent('Invite', OLD)
    : kind === 'Update' ? w.cfn.updateEvent('Invite', oldId, NEW, OLD)
      : w.cfn.deleteEvent('Invite', oldId, OLD);
  const d = await w.send(event);
  expect(d.violations).toEqual([]);
  expect(d.response.Status).toBe(expected === 'fail' ? 'FAILED' : 'SUCCESS');
  if (expected === 'fail') {
    expect(d.response.Reason?.startsWith(`${op} failed: `)).toBe(true);
    if (reason) expect(d.response.Reason!.slice(`${op} failed: `.length)).toMatch(reason);
  } else {
    expect(d.response.Reason).toBeUndefined();
  }
  const invitations = w.emulator.invitations();
  switch (kind) {
    case 'Create':
      if (expected === 'fail') {
        expect(d.response.PhysicalResourceId).toBe(`create-failed-${event.RequestId}`);
        expect(invitations).toHaveLength(0);
      } else {
        expect(invitations).toHaveLength(1);
        expect(d.response.PhysicalResourceId).toBe(invitations[0].Id);
      }
      break;
    case 'Update':
      if (expected === 'fail') {
        expect(d.response.PhysicalResourceId).toBe(oldId);
        expect(invitations.map((i) => i.Id)).toEqual([oldId]);
      } else {
        // Exactly one new invitation, and the old one untouched until the cleanup Delete.
        expect(invitations.map((i) => [i.OtherParticipantIdentifier, i.Status])).toEqual([
          ['pprofile-0123456789abc', 'PENDING'],
          ['pprofile-other', 'PENDING'],
        ]);
        expect(d.response.PhysicalResourceId).toBe(invitations[1].Id);
      }
      break;
    case 'Delete':
      expect(d.response.PhysicalResourceId).toBe(oldId);
      expect(invitations).toHaveLength(1);
      // 'tolerated': the injected answer pre-empted the cancel, and the handler took it as done.
      expect(invitations[0].Status).toBe(expected === 'success' ? 'CANCELED' : 'PENDING');
      break;
  }
}

describe.each(KINDS)('%s', (kind) => {
  test.each(API_ERRORS.map((c) => [c.title, c] as const))(`${DECISIVE[kind]} answering %s`, async (_title, c) => {
    const times = c.times ?? 1;
    await runWithFault(kind, { operation: DECISIVE[kind], error: c.error, times }, c.expect(kind), c.reason);
    const attempts = w.emulator.calls.filter((call) => call.operation === DECISIVE[kind]).map((a) => a.status);
    if (c.expect(kind) === 'success') {
      // Retried: the first attempts got the error, the next one did the work.
      expect(attempts).toEqual([...Array<number>(times).fill(c.error.status), 200]);
    } else if (c.error.name === 'AccessDeniedException') {
      // A denial is retried three times, then fails with its hint.
      expect(attempts).toEqual(Array<number>(4).fill(403));
    } else {
      expect(attempts).toEqual([c.error.status]);
    }
  });

  test.each(NETWORK_FAULTS)(`${DECISIVE[kind]} meeting %s: SUCCESS, and the work happens once`, async (_title, fault) => {
    await runWithFault(kind, fault(DECISIVE[kind]), 'success');
  });
});

describe.each(['Update', 'Delete'] as const)('%s with a fault on GetConnectionInvitation', (kind) => {
  test.each(NETWORK_FAULTS)('%s: SUCCESS', async (_title, fault) => {
    await runWithFault(kind, fault('GetConnectionInvitation'), 'success');
  });

  test('a lasting 403 fails with the operation named', async () => {
    await runWithFault(kind, {
      operation: 'GetConnectionInvitation',
      error: { status: 403, name: 'AccessDeniedException', message: 'Denied' },
      times: Infinity,
    }, 'fail', /^AccessDeniedException: Denied\. Check that the provider function's role allows partnercentral:GetConnectionInvitation /);
  });
});

describe('answers that are not the API\'s JSON', () => {
  test('a 2xx with an unreadable body is retried (the call may have worked)', async () => {
    await runWithFault('Create', { operation: 'CreateConnectionInvitation', rawStatus: 200, rawBody: '<html>OK</html>' }, 'success');
    expect(w.emulator.calls.map((c) => c.status)).toEqual([200, 200]);
  });

  test('a 4xx HTML page is not retried', async () => {
    await runWithFault('Create', { operation: 'CreateConnectionInvitation', rawStatus: 403, rawBody: '<html><body>403 Forbidden</body></html>' }, 'fail', /^HTTP 403$/);
    expect(w.emulator.calls.map((c) => c.status)).toEqual([403]);
  });
});
