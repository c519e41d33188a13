/**
 * The readers of untrusted JSON (lambda/json.ts): what is not the expected shape reads as
 * undefined, never as a throw, and a text's keys stay its own (`__proto__` included).
 */
import { isRecord, parseJsonObject, str, timestampMs } from '../../lambda/json';

describe('isRecord', () => {
  test.each([
    ['an object', {}, true],
    ['an object with keys', { a: 1 }, true],
    ['an object without a prototype', Object.create(null) as unknown, true],
    ['null', null, false],
    ['undefined', undefined, false],
    ['an array', [], false],
    ['an array with items', [{ a: 1 }], false],
    ['a string', '{}', false],
    ['a number', 0, false],
    ['a boolean', true, false],
  ])('%s: %p', (_what, value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});

describe('str', () => {
  test.each([
    ['a string', 'x', 'x'],
    ['the empty string', '', ''],
    ['a number', 7, undefined],
    ['null', null, undefined],
    ['undefined', undefined, undefined],
    ['a String object', new String('x'), undefined],
    ['an array of one string', ['x'], undefined],
  ])('%s: %p', (_what, value, expected) => {
    expect(str(value)).toBe(expected);
  });
});

describe('parseJsonObject', () => {
  test('an object is returned with its members', () => {
    expect(parseJsonObject('{"a":"x","b":[1,2],"c":{"d":null}}')).toEqual({ a: 'x', b: [1, 2], c: { d: null } });
  });

  test.each([
    ['an array', '[{"a":1}]'],
    ['null', 'null'],
    ['a string', '"{}"'],
    ['a number', '42'],
    ['a boolean', 'true'],
  ])('JSON that is not an object (%s) is undefined', (_what, text) => {
    expect(parseJsonObject(text)).toBeUndefined();
  });

  test.each([
    ['the empty text', ''],
    ['a truncated object', '{"a":'],
    ['trailing text', '{"a":1} x'],
    ['HTML', '<html>Bad Gateway</html>'],
    ['an unclosed nesting of 100,000 arrays', '['.repeat(100_000)],
  ])('text that is not JSON (%s) is undefined, without a throw', (_what, text) => {
    expect(() => parseJsonObject(text)).not.toThrow();
    expect(parseJsonObject(text)).toBeUndefined();
  });

  test('a large or deeply nested object is read without a throw', () => {
    const wide = parseJsonObject(JSON.stringify({ a: 'x'.repeat(5_000_000) }));
    expect(wide?.a).toHaveLength(5_000_000);
    const depth = 10_000;
    const deep = parseJsonObject(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
    expect(isRecord(deep)).toBe(true);
  });

  test('a "__proto__" key is an own member of the result, and no prototype changes', () => {
    const parsed = parseJsonObject('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
    expect(Object.keys(parsed!)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect((parsed as Record<string, unknown> & { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('timestampMs', () => {
  test.each([
    ['epoch seconds', 1_768_473_000, 1_768_473_000_000],
    ['fractional epoch seconds', 1.5, 1_500],
    ['the epoch', 0, 0],
    ['an RFC 3339 string in UTC', '2026-01-15T10:30:00Z', Date.UTC(2026, 0, 15, 10, 30, 0)],
    ['an RFC 3339 string with fractions and an offset', '2026-01-15T12:30:00.250+02:00', Date.UTC(2026, 0, 15, 10, 30, 0, 250)],
  ])('%s: %p is %p ms', (_what, value, expected) => {
    expect(timestampMs(value)).toBe(expected);
  });

  test.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a string that is no date', 'yesterday at noon'],
    ['the empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['a Date object', new Date(0)],
    ['a boolean', true],
  ])('%s is unreadable: undefined', (_what, value) => {
    expect(timestampMs(value)).toBeUndefined();
  });
});
