/**
 * Pure: keeps personal values and credentials out of the text that reaches a reason or a log
 * line. The personal values are the resource's e-mail, name, message and receiver (old and new
 * properties), the credentials the function's access key id, secret and session token.
 *
 * A value is found in a text in any of these forms, each on its own or combined:
 *
 * - any case (`PAT EXAMPLE`), compared after lower-casing both;
 * - percent-encoded (`alliances%40example.com`, `%C3%A9` for `é`, `+` for a space), HTML
 *   entities (the named ones of ASCII punctuation, `&nbsp;`, `&Tab;`, `&NewLine;`; decimal
 *   `&#64;`; hex `&#x40;`), JSON escapes (`\u0040`, `\n`, `\"`), decoded up to
 *   {@link DECODE_ROUNDS} times (double encoding);
 * - with its whitespace collapsed, changed, removed or added between characters
 *   (`Pat\n  Example`, `PatExample`, `P a t`): whitespace (and zero-width characters) is
 *   ignored on both sides;
 * - the e-mail's local part (`alliances` of `alliances@example.com`);
 * - in server text only ({@link Scrubber.serverText}): any run of {@link FRAGMENT_MIN} or more
 *   consecutive characters of a value, which covers a truncated message (its prefixes down to
 *   that length), its tail and a quoted middle part; a truncated or echoed session token or key.
 *
 * A value (or local part) shorter than {@link WHOLE_WORD_BELOW} characters (whitespace not
 * counted) is matched only as a whole word, never inside a longer word: a name `Al` does not
 * scrub `Alliance`. Anything shaped like an e-mail address is replaced too (another participant's
 * address the API may quote), and anything shaped like an AWS access key id.
 *
 * The rehearsal (tools/rehearsal/redaction.ts) redacts its own texts with this policy too
 * ({@link Scrubber.values}, with its own replacement and without the likely forms, the local
 * part and the shapes: {@link ScrubberOptions}), so there is one way a value is found.
 *
 * Not found: a fragment shorter than {@link FRAGMENT_MIN} characters, a value shorter than
 * {@link WHOLE_WORD_BELOW} inside a longer word, other transformations (base64, reversed,
 * transliterated, named HTML entities of letters, Unicode compatibility forms).
 */
import { isRecord } from './json';

/** A value shorter than this (whitespace not counted) is matched only as a whole word. */
export const WHOLE_WORD_BELOW = 6;
/** In server text, any run of this many consecutive characters of a value is scrubbed. */
export const FRAGMENT_MIN = 8;
/** How many times nested encodings are undone (`%2540` is `%40` is `@`). */
export const DECODE_ROUNDS = 4;
/** What a personal value or a credential is replaced with (unless the scrubber is told another). */
export const REDACTED = '<redacted>';
/** What another text shaped like an e-mail address is replaced with. */
export const EMAIL_TOKEN = '<email>';
/** Longer texts are cut to this before scrubbing: reasons keep less than 4 KB anyway. */
export const MAX_SCRUBBED_CHARS = 16_000;
/** A reason longer than this is cut here, after scrubbing, and ends in ` [truncated]`. */
export const MAX_REASON_CHARS = 8_000;

const PERSONAL_PROPERTIES = ['Email', 'Name', 'Message'] as const;

/** The personal values of an event that the handler's own reasons never carry: Email, Name, Message, old and new. */
export function personalValues(raw: unknown): string[] {
  return propertyValues(raw, PERSONAL_PROPERTIES);
}

/**
 * Every value the server's text must not bring into a reason or a log line: the personal
 * values, the receiver (old and new), and the credentials of the environment.
 */
export function sensitiveValues(raw: unknown, env: Record<string, string | undefined>): string[] {
  const out = [...propertyValues(raw, [...PERSONAL_PROPERTIES, 'ReceiverIdentifier']), ...credentialValues(env)];
  return [...new Set(out)];
}

/** The access key id, secret and session token of the environment. */
export function credentialValues(env: Record<string, string | undefined>): string[] {
  return ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']
    .map((k) => env[k])
    .filter((v): v is string => typeof v === 'string' && v.trim().length > 0);
}

function propertyValues(raw: unknown, keys: readonly string[]): string[] {
  const out: string[] = [];
  if (!isRecord(raw)) return out;
  for (const props of [raw.ResourceProperties, raw.OldResourceProperties]) {
    if (!isRecord(props)) continue;
    for (const key of keys) {
      const v = props[key];
      if (typeof v === 'string' && v.trim().length > 0) out.push(v);
    }
  }
  return out;
}

/** Scrubs texts of one event's values; built once, used for every text. */
export interface Scrubber {
  /** Server text: every form above, fragments included. */
  serverText(text: string): string;
  /**
   * The handler's own text (a reason, which embeds server text already scrubbed): every form
   * above but fragments, so its own words stay; cut to {@link MAX_REASON_CHARS}.
   */
  ownText(text: string): string;
  /** Any text: every form above but fragments, the whole text (neither cut nor truncated). */
  values(text: string): string;
}

/** How a scrubber replaces, and what beyond the values it finds. */
export interface ScrubberOptions {
  /** What a value (or anything shaped like an access key id) is replaced with. Default {@link REDACTED}. */
  readonly token?: string;
  /**
   * Whether it also finds what is only likely to be personal: the e-mail's local part, and
   * anything shaped like an e-mail address or an access key id. Default true (the handler);
   * the rehearsal, which redacts its own report, turns it off: its ARNs hold `partnercentral`
   * (an e-mail `partner@...`'s local part) and its parameter rules patterns like `[^@]+@x`.
   */
  readonly likely?: boolean;
}

