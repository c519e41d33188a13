/**
 * What a physical resource id says, for every resource type: an invitation id (`pacinv-...`)
 * names an invitation (an invitation's own id, or the one an accepter accepted), and
 * `create-failed-<RequestId>` names a Create that created nothing. The invitation's other marker,
 * of a create whose outcome is unknown, is `../lifecycle/physical-id.ts`'s.
 */
import { INVITATION_ID_PATTERN } from '../../src/api-constraints';

/** Physical id prefix of a Create that failed without creating anything. */
export const CREATE_FAILED_PREFIX = 'create-failed-';

/** Whether a value is an invitation id (as a physical id, or in an API answer). */
export function isInvitationId(v: unknown): v is string {
  return typeof v === 'string' && INVITATION_ID_PATTERN.test(v);
}

/** The physical id of a Create that failed and created nothing. Never an invitation id nor a marker. */
export function createFailedId(requestId: string): string {
  return `${CREATE_FAILED_PREFIX}${requestId || 'unknown'}`;
}
