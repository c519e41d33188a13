/**
 * README's Troubleshooting section against the service model: every `Reason` of the model's
 * errors (KNOWN_REASONS, which test/model-conformance.test.ts checks against botocore) is named
 * there, in a row of the table or in the sentence on the Reasons of operations the library does
 * not call, and nothing is named as a Reason that the model does not have.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KNOWN_REASONS } from '../lambda/api/known-names';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('\n## Troubleshooting\n'), readme.indexOf('\n## ', readme.indexOf('\n## Troubleshooting\n') + 1));
/** The backticked all-caps names of the section (Reasons, and the handler's fixed tokens). */
const named = new Set([...section.matchAll(/`([A-Z][A-Z_]{5,})`/g)].map((m) => m[1]));
const notCalled = section.slice(section.indexOf('The service model\'s other `Reason` values'));

test('the section has the table and the sentence on the Reasons the library does not meet', () => {
  expect(section).toContain('| Error | What it means | What to do |');
  expect(notCalled).toMatch(/^The service model's other `Reason` values[^]*operations the library does not call/);
});

test.each([...KNOWN_REASONS].sort())('%s is named in Troubleshooting', (reason) => {
  expect(named.has(reason)).toBe(true);
});

test('every all-caps name there is a Reason of the model, or one of the handler\'s fixed tokens', () => {
  const tokens = ['UNRECOGNIZED_REASON', 'UNRECOGNIZED_CODE', 'DELETE_FAILED', 'ACTIVE', 'PENDING', 'RETAIN'];
  expect([...named].filter((n) => !KNOWN_REASONS.has(n) && !tokens.includes(n))).toEqual([]);
});
