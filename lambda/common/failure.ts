/**
 * From an error to a FAILED outcome with a reason a person can act on, for every resource type:
 * the lifecycle's own failures and the API's errors, with a hint for the common ones. What a
 * failed create of an invitation answers is `../lifecycle/failure.ts`'s; the accepter describes
 * API errors its own way (`../accepter/failure.ts`) and leaves everything else to this module.
 */
import { failed } from './outcome';
import { reasonAdvice } from './reasons';
import { ApiError, ConfigError, RetriesExhaustedError } from '../api/errors';
import type { Outcome } from '../types';

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
