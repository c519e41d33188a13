/**
 * The smoke tests of the Python, Java and Go packages (`npx projen smoke:languages`, after
 * `npx projen package-all`): for each language, install the package jsii-pacmak built the way its
 * users do, synthesize the smoke app with the CDK CLI, compare its templates with the TypeScript
 * app's (assembly.ts says what is normalized), play the cloud assembly with `cdk-partnercentral
 * rehearse` and compare the rehearsal with TypeScript's, and check that invalid props give the
 * same error as in TypeScript. Prints the times and sizes; exits 1 when a language fails.
 *
 *   ts-node test/languages/run.ts [python] [java] [go] [--keep]
 *
 * Everything goes into one temporary folder (PARTNERCENTRAL_SMOKE_DIR, or a new one that is
 * removed at the end unless --keep), with the tools' caches under PARTNERCENTRAL_SMOKE_CACHE
 * (default: inside that folder), so that nothing is cached between runs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { differences, readAssembly } from './assembly';
import { libraryError } from './error-text';
import { go } from './go';
import { java } from './java';
import { CommandFailed, Language, ROOT, run, RunContext, Versions } from './language';
import { python } from './python';

const LANGUAGES: Record<string, Language> = { python, java, go };
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const CLI = path.join(ROOT, 'assets', 'cli', 'cdk-partnercentral.js');
const TS_NODE = path.join(ROOT, 'node_modules', '.bin', 'ts-node');
const INVALID = { PARTNERCENTRAL_SMOKE_INVALID: '1' };

/** The versions of package.json: the library's, and the floor's pins of the dev dependencies. */
function readVersions(): Versions {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { library: pkg.version, cdk: pkg.devDependencies['aws-cdk-lib'], constructs: pkg.devDependencies.constructs };
}

type Ctx = RunContext;
type App = ReturnType<Language['app']>;

function synth(ctx: Ctx, log: string, app: App, outdir: string, env?: NodeJS.ProcessEnv) {
  return run(ctx, log, CDK, ['synth', '--quiet', '--no-notices', '--app', app.command, '--output', outdir],
    { cwd: app.cwd, env: { ...app.env, ...env }, allowFailure: env !== undefined });
}

/** The rehearsal's JSON result, without the assembly's folder. */
function rehearse(ctx: Ctx, log: string, outdir: string): unknown {
  const result = JSON.parse(run(ctx, log, 'node', [CLI, 'rehearse', '--json', outdir]).stdout);
  if (result.ok !== true) throw new CommandFailed(`the rehearsal of ${outdir} did not pass`);
  return { ...result, assembly: '<cdk.out>' };
}

/** The error a synth of the invalid app printed, or a failure when it did not fail as it should. */
function invalidError(ctx: Ctx, log: string, app: App, outdir: string): string {
  const { status, output } = synth(ctx, log, app, outdir, INVALID);
  if (status === 0) throw new CommandFailed('the app with invalid props synthesized without an error');
  const error = libraryError(output);
  if (!error) throw new CommandFailed(`the synth failed without the library's error (log: ${path.join(ctx.logDir, `${log}.log`)})`);
  return error;
}

function sizeOf(file: string): number {
  const stat = fs.statSync(file);
  return stat.isDirectory() ? fs.readdirSync(file).reduce((n, f) => n + sizeOf(path.join(file, f)), 0) : stat.size;
}

interface Row { language: string; size: string; times: Record<string, number>; failure?: string }

function timed<T>(row: Row, step: string, fn: () => T): T {
  const start = process.hrtime.bigint();
  try {
    return fn();
  } finally {
    row.times[step] = Number(process.hrtime.bigint() - start) / 1e9;
  }
}

