/**
 * The API actions the lifecycle takes, shared by Create, Update and Delete: create an
 * invitation idempotently (never after the request's create fence), read one, cancel a pending
 * one. Thin: what they decide comes from `decide-create.ts` and `fence.ts`; what goes wrong is
 * thrown for `failure.ts` to describe.
 */
import { deriveCancelToken, deriveCreateToken } from './client-token';
import { afterCreate, isDuplicateRefusal } from './decide-create';
import { ApiError, ConfigError, hasReason, RetriesExhaustedError, unlessNotFound } from '../api/errors';
import { LifecycleFailure } from '../common/failure';
import { endedBefore } from '../common/fence';
import { fencedDeadline } from '../common/fenced-call';
import { INVITATION_GONE_REASON, isInvitationGone } from '../common/reasons';
import { inFlightDelay } from '../retry';
import type { CfnRequestBase, CreateInput, Invitation, InvitationProperties, LifecycleContext } from '../types';

/** The pending invitation a new one replaces, to cancel first if the service refuses two. */
export interface Replaced {
  /** Its catalog. */
  readonly catalog: string;
  /** Its id. */
  readonly id: string;
}

/**
 * The invitation a same-receiver change was to replace was accepted meanwhile: its cancel found
 * it ACCEPTED (nothing was sent), or the create went through because it was no longer pending
 * and a read after the create found it ACCEPTED (the new invitation, already e-mailed, was
 * canceled). The Update keeps it.
 */
export class AcceptedMeanwhile extends Error {
  constructor(public readonly invitation: Invitation) {
    super(`Invitation ${String(invitation.Id)} was accepted meanwhile`);
    this.name = 'AcceptedMeanwhile';
  }
}

/**
 * Creates an invitation for the properties, idempotently.
 *
 * The token is the user's, or derived from the stack, the resource and the input. When a
 * derived token names an invitation that was canceled or has expired before this request was
 * issued (the same input was used before in this stack), the create is repeated with the token
 * salted with that invitation's id, and so on while the answer is stale (see
 * {@link afterCreate}). The chain depends only on the stack, the resource, the input and the
 * service's state, so every later request with the same input (a redelivery, a rollback) finds
 * the same live invitation; each hop to an existing link returns that invitation and sends
 * nothing. No create is sent after the request's create fence.
 *
 * @param replace the pending invitation this one replaces: canceled first only if the service
 *   refuses the create because of it (DUPLICATE_CONNECTION_INVITATION); when that cancel finds
 *   it accepted, {@link AcceptedMeanwhile} is thrown and nothing is sent. When the create is not
 *   refused, the replaced invitation is read again: if it was accepted meanwhile (the create went
 *   through because it was no longer pending), the new invitation is canceled and
 *   {@link AcceptedMeanwhile} is thrown; its e-mail was sent (window G in lambda/README.md)
 * @param knownEnded whether an invitation is known to have ended before this request was issued,
 *   whatever the slack around its `UpdatedAt` says (it ended before the invitation the request
 *   names was created; a rollback's original that the failed Update canceled): a derived token
 *   that names one, no longer pending, moves on to the next salted token
 */
export async function createInvitation(
  req: CfnRequestBase, props: InvitationProperties, ctx: LifecycleContext, replace?: Replaced, knownEnded: (inv: Invitation) => boolean = () => false,
): Promise<Invitation> {
  let replaced = false;
  const derived = props.clientToken === undefined;
  const createOnce = async (clientToken: string): Promise<Invitation> => {
    const input = { ...props.fields, ClientToken: clientToken };
    try {
      return await createFenced(ctx, input, derived);
    } catch (e) {
      if (replace && !replaced && isDuplicateRefusal(e)) {
        replaced = true;
        const after = await cancelPending(ctx, replace.catalog, replace.id, deriveCancelToken(req.StackId, req.LogicalResourceId, replace.id), 'update');
        if (after?.Status === 'ACCEPTED') throw new AcceptedMeanwhile(after);
        return createFenced(ctx, input, derived);
      }
      throw e;
    }
  };
  const userToken = props.clientToken;
  let inv = await createOnce(userToken ?? deriveCreateToken(req.StackId, req.LogicalResourceId, props.fields));
  for (let hops = 0; ; hops++) {
    const ended = endedBefore(inv, ctx.times.issuedAt, ctx.fence) || (inv.Status !== 'PENDING' && knownEnded(inv));
    const step = afterCreate(inv, userToken, hops, ended);
    if (step.next === 'done') return replace && !replaced ? keepIfAcceptedMeanwhile(req, ctx, replace, inv, props.fields.Catalog) : inv;
    if (step.next === 'fail') throw new LifecycleFailure(step.reason);
    inv = await createOnce(deriveCreateToken(req.StackId, req.LogicalResourceId, props.fields, step.salt));
  }
}

