/**
 * Benchmark 7, rehearsal at scale: `cdk-partnercentral rehearse <cdk.out> --json`, as a user
 * runs it, on synthesized apps of 1, 100 and 496 invitations in one stack and of 4 stacks of 496
 * (the README's advice beyond 496). Each run is a fresh `node` process of the CLI bundle; the
 * apps' runs are interleaved (the order rotates every round), so drift of the machine hits them
 * alike.
 *
 * Measured per run: wall time around the process; its CPU (user + system) and peak RSS, read by a
 * preloaded module at exit (`process.resourceUsage()`); and the time the real handler spends on
 * the events (from each invocation to the settling of its promise, which includes the emulator's
 * and the ResponseURL's work it waits for), through a wrapper passed as `--handler` that loads
 * the shipped bundle. Every run is checked: exit status 0, `ok: true`, every invitation deployed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { appLabel, invitationCount, RehearseApp, synthesizeApp } from './rehearse-app';
import { SHIPPED_BUNDLE } from './shipped-handler';
import { fmt, Goal, goalTable, msSince, round, Spread, spread, table, title } from './stats';
import { CLI_BUNDLE_PATH } from '../tools/cli-bundle';

/** The CLI bundle, as `npx projen bundle` writes it. */
export const CLI_BUNDLE = path.join(__dirname, '..', CLI_BUNDLE_PATH);

/** The apps, smallest first: the first is the fixed cost, the last two give the slopes. */
export const REHEARSE_APPS: readonly RehearseApp[] = [
  { stacks: 1, invitationsPerStack: 1 },
  { stacks: 1, invitationsPerStack: 100 },
  { stacks: 1, invitationsPerStack: 496 },
  { stacks: 4, invitationsPerStack: 496 },
];

/** Goal: the slope between 496 and 4 x 496 at most this times the slope between 100 and 496. */
const MAX_SLOPE_RATIO = 1.2;
/** Goal: rehearse time per invitation at most this times the handler's own time per invitation. */
const MAX_HANDLER_RATIO = 1.5;

/** What one run of the CLI reports about itself. */
interface RunFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  readonly handlerMs: number;
  readonly invocations: number;
}

/** The figures of one app over all runs. */
export interface RehearseAppResult {
  readonly label: string;
  readonly stacks: number;
  readonly invitations: number;
  /** Template bytes of the app's stacks, together. */
  readonly templateBytes: number;
  /** One in-process synthesis of the app (untimed by the goals; the issue compares with it). */
  readonly synthMs: number;
  readonly events: number;
  readonly wallMs: Spread;
  readonly cpuMs: Spread;
  readonly peakRssMiB: Spread;
  readonly handlerMs: Spread;
  readonly invocations: number;
  readonly samples: RunFigures[];
}

/** Everything benchmark 7 reports. */
export interface RehearseResults {
  readonly runs: number;
  /** The CLI bundle measured (`BENCH_REHEARSE_CLI` measures another, e.g. an older build). */
  readonly cli: string;
  readonly apps: RehearseAppResult[];
  /** Median wall time of the 1-invitation rehearsal: the fixed cost (start, emulator, probe). */
  readonly fixedMs: number;
  /** ms per invitation between 100 and 496, and between 496 and 4 x 496 (medians of wall time). */
  readonly slopeMs: { readonly from100To496: number; readonly from496To4x496: number };
  readonly slopeRatio: number;
  /** The same slopes in CPU time (user + system): less moved by other load on the machine. */
  readonly slopeCpuMs: { readonly from100To496: number; readonly from496To4x496: number };
  /** Per invitation over the fixed cost, against the handler's own time per invitation, per app. */
  readonly perInvitation: ReadonlyArray<{ readonly label: string; readonly rehearseMs: number; readonly handlerMs: number; readonly ratio: number }>;
  readonly goals: Goal[];
}

/** The preload that writes the process's CPU, peak RSS and the handler's time at exit. */
const PRELOAD = `
const fs = require('fs');
process.on('exit', () => {
  const u = process.resourceUsage();
  const h = globalThis.__benchHandler || { ms: 0, invocations: 0 };
  fs.writeFileSync(process.env.BENCH_REHEARSE_FIGURES, JSON.stringify({
    cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakRssKiB: u.maxRSS, handlerMs: h.ms, invocations: h.invocations,
  }));
});
`;

/** The handler the CLI runs: the shipped bundle, timed per invocation. */
const TIMED_HANDLER = `
const real = require(process.env.BENCH_REHEARSE_REAL_HANDLER);
const figures = globalThis.__benchHandler = { ms: 0, invocations: 0 };
exports.handler = async (event, context) => {
  const start = process.hrtime.bigint();
  try {
    return await real.handler(event, context);
  } finally {
    figures.ms += Number(process.hrtime.bigint() - start) / 1e6;
    figures.invocations++;
  }
};
`;

