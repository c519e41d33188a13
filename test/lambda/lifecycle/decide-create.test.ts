/**
 * The decisions of a create (lambda/lifecycle/decide-create.ts), without an API: the chain of
 * stale invitations and which refusal is a duplicate.
 */
import { ApiError } from '../../../lambda/api/errors';
import { afterCreate, isDuplicateRefusal, MAX_STALE_HOPS } from '../../../lambda/lifecycle/decide-create';
import type { Invitation } from '../../../lambda/types';
import { ID, OTHER_ID } from '../../support/lifecycle-decisions';

describe('the decisions of a create', () => {
  test.each<[string, Invitation, string | undefined, number, boolean, ReturnType<typeof afterCreate>]>([
    ['a pending invitation', { Id: ID, Status: 'PENDING' }, undefined, 0, false, { next: 'done' }],
    ['an accepted invitation', { Id: ID, Status: 'ACCEPTED' }, undefined, 3, true, { next: 'done' }],
    ['a rejected invitation (adopted, not re-sent)', { Id: ID, Status: 'REJECTED' }, undefined, 0, true, { next: 'done' }],
    ['a canceled invitation that ended before the request', { Id: ID, Status: 'CANCELED' }, undefined, 0, true, { next: 'hop', salt: ID }],
    ['an expired invitation that ended before the request', { Id: OTHER_ID, Status: 'EXPIRED' }, undefined, MAX_STALE_HOPS - 1, true, { next: 'hop', salt: OTHER_ID }],
    ['a canceled invitation that ended after the request was issued (a late delivery)', { Id: ID, Status: 'CANCELED' }, undefined, 0, false, { next: 'done' }],
    ['an expired invitation that ended after the request was issued', { Id: ID, Status: 'EXPIRED' }, undefined, 4, false, { next: 'done' }],
    ['a canceled invitation after too many hops', { Id: ID, Status: 'CANCELED' }, undefined, MAX_STALE_HOPS, true, {
      next: 'fail',
      reason: `Too many earlier invitations with these properties in this stack (more than 20, all canceled or expired, the last ${ID}): `
        + 'change a property (for example the message) or set a clientToken to send a new invitation.',
    }],
    ['a canceled invitation of a user token', { Id: ID, Status: 'CANCELED' }, 'mine', 0, true, {
      next: 'fail',
      reason: `ClientToken "mine" was already used for invitation ${ID}, which is now CANCELED: set a new clientToken (or remove it) to send a new invitation.`,
    }],
    ['a canceled invitation of a user token, ended after the request', { Id: ID, Status: 'CANCELED' }, 'mine', 0, false, { next: 'done' }],
    ['a pending invitation of a user token', { Id: ID, Status: 'PENDING' }, 'mine', 0, true, { next: 'done' }],
  ])('%s', (_what, inv, userToken, hops, endedBefore, step) => {
    expect(afterCreate(inv, userToken, hops, endedBefore)).toEqual(step);
  });

  test.each<[string, boolean, unknown]>([
    ['a duplicate pending invitation', true, new ApiError('CreateConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'DUPLICATE_CONNECTION_INVITATION', details: [] })],
    ['a reused ClientToken', false, new ApiError('CreateConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', details: [] })],
    ['a validation error', false, new ApiError('CreateConnectionInvitation', { status: 400, name: 'ValidationException', details: [] })],
    ['another error', false, new Error('DUPLICATE_CONNECTION_INVITATION')],
  ])('%s may cancel the replaced invitation first: %s', (_what, expected, e) => {
    expect(isDuplicateRefusal(e)).toBe(expected);
  });
});