/**
 * After a same-receiver create that the service did not refuse: the replaced invitation is read
 * again, and when it was accepted meanwhile (the partner accepted between the Update's read and
 * its create, so the one-pending-per-receiver rule no longer refused the create), the new
 * invitation is canceled and the accepted one kept ({@link AcceptedMeanwhile}).
 */
async function keepIfAcceptedMeanwhile(
  req: CfnRequestBase, ctx: LifecycleContext, replace: Replaced, inv: Invitation, catalog: string,
): Promise<Invitation> {
  if (inv.Id === replace.id) return inv;
  const before = await getOrUndefined(ctx, replace.catalog, replace.id);
  if (before?.Status !== 'ACCEPTED') return inv;
  if (inv.Status === 'PENDING' && typeof inv.Id === 'string') {
    await cancelPending(ctx, catalog, inv.Id, deriveCancelToken(req.StackId, req.LogicalResourceId, inv.Id), 'update');
  }
  throw new AcceptedMeanwhile(before);
}

/**
 * One CreateConnectionInvitation, never after the create fence, its attempts ending by it.
 *
 * A derived token is a hash of the input, so the service's CONFLICT_CLIENT_TOKEN can only mean
 * that the same create is still in flight (another delivery of the request, or an attempt whose
 * answer was lost): it is tried again after 1, 2 and 4 s, within the fence ({@link inFlightDelay}),
 * and then answers the invitation that create made.
 */
async function createFenced(ctx: LifecycleContext, input: CreateInput, derived: boolean): Promise<Invitation> {
  for (let retry = 0; ; retry++) {
    try {
      return await createOnceFenced(ctx, input);
    } catch (e) {
      const inFlight = derived && hasReason(e, 409, 'CONFLICT_CLIENT_TOKEN');
      const left = ctx.times.createFence - ctx.runtime.now();
      const delay = inFlight ? inFlightDelay(retry, left) : undefined;
      if (delay === undefined) throw e;
      ctx.progress.createMayExist = true;
      await ctx.runtime.sleep(delay);
    }
  }
}

async function createOnceFenced(ctx: LifecycleContext, input: CreateInput): Promise<Invitation> {
  const deadline = fencedDeadline('create', ctx);
  ctx.progress.createSent = true;
  try {
    return await ctx.api.createConnectionInvitation(input, deadline);
  } catch (e) {
    // Anything but a refusal of every attempt leaves room for an invitation made meanwhile.
    const refused = e instanceof ApiError && !e.mayHaveSucceeded && e.status < 500;
    const exhaustedUnprocessed = e instanceof RetriesExhaustedError && !e.mayHaveSucceeded;
    if (!refused && !exhaustedUnprocessed && !(e instanceof ConfigError)) ctx.progress.createMayExist = true;
    throw e;
  }
}

/** Reads an invitation; undefined when it does not exist (404 CONNECTION_INVITATION_NOT_FOUND only). */
export async function getOrUndefined(ctx: LifecycleContext, catalog: string, id: string): Promise<Invitation | undefined> {
  return unlessNotFound(INVITATION_GONE_REASON, () => ctx.api.getConnectionInvitation(catalog, id, ctx.deadline));
}

/**
 * Cancels a pending invitation and tells what it is now: the cancel's answer, undefined when
 * it is gone (404 CONNECTION_INVITATION_NOT_FOUND; any other 404 fails), or, after a conflict (409), the invitation read again. A conflict is fine
 * only when the invitation was answered meanwhile: when it is gone or no longer PENDING the
 * cancel has nothing left to do; when it is still PENDING (the conflict was about something
 * else, e.g. the ClientToken), this fails instead of leaving a pending invitation behind without
 * a resource that owns it.
 *
 * @param request the request type the reason asks to retry ('delete' or 'update')
 */
export async function cancelPending(
  ctx: LifecycleContext, catalog: string, id: string, clientToken: string, request: 'delete' | 'update',
): Promise<Invitation | undefined> {
  try {
    return await ctx.api.cancelConnectionInvitation(catalog, id, clientToken, ctx.deadline);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (isInvitationGone(e)) return undefined;
    if (e.status !== 409) throw e;
    const now = await getOrUndefined(ctx, catalog, id);
    if (!now || now.Status !== 'PENDING') return now;
    throw new LifecycleFailure(`${e.message.replace(/\.$/, '')}. Invitation ${id} is still PENDING and was not canceled: `
      + `cancel it in Partner Central, or retry the ${request}.`);
  }
}