function templateBytesOf(dir: string): number {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

/** One rehearsal in a fresh process; throws unless it passed with every invitation deployed. */
function rehearseOnce(cli: string, app: RehearseApp, assemblyDir: string, tmp: string): RunFigures & { events: number } {
  const figuresFile = path.join(tmp, 'figures.json');
  fs.rmSync(figuresFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', path.join(tmp, 'preload.js'), cli, 'rehearse', assemblyDir, '--json', '--handler', path.join(tmp, 'timed-handler.js')], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      BENCH_REHEARSE_FIGURES: figuresFile,
      BENCH_REHEARSE_REAL_HANDLER: SHIPPED_BUNDLE,
    },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = msSince(start);
  if (r.status !== 0) throw new Error(`rehearse of ${appLabel(app)} failed (exit ${r.status}):\n${r.stderr}\n${r.stdout.slice(-2000)}`);
  const result = JSON.parse(r.stdout) as { ok: boolean; stacks: Array<{ invitations: unknown[] }>; events: unknown[] };
  const deployed = result.stacks.reduce((n, s) => n + s.invitations.length, 0);
  if (!result.ok || deployed !== invitationCount(app)) {
    throw new Error(`rehearse of ${appLabel(app)}: ok ${result.ok}, ${deployed} of ${invitationCount(app)} invitations deployed`);
  }
  const own = JSON.parse(fs.readFileSync(figuresFile, 'utf8')) as { cpuMs: number; peakRssKiB: number; handlerMs: number; invocations: number };
  return {
    wallMs,
    cpuMs: own.cpuMs,
    peakRssMiB: own.peakRssKiB / 1024,
    handlerMs: own.handlerMs,
    invocations: own.invocations,
    events: result.events.length,
  };
}

/**
 * Runs benchmark 7: synthesizes the apps into a temporary directory, then `runs` interleaved
 * rounds of a rehearsal of each.
 *
 * @param cli the CLI bundle to run
 */
export function runRehearse(runs: number, log: (line: string) => void, cli = CLI_BUNDLE): RehearseResults {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-partnercentral-bench-rehearse-'));
  try {
    fs.writeFileSync(path.join(tmp, 'preload.js'), PRELOAD);
    fs.writeFileSync(path.join(tmp, 'timed-handler.js'), TIMED_HANDLER);
    // One unmeasured synthesis first, so the first app's synth time is not the JIT's warm-up.
    synthesizeApp(REHEARSE_APPS[0], path.join(tmp, 'warm-up'));
    const dirs = REHEARSE_APPS.map((app, i) => {
      const dir = path.join(tmp, `app${i}`);
      const start = process.hrtime.bigint();
      synthesizeApp(app, dir);
      return { dir, synthMs: msSince(start) };
    });
    log(`  rehearse: ${REHEARSE_APPS.length} apps synthesized`);
    const samples: Array<Array<RunFigures & { events: number }>> = REHEARSE_APPS.map(() => []);
    for (let pass = 0; pass < runs; pass++) {
      for (let k = 0; k < REHEARSE_APPS.length; k++) {
        const i = (k + pass) % REHEARSE_APPS.length;
        samples[i].push(rehearseOnce(cli, REHEARSE_APPS[i], dirs[i].dir, tmp));
      }
      log(`  rehearse: round ${pass + 1} of ${runs} done (1-minute load ${os.loadavg()[0].toFixed(2)})`);
    }
    const apps: RehearseAppResult[] = REHEARSE_APPS.map((app, i) => ({
      label: appLabel(app),
      stacks: app.stacks,
      invitations: invitationCount(app),
      templateBytes: templateBytesOf(dirs[i].dir),
      synthMs: round(dirs[i].synthMs, 1),
      events: samples[i][0].events,
      wallMs: spread(samples[i].map((s) => s.wallMs)),
      cpuMs: spread(samples[i].map((s) => s.cpuMs)),
      peakRssMiB: spread(samples[i].map((s) => s.peakRssMiB)),
      handlerMs: spread(samples[i].map((s) => s.handlerMs)),
      invocations: samples[i][0].invocations,
      samples: samples[i].map((s) => ({
        wallMs: round(s.wallMs, 1),
        cpuMs: round(s.cpuMs, 1),
        peakRssMiB: round(s.peakRssMiB, 1),
        handlerMs: round(s.handlerMs, 1),
        invocations: s.invocations,
      })),
    }));
    return summarize(runs, cli, apps);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The derived figures and the goals, from the apps' medians. */
export function summarize(runs: number, cli: string, apps: RehearseAppResult[]): RehearseResults {
  const [one, hundred, single, four] = apps;
  const fixedMs = one.wallMs.median;
  const slope = (a: RehearseAppResult, b: RehearseAppResult): number => (b.wallMs.median - a.wallMs.median) / (b.invitations - a.invitations);
  const slopeMs = { from100To496: slope(hundred, single), from496To4x496: slope(single, four) };
  const slopeRatio = slopeMs.from496To4x496 / slopeMs.from100To496;
  const cpuSlope = (a: RehearseAppResult, b: RehearseAppResult): number => (b.cpuMs.median - a.cpuMs.median) / (b.invitations - a.invitations);
  const slopeCpuMs = { from100To496: cpuSlope(hundred, single), from496To4x496: cpuSlope(single, four) };
  // Over the fixed cost: what each invitation adds to the rehearsal, beside what it adds to the
  // handler's own time (both against the 1-invitation run, so the probe and start-up cancel out).
  const perInvitation = apps.slice(1).map((a) => {
    const rehearseMs = (a.wallMs.median - fixedMs) / (a.invitations - one.invitations);
    const handlerMs = (a.handlerMs.median - one.handlerMs.median) / (a.invitations - one.invitations);
    return { label: a.label, rehearseMs, handlerMs, ratio: rehearseMs / handlerMs };
  });
  const worst = perInvitation.reduce((w, p) => (p.ratio > w.ratio ? p : w));
  const goals: Goal[] = [
    {
      goal: `slope 496 -> 4 x 496 <= ${MAX_SLOPE_RATIO} x slope 100 -> 496 (wall, median of ${runs})`,
      measured: `${fmt(slopeRatio, 2)} x (${fmt(slopeMs.from496To4x496, 2)} vs ${fmt(slopeMs.from100To496, 2)} ms per invitation)`,
      met: slopeRatio <= MAX_SLOPE_RATIO,
    },
    {
      goal: `rehearse time per invitation <= ${MAX_HANDLER_RATIO} x the handler's own (over the 1-invitation run; the handler's own includes`
        + ' the in-process emulator\'s and ResponseURL host\'s work it waits for)',
      measured: `${fmt(worst.ratio, 2)} x at ${worst.label} (${fmt(worst.rehearseMs, 2)} vs ${fmt(worst.handlerMs, 2)} ms); `
        + perInvitation.map((p) => `${p.label}: ${fmt(p.ratio, 2)} x`).join(', '),
      met: worst.ratio <= MAX_HANDLER_RATIO,
    },
  ];
  return { runs, cli, apps, fixedMs, slopeMs, slopeRatio, slopeCpuMs, perInvitation, goals };
}

/** The printed report of benchmark 7. */
export function reportRehearse(r: RehearseResults): string {
  const rows = r.apps.map((a) => {
    const per = r.perInvitation.find((p) => p.label === a.label);
    return [
      a.label,
      fmt(a.events),
      fmt(a.wallMs.median),
      `${fmt(a.wallMs.min)}-${fmt(a.wallMs.max)}`,
      fmt(a.cpuMs.median),
      fmt(a.peakRssMiB.median, 1),
      fmt(a.handlerMs.median),
      // At 1 invitation there is nothing over the fixed cost: the whole run's time, per invitation.
      fmt(per ? per.rehearseMs : a.wallMs.median / a.invitations, 2),
      fmt(per ? per.handlerMs : a.handlerMs.median / a.invitations, 2),
      fmt(a.wallMs.median / a.synthMs, 1),
    ];
  });
  const median4 = r.apps[3];
  return [
    title(`7. Rehearsal at scale (cdk-partnercentral rehearse --json, fresh process, median of ${r.runs} interleaved runs)`),
    table(['invitations', 'events', 'wall ms', 'min-max', 'CPU ms', 'peak RSS MiB', 'handler ms', 'ms/inv', 'handler ms/inv', 'x synth'], rows),
    '',
    `Fixed cost (the 1-invitation rehearsal): ${fmt(r.fixedMs)} ms. Slope: ${fmt(r.slopeMs.from100To496, 2)} ms per invitation from 100 to 496, `
      + `${fmt(r.slopeMs.from496To4x496, 2)} from 496 to 4 x 496 (ratio ${fmt(r.slopeRatio, 2)}); in CPU time ${fmt(r.slopeCpuMs.from100To496, 2)} and `
      + `${fmt(r.slopeCpuMs.from496To4x496, 2)} (ratio ${fmt(r.slopeCpuMs.from496To4x496 / r.slopeCpuMs.from100To496, 2)}).`,
    'ms/inv: wall time over the fixed cost per invitation; handler ms/inv: the handler\'s own time over that of the 1-invitation run, per invitation'
      + ' (at 1 invitation: the whole run\'s). The handler\'s own time includes the in-process emulator\'s and ResponseURL host\'s work it waits for.',
    `x synth: wall time over one in-process synthesis of the same app (4 x 496: ${fmt(median4.synthMs)} ms, modules already loaded).`,
    `CLI: ${path.relative(process.cwd(), r.cli) || r.cli}. CPU (user + system), peak RSS and handler time: medians over the same runs.`,
    '',
    goalTable(r.goals),
  ].join('\n');
}
