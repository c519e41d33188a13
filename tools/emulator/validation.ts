/**
 * The emulator's input validation: each member checked against the API's field rules, the
 * problems collected into one ValidationException REQUEST_VALIDATION_FAILED naming every member
 * (never echoing a value).
 *
 * Part of the emulator, an independent oracle on purpose: it shares no code with the handler
 * (lambda/). The field rules themselves come from src/api-constraints.ts, which the handler and
 * the construct also use: the emulator does not check those rules independently of them.
 */
import { ServiceError } from './service-error';
import {
  checkField, CONNECTION_ID_ALLOWED, CONNECTION_ID_PATTERN, FIELD_RULES, INVITATION_ID_ALLOWED, INVITATION_ID_PATTERN, InvitationField,
} from '../../src/api-constraints';

/** One entry of `ErrorDetails` in a ValidationException (a Smithy union, so one key is set). */
export type ValidationErrorDetail =
  | { FieldValidationError: { Name: string; Message: string; Code: string } }
  | { BusinessValidationError: { Message: string; Code: string } };

/** A `FieldValidationError` entry. */
export function fieldError(name: string, message: string, code: string): ValidationErrorDetail {
  return { FieldValidationError: { Name: name, Message: message, Code: code } };
}

/** The ValidationException REQUEST_VALIDATION_FAILED for the problems found. */
export function requestValidation(details: ValidationErrorDetail[]): ServiceError {
  const summary = details
    .map((d) => ('FieldValidationError' in d ? `${d.FieldValidationError.Name}: ${d.FieldValidationError.Message}` : d.BusinessValidationError.Message))
    .join('; ');
  return new ServiceError(400, 'ValidationException', `Request validation failed: ${summary}`, 'REQUEST_VALIDATION_FAILED', { ErrorDetails: details });
}

/** Checks one string member against a field rule of `src/api-constraints.ts`. */
export function checkMember(
  input: Record<string, unknown>,
  member: string,
  rule: InvitationField,
  required: boolean,
  details: ValidationErrorDetail[],
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    if (required) details.push(fieldError(member, `${member} is required`, 'REQUIRED_FIELD_MISSING'));
    return undefined;
  }
  if (typeof value !== 'string') {
    details.push(fieldError(member, `${member} must be a string`, 'INVALID_VALUE'));
    return undefined;
  }
  const v = checkField(rule, value);
  if (v) {
    const code = rule === 'ConnectionType' ? 'INVALID_ENUM_VALUE' : /characters long/.test(v.rule) ? 'INVALID_VALUE' : 'INVALID_STRING_FORMAT';
    details.push(fieldError(member, `${member} ${v.rule}`, code));
    return undefined;
  }
  return value;
}

/** Checks an optional member that must be one of a closed set of values. */
export function checkEnum(
  input: Record<string, unknown>,
  member: string,
  allowed: readonly string[],
  details: ValidationErrorDetail[],
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    details.push(fieldError(member, `${member} must be one of ${allowed.join(', ')}`, 'INVALID_ENUM_VALUE'));
    return undefined;
  }
  return value;
}

/** Checks a required `Identifier` against the pattern of the id it must be (`what` says which, for the message). */
function checkIdentifierIs(input: Record<string, unknown>, pattern: RegExp, what: string, details: ValidationErrorDetail[]): string | undefined {
  const value = input.Identifier;
  if (value === undefined || value === null) {
    details.push(fieldError('Identifier', 'Identifier is required', 'REQUIRED_FIELD_MISSING'));
    return undefined;
  }
  if (typeof value !== 'string' || !pattern.test(value)) {
    details.push(fieldError('Identifier', `Identifier must be ${what}`, 'INVALID_STRING_FORMAT'));
    return undefined;
  }
  return value;
}

/**
 * Checks an invitation Identifier of Get and Cancel: an invitation id only (the model's
 * `ConnectionInvitationId`); an ARN is a validation error, as it is for the service.
 */
export function checkIdentifier(input: Record<string, unknown>, details: ValidationErrorDetail[]): string | undefined {
  return checkIdentifierIs(input, INVITATION_ID_PATTERN, `a connection invitation id (${INVITATION_ID_ALLOWED})`, details);
}

/**
 * Checks ListConnectionInvitations' `OtherParticipantIdentifiers`: 0 to 100 participant
 * identifiers (botocore's model), each at most once (the Smithy model's `@uniqueItems`, which
 * botocore's JSON does not carry). An empty list filters nothing.
 */
export function checkParticipantList(input: Record<string, unknown>, details: ValidationErrorDetail[]): string[] | undefined {
  const raw = input.OtherParticipantIdentifiers;
  if (raw === undefined || raw === null) return undefined;
  const rule = FIELD_RULES.ReceiverIdentifier;
  if (!Array.isArray(raw) || raw.length > 100) {
    details.push(fieldError('OtherParticipantIdentifiers', 'OtherParticipantIdentifiers must be a list of at most 100 identifiers', 'TOO_MANY_VALUES'));
    return undefined;
  }
  if (!raw.every((o) => typeof o === 'string' && !checkField('ReceiverIdentifier', o))) {
    details.push(fieldError('OtherParticipantIdentifiers', `OtherParticipantIdentifiers must be identifiers of ${rule.minLength} to ${rule.maxLength} ${rule.allowed}`, 'INVALID_STRING_FORMAT'));
    return undefined;
  }
  if (new Set(raw).size !== raw.length) {
    details.push(fieldError('OtherParticipantIdentifiers', 'OtherParticipantIdentifiers must not repeat an identifier', 'DUPLICATE_VALUE'));
    return undefined;
  }
  return raw.length === 0 ? undefined : raw as string[];
}

/** Checks the Identifier of GetConnection and CancelConnection: a connection id only. */
export function checkConnectionIdentifier(input: Record<string, unknown>, details: ValidationErrorDetail[]): string | undefined {
  return checkIdentifierIs(input, CONNECTION_ID_PATTERN, `a connection id (${CONNECTION_ID_ALLOWED})`, details);
}

/** Checks the `Reason` of RejectConnectionInvitation (optional) and CancelConnection (required): a string of 0 to 256 characters. */
export function checkReason(input: Record<string, unknown>, required: boolean, details: ValidationErrorDetail[]): string | undefined {
  const value = input.Reason;
  if (value === undefined || value === null) {
    if (required) details.push(fieldError('Reason', 'Reason is required', 'REQUIRED_FIELD_MISSING'));
    return undefined;
  }
  if (typeof value !== 'string' || value.length > 256) {
    details.push(fieldError('Reason', 'Reason must be a string of at most 256 characters', 'INVALID_VALUE'));
    return undefined;
  }
  return value;
}

/** Checks an optional MaxResults of 1 to 100; returns the default when absent. */
export function checkMaxResults(input: Record<string, unknown>, fallback: number, details: ValidationErrorDetail[]): number {
  const raw = input.MaxResults;
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 100) {
    details.push(fieldError('MaxResults', 'MaxResults must be an integer from 1 to 100', 'INVALID_VALUE'));
    return fallback;
  }
  return raw;
}
