/**
 * The accepter's decision of an Update (lambda/accepter/decide-update.ts), as lambda/README.md's
 * accepter section states it: the same invitation named the same way is read again under the
 * physical id, with the connection type it was named with; anything else is accepted anew.
 */
import { sameTarget, updateTarget } from '../../../lambda/accepter/decide-update';
import type { AccepterProps } from '../../../lambda/accepter/properties';
import { ID } from '../../support/accepter-decisions';

const SENDER = '111111111111';
const byId = (over: Partial<AccepterProps> = {}): AccepterProps => ({ catalog: 'AWS', target: { by: 'id', id: ID }, waitMs: 0, ...over });
const bySender = (over: Partial<AccepterProps> = {}): AccepterProps => ({
  catalog: 'AWS', target: { by: 'sender', sender: SENDER, connectionType: 'SUBSIDIARY' }, waitMs: 50_000, ...over,
});

test.each<[string, AccepterProps, AccepterProps, boolean]>([
  ['the same id', byId(), byId(), true],
  ['the same id and connection type', byId({ connectionType: 'SUBSIDIARY' }), byId({ connectionType: 'SUBSIDIARY' }), true],
  ['only the delete option changed', byId(), byId({ cancelReason: 'done' }), true],
  ['only the wait changed', bySender(), bySender({ waitMs: 0 }), true],
  ['the same sender and connection type', bySender(), bySender(), true],
  ['another catalog, same id', byId(), byId({ catalog: 'Sandbox' }), false],
  ['another catalog, same sender', bySender(), bySender({ catalog: 'Sandbox' }), false],
  ['the id with a connection type named, then without', byId({ connectionType: 'SUBSIDIARY' }), byId(), false],
  ['the id with another connection type', byId({ connectionType: 'SUBSIDIARY' }), byId({ connectionType: 'OPPORTUNITY_COLLABORATION' }), false],
  ['another id', byId(), byId({ target: { by: 'id', id: 'pacinv-0000000000000' } }), false],
  ['another sender', bySender(), bySender({ target: { by: 'sender', sender: '222222222222', connectionType: 'SUBSIDIARY' } }), false],
  ['the sender with another connection type', bySender(), bySender({ target: { by: 'sender', sender: SENDER, connectionType: 'OPPORTUNITY_COLLABORATION' } }), false],
  ['by id, then by sender', byId(), bySender(), false],
  ['by sender, then by id', bySender(), byId(), false],
])('sameTarget: %s -> %s', (_what, a, b, same) => {
  expect(sameTarget(a, b)).toBe(same);
  expect(sameTarget(b, a)).toBe(same);
});

test('updateTarget: the same target is read again under the physical id, with the connection type it was named with', () => {
  const sender = bySender();
  expect(updateTarget(ID, { ok: true, props: sender }, sender)).toEqual({ target: { by: 'id', id: ID }, connectionType: 'SUBSIDIARY', reread: true });
  const named = byId({ connectionType: 'SUBSIDIARY' });
  expect(updateTarget(ID, { ok: true, props: named }, named)).toEqual({ target: { by: 'id', id: ID }, connectionType: 'SUBSIDIARY', reread: true });
  expect(updateTarget(ID, { ok: true, props: byId() }, byId())).toEqual({ target: { by: 'id', id: ID }, connectionType: undefined, reread: true });
});

test('updateTarget: another target, old properties that were not valid, or a physical id that is no invitation\'s: the new target is accepted', () => {
  const next = byId({ target: { by: 'id', id: 'pacinv-0000000000000' }, connectionType: 'SUBSIDIARY' });
  const accept = { target: next.target, connectionType: 'SUBSIDIARY', reread: false };
  expect(updateTarget(ID, { ok: true, props: byId() }, next)).toEqual(accept);
  expect(updateTarget(ID, { ok: false, problems: ['Catalog is missing'] }, next)).toEqual(accept);
  expect(updateTarget('create-failed-0123', { ok: true, props: next }, next)).toEqual(accept);
  const sender = bySender();
  expect(updateTarget('create-failed-0123', { ok: true, props: sender }, sender)).toEqual({ target: sender.target, connectionType: undefined, reread: false });
});
