/**
 * An accepter's Delete: by default nothing (the connection stays, and the answer says so). With
 * CancelOnDelete, cancel the one connection type this resource's invitation made, while it is
 * ACTIVE and still that acceptance (see `decide-delete.ts`); never anything on a physical id that
 * is not an invitation id.
 */
import { connectionOrUndefined } from './accept';
import { deriveCancelConnectionToken } from './client-token';
import { decideCancel, NOT_CANCELED_GONE, planAccepterDelete } from './decide-delete';
import { accepterFailureOf } from './failure';
import { readAccepterProperties } from './properties';
import { hasReason } from '../api/errors';
import { failed } from '../common/outcome';
import { isInvitationGone } from '../common/reasons';
import type { AccepterContext, CfnDeleteRequest, Outcome } from '../types';

/**
 * Handles an accepter's Delete.
 *
 * @param note writes one log line of a decision (fixed words, no values of the request)
 */
export async function onAccepterDelete(req: CfnDeleteRequest, ctx: AccepterContext, note: (what: string, why: string) => void): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const read = readAccepterProperties(req.ResourceProperties);
  const cancels = read.ok && read.props.cancelReason !== undefined;
  const plan = planAccepterDelete(phys, cancels);
  if (plan.action === 'nothing') return { status: 'SUCCESS', physicalResourceId: phys, ...(plan.reason ? { reason: plan.reason } : {}) };
  if (!read.ok || read.props.cancelReason === undefined) return failed(phys, 'Internal error of the handler: a cancel without its reason');
  const { catalog, cancelReason } = read.props;
  try {
    let inv;
    try {
      inv = await ctx.api.getConnectionInvitation(catalog, plan.invitationId, ctx.deadline);
    } catch (e) {
      if (isInvitationGone(e)) {
        // Nothing tells which connection this invitation made any more: the cancel asked for cannot be done, and the answer says so.
        note('connection not canceled', 'the accepted invitation can no longer be read');
        return { status: 'SUCCESS', physicalResourceId: phys, reason: NOT_CANCELED_GONE };
      }
      throw e;
    }
    const connection = typeof inv.ConnectionId === 'string' ? await connectionOrUndefined(ctx, catalog, inv.ConnectionId) : undefined;
    const step = decideCancel(inv, connection, ctx.fence.orderSlackMs);
    if (!step.cancel) {
      note('connection not canceled', step.why);
      return { status: 'SUCCESS', physicalResourceId: phys };
    }
    const token = deriveCancelConnectionToken(req.StackId, req.LogicalResourceId, step.connectionId, step.connectionType);
    try {
      await ctx.api.cancelConnection(catalog, step.connectionId, step.connectionType, cancelReason, token, ctx.deadline);
    } catch (e) {
      // Canceled meanwhile (by the other side, or by an earlier delivery whose answer was lost): done.
      if (!hasReason(e, 409, 'INCOMPATIBLE_CONNECTION_STATE')) throw e;
      const again = await connectionOrUndefined(ctx, catalog, step.connectionId);
      if (decideCancel(inv, again, ctx.fence.orderSlackMs).cancel) throw e;
    }
    return { status: 'SUCCESS', physicalResourceId: phys };
  } catch (e) {
    return accepterFailureOf(e, phys);
  }
}
