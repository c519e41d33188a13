/**
 * Benchmark 2, cold load of the handler: a fresh `node` process that `require`s the shipped
 * bundle and exits, against the same job bundled from the AWS SDK client (bench/sdk-handler.ts,
 * bundled here with esbuild), against bare `node -e 0`, and, when BENCH_BASELINE_HANDLER names
 * an older bundled handler, against that baseline (issue 11: cold load within 5 % of the
 * baseline's). Runs are interleaved, so that drift of the machine hits every subject alike.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SHIPPED_BUNDLE } from './shipped-handler';
import { fmt, Goal, goalTable, msSince, round, Spread, spread, table, title } from './stats';

const ROOT = path.join(__dirname, '..');

/** The bundle size goal of the shipped handler. */
const MAX_BUNDLE_BYTES = 150 * 1024;
/** The load time goal, as (ours - bare) / (sdk - bare). */
const MAX_LOAD_RATIO = 0.6;
/** The load time goal against an older build, as (ours - bare) / (baseline - bare). */
const MAX_BASELINE_RATIO = 1.05;

const SHIPPED = 'shipped handler';
const SDK = 'SDK-client handler';
const BARE = 'bare node -e 0';
const BASELINE = 'baseline handler';

/** One measured subject. */
export interface LoadSubject {
  readonly name: string;
  /** Bundle bytes (0 for bare node). */
  readonly bytes: number;
  readonly wallMs: Spread;
  readonly samplesMs: number[];
}

/** Everything benchmark 2 reports. */
export interface ColdLoadResults {
  readonly runs: number;
  readonly nodeVersion: string;
  readonly subjects: LoadSubject[];
  /** (ours - bare) / (sdk - bare), from the medians; `null` when the shipped handler was not measured. */
  readonly netRatio: number | null;
  /** ours / sdk, from the medians; `null` when the shipped handler was not measured. */
  readonly rawRatio: number | null;
  /** (ours - bare) / (baseline - bare), from the medians; `null` when no baseline was measured. */
  readonly baselineNetRatio: number | null;
  readonly goals: Goal[];
}

/** Bundles bench/sdk-handler.ts into `outdir` the way a user would, and returns the file. */
export function bundleSdkHandler(outdir: string): string {
  const outfile = path.join(outdir, 'index.js');
  const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
  const r = spawnSync(esbuild, [
    path.join(__dirname, 'sdk-handler.ts'),
    '--bundle', '--minify', '--platform=node', '--target=node22', '--format=cjs', '--log-level=warning',
    `--outfile=${outfile}`,
  ], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`esbuild failed on bench/sdk-handler.ts:\n${r.stderr}`);
  return outfile;
}

