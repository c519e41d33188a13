/**
 * Pure: the closed sets of names an error answer may contribute to a reason or a log line, as
 * the service model defines them (botocore's `partnercentral-account` 2025-04-04, 1.43.11), and
 * the fixed tokens that stand for anything else. A value from the server that is not in its set
 * never reaches a reason or a log line: the token does.
 */

/** The error shapes of the service model, and the AWS front end's errors of AWS JSON 1.0. */
export const KNOWN_ERROR_NAMES: ReadonlySet<string> = new Set([
  // The model's errors.
  'AccessDeniedException',
  'ConflictException',
  'InternalServerException',
  'ResourceNotFoundException',
  'ServiceQuotaExceededException',
  'ThrottlingException',
  'ValidationException',
  // The AWS front end's (authentication, protocol, availability).
  'ExpiredTokenException',
  'IncompleteSignatureException',
  'InternalFailure',
  'InvalidSignatureException',
  'MissingAuthenticationTokenException',
  'RequestExpired',
  'SerializationException',
  'ServiceUnavailableException',
  'UnknownOperationException',
  'UnrecognizedClientException',
]);

/** What an error name outside {@link KNOWN_ERROR_NAMES} is shown as. */
export const UNRECOGNIZED_ERROR = 'UnrecognizedError';

/** The `Reason` values of the model's errors (AccessDenied, Conflict, ResourceNotFound, ServiceQuotaExceeded, Validation). */
export const KNOWN_REASON_VALUES = [
  'ACCESS_DENIED', 'INCOMPATIBLE_BENEFIT_AWS_PARTNER_STATE',
  'CONFLICT_CLIENT_TOKEN', 'DUPLICATE_PARTNER', 'INCOMPATIBLE_PROFILE_STATE', 'INCOMPATIBLE_PARTNER_PROFILE_TASK_STATE',
  'DUPLICATE_CONNECTION_INVITATION', 'INCOMPATIBLE_CONNECTION_INVITATION_STATE', 'INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER',
  'DUPLICATE_CONNECTION', 'INCOMPATIBLE_CONNECTION_STATE', 'INCOMPATIBLE_CONNECTION_PREFERENCES_REVISION',
  'ACCOUNT_ALREADY_VERIFIED', 'VERIFICATION_ALREADY_IN_PROGRESS',
  'PARTNER_NOT_FOUND', 'PARTNER_PROFILE_NOT_FOUND', 'PARTNER_PROFILE_TASK_NOT_FOUND', 'PARTNER_DOMAIN_NOT_FOUND',
  'SENDER_PROFILE_NOT_FOUND', 'RECEIVER_PROFILE_NOT_FOUND', 'CONNECTION_INVITATION_NOT_FOUND', 'CONNECTION_NOT_FOUND',
  'VERIFICATION_NOT_FOUND',
  'LIMIT_EXCEEDED_NUMBER_OF_EMAIL', 'LIMIT_EXCEEDED_NUMBER_OF_DOMAIN', 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY',
  'LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION', 'LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION',
  'LIMIT_EXCEEDED_NUMBER_OF_PROFILE_UPDATE_PER_DAY', 'LIMIT_EXCEEDED_NUMBER_OF_PROFILE_VISIBILITY_UPDATE_PER_DAY',
  'REQUEST_VALIDATION_FAILED', 'BUSINESS_VALIDATION_FAILED',
] as const;

/** A `Reason` of the model: the only ones the handler's decisions may name. */
export type KnownReason = typeof KNOWN_REASON_VALUES[number];

/** {@link KNOWN_REASON_VALUES} as a set. */
export const KNOWN_REASONS: ReadonlySet<string> = new Set(KNOWN_REASON_VALUES);

/** What a `Reason` outside {@link KNOWN_REASONS} (a newer model's, or anything else) is shown as. */
export const UNRECOGNIZED_REASON = 'UNRECOGNIZED_REASON';

/** The `Reason` of a parsed error answer: a known one, or the token. */
export type ApiReason = KnownReason | typeof UNRECOGNIZED_REASON;

/** The server's `Reason` when it is in {@link KNOWN_REASONS}, else the token. */
export function recognizedReason(raw: string): ApiReason {
  return KNOWN_REASONS.has(raw) ? raw as KnownReason : UNRECOGNIZED_REASON;
}

/** The `Code` values of FieldValidationError and BusinessValidationError. */
export const KNOWN_DETAIL_CODES: ReadonlySet<string> = new Set([
  'REQUIRED_FIELD_MISSING', 'DUPLICATE_VALUE', 'INVALID_VALUE', 'INVALID_STRING_FORMAT', 'TOO_MANY_VALUES',
  'ACTION_NOT_PERMITTED', 'INVALID_ENUM_VALUE',
  'INCOMPATIBLE_CONNECTION_INVITATION_REQUEST', 'INCOMPATIBLE_LEGAL_NAME', 'INCOMPATIBLE_KNOW_YOUR_BUSINESS_STATUS',
  'INCOMPATIBLE_IDENTITY_VERIFICATION_STATUS', 'INVALID_ACCOUNT_LINKING_STATUS', 'INVALID_ACCOUNT_STATE',
  'INCOMPATIBLE_DOMAIN', 'INELIGIBLE_ACCOUNT_TIER',
]);

/** What a detail `Code` outside {@link KNOWN_DETAIL_CODES} is shown as. */
export const UNRECOGNIZED_CODE = 'UNRECOGNIZED_CODE';

/**
 * The input members of the operations the handler calls (the sender's four, the receiver's
 * Accept, GetConnection and CancelConnection): the only field names a detail may name.
 */
export const KNOWN_FIELD_NAMES: ReadonlySet<string> = new Set([
  'Catalog', 'ClientToken', 'ConnectionType', 'Email', 'Identifier', 'MaxResults', 'Message', 'Name', 'NextToken',
  'OtherParticipantIdentifiers', 'ParticipantType', 'Reason', 'ReceiverIdentifier', 'Status',
]);

/** What a detail `Name` outside {@link KNOWN_FIELD_NAMES} is shown as. */
export const UNRECOGNIZED_FIELD = 'UnrecognizedField';

/** `name` when it is in `known`, else `token`. */
export function recognized(name: string, known: ReadonlySet<string>, token: string): string {
  return known.has(name) ? name : token;
}
