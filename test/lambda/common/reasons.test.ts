/**
 * The advice of the per-day quota Reasons (lambda/common/reasons.ts): Partner Central counts
 * them per day over a rolling 24 hours (its quota page), so the advice is to wait up to 24 hours,
 * never a calendar boundary such as midnight UTC.
 */
import { QUOTA_ADVICE } from '../../../lambda/common/reasons';

const PER_DAY = Object.keys(QUOTA_ADVICE).filter((reason) => reason.endsWith('_PER_DAY'));

test('the model\'s three per-day quota Reasons have advice', () => {
  expect(PER_DAY.sort()).toEqual([
    'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY',
    'LIMIT_EXCEEDED_NUMBER_OF_PROFILE_UPDATE_PER_DAY',
    'LIMIT_EXCEEDED_NUMBER_OF_PROFILE_VISIBILITY_UPDATE_PER_DAY',
  ]);
});

test.each(PER_DAY)('%s: wait up to 24 hours, no calendar boundary', (reason) => {
  expect(QUOTA_ADVICE[reason]).toContain('wait up to 24 hours');
  expect(QUOTA_ADVICE[reason]).not.toMatch(/midnight|UTC/i);
});
