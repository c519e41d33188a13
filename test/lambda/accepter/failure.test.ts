/**
 * The accepter's failure reasons (lambda/accepter/failure.ts): an API error is described by its
 * structured parts only (operation, error name, Reason, the detail fields and codes), never by
 * the server's text, which may quote the inviter; the time budget by its operation and attempts;
 * everything else as lambda/common/failure.ts describes it.
 */
import { accepterFailureOf } from '../../../lambda/accepter/failure';
import { ApiError, ConfigError, type ParsedError, RetriesExhaustedError } from '../../../lambda/api/errors';
import { failureOf, LifecycleFailure } from '../../../lambda/common/failure';
import { NOT_FOUND_ADVICE } from '../../../lambda/common/reasons';

const PHYS = 'ci-0123456789abc';
/** What the server's text may quote: the inviter's e-mail and name, which the accepter cannot scrub. */
const FREE_TEXT = 'Invitation from Ada Inviter <inviter@example.com> cannot be accepted';

const apiError = (operation: string, error: Partial<ParsedError> & Pick<ParsedError, 'status' | 'name'>) =>
  new ApiError(operation, { message: FREE_TEXT, details: [], ...error });

const exhausted = (attempts: number) => new RetriesExhaustedError({
  operation: 'AcceptConnectionInvitation', attempts, lastError: `TimeoutError (${FREE_TEXT})`, mayHaveSucceeded: true, firstAttemptAt: 0, lastAttemptAt: 1_000,
});

describe('an API error', () => {
  test('operation, name and Reason, without the server\'s message', () => {
    const e = apiError('AcceptConnectionInvitation', { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' });
    expect(accepterFailureOf(e, PHYS)).toEqual({
      status: 'FAILED', physicalResourceId: PHYS, reason: 'AcceptConnectionInvitation failed: ValidationException (REQUEST_VALIDATION_FAILED).',
    });
  });

  test('the details by field name and code, never their messages; a detail with neither is left out', () => {
    const e = apiError('AcceptConnectionInvitation', {
      status: 400,
      name: 'ValidationException',
      details: [
        { name: 'Identifier', message: FREE_TEXT, code: 'INVALID_STRING_FORMAT' },
        { message: FREE_TEXT, code: 'INELIGIBLE_ACCOUNT_TIER' },
        { name: 'Catalog', message: FREE_TEXT },
        { message: FREE_TEXT },
      ],
    });
    expect(accepterFailureOf(e, PHYS).reason).toBe(
      'AcceptConnectionInvitation failed: ValidationException; Identifier (INVALID_STRING_FORMAT); (INELIGIBLE_ACCOUNT_TIER); Catalog.');
  });

  test('with the hint of its Reason after the description', () => {
    const e = apiError('GetConnectionInvitation', { status: 404, name: 'ResourceNotFoundException', reason: 'SENDER_PROFILE_NOT_FOUND' });
    expect(accepterFailureOf(e, PHYS).reason).toBe(
      `GetConnectionInvitation failed: ResourceNotFoundException (SENDER_PROFILE_NOT_FOUND). ${NOT_FOUND_ADVICE.SENDER_PROFILE_NOT_FOUND}`);
  });

  test.each<[string, Partial<ParsedError> & Pick<ParsedError, 'status' | 'name'>]>([
    ['AcceptConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'UNRECOGNIZED_REASON' }],
    ['GetConnection', { status: 403, name: 'AccessDeniedException' }],
    ['CancelConnection', { status: 400, name: 'ValidationException', details: [{ name: 'ConnectionType', message: FREE_TEXT, code: 'UNRECOGNIZED_CODE' }] }],
  ])('%s: no word of the server\'s text reaches the reason', (operation, error) => {
    const reason = accepterFailureOf(apiError(operation, error), PHYS).reason!;
    expect(reason).toMatch(new RegExp(`^${operation} failed: ${error.name}`));
    for (const word of ['Ada', 'Inviter', 'inviter@example.com', 'cannot be accepted']) expect(reason).not.toContain(word);
  });
});

describe('the time budget', () => {
  test.each([
    [1, 'AcceptConnectionInvitation timed out after 1 attempt within the function\'s time: deploy again.'],
    [4, 'AcceptConnectionInvitation timed out after 4 attempts within the function\'s time: deploy again.'],
  ])('%i attempt(s): the operation and how many, without the last error', (attempts, reason) => {
    expect(accepterFailureOf(exhausted(attempts), PHYS)).toEqual({ status: 'FAILED', physicalResourceId: PHYS, reason });
  });
});

describe('anything else', () => {
  test.each([
    ['a LifecycleFailure', new LifecycleFailure('The invitation is not pending any more.')],
    ['the configuration', new ConfigError('No AWS credentials in the environment')],
    ['an internal error', new TypeError('x is not a function')],
  ])('%s: as failureOf describes it', (_what, e) => {
    expect(accepterFailureOf(e, PHYS)).toEqual(failureOf(e, PHYS));
  });
});
