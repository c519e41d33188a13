/**
 * CLI_BUNDLE_PATH of tools/cli-bundle.ts is the file the build writes the CLI into and the package
 * names as its bin: .projenrc.ts (which imports nothing of tools/) keeps its copy in CLI_OUT, and
 * .ci/check-pack.js its own, so each place that names the file is checked against it here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI_BUNDLE_PATH } from '../tools/cli-bundle';

const ROOT = path.join(__dirname, '..');

/** A task's exec steps, as .projen/tasks.json (made from .projenrc.ts) has them. */
function execSteps(task: string): string[] {
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  return tasks[task].steps.map((s: { exec?: string }) => s.exec ?? '');
}

const escaped = CLI_BUNDLE_PATH.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the bundle task writes the CLI where the tests, the benchmarks and the bin run it', () => {
  const command = execSteps('bundle').find((e) => e.startsWith('esbuild tools/cli.ts '));
  expect(command).toMatch(new RegExp(` --outfile=${escaped}(?: |$)`));
});

test('package.json names the bundle as the cdk-partnercentral bin', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.bin).toEqual({ 'cdk-partnercentral': CLI_BUNDLE_PATH });
});

test('the rehearse task runs the bundle', () => {
  expect(execSteps('rehearse')).toContain(`node ${CLI_BUNDLE_PATH} rehearse examples/cdk.out`);
});

test('.ci/check-pack.js requires the same bin', () => {
  const script = fs.readFileSync(path.join(ROOT, '.ci', 'check-pack.js'), 'utf8');
  const required = [...script.matchAll(/bin !== '([^']+)'/g)].map((m) => m[1]);
  expect(required).toEqual([CLI_BUNDLE_PATH]);
});
