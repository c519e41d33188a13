/**
 * The accepter's decisions of a create (lambda/accepter/decide-create.ts), row by row of
 * lambda/README.md's accepter section: what an invitation found means, which candidate is used,
 * when an ACCEPTED one is adopted.
 */
import { acceptanceOf, decideCandidates, decideInvitation, lastAccepted, refuseAdoption } from '../../../lambda/accepter/decide-create';
import { ID, received } from '../../support/accepter-decisions';

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

test('decideCandidates: one is used, several fail naming the count, none waits then fails; the ACCEPTED one holding the ACTIVE type is adopted', () => {
  const window = { from: 10_000, to: 72_000 };
  const search = (over: Partial<Parameters<typeof decideCandidates>[1]> = {}) => ({
    sender: '111111111111', connectionType: 'SUBSIDIARY', waitedOut: false, waitedMs: 0, waitCut: false, window, ...over,
  });
  const none = { pendingIds: [], acceptedCount: 0 };
  expect(decideCandidates({ ...none, pendingIds: [ID] }, search())).toEqual({ next: 'use', id: ID });
  expect(decideCandidates({ ...none, pendingIds: [ID, ID] }, search())).toMatchObject({ next: 'fail', reason: expect.stringContaining('2 pending SUBSIDIARY invitations') });
  expect(decideCandidates(none, search())).toEqual({ next: 'wait' });
  const out = decideCandidates(none, search({ waitedOut: true, waitedMs: 3000 }));
  expect(out).toMatchObject({ next: 'fail', reason: expect.stringContaining('waited 3 s') });
  expect(out).toMatchObject({ reason: expect.stringContaining('raise the wait') });
  // The budget cut the wait: raising it would not help, and the reason does not say so.
  const cut = decideCandidates(none, search({ waitedOut: true, waitedMs: 3000, waitCut: true }));
  expect(cut).toMatchObject({ next: 'fail', reason: expect.stringContaining("all that the function's remaining time allowed") });
  expect(cut).not.toMatchObject({ reason: expect.stringContaining('raise the wait') });
  // An acceptance inside this request's window is an earlier delivery's: it wins over a PENDING one.
  const OLD = 'pacinv-0000000000old';
  expect(decideCandidates({ pendingIds: [ID], current: { id: OLD, createdAt: 20_000 }, acceptedCount: 1 }, search())).toEqual({ next: 'adopt', id: OLD });
  // An older acceptance holding the ACTIVE type: the PENDING one is preferred; without one, it is adopted.
  expect(decideCandidates({ pendingIds: [ID], current: { id: OLD, createdAt: 1_000 }, acceptedCount: 1 }, search())).toEqual({ next: 'use', id: ID });
  expect(decideCandidates({ pendingIds: [], current: { id: OLD, createdAt: 1_000 }, acceptedCount: 1 }, search())).toEqual({ next: 'adopt', id: OLD });
  // Accepted before, its type canceled since: never adopted; the reason asks for a new invitation, not for the sender's stack.
  const ended = decideCandidates({ pendingIds: [], acceptedCount: 1 }, search({ waitedOut: true }));
  expect(ended).toMatchObject({ next: 'fail', reason: expect.stringContaining('ask the sender for a new invitation') });
  expect(ended).not.toMatchObject({ reason: expect.stringContaining("deploy the sender's stack first") });
});

test('refuseAdoption: an ACCEPTED invitation is adopted only while its connection type is ACTIVE', () => {
  const inv = received({ Status: 'ACCEPTED', ConnectionId: 'pac-0123456789abc' });
  const conn = (entry: Record<string, unknown> | undefined) => ({ Id: 'pac-0123456789abc', ConnectionTypes: entry ? { SUBSIDIARY: entry } : {} });
  expect(refuseAdoption(inv, conn({ Status: 'ACTIVE' }))).toBeUndefined();
  expect(refuseAdoption(inv, conn({ Status: 'CANCELED' }))).toContain('ask the sender for a new invitation');
  expect(refuseAdoption(inv, conn(undefined))).toContain('is gone now');
});

test('lastAccepted: the one accepted last holds the entry, whatever order the listing gives; one without a readable UpdatedAt only when none has one', () => {
  const early = received({ Id: 'pacinv-000000000early', Status: 'ACCEPTED', UpdatedAt: '2026-01-01T00:00:10.000Z' });
  const late = received({ Id: 'pacinv-0000000000late', Status: 'ACCEPTED', UpdatedAt: '2026-01-01T00:05:00.000Z' });
  const unread = received({ Id: 'pacinv-00000000unread', Status: 'ACCEPTED', UpdatedAt: undefined });
  expect(lastAccepted([])).toBeUndefined();
  expect(lastAccepted([early, late])?.Id).toBe(late.Id);
  expect(lastAccepted([late, early])?.Id).toBe(late.Id);
  expect(lastAccepted([unread, early, late])?.Id).toBe(late.Id);
  expect(lastAccepted([late, unread])?.Id).toBe(late.Id);
  expect(lastAccepted([unread])?.Id).toBe(unread.Id);
});

