/**
 * The FAILED outcome, the one answer every resource type gives the same way (each type's
 * SUCCESS carries its own Data: `../lifecycle/outcome.ts`, `../accepter/data.ts`).
 */
import type { Outcome } from '../types';

/** FAILED under `phys`, for this reason. */
export function failed(phys: string, reason: string): Outcome {
  return { status: 'FAILED', physicalResourceId: phys, reason };
}
