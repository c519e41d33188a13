/**
 * List's NextToken as the emulator issues it (tools/emulator/page-token.ts): a token round-trips,
 * and anything the emulator did not issue decodes to nothing, so List can refuse it.
 */
import { decodePageToken, encodePageToken } from '../../tools/emulator/page-token';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('page tokens', () => {
  test.each([
    [{ o: 0, f: '' }],
    [{ o: 20, f: 'AWS|PENDING' }],
    [{ o: 1_000_000, f: 'a key with "quotes", | and \u00e9' }],
  ])('%j round-trips', (token) => {
    const encoded = encodePageToken(token);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(encoded)).toEqual(token);
  });

  test('tokens of other filters or offsets differ', () => {
    expect(encodePageToken({ o: 20, f: 'a' })).not.toBe(encodePageToken({ o: 20, f: 'b' }));
    expect(encodePageToken({ o: 20, f: 'a' })).not.toBe(encodePageToken({ o: 40, f: 'a' }));
  });

  test('only the offset and the key are kept', () => {
    expect(decodePageToken(b64(JSON.stringify({ o: 3, f: 'k', extra: true })))).toEqual({ o: 3, f: 'k' });
  });

  test.each([
    ['an empty string', ''],
    ['not base64url JSON', 'not a token'],
    ['JSON that is not an object', b64('42')],
    ['null', b64('null')],
    ['no offset', b64(JSON.stringify({ f: 'k' }))],
    ['no filters key', b64(JSON.stringify({ o: 0 }))],
    ['a negative offset', b64(JSON.stringify({ o: -1, f: 'k' }))],
    ['a fractional offset', b64(JSON.stringify({ o: 1.5, f: 'k' }))],
    ['an offset as a string', b64(JSON.stringify({ o: '20', f: 'k' }))],
    ['a filters key that is not a string', b64(JSON.stringify({ o: 0, f: 1 }))],
    ['a truncated token', encodePageToken({ o: 20, f: 'AWS' }).slice(0, -3)],
  ])('%s is not a token the emulator issued', (_title, value) => {
    expect(decodePageToken(value)).toBeUndefined();
  });
});
