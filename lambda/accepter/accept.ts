/**
 * The API actions of an accepter: find the invitation a sender sent (waiting a bounded time for
 * it to appear), accept the named invitation idempotently or adopt it when it is already
 * accepted, and read its connection. Thin: what they decide comes from `decide-create.ts`; what
 * goes wrong is thrown for `../lifecycle/failure.ts` to describe.
 */
import { decideCandidates, decideInvitation } from './decide-create';
import type { AccepterProps } from './properties';
import { ApiError } from '../api/errors';
import { deriveAcceptToken } from '../lifecycle/client-token';
import { LifecycleFailure } from '../lifecycle/failure';
import { isInvitationGone } from '../lifecycle/reasons';
import type { AccepterContext, CfnRequestBase, Connection, Invitation } from '../types';

/** The most invitations from one sender the accepter reads (pages of 100). */
export const MAX_LISTED = 1000;

/** How often the accepter looks for a sender's invitation while it waits: a tenth of the wait, 100 ms to 2 s. */
export function pollIntervalMs(waitMs: number): number {
  return Math.min(2_000, Math.max(100, Math.floor(waitMs / 10)));
}

/** The share of the remaining budget a wait may use: the rest is for reading and accepting. */
const WAIT_SHARE = 0.5;

/** The accepted invitation and its connection. */
export interface Acceptance {
  readonly invitation: Invitation;
  readonly connection: Connection;
}

/** Accepts the invitation of the properties (or adopts it when it is already accepted). */
export async function acceptTarget(req: CfnRequestBase, props: AccepterProps, ctx: AccepterContext): Promise<Acceptance> {
  const id = props.target.by === 'id' ? props.target.id : await findFromSender(req, props, ctx);
  return acceptNamed(req, props.catalog, id, props.target.by === 'id' ? props.connectionType : props.target.connectionType, ctx);
}

/**
 * Accepts one invitation by id: reads it as this account, then accepts it with the token of
 * this stack, resource and invitation (a redelivery replays the first accept), or adopts it when
 * it is already ACCEPTED; an accept refused because the invitation stopped being PENDING
 * meanwhile reads it again and decides again.
 */
export async function acceptNamed(
  req: CfnRequestBase, catalog: string, id: string, expectedType: string | undefined, ctx: AccepterContext,
): Promise<Acceptance> {
  let inv = await getInvitation(ctx, catalog, id);
  let step = decideInvitation(inv, expectedType);
  if (step.next === 'accept') {
    try {
      const token = deriveAcceptToken(req.StackId, req.LogicalResourceId, id);
      const connection = await ctx.api.acceptConnectionInvitation(catalog, id, token, ctx.deadline);
      return { invitation: await getInvitation(ctx, catalog, id), connection };
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409 && e.reason === 'INCOMPATIBLE_CONNECTION_INVITATION_STATE')) throw e;
      inv = await getInvitation(ctx, catalog, id);
      step = decideInvitation(inv, expectedType);
    }
  }
  if (step.next === 'fail') throw new LifecycleFailure(step.reason);
  if (step.next === 'accept') throw new LifecycleFailure(`Invitation ${id} is PENDING but the service refused to accept it as not pending: deploy again.`);
  return { invitation: inv, connection: await ctx.api.getConnection(catalog, step.connectionId, ctx.deadline) };
}

async function getInvitation(ctx: AccepterContext, catalog: string, id: string): Promise<Invitation> {
  try {
    return await ctx.api.getConnectionInvitation(catalog, id, ctx.deadline);
  } catch (e) {
    if (isInvitationGone(e)) {
      throw new LifecycleFailure(`Invitation ${id} was not found in catalog ${catalog} as this account sees it: check the id, deploy the sender's stack first, and deploy the accepter in the receiver's account.`);
    }
    throw e;
  }
}

/**
 * The id of the one PENDING invitation of the connection type this account received from the
 * sender, looking again until the wait (bounded by half of the remaining budget) is over. An
 * ACCEPTED one whose accept replays with this resource's token is one an earlier delivery of
 * this request accepted: it is the answer.
 */
async function findFromSender(req: CfnRequestBase, props: AccepterProps, ctx: AccepterContext): Promise<string> {
  if (props.target.by !== 'sender') throw new Error('findFromSender needs a sender');
  const { sender, connectionType } = props.target;
  const started = ctx.runtime.now();
  const waitUntil = started + Math.min(props.waitMs, Math.max(0, (ctx.deadline - started) * WAIT_SHARE));
  const tried = new Set<string>();
  for (;;) {
    const received = await listFromSender(ctx, props.catalog, sender, connectionType);
    for (const inv of received) {
      const id = String(inv.Id);
      if (inv.Status !== 'ACCEPTED' || tried.has(id)) continue;
      tried.add(id);
      if (await acceptReplays(req, props.catalog, id, ctx)) return id;
    }
    const now = ctx.runtime.now();
    const pending = received.filter((i) => i.Status === 'PENDING').map((i) => String(i.Id));
    const step = decideCandidates(pending, sender, connectionType, now >= waitUntil, now - started);
    if (step.next === 'use') return step.id;
    if (step.next === 'fail') throw new LifecycleFailure(step.reason);
    await ctx.runtime.sleep(Math.min(pollIntervalMs(props.waitMs), waitUntil - now));
  }
}

/** Whether this resource's accept token replays for an invitation: then this resource accepted it. */
async function acceptReplays(req: CfnRequestBase, catalog: string, id: string, ctx: AccepterContext): Promise<boolean> {
  try {
    await ctx.api.acceptConnectionInvitation(catalog, id, deriveAcceptToken(req.StackId, req.LogicalResourceId, id), ctx.deadline);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) return false;
    throw e;
  }
}

/** Every invitation of the type this account received from the sender (all pages, at most MAX_LISTED). */
async function listFromSender(ctx: AccepterContext, catalog: string, sender: string, connectionType: string): Promise<Invitation[]> {
  const out: Invitation[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.api.listConnectionInvitations({
      Catalog: catalog, ParticipantType: 'RECEIVER', ConnectionType: connectionType, OtherParticipantIdentifiers: [sender], MaxResults: 100, NextToken: nextToken,
    }, ctx.deadline);
    for (const s of page.summaries) {
      if (s.ParticipantType === 'RECEIVER' && s.ConnectionType === connectionType && s.OtherParticipantIdentifier === sender) out.push(s);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && out.length < MAX_LISTED);
  return out;
}
