/**
 * The benchmarks of cdk-partnercentral (`npx projen bench`): this library against the
 * alternatives a user weighs it against (aws-cdk-lib's `AwsCustomResource`, a handler on the
 * full AWS SDK client), measured in one run on one machine. Prints one table per benchmark and
 * writes every raw figure to bench/results.json (see below). Benchmarks print numbers; they assert nothing.
 *
 * Settings (environment variables): BENCH_SYNTH_RUNS (default 5), BENCH_LOAD_RUNS (default 30),
 * BENCH_THROTTLE_RUNS (default 3), BENCH_THROTTLE_TABLE (1: measure every candidate throttling
 * policy), BENCH_TLS_PAIRS (default 40), BENCH_TLS_COLD_RUNS (default 10), BENCH_REHEARSE_RUNS
 * (default 5), BENCH_REHEARSE_CLI (another CLI bundle to rehearse with, e.g. an older build),
 * BENCH_BASELINE_HANDLER (an older bundled handler, for the cold-load goal against it),
 * BENCH_EDGE_RUNS (default 3, runs of each policy at the edge load point),
 * BENCH_ONLY (comma-separated subset of synth, load, throttle, lifecycle, provider, tls, rehearse).
 * A full run writes bench/results.json; a BENCH_ONLY subset, or a run in which a benchmark
 * failed, writes bench/results.partial.json instead, so the committed full-run figures stay.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { reportColdLoad, runColdLoad } from './cold-load';
import { reportLifecycle, runLifecycle } from './lifecycle';
import { reportProviderConfig, runProviderConfig } from './provider-config';
import { CLI_BUNDLE, reportRehearse, runRehearse } from './rehearse';
import { probeShippedHandler } from './shipped-handler';
import { Goal, goalTable, title, verdict } from './stats';
import { reportSynth, runSynth } from './synth';
import { reportThrottle, runThrottle } from './throttle';
import { reportTls, runTls } from './tls';

const BENCHMARKS = ['synth', 'load', 'throttle', 'lifecycle', 'provider', 'tls', 'rehearse'] as const;
type Benchmark = typeof BENCHMARKS[number];

const ROOT = path.join(__dirname, '..');
/** The results of a full run (committed with the figures BENCHMARKS.md quotes). */
const RESULTS_FILE = path.join(__dirname, 'results.json');
/** The results of a BENCH_ONLY subset or of a run in which a benchmark failed (gitignored). */
const PARTIAL_RESULTS_FILE = path.join(__dirname, 'results.partial.json');

/** `file` relative to the repository (with `/`), or as given when it lies outside it. */
function repoRelative(file: string): string {
  const rel = path.relative(ROOT, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got: ${raw}`);
  return n;
}

function selected(): Set<Benchmark> {
  const raw = process.env.BENCH_ONLY;
  if (!raw) return new Set(BENCHMARKS);
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(BENCHMARKS as readonly string[]).includes(n)) throw new Error(`BENCH_ONLY: unknown benchmark ${n} (known: ${BENCHMARKS.join(', ')})`);
  }
  return new Set(names as Benchmark[]);
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function gitDescription(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'lambda', 'tools'], { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes in src/, lambda/ or tools/)` : head;
  } catch {
    return 'unknown';
  }
}

/** The 1-minute load average: timings taken on a busy machine are slower and noisier. */
function loadAverage(): number {
  return Math.round(os.loadavg()[0] * 100) / 100;
}

/** The machine the figures belong to. */
function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    awsCdkLib: packageVersion('aws-cdk-lib'),
    sdkClient: packageVersion('@aws-sdk/client-partnercentral-account'),
    esbuild: packageVersion('esbuild'),
    loadAverageAtStart: loadAverage(),
  };
}

/**
 * The AWS SDK warns once that its releases after January 2027 need Node.js 22. The handler
 * runs on Lambda's Node.js 22, so the warning says nothing about what is measured here.
 */
function silenceSdkNodeVersionWarning(): void {
  const original = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = warning instanceof Error ? `${warning.name}: ${warning.message}` : warning;
    if (text.startsWith('NodeVersionSupportWarning')) return;
    original(warning, ...rest);
  }) as typeof process.emitWarning;
}

