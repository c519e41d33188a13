/**
 * The accepter's answer (lambda/accepter/data.ts): its Data has every key of
 * ACCEPTER_ATTRIBUTE_KEYS, in that order, each a string ('' when the API omitted it or sent
 * another type), read from the accepted invitation and its connection; nothing else of the
 * connection is copied, the inviter's e-mail and name least of all.
 */
import { accepted, accepterData } from '../../../lambda/accepter/data';
import type { Connection, Invitation } from '../../../lambda/types';
import { ACCEPTER_ATTRIBUTE_KEYS } from '../../../src/contract';

const INVITER = { email: 'inviter@example.com', name: 'Ada Inviter' };

const invitation: Invitation = {
  Id: 'ci-0123456789abc',
  Arn: 'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/ci-0123456789abc',
  Catalog: 'AWS',
  ConnectionType: 'OPPORTUNITY_COLLABORATION',
  Status: 'ACCEPTED',
  Email: INVITER.email,
  Name: INVITER.name,
  Message: 'Let us work together',
};

const connection: Connection = {
  Id: 'conn-0123456789abc',
  Arn: 'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/conn-0123456789abc',
  Catalog: 'AWS',
  OtherParticipantAccountId: '111122223333',
  UpdatedAt: '2026-01-15T10:30:00Z',
  ConnectionTypes: {
    OPPORTUNITY_COLLABORATION: {
      Status: 'ACTIVE',
      InviterEmail: INVITER.email,
      InviterName: INVITER.name,
      CreatedAt: '2026-01-15T10:30:00Z',
      OtherParticipant: { PartnerProfile: { Id: 'pprofile-x', Name: 'Other Partner' } },
    },
    SUBSIDIARY: { Status: 'CANCELED', InviterEmail: INVITER.email, InviterName: INVITER.name },
  },
};

describe('accepterData', () => {
  test('every key, in the contract\'s order, from the invitation and the connection', () => {
    const data = accepterData(invitation, connection);
    expect(Object.keys(data)).toEqual([...ACCEPTER_ATTRIBUTE_KEYS]);
    expect(data).toEqual({
      ConnectionId: 'conn-0123456789abc',
      ConnectionArn: 'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/conn-0123456789abc',
      OtherParticipantAccountId: '111122223333',
      InvitationId: 'ci-0123456789abc',
      InvitationArn: 'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/ci-0123456789abc',
      Catalog: 'AWS',
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      ConnectionTypeStatus: 'ACTIVE',
    });
  });

  test('the status is that of the invitation\'s connection type, not of another type of the connection', () => {
    expect(accepterData({ ...invitation, ConnectionType: 'SUBSIDIARY' }, connection).ConnectionTypeStatus).toBe('CANCELED');
    expect(accepterData({ ...invitation, ConnectionType: 'RESELLER' }, connection).ConnectionTypeStatus).toBe('');
  });

  test('never the inviter\'s e-mail or name, nor the invitation\'s message', () => {
    const text = JSON.stringify(accepterData(invitation, connection));
    for (const secret of [INVITER.email, INVITER.name, 'Let us work together', 'Other Partner']) expect(text).not.toContain(secret);
  });

  const EMPTY = Object.fromEntries(ACCEPTER_ATTRIBUTE_KEYS.map((k) => [k, '']));
  const FULL = accepterData(invitation, connection);

  test.each<[string, Invitation, Connection, Record<string, string>]>([
    ['empty answers', {}, {}, EMPTY],
    ['members of other types', { Id: 7, Arn: null, Catalog: ['AWS'], ConnectionType: 1 },
      { Id: 7, Arn: {}, OtherParticipantAccountId: 111122223333, ConnectionTypes: 'ACTIVE' }, EMPTY],
    ['no connection types', invitation, { ...connection, ConnectionTypes: null }, { ...FULL, ConnectionTypeStatus: '' }],
    ['a connection type that is not an object', invitation,
      { ...connection, ConnectionTypes: { OPPORTUNITY_COLLABORATION: 'ACTIVE' } }, { ...FULL, ConnectionTypeStatus: '' }],
    ['a status that is not a string', invitation,
      { ...connection, ConnectionTypes: { OPPORTUNITY_COLLABORATION: { Status: 1 } } }, { ...FULL, ConnectionTypeStatus: '' }],
  ])('%s: every key is still there, each a string, \'\' where unreadable', (_what, inv, conn, expected) => {
    const data = accepterData(inv, conn);
    expect(Object.keys(data)).toEqual([...ACCEPTER_ATTRIBUTE_KEYS]);
    expect(data).toEqual(expected);
  });
});

describe('accepted', () => {
  test('SUCCESS under the invitation\'s id, with the accepter\'s Data', () => {
    expect(accepted(invitation, connection)).toEqual({ status: 'SUCCESS', physicalResourceId: 'ci-0123456789abc', data: accepterData(invitation, connection) });
  });
});
