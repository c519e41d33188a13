/**
 * The folded views of a text that the scrubber matches in: lower-cased, with whitespace and
 * invisible characters dropped or each run of them made one space, and with percent, HTML-entity
 * and JSON encodings undone (up to DECODE_ROUNDS times), each folded character keeping the span
 * of the original text it came from, so that a match can be replaced in the original. Pure.
 */

/** How many times nested encodings are undone (`%2540` is `%40` is `@`). */
export const DECODE_ROUNDS = 4;

/** One character of a folded view, and the span of the original text it came from. */
interface Unit {
  readonly ch: string;
  readonly s: number;
  readonly e: number;
}

/** A folded string and, per code unit, the span of the original it came from. */
export interface View {
  readonly text: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

const IGNORED = /^[\s\u00ad\u180e\u200b-\u200d\u2060\ufeff]$/u;

const ENCODED = /%[0-9a-f]{2}(?:%[0-9a-f]{2})*|&#x[0-9a-f]{1,6};?|&#\d{1,7};?|&[a-z][a-z0-9]{1,9};|\\u[0-9a-f]{4}|\\[nrt"\\/]|\+/gi;

/** The named HTML entities decoded: ASCII punctuation, the non-breaking space, tab and newline (lower-cased names). */
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map(([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', '\u00a0'], ['tab', '\t'], ['newline', '\n'],
  ['excl', '!'], ['num', '#'], ['dollar', '$'], ['percnt', '%'], ['lpar', '('], ['rpar', ')'], ['ast', '*'], ['midast', '*'],
  ['plus', '+'], ['comma', ','], ['hyphen', '-'], ['dash', '-'], ['period', '.'], ['sol', '/'], ['colon', ':'], ['semi', ';'],
  ['equals', '='], ['quest', '?'], ['commat', '@'], ['lsqb', '['], ['lbrack', '['], ['bsol', '\\'], ['rsqb', ']'], ['rbrack', ']'],
  ['hat', '^'], ['lowbar', '_'], ['underbar', '_'], ['grave', '`'], ['lcub', '{'], ['lbrace', '{'], ['verbar', '|'], ['vert', '|'],
  ['rcub', '}'], ['rbrace', '}'],
] as const));

const JSON_ESCAPES: ReadonlyMap<string, string> = new Map([['\\n', '\n'], ['\\r', '\r'], ['\\t', '\t'], ['\\"', '"'], ['\\\\', '\\'], ['\\/', '/']]);

function unitsOf(text: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  for (const ch of text) {
    out.push({ ch, s: i, e: i + ch.length });
    i += ch.length;
  }
  return out;
}

function joined(units: readonly Unit[]): { text: string; owner: number[] } {
  let text = '';
  const owner: number[] = [];
  units.forEach((u, k) => {
    text += u.ch;
    for (let j = 0; j < u.ch.length; j++) owner.push(k);
  });
  return { text, owner };
}

function decodeToken(token: string): string | undefined {
  if (token === '+') return ' ';
  if (token.startsWith('%')) {
    const bytes = Uint8Array.from(token.slice(1).split('%').map((h) => parseInt(h, 16)));
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return String.fromCharCode(...bytes);
    }
  }
  if (token.startsWith('&#')) {
    const hex = token[2] === 'x' || token[2] === 'X';
    const code = parseInt(token.slice(hex ? 3 : 2).replace(/;$/, ''), hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  if (token.startsWith('&')) return NAMED_ENTITIES.get(token.slice(1, -1).toLowerCase());
  if (token.startsWith('\\u')) return String.fromCharCode(parseInt(token.slice(2), 16));
  return JSON_ESCAPES.get(token);
}

/** One round of decoding; each decoded character keeps the span of the token it came from. */
function decodeOnce(units: readonly Unit[]): { units: Unit[]; changed: boolean } {
  const { text, owner } = joined(units);
  const out: Unit[] = [];
  let next = 0;
  let changed = false;
  for (const m of text.matchAll(ENCODED)) {
    const at = m.index ?? 0;
    const plain = decodeToken(m[0]);
    if (plain === undefined) continue;
    const first = owner[at];
    const last = owner[at + m[0].length - 1];
    for (let k = next; k < first; k++) out.push(units[k]);
    for (const ch of plain) out.push({ ch, s: units[first].s, e: units[last].e });
    next = last + 1;
    changed = true;
  }
  for (let k = next; k < units.length; k++) out.push(units[k]);
  return { units: out, changed };
}

function decoded(units: Unit[]): Unit[] {
  let current = units;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    const r = decodeOnce(current);
    if (!r.changed) break;
    current = r.units;
  }
  return current;
}

/** Lower-cased; whitespace dropped (`tight`) or each run as one space (`spaced`). */
function viewOf(units: readonly Unit[], spaced: boolean): View {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let gap: { s: number; e: number } | undefined;
  const push = (ch: string, s: number, e: number) => {
    text += ch;
    for (let j = 0; j < ch.length; j++) {
      from.push(s);
      to.push(e);
    }
  };
  for (const u of units) {
    if (IGNORED.test(u.ch)) {
      if (spaced) gap = gap ? { s: gap.s, e: u.e } : { s: u.s, e: u.e };
      continue;
    }
    if (gap) {
      push(' ', gap.s, gap.e);
      gap = undefined;
    }
    push(u.ch.toLowerCase(), u.s, u.e);
  }
  return { text, from, to };
}

/** The folded forms of a value or a text: decoded and as written, tight and spaced. */
export function foldings(text: string): { tight: View[]; spaced: View[] } {
  const raw = unitsOf(text);
  const all = /[%&\\+]/.test(text) ? [raw, decoded(raw)] : [raw];
  return { tight: all.map((u) => viewOf(u, false)), spaced: all.map((u) => viewOf(u, true)) };
}
