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
 *   `DECODE_ROUNDS` times, in fold.ts (double encoding);
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
 * scrub `Alliance`. Each word of the name of {@link NAME_WORD_MIN} or more characters is matched
 * on its own, as a whole word ({@link nameWords}): `Example, Pat`, `Example` alone. Anything shaped like an e-mail address is replaced too (another participant's
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
import { CREDENTIAL_VARIABLES } from './config';
import { foldings, type View } from './fold';
import { isRecord } from './json';
import { PERSONAL_FIELDS } from '../src/api-constraints';

/** A value shorter than this (whitespace not counted) is matched only as a whole word. */
export const WHOLE_WORD_BELOW = 6;
/** In server text, any run of this many consecutive characters of a value is scrubbed. */
export const FRAGMENT_MIN = 8;
/** What a personal value or a credential is replaced with (unless the scrubber is told another). */
export const REDACTED = '<redacted>';
/** What another text shaped like an e-mail address is replaced with. */
export const EMAIL_TOKEN = '<email>';
/** Longer texts are cut to this before scrubbing: reasons keep less than 4 KB anyway. */
export const MAX_SCRUBBED_CHARS = 16_000;
/** A reason longer than this is cut here, after scrubbing, and ends in ` [truncated]`. */
export const MAX_REASON_CHARS = 8_000;

/** The personal values of an event that the handler's own reasons never carry: Email, Name, Message, old and new. */
export function personalValues(raw: unknown): string[] {
  return propertyValues(raw, PERSONAL_FIELDS);
}

/**
 * Every value the server's text must not bring into a reason or a log line: the personal
 * values, the receiver (old and new), and the credentials of the environment.
 */
export function sensitiveValues(raw: unknown, env: Record<string, string | undefined>): string[] {
  const out = [...propertyValues(raw, [...PERSONAL_FIELDS, 'ReceiverIdentifier']), ...credentialValues(env)];
  return [...new Set(out)];
}

/** A word of a name shorter than this is not scrubbed on its own (`Al`, `de`, `Jo`): only as part of the whole name. */
export const NAME_WORD_MIN = 3;

/**
 * The words of the resource's `Name` (old and new) of at least {@link NAME_WORD_MIN} letters or
 * digits, split at anything else: each is scrubbed on its own as a whole word
 * ({@link ScrubberOptions.words}), so that `Example, Pat` or the surname alone does not pass.
 */
export function nameWords(raw: unknown): string[] {
  const out = new Set<string>();
  for (const name of propertyValues(raw, ['Name'])) {
    for (const word of name.split(/[^\p{L}\p{N}]+/u)) {
      if ([...word].length >= NAME_WORD_MIN) out.add(word);
    }
  }
  return [...out];
}

/** The access key id, secret and session token of the environment. */
export function credentialValues(env: Record<string, string | undefined>): string[] {
  return Object.values(CREDENTIAL_VARIABLES)
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
  /**
   * Words matched only as whole words (not next to a letter or digit), whatever their length,
   * in every form above but fragments: the words of a name ({@link nameWords}).
   */
  readonly words?: readonly string[];
}

/** A scrubber of these values (personal values and credentials). */
export function createScrubber(values: readonly string[], options: ScrubberOptions = {}): Scrubber {
  const token = options.token ?? REDACTED;
  const likely = options.likely ?? true;
  const needles = needlesOf(values, likely, options.words ?? []);
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

// --- Matching --------------------------------------------------------------------------------

interface Needles {
  /** Folded without whitespace, at least WHOLE_WORD_BELOW long: matched anywhere. */
  readonly long: readonly string[];
  /** Folded with single spaces, shorter, and the words of a name: matched as whole words. */
  readonly short: readonly string[];
  /** Every FRAGMENT_MIN-long run of the long needles. */
  readonly fragments: ReadonlySet<string>;
}

function needlesOf(values: readonly string[], localParts: boolean, words: readonly string[]): Needles {
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
  for (const word of words) {
    for (const spaced of foldings(word).spaced) {
      const w = spaced.text.trim();
      if (w.length > 0) short.add(w);
    }
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
