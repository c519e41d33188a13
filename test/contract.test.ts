/**
 * The rules src/contract.ts states from the handler's budget: the longest wait of an accepter
 * (ACCEPTER_MAX_WAIT_SECONDS) is one the handler can honour, and the docs state it and the
 * budget it comes from as they are.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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

test('the accepter\'s doc comment of waitFor and the README state the longest wait, the default and the budget they come from', () => {
  const tuning = { safetyMarginMs: HANDLER_SAFETY_MARGIN_MS, responseBudgetMs: HANDLER_RESPONSE_BUDGET_MS };
  const apiSeconds = budgetOf(0, HANDLER_TIMEOUT_SECONDS * 1000, tuning).apiDeadline / 1000;
  const flat = (file: string) => fs.readFileSync(path.join(__dirname, '..', file), 'utf8').replace(/\n\s*\*?\s*/g, ' ');
  const accepter = flat('src/connection-invitation-accepter.ts');
  const doc = accepter.slice(accepter.indexOf('How long to wait for the invitation to appear'), accepter.indexOf('readonly waitFor'));
  expect(doc).toContain(`A whole number of seconds from 0 to ${ACCEPTER_MAX_WAIT_SECONDS}: the handler's ${HANDLER_TIMEOUT_SECONDS / 60}-minute timeout leaves ${apiSeconds} s for the API`);
  expect(doc).toContain(`@default - with \`sender\`, ${ACCEPTER_MAX_WAIT_SECONDS} seconds`);
  const readme = flat('README.md');
  expect(readme).toContain(`(default ${ACCEPTER_MAX_WAIT_SECONDS} s, the most)`);
  expect(readme).toContain(`(0 to ${ACCEPTER_MAX_WAIT_SECONDS} s: half of what the handler's ${HANDLER_TIMEOUT_SECONDS / 60}-minute timeout leaves for the API)`);
});
