/**
 * The lifecycle decision suites' invitation (test/lambda/lifecycle/decide-*.test.ts): its id, its
 * fields and old properties, the new properties of a change, the invitation as the API answers
 * it in a state, and the fields by what a change of them means.
 */
import type { Invitation, InvitationFields, InvitationProperties, InvitationStatusName, OldProperties } from '../../lambda/types';
import { CONNECTION_TYPES } from '../../src/api-constraints';

export const ID = 'pacinv-AAAAAAAAAAAAA';
export const OTHER_ID = 'pacinv-BBBBBBBBBBBBB';

export const FIELDS: InvitationFields = {
  Catalog: 'Sandbox',
  ConnectionType: 'OPPORTUNITY_COLLABORATION',
  Email: 'alliances@example.com',
  Message: 'Let us co-sell on opportunities.',
  Name: 'Pat Example',
  ReceiverIdentifier: 'pprofile-0123456789abc',
};

/** The old properties as CloudFormation sends them back: the six fields, no ClientToken. */
export const OLD: OldProperties = { ...FIELDS };

export type ChangedField = keyof InvitationFields | 'ClientToken';

/** The new properties: the old ones with `changed` given other values. */
export function changed(...fields: ChangedField[]): InvitationProperties {
  const next: Record<string, string> = { ...FIELDS };
  let clientToken: string | undefined;
  for (const f of fields) {
    if (f === 'ClientToken') clientToken = 'a-new-token';
    else if (f === 'ConnectionType') next[f] = CONNECTION_TYPES.find((t) => t !== FIELDS.ConnectionType)!;
    else if (f === 'Catalog') next[f] = 'AWS';
    else if (f === 'ReceiverIdentifier') next[f] = 'pprofile-other';
    else next[f] = `${FIELDS[f]} (changed)`;
  }
  return { fields: next as unknown as InvitationFields, clientToken };
}

/** The invitation the old properties made, in this state, as the API answers it. */
export function invitation(status: InvitationStatusName): Invitation {
  return {
    Id: ID,
    Status: status,
    Catalog: FIELDS.Catalog,
    ConnectionType: FIELDS.ConnectionType,
    OtherParticipantIdentifier: FIELDS.ReceiverIdentifier,
  };
}

export const WORDING: ChangedField[] = ['Email', 'Name', 'Message', 'ClientToken'];
export const RELATIONSHIP: ChangedField[] = ['Catalog', 'ConnectionType', 'ReceiverIdentifier'];
export const ANY: ChangedField[] = [...RELATIONSHIP, ...WORDING];
