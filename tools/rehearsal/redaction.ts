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

/** The personal values a rehearsal has met, and the redaction of texts that may echo them. */
export class PersonalData {
  private readonly values = new Set<string>();

  /** Remembers the personal values of properties or attributes. */
  public collect(values: Readonly<Record<string, unknown>>): void {
    for (const v of PERSONAL_MEMBERS.map((member) => values[member])) {
      if (typeof v === 'string' && v !== '') this.values.add(v);
    }
  }

  /** Remembers one personal value (a message the rehearsal made up, say). */
  public add(value: string): void {
    this.values.add(value);
  }

  /** Replaces the personal values in a text, the longest first. */
  public redact(text: string): string {
    let out = text;
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out === v) return PERSONAL_DATA;
      if (v.length >= MIN_EMBEDDED_LENGTH) out = out.split(v).join(PERSONAL_DATA);
    }
    return out;
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
