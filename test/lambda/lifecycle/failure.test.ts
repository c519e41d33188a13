/**
 * From an error to a FAILED outcome (lambda/lifecycle/failure.ts): the lifecycle's own reason,
 * the API's error with the hint for the common ones, the configuration's and the time budget's
 * messages, anything else as an internal error; a failed create answers with its window's
 * unconfirmed marker, unless the function's configuration failed it.
 */
import { ApiError, ConfigError, type ParsedError, RetriesExhaustedError } from '../../../lambda/api/errors';
import { createFailureOf, failureOf, hintFor, LifecycleFailure, UPDATE_MAY_HAVE_CREATED } from '../../../lambda/lifecycle/failure';
import { createWindowOf, DEFAULT_FENCE, requestTimesOf } from '../../../lambda/lifecycle/fence';
import { unconfirmedMarker } from '../../../lambda/lifecycle/physical-id';
import { NOT_FOUND_ADVICE, QUOTA_ADVICE, UNKNOWN_NOT_FOUND_ADVICE } from '../../../lambda/lifecycle/reasons';
import type { LifecycleContext } from '../../../lambda/types';

const PHYS = 'pacinv-AAAAAAAAAAAAA';
const apiError = (error: Partial<ParsedError> & Pick<ParsedError, 'status' | 'name'>, operation = 'CreateConnectionInvitation') =>
  new ApiError(operation, { details: [], ...error });
const exhausted = new RetriesExhaustedError({
  operation: 'GetConnectionInvitation', attempts: 3, lastError: 'TimeoutError', mayHaveSucceeded: true, firstAttemptAt: 0, lastAttemptAt: 2_500,
});

