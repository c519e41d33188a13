/**
 * The accepter's pure decisions (lambda/accepter/decide-*.ts, properties.ts), row by row of
 * lambda/README.md's accepter section.
 */
import { decideCandidates, decideInvitation } from '../lambda/accepter/decide-create';
import { decideCancel, LEFT_IN_PLACE, planAccepterDelete } from '../lambda/accepter/decide-delete';
import { sameTarget } from '../lambda/accepter/decide-update';
import { readAccepterProperties } from '../lambda/accepter/properties';
import { ACCEPTER_MAX_WAIT_SECONDS } from '../src/contract';

const ID = 'pacinv-0123456789abc';
const received = (over: Record<string, unknown> = {}) => ({
  Id: ID, ParticipantType: 'RECEIVER', ConnectionType: 'SUBSIDIARY', Status: 'PENDING', UpdatedAt: '2026-01-01T00:00:10.000Z', ...over,
});

test.each([
  [{ Status: 'PENDING' }, 'accept'],
  [{ Status: 'ACCEPTED', ConnectionId: 'pac-0123456789abc' }, 'adopt'],
  [{ Status: 'ACCEPTED' }, 'fail'],
  [{ Status: 'REJECTED' }, 'fail'],
  [{ Status: 'CANCELED' }, 'fail'],
  [{ Status: 'EXPIRED' }, 'fail'],
  [{ ParticipantType: 'SENDER' }, 'fail'],
  [{ ConnectionType: 'OPPORTUNITY_COLLABORATION' }, 'fail'],
])('decideInvitation %j -> %s', (over, next) => {
  expect(decideInvitation(received(over), 'SUBSIDIARY').next).toBe(next);
});

test('decideCandidates: one is used, several fail naming the count, none waits then fails', () => {
  expect(decideCandidates([ID], '111111111111', 'SUBSIDIARY', false, 0)).toEqual({ next: 'use', id: ID });
  expect(decideCandidates([ID, ID], '111111111111', 'SUBSIDIARY', false, 0)).toMatchObject({ next: 'fail', reason: expect.stringContaining('2 pending SUBSIDIARY invitations') });
  expect(decideCandidates([], '111111111111', 'SUBSIDIARY', false, 0)).toEqual({ next: 'wait' });
  expect(decideCandidates([], '111111111111', 'SUBSIDIARY', true, 3000)).toMatchObject({ next: 'fail', reason: expect.stringContaining('waited 3 s') });
});

test('planAccepterDelete: nothing on a marker or without cancelOnDelete (saying the connection stays), cancel only an invitation id', () => {
  expect(planAccepterDelete('create-failed-abc', true)).toEqual({ action: 'nothing' });
  expect(planAccepterDelete(ID, false)).toEqual({ action: 'nothing', reason: LEFT_IN_PLACE });
  expect(planAccepterDelete(ID, true)).toEqual({ action: 'cancel', invitationId: ID });
});

test('decideCancel: only the ACTIVE entry of the invitation\'s type that this acceptance made', () => {
  const inv = received({ Status: 'ACCEPTED', ConnectionId: 'pac-0123456789abc' });
  const conn = (entry: Record<string, unknown> | undefined) => ({ Id: 'pac-0123456789abc', ConnectionTypes: entry ? { SUBSIDIARY: entry } : {} });
  expect(decideCancel(inv, conn({ Status: 'ACTIVE', CreatedAt: '2026-01-01T00:00:10.000Z' }), 2000)).toMatchObject({ cancel: true, connectionType: 'SUBSIDIARY' });
  expect(decideCancel(inv, conn({ Status: 'CANCELED', CreatedAt: '2026-01-01T00:00:10.000Z' }), 2000).cancel).toBe(false);
  expect(decideCancel(inv, conn({ Status: 'ACTIVE', CreatedAt: '2026-01-02T00:00:00.000Z' }), 2000).cancel).toBe(false);
  expect(decideCancel(inv, conn(undefined), 2000).cancel).toBe(false);
  expect(decideCancel(inv, undefined, 2000).cancel).toBe(false);
  expect(decideCancel(received({ Status: 'PENDING' }), conn({ Status: 'ACTIVE', CreatedAt: '2026-01-01T00:00:10.000Z' }), 2000).cancel).toBe(false);
});

test('properties: an ARN gives its id and must be of the Catalog; WaitSeconds is whole seconds; sameTarget ignores the delete options', () => {
  const arn = `arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/${ID}`;
  const byArn = readAccepterProperties({ Catalog: 'Sandbox', InvitationIdentifier: arn });
  expect(byArn).toMatchObject({ ok: true, props: { target: { by: 'id', id: ID } } });
  expect(readAccepterProperties({ Catalog: 'AWS', InvitationIdentifier: arn })).toMatchObject({ ok: false, problems: [expect.stringContaining('not of Catalog')] });
  expect(readAccepterProperties({ Catalog: 'AWS', SenderIdentifier: '111111111111', ConnectionType: 'SUBSIDIARY', WaitSeconds: '1.5' }))
    .toMatchObject({ ok: false, problems: [expect.stringContaining('WaitSeconds must be a whole number')] });
  // The construct's limit, from src/contract.ts: the handler takes what the construct allows, and no more.
  const waiting = (seconds: number) => readAccepterProperties({ Catalog: 'AWS', SenderIdentifier: '111111111111', ConnectionType: 'SUBSIDIARY', WaitSeconds: String(seconds) });
  expect(waiting(ACCEPTER_MAX_WAIT_SECONDS)).toMatchObject({ ok: true, props: { waitMs: ACCEPTER_MAX_WAIT_SECONDS * 1000 } });
  expect(waiting(ACCEPTER_MAX_WAIT_SECONDS + 1))
    .toMatchObject({ ok: false, problems: [expect.stringContaining(`WaitSeconds must be a whole number of seconds from 0 to ${ACCEPTER_MAX_WAIT_SECONDS}`)] });
  const withCancel = readAccepterProperties({ Catalog: 'Sandbox', InvitationIdentifier: ID, CancelOnDelete: 'true', CancelReason: 'done' });
  if (!byArn.ok || !withCancel.ok) throw new Error('expected valid properties');
  expect(sameTarget(byArn.props, withCancel.props)).toBe(true);
});