function main(argv: string[]): number {
  const keep = argv.includes('--keep');
  const names = argv.filter((a) => a !== '--keep');
  const unknown = names.filter((n) => !(n in LANGUAGES));
  if (unknown.length > 0) {
    console.error(`unknown language: ${unknown.join(', ')} (known: ${Object.keys(LANGUAGES).join(', ')})`);
    return 2;
  }
  const languages = (names.length > 0 ? names : Object.keys(LANGUAGES)).map((n) => LANGUAGES[n]);
  const versions = readVersions();
  const runDir = process.env.PARTNERCENTRAL_SMOKE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-partnercentral-smoke-'));
  const cacheRoot = process.env.PARTNERCENTRAL_SMOKE_CACHE ?? path.join(runDir, 'cache');
  const cache = { pip: path.join(cacheRoot, 'pip'), m2: path.join(cacheRoot, 'm2'), goModules: path.join(cacheRoot, 'gomod'), goBuild: path.join(cacheRoot, 'gobuild') };
  const logDir = path.join(runDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const context = (name: string): Ctx => {
    const workDir = path.join(runDir, name);
    fs.mkdirSync(workDir, { recursive: true });
    return { versions, workDir, cache, logDir };
  };
  console.log(`Smoke tests of ${languages.map((l) => l.name).join(', ')} against aws-cdk-lib ${versions.cdk} and constructs ${versions.constructs}, in ${runDir}`);

  const rows: Row[] = [];
  try {
    // The reference: the same app in TypeScript, on the floor of the root node_modules.
    const ref: Row = { language: 'typescript', size: '', times: {} };
    const refCtx = context('typescript');
    const refApp: App = { command: `${TS_NODE} --transpile-only --project ${path.join(ROOT, 'test', 'tsconfig.json')} ${path.join(ROOT, 'test', 'languages', 'reference-app.ts')}`, cwd: ROOT };
    const refOut = path.join(refCtx.workDir, 'cdk.out');
    timed(ref, 'synth', () => synth(refCtx, 'typescript-synth', refApp, refOut));
    const expected = readAssembly(refOut);
    const expectedRehearsal = timed(ref, 'rehearse', () => rehearse(refCtx, 'typescript-rehearse', refOut));
    const expectedError = timed(ref, 'invalid input', () => invalidError(refCtx, 'typescript-invalid', refApp, path.join(refCtx.workDir, 'invalid.out')));
    rows.push(ref);

    for (const language of languages) {
      const ctx = context(language.name);
      const row: Row = { language: language.name, size: '', times: {} };
      rows.push(row);
      try {
        row.size = `${(language.packageFiles(ctx).reduce((n, f) => n + sizeOf(f), 0) / 1024).toFixed(0)} KiB`;
        timed(row, 'install', () => language.install(ctx));
        const app = language.app(ctx);
        const out = path.join(ctx.workDir, 'cdk.out');
        timed(row, 'synth', () => synth(ctx, `${language.name}-synth`, app, out));
        const actual = readAssembly(out);
        const diff = differences(expected.stacks, actual.stacks);
        if (diff.length > 0) throw new CommandFailed(`the templates differ from TypeScript's:\n  ${diff.join('\n  ')}`);
        if (actual.runtimes.length !== 1 || actual.runtimes[0] === expected.runtimes[0]) {
          throw new CommandFailed(`the templates do not name the language's jsii runtime: ${actual.runtimes.join(', ')}`);
        }
        const rehearsal = timed(row, 'rehearse', () => rehearse(ctx, `${language.name}-rehearse`, out));
        const rehearsalDiff = differences(expectedRehearsal, rehearsal);
        if (rehearsalDiff.length > 0) throw new CommandFailed(`the rehearsal differs from TypeScript's:\n  ${rehearsalDiff.join('\n  ')}`);
        const error = timed(row, 'invalid input', () => invalidError(ctx, `${language.name}-invalid`, app, path.join(ctx.workDir, 'invalid.out')));
        if (error !== expectedError) throw new CommandFailed(`invalid props give another error than in TypeScript:\n${error}\n--- TypeScript:\n${expectedError}`);
        console.log(`${language.name}: passed (templates equal to TypeScript's but for ${actual.runtimes[0]}, rehearsal equal, same error for invalid props)`);
      } catch (e) {
        if (!(e instanceof CommandFailed)) throw e;
        row.failure = e.message;
        console.error(`${language.name}: FAILED: ${e.message}`);
      }
    }
  } finally {
    report(rows);
    if (!keep && process.env.PARTNERCENTRAL_SMOKE_DIR === undefined) fs.rmSync(runDir, { recursive: true, force: true });
  }
  const failed = rows.filter((r) => r.failure).length;
  console.log(`\nlanguages: ${rows.length - 1 - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

function report(rows: Row[]): void {
  const steps = ['install', 'synth', 'rehearse', 'invalid input'];
  const table = [['language', 'package', ...steps.map((s) => `${s} (s)`), 'total (s)', 'result']];
  for (const row of rows) {
    const total = Object.values(row.times).reduce((a, b) => a + b, 0);
    table.push([row.language, row.size || '-', ...steps.map((s) => row.times[s]?.toFixed(1) ?? '-'), total.toFixed(1),
      row.language === 'typescript' ? 'reference' : row.failure ? 'FAILED' : 'passed']);
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log('');
  for (const r of table) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

process.exitCode = main(process.argv.slice(2));
