/**
 * How a rehearsal stops: a `Stop` carries the failure the result reports; problems of the app
 * or the handler become one, never an exception out of `rehearse`.
 */
import type { RehearsalFailure } from './result';
import { InvalidIntrinsic, RehearsalResolutionError, Site, UnresolvableIntrinsic } from '../cloudformation/intrinsic-errors';

/** Stops the rehearsal with a failure. */
export class Stop extends Error {
  constructor(public readonly failure: RehearsalFailure) {
    super(failure.message);
  }
}

/** The stop for a value that cannot be used, naming where it is. */
export function stopAt(e: UnresolvableIntrinsic | InvalidIntrinsic, site: Site): Stop {
  return new Stop({
    kind: e instanceof UnresolvableIntrinsic ? 'unresolvable' : 'invalid',
    stack: site.stack,
    resource: site.element,
    message: new RehearsalResolutionError(site, e).message,
  });
}

/** Runs an evaluation, turning resolution problems into a stop that names the site. */
export function guard<T>(fn: () => T, site: Site): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof UnresolvableIntrinsic || e instanceof InvalidIntrinsic) throw stopAt(e, site);
    throw e;
  }
}
