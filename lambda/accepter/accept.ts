/**
 * The API actions of an accepter: find the invitation a sender sent (waiting a bounded time for
 * it to appear), accept the named invitation idempotently and never after the create fence, or
 * adopt it when it is already accepted and its connection type ACTIVE, and read its connection. Thin: what they decide comes from `decide-create.ts`; what
 * goes wrong is thrown for `../common/failure.ts` to describe.
 */
import { acceptanceOf, type CurrentAcceptance, decideCandidates, decideInvitation, lastAccepted, refuseAdoption } from './decide-create';
import type { AccepterProps } from './properties';
import { pollIntervalMs, waitEnd } from './wait';
import { LIST_MAX_RESULTS } from '../../src/api-constraints';
import { hasReason, unlessNotFound } from '../api/errors';
import { timestampMs } from '../json';
import { deriveAcceptToken } from './client-token';
import { LifecycleFailure } from '../common/failure';
import { createWindowOf } from '../common/fence';
import { fencedDeadline } from '../common/fenced-call';
import { isInvitationGone } from '../common/reasons';
import type { AccepterContext, CfnRequestBase, Connection, Invitation } from '../types';

/** The most invitations from one sender the accepter reads (pages of 100). */
export const MAX_LISTED = 1000;

/** The accepted invitation and its connection. */
export interface Acceptance {
  readonly invitation: Invitation;
  readonly connection: Connection;
}

/** How an invitation named by id is accepted. */
export interface AcceptOptions {
  /** How long to wait for it to become visible (ms); 0: fail at once when it is not found. */
  readonly waitMs: number;
  /**
   * `accept`: a Create, or an Update to another invitation (an ACCEPTED one is adopted only while
   * its connection type is ACTIVE); `reread`: an Update naming the invitation it accepted already.
   */
  readonly purpose: 'accept' | 'reread';
}

/** Accepts the invitation of the properties (or adopts it when it is already accepted). */
export async function acceptTarget(req: CfnRequestBase, props: AccepterProps, ctx: AccepterContext): Promise<Acceptance> {
  if (props.target.by === 'id') return acceptNamed(req, props.catalog, props.target.id, props.connectionType, ctx, { waitMs: props.waitMs, purpose: 'accept' });
  const id = await findFromSender(props, ctx);
  return acceptNamed(req, props.catalog, id, props.target.connectionType, ctx, { waitMs: 0, purpose: 'accept' });
}

/**
 * Accepts one invitation by id: reads it as this account (waiting a bounded time for it to
 * become visible), then accepts it with the token of this stack, resource and invitation (a
 * redelivery replays the first accept), never after the request's create fence; or adopts it when
 * it is already ACCEPTED. An accept refused because the invitation stopped being PENDING
 * meanwhile reads it again and decides again.
 */
