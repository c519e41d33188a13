/**
 * The accepter's pure decisions (lambda/accepter/decide-*.ts, properties.ts), row by row of
 * lambda/README.md's accepter section.
 */
import { decideCandidates, decideInvitation, refuseAdoption } from '../lambda/accepter/decide-create';
import { decideCancel, LEFT_IN_PLACE, planAccepterDelete } from '../lambda/accepter/decide-delete';
import { sameTarget } from '../lambda/accepter/decide-update';
import { readAccepterProperties } from '../lambda/accepter/properties';
import { budgetOf } from '../lambda/budget';
import { DEFAULT_FENCE } from '../lambda/lifecycle/fence';
import type { Invitation } from '../lambda/types';
import {
  ACCEPTER_MAX_WAIT_SECONDS, ACCEPTER_WAIT_SHARE, HANDLER_RESPONSE_BUDGET_MS, HANDLER_SAFETY_MARGIN_MS, HANDLER_TIMEOUT_SECONDS,
} from '../src/contract';

const ID = 'pacinv-0123456789abc';
const received = (over: Record<string, unknown> = {}): Invitation => ({
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

test('the longest wait is one the handler can honour: within its share of the real budget and the create window (the construct\'s test ties the function\'s timeout and the default wait to these)', () => {
  const tuning = { safetyMarginMs: HANDLER_SAFETY_MARGIN_MS, responseBudgetMs: HANDLER_RESPONSE_BUDGET_MS };
  const { apiDeadline } = budgetOf(0, HANDLER_TIMEOUT_SECONDS * 1000, tuning);
  const cap = apiDeadline * ACCEPTER_WAIT_SHARE;
  expect(ACCEPTER_MAX_WAIT_SECONDS * 1000).toBeLessThanOrEqual(cap);
  expect(ACCEPTER_MAX_WAIT_SECONDS * 1000).toBeLessThan(DEFAULT_FENCE.createWindowMs);
});
