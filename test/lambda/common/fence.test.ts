/**
 * The times of a request (lambda/common/fence.ts): its issue from the ResponseURL, the create
 * fence and window, what ended before the request, and the rollback's look back.
 */
import { createWindowOf, DEFAULT_FENCE, endedBefore, requestTimesOf, settledAfter } from '../../../lambda/common/fence';

const ISSUED = Date.UTC(2026, 0, 15, 10, 30, 0);
const url = (query: string) => new URL(`https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/key?${query}`);

describe('the times of a request', () => {
  test('the issue is the ResponseURL\'s X-Amz-Date; the fence is 60 s later; the expiry follows X-Amz-Expires', () => {
    const t = requestTimesOf(url('X-Amz-Date=20260115T103000Z&X-Amz-Expires=7200'), ISSUED + 800, DEFAULT_FENCE);
    expect(t).toEqual({ issuedAt: ISSUED, fromResponseUrl: true, createFence: ISSUED + 60_000, expiresAt: ISSUED + 7_200_000 });
  });

  test.each([
    ['no X-Amz-Date', 'X-Amz-Expires=7200'],
    ['an unreadable X-Amz-Date', 'X-Amz-Date=2026-01-15T10:30:00Z'],
    ['an X-Amz-Date after the delivery started', 'X-Amz-Date=20260115T103010Z'],
  ])('%s: the delivery\'s start stands in, without an expiry', (_what, query) => {
    const started = ISSUED + 5_000;
    expect(requestTimesOf(url(query), started, DEFAULT_FENCE)).toEqual({ issuedAt: started, fromResponseUrl: false, createFence: started + 60_000 });
  });

  test('the create window spans the issue less the slack to the fence plus the slack; it settles 5 s after', () => {
    const t = requestTimesOf(url('X-Amz-Date=20260115T103000Z'), ISSUED, DEFAULT_FENCE);
    const w = createWindowOf(t, DEFAULT_FENCE);
    expect(w).toEqual({ from: ISSUED - 2_000, to: ISSUED + 62_000 });
    expect(settledAfter(w.to, DEFAULT_FENCE)).toBe(ISSUED + 67_000);
  });

  test.each<[string, unknown, boolean]>([
    ['more than the slack before the issue', new Date(ISSUED - 2_001).toISOString(), true],
    ['exactly the slack before the issue (window C)', new Date(ISSUED - 2_000).toISOString(), false],
    ['just before the issue (window C)', new Date(ISSUED - 1).toISOString(), false],
    ['after the issue (a late delivery)', new Date(ISSUED + 30_000).toISOString(), false],
    ['in epoch seconds, well before', (ISSUED - 60_000) / 1000, true],
    ['unreadable', 'yesterday', false],
    ['missing', undefined, false],
  ])('an invitation that ended %s ended before the request: %s', (_what, updatedAt, before) => {
    expect(endedBefore({ Status: 'CANCELED', UpdatedAt: updatedAt }, ISSUED, DEFAULT_FENCE)).toBe(before);
  });

  test('a rollback looks 10 minutes back: the fence, three invocations of the function\'s timeout, Lambda\'s two waits', () => {
    expect(DEFAULT_FENCE.rollbackLookbackMs).toBe(600_000);
  });
});
