/**
 * An invitation's deterministic idempotency tokens, of its create and its cancel.
 *
 * CloudFormation and Lambda may deliver the same request more than once. The API returns the
 * same invitation for the same ClientToken and input, so a token derived from what identifies
 * the request makes every redelivery land on the invitation the first delivery created.
 */
import { INVITATION_FIELD_NAMES } from '../../src/contract';
import { sha256hex } from '../common/client-token';
import type { InvitationFields } from '../types';

/** The six fields as JSON with sorted keys and nothing else, so equal inputs give equal text. */
export function canonicalFields(fields: InvitationFields): string {
  const sorted: Record<string, string> = {};
  for (const k of INVITATION_FIELD_NAMES) sorted[k] = fields[k];
  return JSON.stringify(sorted);
}

/**
 * The ClientToken of a create when the user set none: the same stack, resource and input
 * always give the same token.
 *
 * @param salt appended when the plain token names an invitation that was canceled or has
 *   expired (the same input was used before in this stack): the id of that stale invitation.
 *   The salted token depends only on what the service holds, so every later request with the
 *   same input derives it again (a rollback finds the live invitation instead of sending
 *   another); when it too names a stale invitation, that one's id salts the next link.
 */
export function deriveCreateToken(stackId: string, logicalResourceId: string, fields: InvitationFields, salt?: string): string {
  const parts = [stackId, logicalResourceId, canonicalFields(fields)];
  if (salt !== undefined) parts.push(salt);
  return sha256hex(parts.join('\n'));
}

/** The ClientToken of the cancel of one invitation by one resource: the same on every retry. */
export function deriveCancelToken(stackId: string, logicalResourceId: string, invitationId: string): string {
  return sha256hex([stackId, logicalResourceId, invitationId, 'cancel'].join('\n'));
}
