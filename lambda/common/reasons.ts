/**
 * What the API's `Reason` values mean for the person deploying: advice for each Reason of
 * ServiceQuotaExceededException and of ResourceNotFoundException (the sets of botocore's model
 * of the service, 2025-04-04; a test holds these tables to the model), and the one not-found
 * Reason that means the invitation is gone.
 */
import { AWS_DAILY_INVITATION_QUOTA } from '../../src/api-constraints';
import { type ApiError, hasReason } from '../api/errors';
import type { KnownReason } from '../api/known-names';

/** The not-found Reason that means "this invitation does not exist (any more)". */
export const INVITATION_GONE_REASON = 'CONNECTION_INVITATION_NOT_FOUND' satisfies KnownReason;

/**
 * Whether an error says the invitation itself does not exist: a 404 whose Reason is
 * CONNECTION_INVITATION_NOT_FOUND. Any other 404 (a missing sender profile, a Reason a newer
 * model adds, none at all) is not taken for "gone": Delete and Update fail with its advice
 * instead of forgetting an invitation that may still be pending.
 */
export function isInvitationGone(e: unknown): boolean {
  return hasReason(e, 404, INVITATION_GONE_REASON);
}

/** Advice per ServiceQuotaExceededException Reason. */
export const QUOTA_ADVICE: Readonly<Record<string, string>> = {
  LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY:
    `The account reached its daily quota of connection invitations (${AWS_DAILY_INVITATION_QUOTA} a day in the AWS catalog, counted over the last 24 hours): wait up to 24 hours before deploying again, or spread the invitations over several days.`,
  LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION:
    'The account reached its quota of open (pending) connection invitations (1,000 in the AWS catalog): cancel pending invitations you no longer need, or wait until some are answered or expire.',
  LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION:
    'The account reached its quota of active connections (1,000 in the AWS catalog): end connections you no longer need in Partner Central before inviting more partners.',
  LIMIT_EXCEEDED_NUMBER_OF_EMAIL:
    'The account reached its quota of e-mail addresses in Partner Central: remove e-mail addresses you no longer use, or ask AWS Partner support to raise the quota.',
  LIMIT_EXCEEDED_NUMBER_OF_DOMAIN:
    'The account reached its quota of e-mail domains in Partner Central: remove domains you no longer use, or ask AWS Partner support to raise the quota.',
  LIMIT_EXCEEDED_NUMBER_OF_PROFILE_UPDATE_PER_DAY:
    'The account reached its daily quota of partner profile updates: wait up to 24 hours before deploying again.',
  LIMIT_EXCEEDED_NUMBER_OF_PROFILE_VISIBILITY_UPDATE_PER_DAY:
    'The account reached its daily quota of partner profile visibility updates: wait up to 24 hours before deploying again.',
};

/** Advice for a quota Reason this table does not know (a newer model). */
export const UNKNOWN_QUOTA_ADVICE = 'A Partner Central quota was reached: see the Reason, and the Service Quotas of Partner Central in the AWS catalog.';

/** Advice per ResourceNotFoundException Reason, none of which but the first means the invitation is gone. */
export const NOT_FOUND_ADVICE: Readonly<Record<string, string>> = {
  CONNECTION_INVITATION_NOT_FOUND:
    'The connection invitation does not exist in this catalog.',
  RECEIVER_PROFILE_NOT_FOUND:
    'Check receiverIdentifier: it must be a partner profile id of this catalog (a 12-digit AWS account id for SUBSIDIARY).',
  SENDER_PROFILE_NOT_FOUND:
    'The deploying account has no partner profile in this catalog: complete its Partner Central profile (or use the catalog it is registered in).',
  PARTNER_NOT_FOUND:
    'The deploying account is not registered as a partner in this catalog of Partner Central: register it, or use the catalog it is registered in.',
  PARTNER_PROFILE_NOT_FOUND:
    'The partner profile was not found in this catalog: check that the account\'s Partner Central profile exists in it.',
  PARTNER_PROFILE_TASK_NOT_FOUND:
    'A partner profile update task was not found: check the account\'s Partner Central profile.',
  PARTNER_DOMAIN_NOT_FOUND:
    'A partner e-mail domain was not found: check the domains of the account\'s Partner Central profile.',
  CONNECTION_NOT_FOUND:
    'The connection was not found in this catalog.',
  VERIFICATION_NOT_FOUND:
    'The account\'s Partner Central verification was not found: complete the verification in Partner Central.',
};

/**
 * Advice for a not-found Reason this table does not know (a newer model, or none): the
 * invitation is not taken for gone.
 */
export const UNKNOWN_NOT_FOUND_ADVICE = 'Something the request needs was not found (see the Reason); the invitation was not taken for gone and is left as it is.';

/** The advice for a quota or not-found error, or undefined for other errors. */
export function reasonAdvice(e: ApiError): string | undefined {
  if (e.errorName === 'ServiceQuotaExceededException') {
    return (e.reason !== undefined ? QUOTA_ADVICE[e.reason] : undefined) ?? UNKNOWN_QUOTA_ADVICE;
  }
  if (e.errorName === 'ResourceNotFoundException' || e.status === 404) {
    return (e.reason !== undefined ? NOT_FOUND_ADVICE[e.reason] : undefined) ?? UNKNOWN_NOT_FOUND_ADVICE;
  }
  return undefined;
}
