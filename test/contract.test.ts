/**
 * The rules src/contract.ts states from the handler's budget: the longest wait of an accepter
 * (ACCEPTER_MAX_WAIT_SECONDS) is one the handler can honour.
 */
import { budgetOf } from '../lambda/budget';
import { DEFAULT_FENCE } from '../lambda/common/fence';
import {
  ACCEPTER_MAX_WAIT_SECONDS, ACCEPTER_WAIT_SHARE, HANDLER_RESPONSE_BUDGET_MS, HANDLER_SAFETY_MARGIN_MS, HANDLER_TIMEOUT_SECONDS,
} from '../src/contract';

test('the longest wait is one the handler can honour: within its share of the real budget and the create window (the construct\'s test ties the function\'s timeout and the default wait to these)', () => {
  const tuning = { safetyMarginMs: HANDLER_SAFETY_MARGIN_MS, responseBudgetMs: HANDLER_RESPONSE_BUDGET_MS };
  const { apiDeadline } = budgetOf(0, HANDLER_TIMEOUT_SECONDS * 1000, tuning);
  const cap = apiDeadline * ACCEPTER_WAIT_SHARE;
  expect(ACCEPTER_MAX_WAIT_SECONDS * 1000).toBeLessThanOrEqual(cap);
  expect(ACCEPTER_MAX_WAIT_SECONDS * 1000).toBeLessThan(DEFAULT_FENCE.createWindowMs);
});
