/**
 * Delete: plan from the physical id with {@link planDelete}, then cancel the invitation while
 * it is pending, or the invitations an unconfirmed create may have made. No connection is ever
 * canceled.
 */
import { deriveCancelToken } from './client-token';
import { cancelsOnDelete, planDelete } from './decide-delete';
import { cancelPending, getOrUndefined } from './invitations';
import { readProperties } from './properties';
import { sweepUntilSettled } from './sweep';
import { failureOf } from '../common/failure';
import { failed } from '../common/outcome';
import type { CfnDeleteRequest, LifecycleContext, Outcome } from '../types';

/** Handles Delete: cancel a pending invitation, leave any other state alone. */
export async function onDelete(req: CfnDeleteRequest, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const plan = planDelete(phys, req.ResourceProperties.Catalog);
  switch (plan.action) {
    case 'clean-up-unconfirmed': return cleanUpUnconfirmed(req, plan.window, ctx);
    case 'nothing': return { status: 'SUCCESS', physicalResourceId: phys };
    case 'fail': return failed(phys, plan.reason);
    case 'read': break;
  }
  try {
    const inv = await getOrUndefined(ctx, plan.catalog, phys);
    if (cancelsOnDelete(inv)) {
      await cancelPending(ctx, plan.catalog, phys, deriveCancelToken(req.StackId, req.LogicalResourceId, phys), 'delete');
    }
    return { status: 'SUCCESS', physicalResourceId: phys };
  } catch (e) {
    return failureOf(e, phys);
  }
}

/**
 * The Delete that follows a failed Create: cancel the pending invitation that any delivery of
 * that Create may have sent, to the same receiver, catalog and connection type, with the same
 * message, created within the marker's window (widened by the clock slack), after waiting until
 * the window has settled (see `sweep.ts`).
 */
async function cleanUpUnconfirmed(req: CfnDeleteRequest, window: { from: number; to: number }, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const read = readProperties(req.ResourceProperties);
  // Invalid properties could not have been sent, so nothing can have been created.
  if (!read.ok) return { status: 'SUCCESS', physicalResourceId: phys };
  const slack = ctx.fence.orderSlackMs;
  try {
    await sweepUntilSettled(req, ctx, read.props.fields, { from: window.from * 1000 - slack, to: window.to * 1000 + slack }, new Set());
    return { status: 'SUCCESS', physicalResourceId: phys };
  } catch (e) {
    return failureOf(e, phys);
  }
}
