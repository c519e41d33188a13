/**
 * Delete: plan from the physical id with {@link planDelete}, then cancel the invitation while
 * it is pending, or the invitations an unconfirmed create may have made. No connection is ever
 * canceled.
 */
import { deriveCancelToken } from './client-token';
import { cancelsOnDelete, isUnconfirmedCandidate, planDelete } from './decide-delete';
import { failureOf } from './failure';
import { cancelPending, getOrUndefined } from './invitations';
import { failed } from './outcome';
import { readProperties } from './properties';
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
 * The Delete that follows a Create whose outcome was unknown: cancel the pending invitations
 * this account sent to the same receiver, catalog and connection type during the time window
 * of that Create's attempts (plus the skew allowance); see {@link isUnconfirmedCandidate}.
 */
async function cleanUpUnconfirmed(req: CfnDeleteRequest, window: { from: number; to: number }, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const read = readProperties(req.ResourceProperties);
  // Invalid properties could not have been sent, so nothing can have been created.
  if (!read.ok) return { status: 'SUCCESS', physicalResourceId: phys };
  const { fields } = read.props;
  const fromMs = (window.from - ctx.skewAllowanceSeconds) * 1000;
  const toMs = (window.to + ctx.skewAllowanceSeconds) * 1000;
  try {
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ctx.api.listConnectionInvitations({
        Catalog: fields.Catalog,
        NextToken: nextToken,
        ConnectionType: fields.ConnectionType,
        MaxResults: 100,
        OtherParticipantIdentifiers: [fields.ReceiverIdentifier],
        ParticipantType: 'SENDER',
        Status: 'PENDING',
      }, ctx.deadline);
      for (const s of page.summaries) {
        if (!isUnconfirmedCandidate(s, fields, fromMs, toMs)) continue;
        await cancelPending(ctx, fields.Catalog, s.Id, deriveCancelToken(req.StackId, req.LogicalResourceId, s.Id), 'delete');
      }
      nextToken = page.nextToken;
      pages++;
    } while (nextToken && pages < 50);
    return { status: 'SUCCESS', physicalResourceId: phys };
  } catch (e) {
    return failureOf(e, phys);
  }
}