/** Wall time of one fresh `node` process running `script`, in milliseconds. */
function timeNode(script: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', script], {
    // The SDK warns on stderr that it will soon need Node.js 22; Lambda runs 22, so silence it
    // (for all three subjects alike).
    env: { ...process.env, NODE_NO_WARNINGS: '1', NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const ms = msSince(start);
  if (r.status !== 0) throw new Error(`node -e ${JSON.stringify(script)} failed (exit ${r.status}):\n${r.stderr}`);
  return ms;
}

/**
 * Runs benchmark 2 with `runs` interleaved runs of each subject. When `shippedReason` says why
 * the shipped bundle is not the working handler yet, only the SDK-client bundle and bare node
 * are measured. `baseline` is an older bundled handler (BENCH_BASELINE_HANDLER) measured
 * beside them, for the goal against it.
 */
export function runColdLoad(runs: number, shippedReason: string | undefined, log: (line: string) => void, baseline?: string): ColdLoadResults {
  if (baseline !== undefined && !fs.existsSync(baseline)) throw new Error(`BENCH_BASELINE_HANDLER: no such file: ${baseline}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-partnercentral-bench-sdk-'));
  try {
    const sdkBundle = bundleSdkHandler(tmp);
    const bundles = [
      ...(shippedReason === undefined ? [{ name: SHIPPED, file: SHIPPED_BUNDLE }] : []),
      { name: SDK, file: sdkBundle },
      ...(baseline !== undefined ? [{ name: BASELINE, file: baseline }] : []),
    ];
    const subjects = [
      ...bundles.map((b) => ({ name: b.name, bytes: fs.statSync(b.file).size, script: `require(${JSON.stringify(b.file)})` })),
      { name: BARE, bytes: 0, script: '0' },
    ];
    // Each bundle must export the Lambda entry point, or the comparison is meaningless.
    for (const b of bundles) timeNode(`if (typeof require(${JSON.stringify(b.file)}).handler !== "function") process.exit(3)`);
    for (const s of subjects) timeNode(s.script); // warm the file cache, not measured

    const samples: number[][] = subjects.map(() => []);
    for (let i = 0; i < runs; i++) {
      // Rotate the order each round.
      for (let k = 0; k < subjects.length; k++) {
        const j = (i + k) % subjects.length;
        samples[j].push(timeNode(subjects[j].script));
      }
    }
    log(`  cold load: ${runs} runs of each done`);

    const measured: LoadSubject[] = subjects.map((s, j) => ({
      name: s.name,
      bytes: s.bytes,
      wallMs: spread(samples[j]),
      samplesMs: samples[j].map((v) => round(v, 1)),
    }));
    const find = (name: string): LoadSubject | undefined => measured.find((m) => m.name === name);
    const sdk = find(SDK)!;
    const bare = find(BARE)!.wallMs.median;
    const ours = find(SHIPPED);
    const netRatio = ours ? (ours.wallMs.median - bare) / (sdk.wallMs.median - bare) : null;
    const rawRatio = ours ? ours.wallMs.median / sdk.wallMs.median : null;
    const base = find(BASELINE);
    const baselineNetRatio = ours && base ? (ours.wallMs.median - bare) / (base.wallMs.median - bare) : null;
    const goals: Goal[] = [
      {
        goal: `shipped bundle <= ${fmt(MAX_BUNDLE_BYTES / 1024)} KB`,
        measured: ours
          ? `${fmt(ours.bytes / 1024, 1)} KB (SDK-client bundle: ${fmt(sdk.bytes / 1024, 1)} KB)`
          : `not measured: ${shippedReason}`,
        met: ours ? ours.bytes <= MAX_BUNDLE_BYTES : undefined,
      },
      {
        goal: `load time <= ${MAX_LOAD_RATIO} x the SDK-client bundle's (net of bare node)`,
        measured: ours && netRatio !== null && rawRatio !== null
          ? `${fmt(netRatio, 2)} x net (${fmt(ours.wallMs.median - bare, 1)} ms vs ${fmt(sdk.wallMs.median - bare, 1)} ms); raw ${fmt(rawRatio, 2)} x`
          : 'not measured',
        met: netRatio !== null ? netRatio <= MAX_LOAD_RATIO : undefined,
      },
      {
        goal: `load time <= ${MAX_BASELINE_RATIO} x the baseline bundle's (net of bare node, interleaved)`,
        measured: ours && base && baselineNetRatio !== null
          ? `${fmt(baselineNetRatio, 2)} x net (${fmt(ours.wallMs.median - bare, 1)} ms vs ${fmt(base.wallMs.median - bare, 1)} ms)`
          : base ? `not measured: ${shippedReason}` : 'not measured (set BENCH_BASELINE_HANDLER)',
        met: baselineNetRatio !== null ? baselineNetRatio <= MAX_BASELINE_RATIO : undefined,
      },
    ];
    return { runs, nodeVersion: process.version, subjects: measured, netRatio, rawRatio, baselineNetRatio, goals };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The printed report of benchmark 2. */
export function reportColdLoad(r: ColdLoadResults): string {
  const bare = r.subjects.find((s) => s.name === BARE)!.wallMs.median;
  const rows = r.subjects.map((s) => [
    s.name,
    s.bytes ? fmt(s.bytes) : '-',
    fmt(s.wallMs.median, 1),
    `${fmt(s.wallMs.min, 1)}-${fmt(s.wallMs.max, 1)}`,
    fmt(s.wallMs.median - bare, 1),
  ]);
  return [
    title(`2. Cold load of the handler (fresh node ${r.nodeVersion} process, median of ${r.runs} interleaved runs)`),
    table(['subject', 'bytes', 'wall ms', 'min-max', 'minus bare'], rows),
    '',
    r.netRatio !== null && r.rawRatio !== null
      ? `Ratio (ours - bare) / (sdk - bare): ${fmt(r.netRatio, 2)}; raw ours / sdk: ${fmt(r.rawRatio, 2)}.`
      : 'The shipped handler was not measured.',
    ...(r.baselineNetRatio !== null ? [`Ratio (ours - bare) / (baseline - bare): ${fmt(r.baselineNetRatio, 2)}.`] : []),
    '',
    goalTable(r.goals),
  ].join('\n');
}
