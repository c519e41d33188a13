/**
 * Create: validate the properties, create the invitation (idempotently), answer with it. Also
 * what an Update does for a resource that has no invitation yet.
 */
import { createFailureOf } from './failure';
import { createInvitation } from './invitations';
import { succeededNew } from './outcome';
import { readProperties } from './properties';
import { failed } from '../common/outcome';
import { createFailedId } from '../common/physical-id';
import { invalidProperties } from '../common/property-problems';
import type { CfnCreateRequest, CfnUpdateRequest, LifecycleContext, Outcome } from '../types';

/** Handles Create: validate, create (idempotently), answer with the invitation. */
export async function onCreate(req: CfnCreateRequest, ctx: LifecycleContext): Promise<Outcome> {
  return createAsOutcome(req, ctx, createFailedId(req.RequestId), true);
}

/**
 * Creates the invitation of a request's properties and answers with it.
 *
 * @param failureId the physical id of a failure before anything could be sent (an Update keeps its own)
 * @param isCreate whether the request is a Create, whose failure after its properties were
 *   read answers the unconfirmed marker of its create window
 */
export async function createAsOutcome(
  req: CfnCreateRequest | CfnUpdateRequest, ctx: LifecycleContext, failureId: string, isCreate: boolean,
): Promise<Outcome> {
  const read = readProperties(req.ResourceProperties);
  // Properties that do not validate are refused by every delivery alike: nothing can be sent.
  if (!read.ok) return failed(failureId, invalidProperties(read.problems));
  try {
    return succeededNew(await createInvitation(req, read.props, ctx));
  } catch (e) {
    return createFailureOf(e, failureId, isCreate, ctx);
  }
}
