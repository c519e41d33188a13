/**
 * The failure of an invitation's create: a Create whose outcome is unknown answers the
 * unconfirmed marker of its create window (the physical id then says so), an Update whose new
 * invitation may exist says what cancels it. The reason itself is `../common/failure.ts`'s.
 */
import { unconfirmedMarker } from './physical-id';
import { ConfigError } from '../api/errors';
import { failureOf } from '../common/failure';
import { createWindowOf } from '../common/fence';
import { failed } from '../common/outcome';
import type { LifecycleContext, Outcome } from '../types';

/**
 * The failure of a create (of a Create, or of an Update that sends a new invitation).
 *
 * A failed Create answers with the unconfirmed marker of its request's create window, whatever
 * the error but the function's configuration (no credentials, no endpoint): another delivery of the same request may have sent the invitation (a duplicate
 * delivery running beside this one, an attempt whose answer was lost), and the Delete that
 * CloudFormation sends next sweeps that window. Every delivery of one request computes the same
 * window. An Update keeps its id. When a create may have been processed without its answer
 * (the reason then says so), the invitation may exist: the Delete or the rollback cancels it.
 */
export function createFailureOf(e: unknown, failureId: string, isCreate: boolean, ctx: LifecycleContext): Outcome {
  const base = failureOf(e, failureId);
  // The function's own configuration is the same for every delivery: none of them could send.
  if (e instanceof ConfigError) return base;
  if (isCreate) {
    const w = createWindowOf(ctx.times, ctx.fence);
    const note = ctx.progress.createMayExist ? ' The invitation may have been created: the Delete that follows this failure cancels it.' : '';
    return failed(unconfirmedMarker(w.from, w.to), `${base.reason ?? ''}${note}`);
  }
  return ctx.progress.createMayExist
    ? failed(failureId, `${base.reason ?? ''} ${UPDATE_MAY_HAVE_CREATED}`)
    : base;
}

/**
 * What a failed Update whose new invitation may exist says: the rollback cancels it, and without
 * a rollback (`--no-rollback`) nothing does until the properties are deployed again (window F of
 * lambda/README.md).
 */
export const UPDATE_MAY_HAVE_CREATED = 'The new invitation may have been created: the rollback cancels it. '
  + 'With rollback disabled, deploying these properties again adopts it (no second e-mail); '
  + 'deleting the stack instead leaves it pending: cancel it in Partner Central.';
