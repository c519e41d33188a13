/**
 * The decisions of a sweep (lambda/lifecycle/decide-sweep.ts), without an API: which invitation
 * is a candidate and which proves to be the create's own.
 */
import { isSweepCandidate, provesOurs } from '../../../lambda/lifecycle/decide-sweep';
import type { Invitation } from '../../../lambda/types';
import { FIELDS, ID, OTHER_ID } from '../../support/lifecycle-decisions';

describe('the decisions of a sweep', () => {
  const from = Date.parse('2024-01-01T00:00:00Z');
  const to = from + 60_000;
  const summary: Invitation = {
    Id: ID,
    Status: 'PENDING',
    ParticipantType: 'SENDER',
    OtherParticipantIdentifier: FIELDS.ReceiverIdentifier,
    ConnectionType: FIELDS.ConnectionType,
    CreatedAt: '2024-01-01T00:00:30Z',
  };
  test.each<[string, boolean, Invitation]>([
    ['a pending invitation sent in the window', true, summary],
    ['one created at the start of the window', true, { ...summary, CreatedAt: from / 1000 }],
    ['one created at the end of the window', true, { ...summary, CreatedAt: '2024-01-01T00:01:00Z' }],
    ['a summary without its status', false, { ...summary, Status: undefined }],
    ['a summary without its participant type', false, { ...summary, ParticipantType: undefined }],
    ['one the resource holds', false, { ...summary, Id: OTHER_ID }],
    ['one created before the window', false, { ...summary, CreatedAt: '2023-12-31T23:59:59Z' }],
    ['one created after the window', false, { ...summary, CreatedAt: '2024-01-01T00:01:01Z' }],
    ['one without a creation time', false, { ...summary, CreatedAt: undefined }],
    ['one with an unreadable creation time', false, { ...summary, CreatedAt: 'yesterday' }],
    ['an accepted one', false, { ...summary, Status: 'ACCEPTED' }],
    ['a received one', false, { ...summary, ParticipantType: 'RECEIVER' }],
    ['one to another receiver', false, { ...summary, OtherParticipantIdentifier: 'pprofile-other' }],
    ['one of another connection type', false, { ...summary, ConnectionType: 'SUBSIDIARY' }],
    ['one without a valid id', false, { ...summary, Id: 'pacinv-short' }],
    ['one whose receiver the service spells in another case', true, { ...summary, OtherParticipantIdentifier: FIELDS.ReceiverIdentifier.toUpperCase() }],
  ])('a sweep reads %s: %s', (_what, cancel, s) => {
    expect(isSweepCandidate(s, FIELDS, { from, to }, new Set([OTHER_ID]))).toBe(cancel);
  });

  const full: Invitation = { ...summary, Catalog: FIELDS.Catalog, InvitationMessage: FIELDS.Message };
  test.each<[string, boolean, Invitation]>([
    ['the invitation of these properties', true, full],
    ['one with another message (another owner)', false, { ...full, InvitationMessage: 'Another message.' }],
    ['one without its message', false, { ...full, InvitationMessage: undefined }],
    ['one of another catalog', false, { ...full, Catalog: 'AWS' }],
    ['one no longer pending', false, { ...full, Status: 'ACCEPTED' }],
    ['one created outside the window', false, { ...full, CreatedAt: '2024-01-01T00:01:01Z' }],
    ['one whose receiver the service spells in another case', true, { ...full, OtherParticipantIdentifier: FIELDS.ReceiverIdentifier.toUpperCase() }],
  ])('a full read proves %s ours: %s', (_what, ours, inv) => {
    expect(provesOurs(inv, FIELDS, { from, to })).toBe(ours);
  });
});
