/**
 * The failure of an invitation's create (lambda/lifecycle/failure.ts): a failed create answers
 * with its window's unconfirmed marker, unless the function's configuration failed it; an Update
 * whose new invitation may exist says what cancels it.
 */
import { ApiError, ConfigError, type ParsedError, RetriesExhaustedError } from '../../../lambda/api/errors';
import { failureOf, LifecycleFailure } from '../../../lambda/common/failure';
import { createWindowOf, DEFAULT_FENCE, requestTimesOf } from '../../../lambda/common/fence';
import { createFailureOf, UPDATE_MAY_HAVE_CREATED } from '../../../lambda/lifecycle/failure';
import { unconfirmedMarker } from '../../../lambda/lifecycle/physical-id';
import type { LifecycleContext } from '../../../lambda/types';

const PHYS = 'pacinv-AAAAAAAAAAAAA';
const apiError = (error: Partial<ParsedError> & Pick<ParsedError, 'status' | 'name'>, operation = 'CreateConnectionInvitation') =>
  new ApiError(operation, { details: [], ...error });
const exhausted = new RetriesExhaustedError({
  operation: 'GetConnectionInvitation', attempts: 3, lastError: 'TimeoutError', mayHaveSucceeded: true, firstAttemptAt: 0, lastAttemptAt: 2_500,
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
