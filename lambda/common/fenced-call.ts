/**
 * Pure: the check before a call that the create fence bounds (a create, an accept). A delivery
 * past the fence fails saying how late it is and that nothing was done; otherwise the call gets
 * the API deadline cut to the fence, so that its attempts end by it.
 */
import { LifecycleFailure } from './failure';
import type { LifecycleContext } from '../types';

/** The words of each fenced call in the failure of a late delivery. */
const FENCED_CALLS = {
  create: { reached: 'handler', done: 'sent', does: 'sends' },
  accept: { reached: 'accept', done: 'accepted', does: 'accepts' },
} as const;

/** A call the create fence bounds: CreateConnectionInvitation or AcceptConnectionInvitation. */
export type FencedCall = keyof typeof FENCED_CALLS;

/**
 * The deadline of a fenced call: the API deadline, but never past the request's create fence.
 * Throws a {@link LifecycleFailure} when the fence has passed, nothing done.
 */
export function fencedDeadline(call: FencedCall, ctx: Pick<LifecycleContext, 'deadline' | 'times' | 'fence' | 'runtime'>): number {
  const now = ctx.runtime.now();
  if (now >= ctx.times.createFence) {
    const words = FENCED_CALLS[call];
    const age = Math.round((now - ctx.times.issuedAt) / 1000);
    throw new LifecycleFailure(`This request reached the ${words.reached} ${age} s after CloudFormation issued it, past the ${Math.round(ctx.fence.createWindowMs / 1000)} s `
      + `within which an invitation may be ${words.done}, so that a late delivery never ${words.does} one the stack has moved past: nothing was ${words.done}. Deploy again.`);
  }
  return Math.min(ctx.deadline, ctx.times.createFence);
}
