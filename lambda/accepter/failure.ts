/**
 * From an error to an accepter's FAILED outcome. The API's errors are described by their
 * structured parts only (the operation, the error name, the Reason, the fields and codes of its
 * details: each from the model's closed sets) and never by the server's free text: that text may
 * quote the inviter's name or e-mail, which the accepter's event does not carry, so the scrubber
 * cannot know them. Everything else is `../common/failure.ts`'s.
 */
import { ApiError, RetriesExhaustedError } from '../api/errors';
import { failureOf, hintFor } from '../common/failure';
import { failed } from '../common/outcome';
import type { Outcome } from '../types';

/** Turns an error into an accepter's FAILED outcome, without the server's free text. */
export function accepterFailureOf(e: unknown, phys: string): Outcome {
  if (e instanceof ApiError) {
    const details = e.error.details
      .map((d) => [d.name, d.code ? `(${d.code})` : undefined].filter((p) => p !== undefined).join(' '))
      .filter((d) => d.length > 0);
    const head = `${e.operation} failed: ${e.errorName}${e.reason ? ` (${e.reason})` : ''}${details.length > 0 ? `; ${details.join('; ')}` : ''}`;
    const hint = hintFor(e);
    return failed(phys, hint ? `${head}. ${hint}` : `${head}.`);
  }
  if (e instanceof RetriesExhaustedError) {
    return failed(phys, `${e.operation} timed out after ${e.attempts} attempt${e.attempts === 1 ? '' : 's'} within the function's time: deploy again.`);
  }
  return failureOf(e, phys);
}
