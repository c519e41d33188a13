/**
 * The accepter's deterministic idempotency tokens, of its accept and of its cancel of a
 * connection type: the same stack, resource and target always give the same token.
 */
import { sha256hex } from '../common/client-token';

/**
 * The ClientToken of an accepter's AcceptConnectionInvitation: the same stack, resource and
 * invitation always give the same token, so a redelivery replays the first accept, and a token
 * that replays proves this resource accepted that invitation.
 */
export function deriveAcceptToken(stackId: string, logicalResourceId: string, invitationId: string): string {
  return sha256hex([stackId, logicalResourceId, invitationId, 'accept'].join('\n'));
}

/** The ClientToken of an accepter's CancelConnection of one connection type: the same on every retry. */
export function deriveCancelConnectionToken(stackId: string, logicalResourceId: string, connectionId: string, connectionType: string): string {
  return sha256hex([stackId, logicalResourceId, connectionId, connectionType, 'cancel-connection'].join('\n'));
}
