/**
 * The API actions the lifecycle takes, shared by Create, Update and Delete: create an
 * invitation idempotently, read one, cancel a pending one. Thin: what they decide comes from
 * `decide-create.ts`; what goes wrong is thrown for `failure.ts` to describe.
 */
import { deriveCancelToken, deriveCreateToken } from './client-token';
import { afterCreate, isDuplicateRefusal } from './decide-create';
import { LifecycleFailure } from './failure';
import { ApiError } from '../api/errors';
import type { CfnRequestBase, Invitation, InvitationProperties, LifecycleContext } from '../types';

/** The pending invitation a new one replaces, to cancel first if the service refuses two. */
export interface Replaced {
  /** Its catalog. */
  readonly catalog: string;
  /** Its id. */
  readonly id: string;
}

/**
 * Creates an invitation for the properties, idempotently.
 *
 * The token is the user's, or derived from the stack, the resource and the input. When a
 * derived token names an invitation that was canceled or has expired (the same input was used
 * before in this stack), the create is repeated with the token salted with that invitation's
 * id, and so on while the answer is stale (see {@link afterCreate}). The chain depends only on
 * the stack, the resource, the input and the service's state, so every later request with the
 * same input (a redelivery, a rollback) finds the same live invitation; each hop to an existing
 * link returns that invitation and sends nothing.
 *
 * @param replace the pending invitation this one replaces: canceled first only if the service
 *   refuses the create because of it (DUPLICATE_CONNECTION_INVITATION)
 */
export async function createInvitation(
  req: CfnRequestBase, props: InvitationProperties, ctx: LifecycleContext, replace?: Replaced,
): Promise<Invitation> {
  let replaced = false;
  const createOnce = async (clientToken: string): Promise<Invitation> => {
    const input = { ...props.fields, ClientToken: clientToken };
    try {
      return await ctx.api.createConnectionInvitation(input, ctx.deadline);
    } catch (e) {
      if (replace && !replaced && isDuplicateRefusal(e)) {
        replaced = true;
        await cancelPending(ctx, replace.catalog, replace.id, deriveCancelToken(req.StackId, req.LogicalResourceId, replace.id), 'update');
        return ctx.api.createConnectionInvitation(input, ctx.deadline);
      }
      throw e;
    }
  };
  const userToken = props.clientToken;
  let inv = await createOnce(userToken ?? deriveCreateToken(req.StackId, req.LogicalResourceId, props.fields));
  for (let hops = 0; ; hops++) {
    const step = afterCreate(inv, userToken, hops);
    if (step.next === 'done') return inv;
    if (step.next === 'fail') throw new LifecycleFailure(step.reason);
    inv = await createOnce(deriveCreateToken(req.StackId, req.LogicalResourceId, props.fields, step.salt));
  }
}

/** Reads an invitation; undefined when it does not exist (404). */
export async function getOrUndefined(ctx: LifecycleContext, catalog: string, id: string): Promise<Invitation | undefined> {
  try {
    return await ctx.api.getConnectionInvitation(catalog, id, ctx.deadline);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
}

/**
 * Cancels a pending invitation. An invitation that is gone (404) is fine. A conflict (409) is
 * fine only when the invitation was answered meanwhile, so the invitation is read again: when it
 * is gone or no longer PENDING the cancel has nothing left to do; when it is still PENDING (the
 * conflict was about something else, e.g. the ClientToken), this fails instead of leaving a
 * pending invitation behind without a resource that owns it.
 *
 * @param request the request type the reason asks to retry ('delete' or 'update')
 */
export async function cancelPending(ctx: LifecycleContext, catalog: string, id: string, clientToken: string, request: 'delete' | 'update'): Promise<void> {
  try {
    await ctx.api.cancelConnectionInvitation(catalog, id, clientToken, ctx.deadline);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 404) return;
    if (e.status !== 409) throw e;
    const now = await getOrUndefined(ctx, catalog, id);
    if (!now || (typeof now.Status === 'string' && now.Status !== 'PENDING')) return;
    const state = now.Status === 'PENDING' ? 'is still PENDING' : 'was read back without a status';
    throw new LifecycleFailure(`${e.message.replace(/\.$/, '')}. Invitation ${id} ${state} and was not canceled: `
      + `cancel it in Partner Central, or retry the ${request}.`);
  }
}
