/**
 * The time budget of one invocation: the API calls end in time for the response PUT, and the
 * PUT ends before Lambda stops the function, so a clear FAILED always beats silence.
 */
import type { LambdaContext } from './types';

/** The deadlines of one invocation, in ms since the epoch. */
export interface Budget {
  /** API calls must end by this time; the response is sent after it. */
  readonly apiDeadline: number;
  /** The response PUT must end by this time. */
  readonly responseDeadline: number;
}

/** How the invocation's time is shared. */
export interface BudgetTuning {
  /** Time kept free before the Lambda deadline, after the response (at most a tenth of the time). */
  readonly safetyMarginMs: number;
  /** Time reserved for the response PUT, after the API calls (at most a quarter of the time). */
  readonly responseBudgetMs: number;
}

/** The invocation's remaining time as the context tells it, else `fallbackMs`. */
export function remainingTimeOf(context: LambdaContext | undefined, fallbackMs: number): number {
  try {
    const r = context?.getRemainingTimeInMillis();
    if (typeof r === 'number' && Number.isFinite(r) && r >= 0) return r;
  } catch {
    // keep the fallback
  }
  return fallbackMs;
}

/** The deadlines of an invocation that started at `started` with `remainingMs` to run. */
export function budgetOf(started: number, remainingMs: number, tuning: BudgetTuning): Budget {
  const safety = Math.min(tuning.safetyMarginMs, remainingMs / 10);
  const responseBudget = Math.min(tuning.responseBudgetMs, remainingMs / 4);
  const responseDeadline = started + remainingMs - safety;
  return { apiDeadline: responseDeadline - responseBudget, responseDeadline };
}
