/**
 * The sweep: cancel the pending invitation of known properties that a request may have created
 * without the resource holding it (a Create or an Update whose outcome nobody confirmed, or a
 * delivery of it that ran beside the one CloudFormation listened to). See `decide-sweep.ts` for
 * what counts as this resource's, and `fence.ts` for why waiting until the window has settled
 * makes the sweep complete.
 */
import { deriveCancelToken } from './client-token';
import { isSweepCandidate, provesOurs, type Window } from './decide-sweep';
import { cancelPending, getOrUndefined } from './invitations';
import { LIST_MAX_RESULTS } from '../../src/api-constraints';
import { settledAfter } from '../common/fence';
import type { CfnRequestBase, InvitationFields, LifecycleContext } from '../types';

/** Pages of 100 read at most: far beyond the service's 1,000 open invitations. */
const MAX_PAGES = 50;

/**
 * Lists, reads and cancels, once; returns how many invitations it canceled.
 *
 * @param keep ids the resource holds: never canceled here
 */
export async function sweepOnce(
  req: CfnRequestBase, ctx: LifecycleContext, fields: InvitationFields, window: Window, keep: ReadonlySet<string>,
): Promise<number> {
  let canceled = 0;
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await ctx.api.listConnectionInvitations({
      Catalog: fields.Catalog,
      NextToken: nextToken,
      ConnectionType: fields.ConnectionType,
      MaxResults: LIST_MAX_RESULTS,
      OtherParticipantIdentifiers: [fields.ReceiverIdentifier],
      ParticipantType: 'SENDER',
      Status: 'PENDING',
    }, ctx.deadline);
    for (const s of page.summaries) {
      if (!isSweepCandidate(s, fields, window, keep)) continue;
      const inv = await getOrUndefined(ctx, fields.Catalog, s.Id);
      if (!inv || !provesOurs(inv, fields, window)) continue;
      await cancelPending(ctx, fields.Catalog, s.Id, deriveCancelToken(req.StackId, req.LogicalResourceId, s.Id), req.RequestType === 'Delete' ? 'delete' : 'update');
      canceled++;
    }
    nextToken = page.nextToken;
    pages++;
  } while (nextToken && pages < MAX_PAGES);
  return canceled;
}

/**
 * Sweeps until nothing more can appear: once now, and again once the window has settled (see
 * {@link sweepWhenSettled}), whatever the first sweep canceled. A first cancel does not end it:
 * what it canceled may be another owner's invitation with the same words (window A in
 * lambda/README.md), after which a late delivery of the failed request, no longer refused by
 * the one pending invitation per receiver, can still send this resource's own.
 *
 * @returns whether the window had settled when the last sweep ran
 */
export async function sweepUntilSettled(
  req: CfnRequestBase, ctx: LifecycleContext, fields: InvitationFields, window: Window, keep: ReadonlySet<string>,
): Promise<boolean> {
  await sweepOnce(req, ctx, fields, window, keep);
  if (ctx.runtime.now() >= settledAfter(window.to, ctx.fence)) return true;
  return sweepWhenSettled(req, ctx, fields, window, keep);
}

/**
 * Waits until the window has settled (a create may still be sent by a delivery that runs late,
 * or not be listed yet), as far as the time budget allows, then sweeps once.
 *
 * @returns whether the window had settled when the sweep ran
 */
export async function sweepWhenSettled(
  req: CfnRequestBase, ctx: LifecycleContext, fields: InvitationFields, window: Window, keep: ReadonlySet<string>,
): Promise<boolean> {
  const settled = settledAfter(window.to, ctx.fence);
  const now = ctx.runtime.now();
  if (now < settled) {
    // Keep time for the sweep itself: a third of what is left, at most 10 s.
    const reserve = Math.min(10_000, (ctx.deadline - now) / 3);
    const wake = Math.min(settled, ctx.deadline - reserve);
    if (wake > now) await ctx.runtime.sleep(wake - now);
  }
  await sweepOnce(req, ctx, fields, window, keep);
  return ctx.runtime.now() >= settled;
}
