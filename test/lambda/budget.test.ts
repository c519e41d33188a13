/**
 * The time budget of lambda/budget.ts: until when API calls may run and the answer must be sent,
 * and the remaining time read from the Lambda context.
 */
import { budgetOf, remainingTimeOf } from '../../lambda/budget';

describe('the time budget', () => {
  test.each([
    // remaining ms, API deadline, response deadline (started at 1000)
    [60_000, 1_000 + 60_000 - 5_000 - 10_000, 1_000 + 60_000 - 5_000],
    [120_000, 1_000 + 120_000 - 5_000 - 10_000, 1_000 + 120_000 - 5_000],
    // a short invocation: a tenth kept free, a quarter for the answer
    [20_000, 1_000 + 20_000 - 2_000 - 5_000, 1_000 + 20_000 - 2_000],
    [0, 1_000, 1_000],
  ])('%i ms left: API calls until %i, the answer until %i', (remaining, apiDeadline, responseDeadline) => {
    expect(budgetOf(1_000, remaining, { safetyMarginMs: 5_000, responseBudgetMs: 10_000 })).toEqual({ apiDeadline, responseDeadline });
  });

  test.each([
    ['no context', undefined, 60_000],
    ['a context', { getRemainingTimeInMillis: () => 9_000 }, 9_000],
    ['a context that throws', { getRemainingTimeInMillis: (): number => { throw new Error('x'); } }, 60_000],
    ['a negative time', { getRemainingTimeInMillis: () => -1 }, 60_000],
    ['an infinite time', { getRemainingTimeInMillis: () => Infinity }, 60_000],
  ])('the remaining time with %s', (_what, context, remaining) => {
    expect(remainingTimeOf(context, 60_000)).toBe(remaining);
  });
});
