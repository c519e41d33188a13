/**
 * The accepter's bounded wait (lambda/accepter/wait.ts): the wait asked for, cut to its share of
 * the time left for the API and to the create fence, and how often it looks meanwhile.
 */
import { pollIntervalMs, waitEnd } from '../../../lambda/accepter/wait';
import { ACCEPTER_WAIT_SHARE } from '../../../src/contract';

const STARTED = 1_000_000;

test('waitEnd: the wait asked for when the budget and the fence allow it, not cut', () => {
  expect(waitEnd(STARTED, 10_000, STARTED + 100_000, STARTED + 60_000)).toEqual({ until: STARTED + 10_000, cut: false });
  expect(waitEnd(STARTED, 0, STARTED + 100_000, STARTED + 60_000)).toEqual({ until: STARTED, cut: false });
});

test('waitEnd: at most its share of the time left until the API deadline, the rest kept for reading and accepting', () => {
  expect(waitEnd(STARTED, 50_000, STARTED + 40_000, STARTED + 60_000)).toEqual({ until: STARTED + 40_000 * ACCEPTER_WAIT_SHARE, cut: true });
  // A deadline already passed leaves no wait.
  expect(waitEnd(STARTED, 50_000, STARTED - 1_000, STARTED + 60_000)).toEqual({ until: STARTED, cut: true });
});

test('waitEnd: never past the create fence, and over at once when the fence has passed', () => {
  expect(waitEnd(STARTED, 50_000, STARTED + 200_000, STARTED + 20_000)).toEqual({ until: STARTED + 20_000, cut: true });
  expect(waitEnd(STARTED, 50_000, STARTED + 200_000, STARTED - 5_000)).toEqual({ until: STARTED, cut: true });
});

test.each([
  [0, 100], [500, 100], [1_000, 100], [5_000, 500], [5_009, 500], [1_009, 100], [19_999, 1_999], [20_000, 2_000], [50_000, 2_000],
])('pollIntervalMs(%d) = %d: a tenth of the wait, 100 ms to 2 s', (waitMs, interval) => {
  expect(pollIntervalMs(waitMs)).toBe(interval);
});
