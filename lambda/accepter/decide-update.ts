/**
 * The decision of an accepter's Update, pure: which invitation the new properties name. When
 * they name the same one the same way (only CancelOnDelete or CancelReason changed, or nothing),
 * it is the invitation the physical id names: it is read again, nothing is accepted or canceled.
 * Otherwise the new target is accepted and its id becomes the physical id (CloudFormation then
 * deletes the old resource, which by default leaves its connection).
 */
import { type AccepterProps, type AccepterRead, type AccepterTarget } from './properties';
import { isInvitationId } from '../common/physical-id';

/** The invitation an Update accepts or reads. */
export function updateTarget(
  phys: string, old: AccepterRead, next: AccepterProps,
): { readonly target: AccepterTarget; readonly connectionType?: string; readonly reread: boolean } {
  if (old.ok && isInvitationId(phys) && sameTarget(old.props, next)) {
    return { target: { by: 'id', id: phys }, connectionType: next.target.by === 'sender' ? next.target.connectionType : next.connectionType, reread: true };
  }
  return { target: next.target, connectionType: next.connectionType, reread: false };
}

/** Whether two reads name the same invitation the same way. */
export function sameTarget(a: AccepterProps, b: AccepterProps): boolean {
  if (a.catalog !== b.catalog) return false;
  if (a.target.by === 'id' && b.target.by === 'id') return a.target.id === b.target.id && a.connectionType === b.connectionType;
  if (a.target.by === 'sender' && b.target.by === 'sender') return a.target.sender === b.target.sender && a.target.connectionType === b.target.connectionType;
  return false;
}
