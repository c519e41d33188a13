/**
 * The decisions of an accepter's Delete, pure: whether anything is to be done at all (by
 * default the connection stays), and whether the connection type this resource accepted is
 * the one to cancel: only the entry of the invitation's connection type, only while ACTIVE,
 * and only when that entry is the acceptance of this invitation (not a newer one made since).
 */
import { isInvitationId } from '../common/physical-id';
import type { Connection, Invitation } from '../types';

/** The success reason of a Delete that leaves the connection. */
export const LEFT_IN_PLACE = 'The accepter was removed; the connection stays (cancelOnDelete is not set).';

/**
 * The success reason of a cancelling Delete whose invitation can no longer be read (the service
 * purged it): which connection it made is unknown, so nothing is canceled.
 */
export const NOT_CANCELED_GONE = 'The accepter was removed, but its invitation can no longer be read (the service no longer returns it), '
  + 'so the connection it made is unknown and was NOT canceled: cancel it in Partner Central if that is what you meant.';

/** What a Delete does before reading anything. */
export type AccepterDeletePlan =
  | { readonly action: 'nothing'; readonly reason?: string }
  | { readonly action: 'cancel'; readonly invitationId: string };

/**
 * Plans a Delete from its physical id and whether the properties ask to cancel.
 * A physical id that is not an invitation id (a failed Create's marker, an id this handler
 * never made) is never acted on.
 */
export function planAccepterDelete(phys: string, cancels: boolean): AccepterDeletePlan {
  if (!isInvitationId(phys)) return { action: 'nothing' };
  if (!cancels) return { action: 'nothing', reason: LEFT_IN_PLACE };
  return { action: 'cancel', invitationId: phys };
}

/** Whether to cancel, and what. */
export type CancelStep =
  | { readonly cancel: true; readonly connectionId: string; readonly connectionType: string }
  | { readonly cancel: false; readonly why: string };

/**
 * Decides from the accepted invitation and its connection.
 *
 * @param slackMs how much later than the invitation's last update the connection type's entry
 *   may have been created and still be this invitation's acceptance (clock slack of the service)
 */
export function decideCancel(inv: Invitation, connection: Connection | undefined, slackMs: number): CancelStep {
  if (inv.ParticipantType !== 'RECEIVER' || inv.Status !== 'ACCEPTED' || typeof inv.ConnectionId !== 'string') {
    return { cancel: false, why: 'the invitation was not accepted by this account' };
  }
  if (!connection) return { cancel: false, why: 'the connection no longer exists' };
  const type = String(inv.ConnectionType);
  const types = connection.ConnectionTypes;
  const entry = typeof types === 'object' && types !== null ? (types as Record<string, unknown>)[type] : undefined;
  if (typeof entry !== 'object' || entry === null) return { cancel: false, why: 'the connection has no entry of this connection type' };
  const e = entry as Record<string, unknown>;
  if (e.Status !== 'ACTIVE') return { cancel: false, why: 'the connection type is already canceled' };
  const created = Date.parse(String(e.CreatedAt));
  const accepted = Date.parse(String(inv.UpdatedAt));
  if (!Number.isFinite(created) || !Number.isFinite(accepted) || created > accepted + slackMs) {
    return { cancel: false, why: 'the active connection type was made by a later acceptance, not by this invitation' };
  }
  return { cancel: true, connectionId: inv.ConnectionId, connectionType: type };
}
