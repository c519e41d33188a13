/**
 * The smoke tests of the Python, Java and Go packages (`npx projen smoke:languages`, after
 * `npx projen package-all`): for each language, check that the package jsii-pacmak built says what
 * .projenrc.ts says (manifest.ts: name, version, licence, URL, module or package path) and ships the
 * handler bundle and the CLI of assets/, install it the way its users do, synthesize the smoke app with the CDK CLI, compare its templates with the TypeScript
 * app's (assembly.ts says what is normalized), play the cloud assembly with `cdk-partnercentral
 * rehearse` and compare the rehearsal with TypeScript's, and check that invalid props give the
 * same error as in TypeScript. The synth must have staged the packaged handler bundle. Python and
 * Java run twice, with the floor's constructs and with the newest (.matrix/current); Go with the
 * floor's only (go.ts says why). Prints the sizes and times; exits 1 when a language fails, after
 * writing the logs of the failed commands into `<run folder>/failed-logs.txt` (`.ci/run` prints their ends).
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
import { differences, readAssembly, stagedAssetFiles } from './assembly';
import { libraryError } from './error-text';
import { go } from './go';
import { java } from './java';
import { CommandFailed, Language, ROOT, run, RunContext, Versions } from './language';
import { assetDifferences, expectedManifest, manifestDifferences, PackageJson, readBuiltPackage, SHIPPED_ASSETS } from './manifest';
import { python } from './python';
import { CLI_BUNDLE_PATH } from '../../tools/cli-bundle';

const LANGUAGES: Record<string, Language> = { python, java, go };
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const CLI = path.join(ROOT, CLI_BUNDLE_PATH);
const TS_NODE = path.join(ROOT, 'node_modules', '.bin', 'ts-node');
const INVALID = { PARTNERCENTRAL_SMOKE_INVALID: '1' };

const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/** The versions of package.json (the library's, and the floor's pins of the dev dependencies), with the floor's constructs. */
function readVersions(pkg: PackageJson & { devDependencies: Record<string, string> }): Versions {
  return { library: pkg.version, cdk: pkg.devDependencies['aws-cdk-lib'], constructs: pkg.devDependencies.constructs };
}

/** The newest constructs, the one of the test matrix's current cell. */
const newestConstructs = (): string => readJson(path.join('.matrix', 'current', 'package.json')).dependencies.constructs;

/** Fails unless the built package's manifest agrees with package.json and it ships assets/ as bundled. */
function checkPackage(language: Language, pkg: PackageJson): void {
  let built;
  try {
    built = readBuiltPackage(language.name, path.join(ROOT, 'dist'), pkg);
  } catch (e) {
    throw new CommandFailed(`cannot read the package in dist/ (run \`npx projen package:${language.name}\`): ${(e as Error).message}`);
  }
  const wrong = manifestDifferences(expectedManifest(language.name, pkg), built.manifest);
  if (wrong.length > 0) throw new CommandFailed(`the package's manifest disagrees with .projenrc.ts:\n  ${wrong.join('\n  ')}`);
  const assets = assetDifferences(built.tarball, ROOT);
  if (assets.length > 0) throw new CommandFailed(`the npm tarball in ${built.tarballPath}: ${assets.join('; ')} (\`npx projen package:${language.name}\` bundles first)`);
}

/** Fails unless the synth staged the handler bundle of assets/ (which it can only have found in the package). */
function checkStagedHandler(outdir: string): void {
  const [handler] = SHIPPED_ASSETS;
  const bundle = fs.readFileSync(path.join(ROOT, handler));
  const staged = stagedAssetFiles(outdir, path.basename(handler));
  if (!staged.some((b) => b.equals(bundle))) {
    throw new CommandFailed(`the synth staged no asset with the handler bundle of ${handler} (${staged.length} index.js staged in ${outdir})`);
  }
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
  const file = path.join(ctx.logDir, `${log}.log`);
  if (!error) throw new CommandFailed(`the synth failed without the library's error (log: ${file})`, file);
  return error;
}

function sizeOf(file: string): number {
  const stat = fs.statSync(file);
  return stat.isDirectory() ? fs.readdirSync(file).reduce((n, f) => n + sizeOf(path.join(file, f)), 0) : stat.size;
}

