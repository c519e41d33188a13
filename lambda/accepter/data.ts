/**
 * An accepter's answer: its Data (ACCEPTER_ATTRIBUTE_KEYS of src/contract.ts, every key a
 * string) from the accepted invitation and its connection. Never the inviter's e-mail or name,
 * which the connection carries: only the named keys are copied.
 */
import { ACCEPTER_ATTRIBUTE_KEYS, type AccepterAttributeKey, type AccepterData } from '../../src/contract';
import type { Connection, Invitation, Outcome } from '../types';

/** The Data of an accepted invitation and its connection. */
export function accepterData(inv: Invitation, connection: Connection): AccepterData {
  const type = typeof inv.ConnectionType === 'string' ? inv.ConnectionType : '';
  const types = connection.ConnectionTypes;
  const entry = typeof types === 'object' && types !== null ? (types as Record<string, unknown>)[type] : undefined;
  const status = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).Status : undefined;
  const values: Record<AccepterAttributeKey, unknown> = {
    ConnectionId: connection.Id,
    ConnectionArn: connection.Arn,
    OtherParticipantAccountId: connection.OtherParticipantAccountId,
    InvitationId: inv.Id,
    InvitationArn: inv.Arn,
    Catalog: inv.Catalog,
    ConnectionType: type,
    ConnectionTypeStatus: status,
  };
  const out = {} as AccepterData;
  for (const key of ACCEPTER_ATTRIBUTE_KEYS) out[key] = typeof values[key] === 'string' ? values[key] as string : '';
  return out;
}

/** SUCCESS under the accepted invitation's id, with the accepter's Data. */
export function accepted(inv: Invitation, connection: Connection): Outcome {
  return { status: 'SUCCESS', physicalResourceId: String(inv.Id), data: accepterData(inv, connection) };
}
