/**
 * Whether an invitation the API answers is for the relationship of known properties: the same
 * receiver, connection type and catalog. Pure, and the one comparison the Update's decision and
 * the sweep both use.
 *
 * The service may spell a receiver in another case than the input (its `OtherParticipantIdentifier`
 * is the service's form; the List filter `OtherParticipantIdentifiers` matches either), so the
 * receiver is compared without case. A catalog the answer omits is taken for the properties' one
 * (every read names the catalog).
 */
import type { Invitation, InvitationFields } from '../types';

/** Whether the API's spelling of a receiver is the input's receiver. */
export function sameReceiver(answered: unknown, receiver: string): boolean {
  return typeof answered === 'string' && answered.toLowerCase() === receiver.toLowerCase();
}

/** Whether the invitation is to the properties' receiver, of their connection type, in their catalog. */
export function sameRelationship(inv: Invitation, fields: InvitationFields): boolean {
  return sameReceiver(inv.OtherParticipantIdentifier, fields.ReceiverIdentifier)
    && inv.ConnectionType === fields.ConnectionType
    && (inv.Catalog === undefined || inv.Catalog === fields.Catalog);
}
