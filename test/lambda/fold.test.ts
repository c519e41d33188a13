/**
 * The folded views of lambda/fold.ts on their own: lower-cased, whitespace and invisible
 * characters dropped (tight) or each run made one space (spaced), percent, HTML-entity and JSON
 * encodings undone up to DECODE_ROUNDS times, and every folded character mapped back to the span
 * of the original text it came from (what the scrubber replaces). The matching on these views
 * is test/lambda/scrub.test.ts's.
 */
import { DECODE_ROUNDS, foldings, type View } from '../../lambda/fold';

/** Each code unit of a view with the original text it came from. */
function spans(original: string, view: View): Array<[string, string]> {
  return Array.from({ length: view.text.length }, (_u, i) => [view.text[i], original.slice(view.from[i], view.to[i])]);
}

/** The decoded view (the last one) of a text. */
function decodedTight(text: string): string {
  const { tight } = foldings(text);
  return tight[tight.length - 1].text;
}

describe('the views of a text', () => {
  test('a text without an encoding character has one view of each kind: as written, lower-cased', () => {
    const { tight, spaced } = foldings('Pat  Example');
    expect(tight.map((v) => v.text)).toEqual(['patexample']);
    expect(spaced.map((v) => v.text)).toEqual(['pat example']);
  });

  test('a text with %, &, \\ or + has two of each: as written, then decoded', () => {
    for (const text of ['a%40b', 'a&#64;b', 'a\\u0040b', 'a+b']) {
      const { tight, spaced } = foldings(text);
      expect([tight.length, spaced.length]).toEqual([2, 2]);
      expect(tight[0].text).toBe(text.toLowerCase());
    }
  });

  test('whitespace and invisible characters are dropped in the tight view, each run is one space in the spaced view', () => {
    const text = 'P\u200ba\u00adt \t\nEx\ufeffam\u2060ple';
    expect(foldings(text).tight[0].text).toBe('patexample');
    expect(foldings(text).spaced[0].text).toBe('p a t ex am ple');
  });

  test('a run of whitespace folded to one space keeps the span of the whole run', () => {
    const text = 'Pat \t Example';
    const [view] = foldings(text).spaced;
    expect(spans(text, view).slice(2, 5)).toEqual([['t', 't'], [' ', ' \t '], ['e', 'E']]);
  });

  test('each character of the tight view maps back to its own character', () => {
    const text = 'A b';
    expect(spans(text, foldings(text).tight[0])).toEqual([['a', 'A'], ['b', 'b']]);
  });
});

describe('the encodings undone', () => {
  test.each([
    ['percent', '%40'],
    ['percent, nested', '%2540'],
    ['HTML decimal', '&#64;'],
    ['HTML decimal without its semicolon', '&#64'],
    ['HTML hex', '&#x40;'],
    ['HTML hex, upper-case X', '&#X40;'],
    ['HTML named', '&commat;'],
    ['HTML named, any case', '&COMMAT;'],
    ['JSON', '\\u0040'],
    ['JSON, then percent', '\\u002540'],
  ])('%s: %s is @', (_what, encoded) => {
    expect(decodedTight(`alliances${encoded}example.com`)).toBe('alliances@example.com');
  });

  test.each([
    ['+ for a space', 'Pat+Example'],
    ['%20', 'Pat%20Example'],
    ['&nbsp;', 'Pat&nbsp;Example'],
    ['&Tab;', 'Pat&Tab;Example'],
    ['&NewLine;', 'Pat&NewLine;Example'],
    ['a JSON \\n', 'Pat\\nExample'],
    ['a JSON \\t', 'Pat\\tExample'],
  ])('%s is whitespace', (_what, text) => {
    const { tight, spaced } = foldings(text);
    expect(tight[1].text).toBe('patexample');
    expect(spaced[1].text).toBe('pat example');
  });

  test.each([
    ['percent UTF-8, either hex case', '%C3%A9t%c3%a9', 'été'],
    ['percent bytes that are not UTF-8, one character each', '%E9t%E9', 'été'],
    ['a JSON quote, backslash and slash', 'a\\"b\\\\c\\/d', 'a"b\\c/d'],
    ['HTML punctuation', '&lpar;x&rpar;&comma;&sol;', '(x),/'],
  ])('%s', (_what, text, plain) => {
    expect(decodedTight(text)).toBe(plain);
  });

  test.each([
    ['a named entity of a letter', 'caf&eacute;'],
    ['a character reference of code point 0', 'a&#0;b'],
    ['a character reference past Unicode', 'a&#x110000;b'],
    ['a lone percent sign', '100%'],
  ])('%s stays as written', (_what, text) => {
    expect(decodedTight(text)).toBe(text.toLowerCase());
  });

  test(`nested encodings are undone ${DECODE_ROUNDS} times, no more`, () => {
    const nested = (times: number) => {
      let s = '@';
      for (let i = 0; i < times; i++) s = encodeURIComponent(s);
      return s;
    };
    expect(decodedTight(nested(DECODE_ROUNDS))).toBe('@');
    expect(decodedTight(nested(DECODE_ROUNDS + 1))).toBe('%40');
  });

  test('a decoded character keeps the span of the whole token it came from, nesting included', () => {
    const text = 'Pat%2540x&#x2E;Y';
    const { tight } = foldings(text);
    expect(spans(text, tight[1])).toEqual([
      ['p', 'P'], ['a', 'a'], ['t', 't'], ['@', '%2540'], ['x', 'x'], ['.', '&#x2E;'], ['y', 'Y'],
    ]);
  });

  test('a character outside the BMP keeps its span on both of its code units', () => {
    const text = 'a&#x1F600;b';
    const view = foldings(text).tight[1];
    expect(view.text).toBe('a\u{1F600}b');
    expect(spans(text, view)).toEqual([['a', 'a'], ['\ud83d', '&#x1F600;'], ['\ude00', '&#x1F600;'], ['b', 'b']]);
  });
});
