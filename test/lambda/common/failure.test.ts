/**
 * From an error to a FAILED outcome (lambda/common/failure.ts): the lifecycle's own reason,
 * the API's error with the hint for the common ones, the configuration's and the time budget's
 * messages, anything else as an internal error.
 */
import { ApiError, ConfigError, type ParsedError, RetriesExhaustedError } from '../../../lambda/api/errors';
import { failureOf, hintFor, LifecycleFailure } from '../../../lambda/common/failure';
import { NOT_FOUND_ADVICE, QUOTA_ADVICE, UNKNOWN_NOT_FOUND_ADVICE } from '../../../lambda/common/reasons';

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