test('lastAccepted: of several accepted at the same time, the one with the smallest id, in either order of the listing', () => {
  const at = '2026-01-01T00:05:00.000Z';
  const a = received({ Id: 'pacinv-00000000000aaa', Status: 'ACCEPTED', UpdatedAt: at });
  const b = received({ Id: 'pacinv-00000000000bbb', Status: 'ACCEPTED', UpdatedAt: at });
  const early = received({ Id: 'pacinv-000000000early', Status: 'ACCEPTED', UpdatedAt: '2026-01-01T00:00:10.000Z' });
  expect(lastAccepted([a, b])?.Id).toBe(a.Id);
  expect(lastAccepted([b, a])?.Id).toBe(a.Id);
  expect(lastAccepted([b, early, a])?.Id).toBe(a.Id);
  // Without a readable UpdatedAt, they tie too.
  const ua = received({ Id: 'pacinv-00000000000aaa', Status: 'ACCEPTED', UpdatedAt: undefined });
  const ub = received({ Id: 'pacinv-00000000000bbb', Status: 'ACCEPTED', UpdatedAt: undefined });
  expect(lastAccepted([ub, ua])?.Id).toBe(ua.Id);
  expect(lastAccepted([ua, ub])?.Id).toBe(ua.Id);
});

test('decideCandidates: an acceptance made at either edge of the request\'s window is in it (an earlier delivery\'s), one just outside is not', () => {
  const window = { from: 10_000, to: 72_000 };
  const search = { sender: '111111111111', connectionType: 'SUBSIDIARY', waitedOut: false, waitedMs: 0, waitCut: false, window };
  const OLD = 'pacinv-0000000000old1';
  const at = (createdAt: number) => decideCandidates({ pendingIds: [ID], current: { id: OLD, createdAt }, acceptedCount: 1 }, search);
  expect(at(window.from)).toEqual({ next: 'adopt', id: OLD });
  expect(at(window.to)).toEqual({ next: 'adopt', id: OLD });
  expect(at(window.from - 1)).toEqual({ next: 'use', id: ID });
  expect(at(window.to + 1)).toEqual({ next: 'use', id: ID });
});

test('acceptanceOf: the entry is this acceptance\'s while ACTIVE and created within the clock slack of it, on either side', () => {
  const accepted = received({ Status: 'ACCEPTED', ConnectionId: 'pac-0123456789abc', UpdatedAt: '2026-01-01T00:00:10.000Z' });
  const at = Date.parse('2026-01-01T00:00:10.000Z');
  const connection = (entry: Record<string, unknown>) => ({ Id: 'pac-0123456789abc', ConnectionTypes: { SUBSIDIARY: entry } });
  const active = (createdAt: number) => connection({ Status: 'ACTIVE', CreatedAt: new Date(createdAt).toISOString() });
  expect(acceptanceOf(accepted, active(at + 1_500), 'SUBSIDIARY', 2_000)).toEqual({ id: ID, createdAt: at + 1_500 });
  expect(acceptanceOf(accepted, active(at - 2_000), 'SUBSIDIARY', 2_000)).toEqual({ id: ID, createdAt: at - 2_000 });
  // A later acceptance's entry, or one older than this acceptance: not this one's.
  expect(acceptanceOf(accepted, active(at + 2_001), 'SUBSIDIARY', 2_000)).toBeUndefined();
  expect(acceptanceOf(accepted, active(at - 2_001), 'SUBSIDIARY', 2_000)).toBeUndefined();
  expect(acceptanceOf(accepted, connection({ Status: 'CANCELED', CreatedAt: new Date(at).toISOString() }), 'SUBSIDIARY', 2_000)).toBeUndefined();
  expect(acceptanceOf(accepted, connection({ Status: 'ACTIVE' }), 'SUBSIDIARY', 2_000)).toBeUndefined();
  expect(acceptanceOf(accepted, active(at), 'OPPORTUNITY_COLLABORATION', 2_000)).toBeUndefined();
  expect(acceptanceOf(accepted, undefined, 'SUBSIDIARY', 2_000)).toBeUndefined();
  expect(acceptanceOf({ ...accepted, UpdatedAt: undefined }, active(at), 'SUBSIDIARY', 2_000)).toBeUndefined();
});