async function main(): Promise<void> {
  silenceSdkNodeVersionWarning();
  const only = selected();
  const synthRuns = positiveInt('BENCH_SYNTH_RUNS', 5);
  const loadRuns = positiveInt('BENCH_LOAD_RUNS', 30);
  const throttleRuns = positiveInt('BENCH_THROTTLE_RUNS', 3);
  const tlsPairs = positiveInt('BENCH_TLS_PAIRS', 40);
  const tlsColdRuns = positiveInt('BENCH_TLS_COLD_RUNS', 10);
  const rehearseRuns = positiveInt('BENCH_REHEARSE_RUNS', 5);
  const rehearseCli = path.resolve(process.env.BENCH_REHEARSE_CLI || CLI_BUNDLE);
  const baselineHandler = process.env.BENCH_BASELINE_HANDLER ? path.resolve(process.env.BENCH_BASELINE_HANDLER) : undefined;
  const edgeRuns = positiveInt('BENCH_EDGE_RUNS', 3);
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const out = (text: string): void => { process.stdout.write(`${text}\n`); };
  const started = Date.now();

  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    commit: gitDescription(),
    machine: machine(),
    // Paths relative to the repository, so that results.json does not name one checkout.
    settings: {
      synthRuns,
      loadRuns,
      throttleRuns,
      edgeRuns,
      tlsPairs,
      tlsColdRuns,
      rehearseRuns,
      rehearseCli: repoRelative(rehearseCli),
      baselineHandler: baselineHandler ? repoRelative(baselineHandler) : null,
      only: [...only],
    },
  };
  const skipped: Record<string, string> = {};
  const allGoals: { benchmark: string; goal: Goal }[] = [];

  out(`cdk-partnercentral benchmarks, ${results.date}`);
  out(Object.entries(results.machine as Record<string, unknown>).map(([k, v]) => `${k}: ${v}`).join(', '));

  // The benchmarks that run the shipped handler need it to answer a plain Create first.
  const needsHandler = only.has('load') || only.has('throttle') || only.has('lifecycle') || only.has('tls') || only.has('rehearse');
  const handlerProblem = needsHandler ? await probeShippedHandler() : undefined;
  if (handlerProblem) log(`  the shipped handler is not usable yet: ${handlerProblem}`);

  // One failing benchmark (no openssl, a port in use) must not cost the others: its reason is
  // recorded in `skipped` and the run goes on to the next one.
  const attempt = async (key: Benchmark, heading: string, body: () => Promise<void> | void): Promise<void> => {
    if (!only.has(key)) return;
    try {
      await body();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      skipped[key] = `failed: ${reason}`;
      log(`  ${heading} failed: ${reason}`);
      out(title(heading));
      out(`failed: ${reason}`);
    }
  };
  // A benchmark that runs the shipped handler is skipped, with the reason recorded in `skipped`
  // and printed under its heading, when the handler is not usable.
  const attemptWithHandler = async (key: Benchmark, heading: string, body: () => Promise<void> | void): Promise<void> =>
    attempt(key, heading, async () => {
      if (handlerProblem) {
        skipped[key] = handlerProblem;
        out(title(heading));
        out(`skipped: ${handlerProblem}`);
      } else {
        await body();
      }
    });

  await attempt('synth', '1. Synth at scale', () => {
    log('1. synth at scale');
    const r = runSynth(synthRuns, log);
    results.synth = r;
    allGoals.push(...r.goals.map((goal) => ({ benchmark: 'synth', goal })));
    out(reportSynth(r));
  });

  await attempt('load', '2. Cold load of the handler', () => {
    log('2. cold load');
    const r = runColdLoad(loadRuns, handlerProblem, log, baselineHandler);
    results.coldLoad = r;
    if (handlerProblem) skipped.coldLoadShipped = handlerProblem;
    allGoals.push(...r.goals.map((goal) => ({ benchmark: 'cold load', goal })));
    out(reportColdLoad(r));
  });

  await attempt('throttle', '3. Throttled deployment', async () => {
    log('3. throttled deployment');
    const r = await runThrottle(handlerProblem === undefined, log, throttleRuns, process.env.BENCH_THROTTLE_TABLE === '1', edgeRuns);
    results.throttle = r;
    if (handlerProblem) skipped.throttleShipped = handlerProblem;
    allGoals.push(...r.goals.map((goal) => ({ benchmark: 'throttle', goal })));
    out(reportThrottle(r));
  });

  await attemptWithHandler('lifecycle', '4. API calls per lifecycle event', async () => {
    log('4. lifecycle calls');
    const r = await runLifecycle(log);
    results.lifecycle = r;
    out(reportLifecycle(r));
  });

  await attempt('provider', '5. Provider configuration', () => {
    log('5. provider configuration');
    const r = runProviderConfig();
    results.provider = r;
    out(reportProviderConfig(r));
  });

  await attemptWithHandler('tls', '6. Creates over TLS', async () => {
    log('6. creates over TLS');
    const r = await runTls(tlsPairs, tlsColdRuns, log);
    results.tls = r;
    allGoals.push(...r.goals.map((goal) => ({ benchmark: 'tls', goal })));
    out(reportTls(r));
  });

  await attemptWithHandler('rehearse', '7. Rehearsal at scale', () => {
    log('7. rehearsal at scale');
    const r = runRehearse(rehearseRuns, log, rehearseCli);
    results.rehearse = { ...r, cli: repoRelative(r.cli) };
    allGoals.push(...r.goals.map((goal) => ({ benchmark: 'rehearse', goal })));
    out(reportRehearse(r));
  });

  const seconds = (Date.now() - started) / 1000;
  results.skipped = skipped;
  results.loadAverageAtEnd = loadAverage();
  results.durationSeconds = Math.round(seconds);
  results.goals = allGoals.map(({ benchmark, goal }) => ({ benchmark, ...goal, verdict: verdict(goal.met) }));
  // Only a full run in which every benchmark ran replaces the committed results.json.
  const complete = only.size === BENCHMARKS.length && Object.keys(skipped).length === 0;
  const resultsFile = complete ? RESULTS_FILE : PARTIAL_RESULTS_FILE;
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, undefined, 2)}\n`);

  out(title('Goals'));
  out(goalTable(allGoals.map(({ benchmark, goal }) => ({ ...goal, goal: `[${benchmark}] ${goal.goal}` }))));
  out(`\nDone in ${Math.round(seconds)} s (1-minute load average ${results.loadAverageAtEnd} at the end, on ${os.availableParallelism()} CPUs); `
    + `raw figures in ${path.relative(process.cwd(), resultsFile)}.`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
