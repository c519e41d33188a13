/**
 * The check before a call the create fence bounds (a create, an accept): the deadline cut to the
 * fence, and the late delivery's failure in the words of each call.
 */
import { LifecycleFailure } from '../../../lambda/common/failure';
import { DEFAULT_FENCE, requestTimesOf } from '../../../lambda/common/fence';
import { fencedDeadline, type FencedCall } from '../../../lambda/common/fenced-call';

const ISSUED = Date.UTC(2026, 0, 15, 10, 30, 0);
const url = (query: string) => new URL(`https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/key?${query}`);

describe('a call the fence bounds', () => {
  const times = requestTimesOf(url('X-Amz-Date=20260115T103000Z'), ISSUED, DEFAULT_FENCE);
  const at = (now: number, deadline: number) => ({
    deadline, times, fence: DEFAULT_FENCE, runtime: { now: () => now, sleep: async () => {}, random: () => 0 },
  });

  test('before the fence, its deadline is the API deadline cut to the fence', () => {
    expect(fencedDeadline('create', at(ISSUED + 59_999, ISSUED + 100_000))).toBe(ISSUED + 60_000);
    expect(fencedDeadline('accept', at(ISSUED + 1_000, ISSUED + 30_000))).toBe(ISSUED + 30_000);
  });

  test.each<[FencedCall, string]>([
    ['create', 'This request reached the handler 61 s after CloudFormation issued it, past the 60 s within which an invitation may be sent, '
      + 'so that a late delivery never sends one the stack has moved past: nothing was sent. Deploy again.'],
    ['accept', 'This request reached the accept 61 s after CloudFormation issued it, past the 60 s within which an invitation may be accepted, '
      + 'so that a late delivery never accepts one the stack has moved past: nothing was accepted. Deploy again.'],
  ])('a %s at or past the fence fails, saying how late and that nothing was done', (call, reason) => {
    expect(() => fencedDeadline(call, at(ISSUED + 60_000, ISSUED + 100_000))).toThrow(LifecycleFailure);
    expect(() => fencedDeadline(call, at(ISSUED + 60_600, ISSUED + 100_000))).toThrow(reason);
  });
});
