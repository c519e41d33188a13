/**
 * The decision of an Update, pure: from the old properties, the new ones and the current
 * invitation (undefined when it is gone), what to do. One action per row of the Update table
 * in lambda/README.md, plus the two cases of unchanged properties.
 */
import { sameReceiver, sameRelationship } from './relationship';
import { checkField } from '../../src/api-constraints';
import { INVITATION_FIELD_NAMES } from '../../src/contract';
import type { Invitation, InvitationProperties, OldProperties } from '../types';

/** The fields whose change makes a different relationship (as opposed to different wording). */
const RELATIONSHIP_FIELDS = ['Catalog', 'ConnectionType', 'ReceiverIdentifier'] as const;

/** What an Update does. */
export type UpdateAction =
  /** Nothing changed: answer the invitation's fresh attributes, same id. */
  | 'refresh'
  /** Nothing changed, but the invitation is gone: fail, asking for a changed property. */
  | 'fail-gone'
  /** The invitation is gone: a new invitation. */
  | 'create'
  /** Pending, now for another receiver, catalog or type: a new invitation; the cleanup Delete cancels the old one. */
  | 'replace'
  /**
   * Pending, to the same receiver, catalog and type: a new invitation, and should the service
   * refuse it (one pending invitation per receiver, catalog and type), the old one is canceled
   * first and the create repeated.
   */
  | 'replace-cancel-first'
  /** Accepted, and only the wording or the ClientToken changed: same id, nothing sent. */
  | 'keep'
  /** Accepted, now for another receiver, catalog or type: a new invitation; the accepted one is left alone. */
  | 'create-beside-accepted'
  /** Rejected, expired or canceled: a new invitation (how a user re-invites). */
  | 're-invite';

/**
 * The catalog to read the current invitation in: the old one, unless it is not a valid catalog
 * (then the new one).
 */
export function currentCatalog(old: OldProperties, next: InvitationProperties): string {
  return old.Catalog !== undefined && !checkField('Catalog', old.Catalog) ? old.Catalog : next.fields.Catalog;
}

/** Whether any API field or the ClientToken differs between the old and the new properties. */
export function propertiesChanged(old: OldProperties, next: InvitationProperties): boolean {
  return INVITATION_FIELD_NAMES.some((f) => old[f] !== next.fields[f]) || old.ClientToken !== next.clientToken;
}

/** Decides an Update; see {@link UpdateAction}. */
export function decideUpdate(old: OldProperties, next: InvitationProperties, current: Invitation | undefined): UpdateAction {
  if (!propertiesChanged(old, next)) return current ? 'refresh' : 'fail-gone';
  if (!current) return 'create';
  if (current.Status === 'PENDING') {
    return RELATIONSHIP_FIELDS.every((f) => sameField(f, currentValue(current, old, f), next.fields[f])) ? 'replace-cancel-first' : 'replace';
  }
  if (current.Status === 'ACCEPTED') {
    return RELATIONSHIP_FIELDS.every((f) => sameField(f, old[f], next.fields[f])) ? 'keep' : 'create-beside-accepted';
  }
  return 're-invite';
}

/** Whether two values of a relationship field are the same: the receiver without case (relationship.ts). */
function sameField(field: typeof RELATIONSHIP_FIELDS[number], current: string | undefined, next: string): boolean {
  return field === 'ReceiverIdentifier' ? sameReceiver(current, next) : current === next;
}

/**
 * The relationship field of the current invitation: from the old properties (what the create
 * sent), else from the API. The API may spell a receiver differently from the input (its
 * `OtherParticipantIdentifier` is the service's form), which would make a wording change look
 * like a new relationship and fail on the one-pending-per-receiver rule.
 */
function currentValue(inv: Invitation, old: OldProperties, field: typeof RELATIONSHIP_FIELDS[number]): string | undefined {
  if (old[field] !== undefined) return old[field];
  const v = inv[field === 'ReceiverIdentifier' ? 'OtherParticipantIdentifier' : field];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Whether the old properties of an Update describe an invitation the resource may have sent
 * without holding it: the invitation under the physical id does not carry them. That is the
 * rollback of an Update that failed after sending a create (its properties come back as the
 * old ones), or an Update running beside one; also when the invitation is gone (nothing to
 * compare it with). Not when an accepted invitation was kept through a wording change (nothing
 * was sent for that wording).
 */
export function oldPropertiesUnheld(old: InvitationProperties | undefined, current: Invitation | undefined): boolean {
  if (!old) return false;
  if (!current) return true;
  // The receiver compared without case (relationship.ts), so that an ordinary Update is not
  // taken for a rollback (which would sweep and wait).
  const same = sameRelationship(current, old.fields);
  if (same && current.InvitationMessage === old.fields.Message) return false;
  return !(same && current.Status === 'ACCEPTED');
}