interface Row { language: string; size: string; times: Record<string, number>; failure?: string; log?: string }

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
  // `npx projen smoke:languages -- python` hands the `--` on to this script: it is no language.
  const names = argv.filter((a) => a !== '--keep' && a !== '--');
  const unknown = names.filter((n) => !(n in LANGUAGES));
  if (unknown.length > 0) {
    console.error(`unknown language: ${unknown.join(', ')} (known: ${Object.keys(LANGUAGES).join(', ')})`);
    return 2;
  }
  const languages = (names.length > 0 ? names : Object.keys(LANGUAGES)).map((n) => LANGUAGES[n]);
  const pkg = readJson('package.json');
  const versions = readVersions(pkg);
  const newest = newestConstructs();
  const runDir = process.env.PARTNERCENTRAL_SMOKE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-partnercentral-smoke-'));
  const cacheRoot = process.env.PARTNERCENTRAL_SMOKE_CACHE ?? path.join(runDir, 'cache');
  const cache = { pip: path.join(cacheRoot, 'pip'), m2: path.join(cacheRoot, 'm2'), goModules: path.join(cacheRoot, 'gomod'), goBuild: path.join(cacheRoot, 'gobuild'), jsii: path.join(cacheRoot, 'jsii') };
  const logDir = path.join(runDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const context = (name: string, constructs = versions.constructs): Ctx => {
    const workDir = path.join(runDir, name);
    fs.mkdirSync(workDir, { recursive: true });
    return { versions: { ...versions, constructs }, workDir, cache, logDir };
  };
  console.log(`Smoke tests of ${languages.map((l) => l.name).join(', ')} against aws-cdk-lib ${versions.cdk} and constructs ${versions.constructs}`
    + ` (Python and Java also constructs ${newest}), in ${runDir}`);

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

    // Each language at the floor's constructs, and those that can at the newest: one row each.
    const cells = languages.flatMap((language) => {
      const constructs = [versions.constructs, ...(language.newestConstructs && newest !== versions.constructs ? [newest] : [])];
      return constructs.map((c) => ({ language, constructs: c }));
    });
    // The package itself is checked once per language: its manifest and the assets it embeds.
    const packageProblems = new Map<string, string | undefined>();
    for (const { language, constructs } of cells) {
      const label = `${language.name} (constructs ${constructs})`;
      const ctx = context(`${language.name}-constructs-${constructs}`, constructs);
      const row: Row = { language: label, size: '', times: {} };
      rows.push(row);
      try {
        if (!packageProblems.has(language.name)) {
          try {
            checkPackage(language, pkg);
            packageProblems.set(language.name, undefined);
          } catch (e) {
            if (!(e instanceof CommandFailed)) throw e;
            packageProblems.set(language.name, e.message);
          }
        }
        const problem = packageProblems.get(language.name);
        if (problem !== undefined) throw new CommandFailed(problem);
        row.size = `${language.packageFiles(ctx).reduce((n, f) => n + sizeOf(f), 0)}`;
        timed(row, 'install', () => language.install(ctx));
        const app = language.app(ctx);
        const out = path.join(ctx.workDir, 'cdk.out');
        timed(row, 'synth', () => synth(ctx, `${language.name}-${constructs}-synth`, app, out));
        checkStagedHandler(out);
        const actual = readAssembly(out);
        const diff = differences(expected.stacks, actual.stacks);
        if (diff.length > 0) throw new CommandFailed(`the templates differ from TypeScript's:\n  ${diff.join('\n  ')}`);
        if (actual.runtimes.length !== 1 || actual.runtimes[0] === expected.runtimes[0]) {
          throw new CommandFailed(`the templates do not name the language's jsii runtime: ${actual.runtimes.join(', ')}`);
        }
        const rehearsal = timed(row, 'rehearse', () => rehearse(ctx, `${language.name}-${constructs}-rehearse`, out));
        const rehearsalDiff = differences(expectedRehearsal, rehearsal);
        if (rehearsalDiff.length > 0) throw new CommandFailed(`the rehearsal differs from TypeScript's:\n  ${rehearsalDiff.join('\n  ')}`);
        const error = timed(row, 'invalid input', () => invalidError(ctx, `${language.name}-${constructs}-invalid`, app, path.join(ctx.workDir, 'invalid.out')));
        if (error !== expectedError) throw new CommandFailed(`invalid props give another error than in TypeScript:\n${error}\n--- TypeScript:\n${expectedError}`);
        console.log(`${label}: passed (manifest as in .projenrc.ts, handler bundle shipped and staged, templates equal to TypeScript's but for ${actual.runtimes[0]}, `
          + 'rehearsal equal, same error for invalid props)');
      } catch (e) {
        if (!(e instanceof CommandFailed)) throw e;
        row.failure = e.message;
        row.log = e.log;
        console.error(`${label}: FAILED: ${e.message}`);
      }
    }
  } finally {
    report(rows);
    // The logs of the failed commands, for whoever removes the run's folder to print first (.ci/run).
    fs.writeFileSync(path.join(runDir, 'failed-logs.txt'), rows.flatMap((r) => r.log ? [`${r.log}\n`] : []).join(''));
    if (!keep && process.env.PARTNERCENTRAL_SMOKE_DIR === undefined) fs.rmSync(runDir, { recursive: true, force: true });
  }
  const failed = rows.filter((r) => r.failure).length;
  console.log(`\nlanguages: ${rows.length - 1 - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

function report(rows: Row[]): void {
  const steps = ['install', 'synth', 'rehearse', 'invalid input'];
  const table = [['language', 'package (bytes)', ...steps.map((s) => `${s} (s)`), 'total (s)', 'result']];
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
