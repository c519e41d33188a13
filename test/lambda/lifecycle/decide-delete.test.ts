/**
 * The decisions of a Delete (lambda/lifecycle/decide-delete.ts), without an API: what it cancels
 * and what it leaves.
 */
import { cancelsOnDelete, planDelete } from '../../../lambda/lifecycle/decide-delete';
import type { InvitationStatusName } from '../../../lambda/types';
import { ID, invitation } from '../../support/lifecycle-decisions';

describe('the decisions of a Delete', () => {
  test.each<[string, string, unknown, ReturnType<typeof planDelete>]>([
    ['an invitation id', ID, 'Sandbox', { action: 'read', catalog: 'Sandbox' }],
    ['an unconfirmed-create marker', 'unconfirmed-1700000000-1700000013', 'Sandbox', { action: 'clean-up-unconfirmed', window: { from: 1_700_000_000, to: 1_700_000_013 } }],
    ['a failed-create id', 'create-failed-0b6c6a10', 'Sandbox', { action: 'nothing' }],
    ['an id this handler never made', 'something-else', undefined, { action: 'nothing' }],
    ['an invitation id without a catalog', ID, undefined, { action: 'fail', reason: `Cannot delete invitation ${ID}: Catalog is required` }],
    ['an invitation id with an invalid catalog', ID, 'not valid', { action: 'fail', reason: `Cannot delete invitation ${ID}: Catalog must be letters, digits and hyphens` }],
  ])('a Delete of %s: %j', (_what, phys, catalog, plan) => {
    expect(planDelete(phys, catalog)).toEqual(plan);
  });

  test.each<[InvitationStatusName, boolean]>([
    ['PENDING', true], ['ACCEPTED', false], ['REJECTED', false], ['EXPIRED', false], ['CANCELED', false],
  ])('a Delete cancels a %s invitation: %s', (status, cancel) => {
    expect(cancelsOnDelete(invitation(status))).toBe(cancel);
  });

  test('a gone invitation is left alone', () => {
    expect(cancelsOnDelete(undefined)).toBe(false);
  });

});
