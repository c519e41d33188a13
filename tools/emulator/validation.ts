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
import { checkField, INVITATION_ID_PATTERN, InvitationField, parseInvitationArn } from '../../src/api-constraints';

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

/** Checks an invitation Identifier (an id, or an invitation ARN). */
export function checkIdentifier(input: Record<string, unknown>, details: ValidationErrorDetail[]): string | undefined {
  const value = input.Identifier;
  if (value === undefined || value === null) {
    details.push(fieldError('Identifier', 'Identifier is required', 'REQUIRED_FIELD_MISSING'));
    return undefined;
  }
  if (typeof value !== 'string' || (!INVITATION_ID_PATTERN.test(value) && !parseInvitationArn(value))) {
    details.push(fieldError('Identifier', 'Identifier must be a connection invitation id (pacinv-...) or ARN', 'INVALID_STRING_FORMAT'));
    return undefined;
  }
  return value;
}
