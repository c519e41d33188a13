/**
 * From an error to a FAILED outcome with a reason a person can act on: the lifecycle's own
 * failures, the API's errors with a hint for the common ones, and a create whose outcome is
 * unknown (the physical id then says so).
 */
import { createWindowOf } from './fence';
import { failed } from './outcome';
import { unconfirmedMarker } from './physical-id';
import { reasonAdvice } from './reasons';
import { ApiError, ConfigError, RetriesExhaustedError } from '../api/errors';
import type { LifecycleContext, Outcome } from '../types';

/** A failure decided by the lifecycle, with a reason meant for the person deploying. */
export class LifecycleFailure extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = 'LifecycleFailure';
  }
}

/** Turns an error into a FAILED outcome with a reason a person can act on. */
export function failureOf(e: unknown, phys: string): Outcome {
  if (e instanceof LifecycleFailure) return failed(phys, e.reason);
  if (e instanceof ApiError) {
    const hint = hintFor(e);
    return failed(phys, hint ? `${e.message.replace(/\.$/, '')}. ${hint}` : e.message);
  }
  if (e instanceof RetriesExhaustedError || e instanceof ConfigError) return failed(phys, e.message);
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return failed(phys, `Internal error of the handler: ${detail}`);
}

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

/** A short hint for the errors people meet most. */
export function hintFor(e: ApiError): string | undefined {
  const advice = reasonAdvice(e);
  if (advice) return advice;
  switch (e.reason) {
    case 'CONFLICT_CLIENT_TOKEN':
      return 'The clientToken was already used for an invitation with other properties: set a new clientToken (or remove it) when you change the invitation.';
    case 'DUPLICATE_CONNECTION_INVITATION':
      return 'A pending invitation to this receiver for this catalog and connection type already exists: cancel it in Partner Central, or wait until it is answered or expires.';
    default:
      break;
  }
  switch (e.errorName) {
    case 'AccessDeniedException':
      return `Check that the provider function's role allows partnercentral:${e.operation} with the partnercentral:Catalog condition for this catalog, and that the account is registered in Partner Central for it.`;
    default:
      return undefined;
  }
}
