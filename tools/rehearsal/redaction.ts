/**
 * The rehearsal's privacy policy: the personal values it meets (e-mails, names and messages of
 * the invitations, the inviter the API answers with) never appear in its result or its trace.
 * Each is replaced by `<personal data>` wherever it occurs in a text, in any of the forms the
 * handler's scrubber finds (lambda/scrub.ts, the one policy of both: any case, percent, HTML and
 * JSON encodings, whitespace changed; a value shorter than six characters only as a whole
 * word). Not what is only likely to be personal (an e-mail's local part, text shaped like an
 * address), which the handler also scrubs from the service's text: the rehearsal's own report
 * holds ARNs (`partnercentral`) and parameter patterns that would read as such.
 *
 * The handler scrubs the reasons it sends itself; the rehearsal does not rely on it: it redacts
 * what the handler answered as well.
 */
import type { RehearsalResult } from './result';
import { createScrubber, Scrubber } from '../../lambda/scrub';
import { PERSONAL_FIELDS } from '../../src/api-constraints';
import { PERSONAL_ATTRIBUTE_KEYS } from '../../src/contract';

/** What a personal value is replaced with. */
export const PERSONAL_DATA = '<personal data>';

/** The members of invitation properties and attributes that hold personal data. */
const PERSONAL_MEMBERS: readonly string[] = [...PERSONAL_FIELDS, ...PERSONAL_ATTRIBUTE_KEYS];

/** The personal values a rehearsal has met, and the redaction of texts that may echo them. */
export class PersonalData {
  private readonly values = new Set<string>();
  private scrubber?: Scrubber;

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
    this.scrubber = undefined;
  }

  /** Replaces the personal values in a text, in every form the handler's scrubber finds. */
  public redact(text: string): string {
    this.scrubber ??= createScrubber([...this.values], { token: PERSONAL_DATA, likely: false });
    return this.scrubber.values(text);
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
