/**
 * The rehearsal's one privacy policy: the personal values it meets (e-mails, names and messages
 * of the invitations, the inviter the API answers with) never appear in its result or its trace.
 * Each is replaced by `<personal data>` wherever it occurs in a text, or, when shorter than
 * four characters, only where it is the whole text.
 *
 * The handler scrubs the reasons it sends with its own policy (lambda/event.ts, `scrubReason`);
 * the rehearsal does not rely on it: it redacts what the handler answered as well.
 */
import type { RehearsalResult } from './result';

/** What a personal value is replaced with. */
export const PERSONAL_DATA = '<personal data>';

/** The shortest value replaced inside a longer text (shorter ones only when they are the whole text). */
const MIN_EMBEDDED_LENGTH = 4;

/** The members of invitation properties and attributes that hold personal data. */
const PERSONAL_MEMBERS = ['Email', 'Name', 'Message', 'InviterEmail', 'InviterName'] as const;

/**
 * The values in the order they are replaced (longest first, then in the order met), with each
 * value's rank and the ranks grouped by length: what lets a text be searched for the values it
 * holds without trying every value on it.
 */
interface Ordered {
  readonly list: readonly string[];
  readonly rank: ReadonlyMap<string, number>;
  /** The lengths of at least MIN_EMBEDDED_LENGTH, longest first, with the ranks of their values. */
  readonly lengths: ReadonlyArray<{ readonly length: number; readonly firstRank: number; readonly lastRank: number }>;
}

/** The personal values a rehearsal has met, and the redaction of texts that may echo them. */
export class PersonalData {
  private readonly values = new Set<string>();
  private ordered?: Ordered;

  /** Remembers the personal values of properties or attributes. */
  public collect(values: Readonly<Record<string, unknown>>): void {
    for (const v of PERSONAL_MEMBERS.map((member) => values[member])) {
      if (typeof v === 'string' && v !== '') this.add(v);
    }
  }

  /** Remembers one personal value (a message the rehearsal made up, say). */
  public add(value: string): void {
    if (this.values.has(value)) return;
    this.values.add(value);
    this.ordered = undefined;
  }

  /**
   * Replaces the personal values in a text, the longest first: each value in turn, in that
   * order, replaced wherever it occurs in the text as the earlier replacements left it (a value
   * shorter than four characters only when it is the whole text, which ends the redaction).
   *
   * Only the values the text holds are tried: the text's substrings of each length a value has
   * are looked up, so a line costs its length times the number of distinct lengths, not a
   * search for each of the rehearsal's values (a trace line per request of a large app).
   */
  public redact(text: string): string {
    const ordered = this.order();
    let out = text;
    let from = 0;
    for (;;) {
      const i = nextHeld(out, from, ordered);
      if (i === undefined) return out;
      const v = ordered.list[i];
      if (out === v) return PERSONAL_DATA;
      out = out.split(v).join(PERSONAL_DATA);
      from = i + 1;
    }
  }

  private order(): Ordered {
    if (this.ordered) return this.ordered;
    const list = [...this.values].sort((a, b) => b.length - a.length);
    const rank = new Map(list.map((v, i) => [v, i]));
    const lengths: Array<{ length: number; firstRank: number; lastRank: number }> = [];
    list.forEach((v, i) => {
      if (v.length < MIN_EMBEDDED_LENGTH) return;
      const last = lengths[lengths.length - 1];
      if (last?.length === v.length) last.lastRank = i;
      else lengths.push({ length: v.length, firstRank: i, lastRank: i });
    });
    this.ordered = { list, rank, lengths };
    return this.ordered;
  }

  /**
   * A result with every text that may echo a personal value redacted: output values and
   * warnings, stack notes, event reasons, update notes, warnings and the failure's message.
   */
  public redactResult(result: RehearsalResult): RehearsalResult {
    const r = (s: string) => this.redact(s);
    return {
      ...result,
      stacks: result.stacks.map((s) => ({
        ...s,
        outputs: s.outputs.map((o) => ({ ...o, value: r(o.value), ...(o.warning !== undefined ? { warning: r(o.warning) } : {}) })),
        notes: s.notes.map(r),
      })),
      events: result.events.map((e) => ({ ...e, ...(e.reason !== undefined ? { reason: r(e.reason) } : {}) })),
      updateNotes: result.updateNotes.map(r),
      warnings: result.warnings.map(r),
      ...(result.error ? { error: { ...result.error, message: r(result.error.message) } } : {}),
    };
  }
}

/**
 * The first value, at rank `from` or later, that the redaction would act on in `text`: one equal
 * to the whole text, or one of at least MIN_EMBEDDED_LENGTH characters that occurs in it.
 * Undefined when there is none.
 */
function nextHeld(text: string, from: number, ordered: Ordered): number | undefined {
  const whole = ordered.rank.get(text);
  const best = whole !== undefined && whole >= from ? whole : undefined;
  // Longer values rank first: the first length that holds a value from `from` on has the answer.
  for (const { length, firstRank, lastRank } of ordered.lengths) {
    if (best !== undefined && best < firstRank) return best;
    if (lastRank < from || length > text.length) continue;
    let found: number | undefined;
    for (let p = 0; p + length <= text.length; p++) {
      const r = ordered.rank.get(text.slice(p, p + length));
      if (r !== undefined && r >= from && (found === undefined || r < found)) found = r;
    }
    if (found !== undefined) return best !== undefined && best < found ? best : found;
  }
  return best;
}
