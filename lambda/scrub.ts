/**
 * Keeps personal data out of the reasons that go to CloudFormation and the logs: the e-mail,
 * name and message of the resource, and anything shaped like an e-mail address (an API
 * message may quote one).
 */
import { isRecord } from './json';

/** The personal values of an event (Email, Name, Message, old and new), to scrub from reasons. */
export function personalValues(raw: unknown): string[] {
  const out: string[] = [];
  if (!isRecord(raw)) return out;
  for (const props of [raw.ResourceProperties, raw.OldResourceProperties]) {
    if (!isRecord(props)) continue;
    for (const key of ['Email', 'Name', 'Message']) {
      const v = props[key];
      if (typeof v === 'string' && v.trim().length > 0) out.push(v);
    }
  }
  return out;
}

// Bounded repetitions keep the scan linear on long texts without an '@'.
const EMAIL_LIKE = /[^\s@"'<>(),;:]{1,64}@[^\s@"'<>(),;:]{1,255}/g;

/** Longer reasons are cut before scrubbing: the response keeps less than 4 KB of them anyway. */
const MAX_REASON_CHARS = 8_000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes personal values from a text that goes to CloudFormation and the logs: the exact
 * values of the resource (as whole words when short), and anything that looks like an e-mail
 * address (an API message may quote one).
 */
export function scrubReason(text: string, values: readonly string[]): string {
  let out = text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)} [truncated]` : text;
  const sorted = [...new Set(values)].sort((a, b) => b.length - a.length);
  for (const v of sorted) {
    for (const variant of new Set([v, v.trim(), JSON.stringify(v).slice(1, -1)])) {
      if (variant.length === 0) continue;
      if (variant.length >= 6) {
        out = out.split(variant).join('<redacted>');
      } else {
        out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(variant)}(?![A-Za-z0-9])`, 'g'), '<redacted>');
      }
    }
  }
  return out.replace(EMAIL_LIKE, '<email>');
}
