/**
 * What the rehearsal plans with before it sends anything: attributes shaped like the handler's
 * (for an invitation or an accepter), so that every value can be resolved (or the rehearsal
 * stopped) before an invitation e-mail could go out.
 */
import { createHash } from 'node:crypto';
import {
  AWS_ACCOUNT_ID_PATTERN, CONNECTION_ID_PREFIX, connectionArn, ID_SUFFIX_LENGTH, INVITATION_ID_PREFIX, invitationArn,
} from '../../src/api-constraints';
import { Catalog } from '../../src/catalog';
import { ACCEPTER_ATTRIBUTE_KEYS, ACCEPTER_RESOURCE_TYPE, ATTRIBUTE_KEYS, type AccepterData, type AccepterResourceProperties, type InvitationData } from '../../src/contract';
import { REHEARSAL_ACCOUNT } from '../cloudformation/assembly';
import type { ResourceState } from '../cloudformation/evaluation-context';

/** The stand-in state of a planned resource of either type the rehearsal plays. */
export function standInFor(type: string, logicalId: string, props: Record<string, unknown>): ResourceState {
  return type === ACCEPTER_RESOURCE_TYPE ? standInAccepterState(logicalId, props) : standInState(logicalId, props);
}

/** Attributes shaped like the accepter's, for planning before anything is created. */
export function standInAccepterState(logicalId: string, props: Readonly<Partial<Record<keyof AccepterResourceProperties, unknown>>>): ResourceState {
  const invitation = standInState(`accepted:${logicalId}`, props);
  const catalog = invitation.attributes.Catalog;
  const connectionId = `${CONNECTION_ID_PREFIX}${invitation.physicalId.slice(INVITATION_ID_PREFIX.length)}`;
  const values: AccepterData = {
    ConnectionId: connectionId,
    ConnectionArn: connectionArn(catalog, connectionId),
    OtherParticipantAccountId: typeof props.SenderIdentifier === 'string' && AWS_ACCOUNT_ID_PATTERN.test(props.SenderIdentifier) ? props.SenderIdentifier : REHEARSAL_ACCOUNT,
    InvitationId: invitation.physicalId,
    InvitationArn: invitation.attributes.Arn,
    Catalog: catalog,
    ConnectionType: typeof props.ConnectionType === 'string' ? props.ConnectionType : '',
    ConnectionTypeStatus: 'ACTIVE',
  };
  return { physicalId: invitation.physicalId, attributes: inKeyOrder(ACCEPTER_ATTRIBUTE_KEYS, values) };
}

/** Attributes shaped like the handler's, for planning before anything is created. */
export function standInState(logicalId: string, props: Record<string, unknown>): ResourceState {
  const id = `${INVITATION_ID_PREFIX}${standInSuffix(logicalId)}`;
  const catalog = typeof props.Catalog === 'string' ? props.Catalog : Catalog.AWS.name;
  const values: InvitationData = {
    ConnectionId: '',
    Id: id,
    Arn: invitationArn(catalog, id),
    Catalog: catalog,
    ConnectionType: typeof props.ConnectionType === 'string' ? props.ConnectionType : '',
    Status: 'PENDING',
    CreatedAt: '2025-01-01T00:00:00.000Z',
    UpdatedAt: '2025-01-01T00:00:00.000Z',
    ExpiresAt: '2025-01-16T00:00:00.000Z',
    OtherParticipantIdentifier: typeof props.ReceiverIdentifier === 'string' ? props.ReceiverIdentifier : '',
    ParticipantType: 'SENDER',
    InviterEmail: 'inviter@example.com',
    InviterName: 'Inviter',
  };
  return { physicalId: id, attributes: inKeyOrder(ATTRIBUTE_KEYS, values) };
}

/** The letters or digits of a stand-in id after its prefix: as many as the id patterns take, reproducible from `label`. */
function standInSuffix(label: string): string {
  const alphanumeric = createHash('sha256').update(label).digest('base64').replace(/[^A-Za-z0-9]/g, '');
  return alphanumeric.slice(0, ID_SUFFIX_LENGTH).padEnd(ID_SUFFIX_LENGTH, '0');
}

/** `values` in the contract's key order, as the handler's Data is. */
function inKeyOrder<K extends string>(keys: readonly K[], values: Record<K, string>): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, values[key]]));
}
