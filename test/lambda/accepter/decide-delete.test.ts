/**
 * The accepter's decisions of a Delete (lambda/accepter/decide-delete.ts): what it cancels, and
 * what it leaves in place.
 */
import { decideCancel, LEFT_IN_PLACE, planAccepterDelete } from '../../../lambda/accepter/decide-delete';
import { ID, received } from '../../support/accepter-decisions';

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