describe('failureOf', () => {
  test('a LifecycleFailure: its reason, under the physical id given', () => {
    expect(failureOf(new LifecycleFailure('Nothing was sent.'), PHYS)).toEqual({ status: 'FAILED', physicalResourceId: PHYS, reason: 'Nothing was sent.' });
  });

  test('an API error without a hint: its message', () => {
    const e = apiError({ status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED', message: 'Bad input.' });
    expect(failureOf(e, PHYS)).toEqual({ status: 'FAILED', physicalResourceId: PHYS, reason: e.message });
    expect(e.message).toBe('CreateConnectionInvitation failed: ValidationException (REQUEST_VALIDATION_FAILED): Bad input.');
  });

  test('an API error with a hint: its message without its final period, then the hint', () => {
    const e = apiError({ status: 402, name: 'ServiceQuotaExceededException', reason: 'LIMIT_EXCEEDED_NUMBER_OF_EMAIL', message: 'Quota reached.' });
    expect(failureOf(e, PHYS).reason).toBe(`CreateConnectionInvitation failed: ServiceQuotaExceededException (LIMIT_EXCEEDED_NUMBER_OF_EMAIL): Quota reached. ${QUOTA_ADVICE.LIMIT_EXCEEDED_NUMBER_OF_EMAIL}`);
    const bare = apiError({ status: 404, name: 'ResourceNotFoundException' });
    expect(failureOf(bare, PHYS).reason).toBe(`CreateConnectionInvitation failed: ResourceNotFoundException. ${UNKNOWN_NOT_FOUND_ADVICE}`);
  });

  test.each([
    ['the time budget ran out', exhausted],
    ['the configuration is unusable', new ConfigError('No AWS credentials in the environment')],
  ])('%s: the error\'s message as it is', (_what, e) => {
    expect(failureOf(e, PHYS)).toEqual({ status: 'FAILED', physicalResourceId: PHYS, reason: e.message });
  });

  test.each([
    ['an Error', new TypeError('x is not a function'), 'Internal error of the handler: TypeError: x is not a function'],
    ['a string', 'boom', 'Internal error of the handler: boom'],
    ['undefined', undefined, 'Internal error of the handler: undefined'],
  ])('anything else (%s): an internal error, with its name and message', (_what, e, reason) => {
    expect(failureOf(e, PHYS)).toEqual({ status: 'FAILED', physicalResourceId: PHYS, reason });
  });
});

describe('hintFor', () => {
  test('the advice of a quota or not-found Reason comes first', () => {
    expect(hintFor(apiError({ status: 402, name: 'ServiceQuotaExceededException', reason: 'LIMIT_EXCEEDED_NUMBER_OF_DOMAIN' }))).toBe(QUOTA_ADVICE.LIMIT_EXCEEDED_NUMBER_OF_DOMAIN);
    expect(hintFor(apiError({ status: 404, name: 'ResourceNotFoundException', reason: 'RECEIVER_PROFILE_NOT_FOUND' }))).toBe(NOT_FOUND_ADVICE.RECEIVER_PROFILE_NOT_FOUND);
  });

  test.each([
    ['CONFLICT_CLIENT_TOKEN', /^The clientToken was already used for an invitation with other properties: set a new clientToken/],
    ['DUPLICATE_CONNECTION_INVITATION', /^A pending invitation to this receiver for this catalog and connection type already exists: cancel it in Partner Central/],
  ] as const)('a conflict of Reason %s says what to change', (reason, hint) => {
    expect(hintFor(apiError({ status: 409, name: 'ConflictException', reason }))).toMatch(hint);
  });

  test('an access denial names the operation the role must allow', () => {
    expect(hintFor(apiError({ status: 403, name: 'AccessDeniedException' }, 'CancelConnectionInvitation')))
      .toMatch(/^Check that the provider function's role allows partnercentral:CancelConnectionInvitation with the partnercentral:Catalog condition/);
  });

  test.each([
    ['a validation error', apiError({ status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' })],
    ['a conflict of another Reason', apiError({ status: 409, name: 'ConflictException', reason: 'UNRECOGNIZED_REASON' })],
    ['a throttle', apiError({ status: 400, name: 'ThrottlingException' })],
  ])('%s: no hint', (_what, e) => {
    expect(hintFor(e)).toBeUndefined();
  });
});

describe('createFailureOf', () => {
  const ISSUED = Date.UTC(2026, 0, 15, 10, 30, 0);
  const url = new URL('https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/key?X-Amz-Date=20260115T103000Z');
  const times = requestTimesOf(url, ISSUED, DEFAULT_FENCE);
  const window = createWindowOf(times, DEFAULT_FENCE);
  const MARKER = unconfirmedMarker(window.from, window.to);
  const FAILURE_ID = 'create-failed-0b6c6a10';
  // Only the times, the fence and the progress are read: the API is never called.
  const ctx = (createMayExist: boolean) =>
    ({ times, fence: DEFAULT_FENCE, progress: { createSent: createMayExist, createMayExist } }) as unknown as LifecycleContext;
  const denied = apiError({ status: 403, name: 'AccessDeniedException', message: 'Denied.' });

  test.each([
    ['an API error', denied],
    ['the time budget', exhausted],
    ['a LifecycleFailure', new LifecycleFailure('Too late: nothing was sent.')],
    ['an internal error', new Error('boom')],
  ])('a Create failed by %s answers with the marker and failureOf\'s reason', (_what, e) => {
    expect(createFailureOf(e, FAILURE_ID, true, ctx(false))).toEqual({ status: 'FAILED', physicalResourceId: MARKER, reason: failureOf(e, FAILURE_ID).reason });
  });

  test('a Create whose invitation may exist says the Delete that follows cancels it', () => {
    expect(createFailureOf(exhausted, FAILURE_ID, true, ctx(true))).toEqual({
      status: 'FAILED',
      physicalResourceId: MARKER,
      reason: `${exhausted.message} The invitation may have been created: the Delete that follows this failure cancels it.`,
    });
  });

  test.each([true, false])('the configuration\'s failure keeps the id given, with no note (Create: %p)', (isCreate) => {
    const e = new ConfigError('No AWS credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
    expect(createFailureOf(e, FAILURE_ID, isCreate, ctx(true))).toEqual({ status: 'FAILED', physicalResourceId: FAILURE_ID, reason: e.message });
  });

  test('an Update keeps its id; when its new invitation may exist, the reason says what cancels it', () => {
    expect(createFailureOf(denied, PHYS, false, ctx(false))).toEqual(failureOf(denied, PHYS));
    expect(createFailureOf(exhausted, PHYS, false, ctx(true))).toEqual({ status: 'FAILED', physicalResourceId: PHYS, reason: `${exhausted.message} ${UPDATE_MAY_HAVE_CREATED}` });
  });

  test('what an Update whose invitation may exist says: the rollback cancels it, and without one what to do', () => {
    expect(UPDATE_MAY_HAVE_CREATED).toMatch(/^The new invitation may have been created: the rollback cancels it\. /);
    expect(UPDATE_MAY_HAVE_CREATED).toMatch(/deploying these properties again adopts it.*cancel it in Partner Central\.$/);
  });
});
