/**
 * The hash of every derived ClientToken (lambda/common/client-token.ts): hex SHA-256 of the
 * UTF-8 text, 64 characters, within the ClientToken's limit and pattern.
 */
import { sha256hex } from '../../../lambda/common/client-token';
import { checkField } from '../../../src/api-constraints';

describe('the token hash', () => {
  test('is hex SHA-256 of the UTF-8 text: a valid ClientToken', () => {
    expect(sha256hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256hex('é')).toBe(sha256hex('\u00e9'));
    expect(sha256hex('é')).not.toBe(sha256hex('e\u0301'));
    expect(checkField('ClientToken', sha256hex('stack\nInvite'))).toBeUndefined();
  });
});
