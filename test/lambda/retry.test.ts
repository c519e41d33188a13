/**
 * The classification of lambda/retry.ts: which error answers are worth another attempt. The
 * backoff schedule is played through the API client in test/lambda/api/client.test.ts.
 */
import { isRetryable } from '../../lambda/retry';

describe('classification', () => {
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
