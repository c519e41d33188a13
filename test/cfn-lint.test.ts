/**
 * cfn-lint, an independent check of the templates: the example app as `cdk synth` makes it (with
 * the context of its cdk.json), an app that uses every member of the library, and the committed
 * integ snapshot. cfn-lint is a Python tool (`pip install cfn-lint`); where it is missing, the
 * test says so by name and is skipped, except in CI (`CI=true`), where it fails.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addExampleStacks } from '../examples/stacks';
import { everyMemberApp } from './support/apps';

const INTEG_SNAPSHOT = path.join(__dirname, 'integ.connection-invitation.ts.snapshot');

/** The installed cfn-lint's version, or `undefined` when there is none on the PATH. */
function cfnLintVersion(): string | undefined {
  const run = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** One cfn-lint finding, as its JSON format gives it. */
interface Finding {
  readonly Rule: { readonly Id: string };
  readonly Filename: string;
  readonly Message: string;
}

function lint(templates: string[]): string[] {
  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...templates], { encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.stdout.trim() === '') throw new Error(`cfn-lint printed nothing (exit ${run.status}): ${run.stderr}`);
  const findings = JSON.parse(run.stdout) as Finding[];
  return findings.map((f) => `${path.basename(f.Filename)}: ${f.Rule.Id} ${f.Message}`);
}

/** The templates of an assembly written to a fresh directory. */
function synthTemplates(build: (outdir: string) => App): string[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
  const assembly = build(outdir).synth();
  return assembly.stacks.map((s) => path.join(assembly.directory, s.templateFile));
}

const version = cfnLintVersion();
if (version === undefined && process.env.CI !== 'true') {
  console.warn('cfn-lint is not installed (pip install cfn-lint): the templates are NOT linted; CI=true makes this a failure');
  test.skip('cfn-lint is not installed (pip install cfn-lint): the templates were NOT linted', () => undefined);
} else {
  test(`cfn-lint (${version ?? 'missing'}) finds nothing in the example app, every member of the library and the integ snapshot`, () => {
    if (version === undefined) throw new Error('cfn-lint is not installed (pip install cfn-lint): CI needs it to lint the templates');
    const exampleContext = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'cdk.json'), 'utf8')).context ?? {};
    const templates = [
      ...synthTemplates((outdir) => {
        const app = new App({ outdir, context: exampleContext });
        addExampleStacks(app);
        return app;
      }),
      ...synthTemplates((outdir) => everyMemberApp({ outdir })),
      ...fs.readdirSync(INTEG_SNAPSHOT).filter((f) => f.endsWith('.template.json')).map((f) => path.join(INTEG_SNAPSHOT, f)),
    ];
    expect(templates.length).toBeGreaterThanOrEqual(6);
    expect(lint(templates)).toEqual([]);
  });
}