/** A scrubber of these values (personal values and credentials). */
export function createScrubber(values: readonly string[], options: ScrubberOptions = {}): Scrubber {
  const token = options.token ?? REDACTED;
  const likely = options.likely ?? true;
  const needles = needlesOf(values, likely);
  const capped = (text: string) => (text.length > MAX_SCRUBBED_CHARS ? text.slice(0, MAX_SCRUBBED_CHARS) : text);
  return {
    serverText: (text) => scrub(capped(text), needles, { fragments: true, likely, token }),
    ownText: (text) => {
      const out = scrub(capped(text), needles, { fragments: false, likely, token });
      return out.length > MAX_REASON_CHARS ? `${out.slice(0, MAX_REASON_CHARS)} [truncated]` : out;
    },
    values: (text) => scrub(text, needles, { fragments: false, likely, token }),
  };
}

/** Removes the values from a reason of the handler's own (whole values in every form, no fragments). */
export function scrubReason(text: string, values: readonly string[]): string {
  return createScrubber(values).ownText(text);
}

// --- Folding ---------------------------------------------------------------------------------

/** One character of a folded view, and the span of the original text it came from. */
interface Unit {
  readonly ch: string;
  readonly s: number;
  readonly e: number;
}

/** A folded string and, per code unit, the span of the original it came from. */
interface View {
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
function foldings(text: string): { tight: View[]; spaced: View[] } {
  const raw = unitsOf(text);
  const all = /[%&\\+]/.test(text) ? [raw, decoded(raw)] : [raw];
  return { tight: all.map((u) => viewOf(u, false)), spaced: all.map((u) => viewOf(u, true)) };
}

// --- Matching --------------------------------------------------------------------------------

interface Needles {
  /** Folded without whitespace, at least WHOLE_WORD_BELOW long: matched anywhere. */
  readonly long: readonly string[];
  /** Folded with single spaces, shorter: matched as whole words. */
  readonly short: readonly string[];
  /** Every FRAGMENT_MIN-long run of the long needles. */
  readonly fragments: ReadonlySet<string>;
}

function needlesOf(values: readonly string[], localParts: boolean): Needles {
  const long = new Set<string>();
  const short = new Set<string>();
  const forms = new Set<string>();
  for (const v of values) {
    if (v.trim().length === 0) continue;
    forms.add(v);
    const at = v.lastIndexOf('@');
    if (localParts && at > 0) forms.add(v.slice(0, at));
  }
  for (const form of forms) {
    const f = foldings(form);
    f.tight.forEach((t, k) => {
      if (t.text.length === 0) return;
      if (t.text.length >= WHOLE_WORD_BELOW) long.add(t.text);
      else short.add(f.spaced[k].text.trim());
    });
  }
  const fragments = new Set<string>();
  for (const n of long) {
    for (let i = 0; i + FRAGMENT_MIN <= n.length; i++) fragments.add(n.slice(i, i + FRAGMENT_MIN));
  }
  return { long: [...long].sort((a, b) => b.length - a.length), short: [...short], fragments };
}

// Bounded repetitions keep the scan linear on long texts without an '@'.
const EMAIL_LIKE = /[^\s@"'<>(),;:]{1,64}@[^\s@"'<>(),;:]{1,255}/g;
const ACCESS_KEY_LIKE = /(?<![a-z0-9])(?:akia|asia)[a-z0-9]{16}(?![a-z0-9])/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;

interface Span {
  readonly s: number;
  readonly e: number;
  readonly token: string;
}

function indexesOf(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

function spanOf(view: View, i: number, length: number, token: string): Span {
  return { s: view.from[i], e: view.to[i + length - 1], token };
}

function scrub(text: string, needles: Needles, how: { fragments: boolean; likely: boolean; token: string }): string {
  const { fragments, likely, token } = how;
  const f = foldings(text);
  const spans: Span[] = [];
  for (const view of f.tight) {
    if (fragments) {
      for (let i = 0; i + FRAGMENT_MIN <= view.text.length; i++) {
        if (needles.fragments.has(view.text.slice(i, i + FRAGMENT_MIN))) spans.push(spanOf(view, i, FRAGMENT_MIN, token));
      }
    }
    for (const n of needles.long) {
      if (fragments && n.length >= FRAGMENT_MIN) continue;
      for (const i of indexesOf(view.text, n)) spans.push(spanOf(view, i, n.length, token));
    }
  }
  for (const view of f.spaced) {
    for (const n of needles.short) {
      for (const i of indexesOf(view.text, n)) {
        const before = view.text[i - 1];
        const after = view.text[i + n.length];
        if ((before === undefined || !WORD_CHAR.test(before)) && (after === undefined || !WORD_CHAR.test(after))) {
          spans.push(spanOf(view, i, n.length, token));
        }
      }
    }
    if (!likely) continue;
    for (const [pattern, shapeToken] of [[EMAIL_LIKE, EMAIL_TOKEN], [ACCESS_KEY_LIKE, token]] as const) {
      for (const m of view.text.matchAll(pattern)) spans.push(spanOf(view, m.index ?? 0, m[0].length, shapeToken));
    }
  }
  return replaced(text, spans, token);
}

/** The text with every span replaced by its token; overlapping and touching spans become one (`token` wins over EMAIL_TOKEN). */
function replaced(text: string, spans: Span[], token: string): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((a, b) => a.s - b.s || b.e - a.e);
  let out = '';
  let at = 0;
  let current: { s: number; e: number; token: string } | undefined;
  const flush = () => {
    if (!current) return;
    out += text.slice(at, current.s) + current.token;
    at = current.e;
  };
  for (const sp of sorted) {
    if (current && sp.s <= current.e) {
      current.e = Math.max(current.e, sp.e);
      if (sp.token === token) current.token = token;
      continue;
    }
    flush();
    current = { ...sp };
  }
  flush();
  return out + text.slice(at);
}