export async function acceptNamed(
  req: CfnRequestBase, catalog: string, id: string, expectedType: string | undefined, ctx: AccepterContext, options: AcceptOptions,
): Promise<Acceptance> {
  let inv = await getInvitation(ctx, catalog, id, options);
  let step = decideInvitation(inv, expectedType);
  if (step.next === 'accept') {
    try {
      return { connection: await acceptFenced(req, catalog, id, ctx), invitation: await getInvitation(ctx, catalog, id, { ...options, waitMs: 0 }) };
    } catch (e) {
      if (!hasReason(e, 409, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE')) throw e;
      inv = await getInvitation(ctx, catalog, id, { ...options, waitMs: 0 });
      step = decideInvitation(inv, expectedType);
    }
  }
  if (step.next === 'fail') throw new LifecycleFailure(step.reason);
  if (step.next === 'accept') throw new LifecycleFailure(`Invitation ${id} is PENDING but the service refused to accept it as not pending: deploy again.`);
  const connection = await ctx.api.getConnection(catalog, step.connectionId, ctx.deadline);
  const refusal = options.purpose === 'accept' ? refuseAdoption(inv, connection) : undefined;
  if (refusal !== undefined) throw new LifecycleFailure(refusal);
  return { invitation: inv, connection };
}

/**
 * One AcceptConnectionInvitation, never after the request's create fence (the invitations'
 * 60 s window from CloudFormation's issue of the request), its attempts ending by it: a Create
 * delivered late, after the stack has moved past it, accepts nothing.
 */
async function acceptFenced(req: CfnRequestBase, catalog: string, id: string, ctx: AccepterContext): Promise<Connection> {
  const deadline = fencedDeadline('accept', ctx);
  const token = deriveAcceptToken(req.StackId, req.LogicalResourceId, id);
  return ctx.api.acceptConnectionInvitation(catalog, id, token, deadline);
}

/**
 * Reads an invitation as this account; while it is not found, looks again until the wait is
 * over (bounded by `waitEnd` of `wait.ts`), for an invitation the sender just sent that is not visible yet.
 */
async function getInvitation(ctx: AccepterContext, catalog: string, id: string, options: AcceptOptions): Promise<Invitation> {
  const started = ctx.runtime.now();
  const until = waitEnd(started, options.waitMs, ctx.deadline, ctx.times.createFence).until;
  for (;;) {
    try {
      return await ctx.api.getConnectionInvitation(catalog, id, ctx.deadline);
    } catch (e) {
      if (!isInvitationGone(e)) throw e;
      const now = ctx.runtime.now();
      if (now < until) {
        await ctx.runtime.sleep(Math.min(pollIntervalMs(options.waitMs), until - now));
        continue;
      }
      if (options.purpose === 'reread') {
        throw new LifecycleFailure(`Invitation ${id}, which this accepter accepted, can no longer be read in catalog ${catalog} (the service no longer returns it), `
          + 'so its connection cannot be read either: nothing was changed, the connection stays as it is. Its Delete cannot cancel it any more: '
          + 'cancel it in Partner Central if that is what you meant.');
      }
      const waited = Math.round((now - started) / 1000);
      throw new LifecycleFailure(`Invitation ${id} was not found in catalog ${catalog} as this account sees it${waited > 0 ? ` (waited ${waited} s)` : ''}: `
        + 'check the id, deploy the sender\'s stack first, and deploy the accepter in the receiver\'s account.');
    }
  }
}

/**
 * The id of the invitation of the connection type this account received from the sender: see
 * `decideCandidates`, looking again until the wait (bounded by `waitEnd` of `wait.ts`) is over. Which
 * ACCEPTED one holds the ACTIVE connection type is read from the connection (one GetConnection
 * for the one accepted last), never by probing accepts on invitations others accepted.
 */
async function findFromSender(props: AccepterProps, ctx: AccepterContext): Promise<string> {
  if (props.target.by !== 'sender') throw new Error('findFromSender needs a sender');
  const { sender, connectionType } = props.target;
  const started = ctx.runtime.now();
  const wait = waitEnd(started, props.waitMs, ctx.deadline, ctx.times.createFence);
  const window = createWindowOf(ctx.times, ctx.fence);
  const known = new Map<string, CurrentAcceptance | undefined>();
  for (;;) {
    const received = await listFromSender(ctx, props.catalog, sender, connectionType);
    const accepted = received.filter((i) => i.Status === 'ACCEPTED');
    const current = await currentAcceptance(ctx, props.catalog, connectionType, accepted, known);
    const now = ctx.runtime.now();
    const pendingIds = received.filter((i) => i.Status === 'PENDING').map((i) => String(i.Id));
    const step = decideCandidates({ pendingIds, current, acceptedCount: accepted.length }, {
      sender, connectionType, waitedOut: now >= wait.until, waitedMs: now - started, waitCut: wait.cut, window,
    });
    if (step.next === 'use' || step.next === 'adopt') return step.id;
    if (step.next === 'fail') throw new LifecycleFailure(step.reason);
    await ctx.runtime.sleep(Math.min(pollIntervalMs(props.waitMs), wait.until - now));
  }
}

/**
 * The ACCEPTED invitation that holds the ACTIVE entry of the connection type (`lastAccepted` and
 * `acceptanceOf` of `decide-create.ts`): the one accepted last, read in full when its summary
 * names no connection, and its connection read once per invitation.
 */
async function currentAcceptance(
  ctx: AccepterContext, catalog: string, type: string, accepted: readonly Invitation[], known: Map<string, CurrentAcceptance | undefined>,
): Promise<CurrentAcceptance | undefined> {
  const last = lastAccepted(accepted);
  if (last === undefined) return undefined;
  const id = String(last.Id);
  if (known.has(id)) return known.get(id);
  const inv = typeof last.ConnectionId === 'string' ? last : await ctx.api.getConnectionInvitation(catalog, id, ctx.deadline);
  let out: CurrentAcceptance | undefined;
  if (typeof inv.ConnectionId === 'string' && timestampMs(inv.UpdatedAt) !== undefined) {
    out = acceptanceOf(inv, await connectionOrUndefined(ctx, catalog, inv.ConnectionId), type, ctx.fence.orderSlackMs);
  }
  known.set(id, out);
  return out;
}

/** A connection, or undefined when it does not exist (404 CONNECTION_NOT_FOUND only). */
export async function connectionOrUndefined(ctx: AccepterContext, catalog: string, id: string): Promise<Connection | undefined> {
  return unlessNotFound('CONNECTION_NOT_FOUND', () => ctx.api.getConnection(catalog, id, ctx.deadline));
}

/** Every invitation of the type this account received from the sender (all pages, at most MAX_LISTED). */
async function listFromSender(ctx: AccepterContext, catalog: string, sender: string, connectionType: string): Promise<Invitation[]> {
  const out: Invitation[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.api.listConnectionInvitations({
      Catalog: catalog, ParticipantType: 'RECEIVER', ConnectionType: connectionType, OtherParticipantIdentifiers: [sender], MaxResults: LIST_MAX_RESULTS, NextToken: nextToken,
    }, ctx.deadline);
    for (const s of page.summaries) {
      if (s.ParticipantType === 'RECEIVER' && s.ConnectionType === connectionType && s.OtherParticipantIdentifier === sender) out.push(s);
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined && out.length < MAX_LISTED);
  return out;
}
