/**
 * Reads an invitation's resource properties as CloudFormation sends them: the new ones validated
 * with the construct's own rules, the old ones of an Update only as far as they are strings. The
 * words of a problem, which the accepter's properties share, are `../common/property-problems.ts`'s.
 */
import { FIELD_RULES, validateInvitationInput, type InvitationField, type InvitationInput } from '../../src/api-constraints';
import { INVITATION_FIELD_NAMES } from '../../src/contract';
import { notAString, quoted } from '../common/property-problems';
import type { InvitationFields, InvitationProperties, OldProperties } from '../types';

/** The result of reading properties: either valid properties or the problems, free of personal values. */
export type ReadResult = { readonly ok: true; readonly props: InvitationProperties } | { readonly ok: false; readonly problems: string[] };

/**
 * Reads and validates resource properties with the construct's own rules. All six API fields
 * are required, ClientToken is optional. Problems name the field and the rule; personal values
 * (Email, Name, Message) are described by their length, never echoed.
 */
export function readProperties(raw: unknown): ReadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['ResourceProperties must be an object'] };
  }
  const source = raw as Record<string, unknown>;
  const problems: string[] = [];
  const values: InvitationInput = {};
  const all: InvitationField[] = [...INVITATION_FIELD_NAMES, 'ClientToken'];
  for (const field of all) {
    const v = source[field];
    if (v === undefined || v === null) {
      if (field !== 'ClientToken') problems.push(`${field} is required`);
      continue;
    }
    if (typeof v !== 'string') {
      problems.push(notAString(field, v));
      continue;
    }
    (values as Record<string, string>)[field] = v;
  }
  for (const violation of validateInvitationInput(values)) {
    problems.push(describeViolation(violation.field, violation.rule, values[violation.field] ?? ''));
  }
  if (problems.length > 0) return { ok: false, problems };
  const fields = {} as Record<string, string>;
  for (const f of INVITATION_FIELD_NAMES) fields[f] = values[f] as string;
  return { ok: true, props: { fields: fields as unknown as InvitationFields, clientToken: values.ClientToken } };
}

function describeViolation(field: InvitationField, rule: string, value: string): string {
  if (/\(got \d+\)$/.test(rule)) return `${field} ${rule}`;
  if (FIELD_RULES[field].personal) return `${field} ${rule} (got a value of ${value.length} characters)`;
  return `${field} ${rule} (got ${quoted(value)})`;
}

/** The old properties of an Update: the string values of the seven fields, nothing checked. */
export function readOldProperties(raw: unknown): OldProperties {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const f of [...INVITATION_FIELD_NAMES, 'ClientToken']) {
    const v = (raw as Record<string, unknown>)[f];
    if (typeof v === 'string') out[f] = v;
  }
  return out;
}
