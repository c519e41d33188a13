/**
 * The parsing of the API's error answers (lambda/api/errors.ts): the error's name from `__type`,
 * `code` or the header, its Message, Reason and ErrorDetails, and how it is described.
 */
import { cleanErrorName, describeError, parseError } from '../../../lambda/api/errors';

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
});
