/**
 * Benchmark 3, throttled deployment: 200 creates at once against the emulator limited to
 * 10 requests/s with a burst of 5, first through the shipped handler (real CloudFormation
 * events and ResponseURL through the driver, the provider function's timeout as Lambda's and
 * Lambda's two retries; medians of BENCH_THROTTLE_RUNS runs), then through the AWS SDK client
 * with its default retries. A second load point near the edge of the create fence (60 creates at
 * 1 request/s, an ideal of 55 s against the fence's 60 s) runs the shipped policy beside the
 * previous one. BENCH_THROTTLE_TABLE=1 adds the table the policy was chosen from: several
 * throttling schedules, each at both load points. The load points and the paths are
 * ./throttle-paths.ts's; this module runs the policies and reports.
 */
import { fmt, Goal, goalTable, median, round, table, title } from './stats';
import {
  CREATES,
  EDGE_POINT,
  handlerPath,
  IDEAL_SECONDS,
  idealSeconds,
  LAMBDA_TIMEOUT_MS,
  MAIN_POINT,
  RATE_LIMIT,
  sdkPath,
  type LoadPoint,
  type ThrottlePath,
  type ThrottlePolicy,
} from './throttle-paths';
import { DEFAULT_RETRY, type ThrottleBackoff } from '../lambda/retry';
import type { RateLimit } from '../tools/emulator/rate-limit';

/** A wait as the labels write it: in seconds from 1 s, else in milliseconds. */
function waitLabel(ms: number): string {
  return ms >= 1_000 ? `${ms / 1_000} s` : `${ms} ms`;
}

/** A throttling schedule's label, made from its tuning: `decorrelated 1 s / 5 s` (jitter, base / cap). */
export function scheduleLabel(tuning: ThrottleBackoff): string {
  const jitter = tuning.throttleJitter === 'full' ? 'full jitter' : tuning.throttleJitter;
  return `${jitter} ${waitLabel(tuning.throttleBaseDelayMs)} / ${waitLabel(tuning.throttleMaxDelayMs)}`;
}

/** A schedule measured with the handler tuned to `retry`, named by its label (after `prefix`). */
function tunedPolicy(retry: ThrottleBackoff, prefix = ''): ThrottlePolicy {
  return { name: `${prefix}${scheduleLabel(retry)}`, retry };
}

/** The shipped schedule (lambda/retry.ts DEFAULT_RETRY): the handler as it ships, untuned. */
export const SHIPPED_POLICY: ThrottlePolicy = { name: `shipped: ${scheduleLabel(DEFAULT_RETRY)}` };
/** The schedule before: throttling backed off as server errors, full jitter from 100 ms capped at 2 s. */
export const PREVIOUS_POLICY: ThrottlePolicy = tunedPolicy({ throttleJitter: 'full', throttleBaseDelayMs: 100, throttleMaxDelayMs: 2_000 }, 'before: ');
/** The candidates of the table (BENCH_THROTTLE_TABLE=1). */
export const CANDIDATE_POLICIES: readonly ThrottlePolicy[] = [
  PREVIOUS_POLICY,
  tunedPolicy({ throttleJitter: 'full', throttleBaseDelayMs: 1_000, throttleMaxDelayMs: 5_000 }),
  tunedPolicy({ throttleJitter: 'decorrelated', throttleBaseDelayMs: 500, throttleMaxDelayMs: 5_000 }),
  tunedPolicy({ throttleJitter: 'decorrelated', throttleBaseDelayMs: 1_000, throttleMaxDelayMs: 5_000 }),
  tunedPolicy({ throttleJitter: 'decorrelated', throttleBaseDelayMs: 2_000, throttleMaxDelayMs: 10_000 }),
];

/** The makespan goal, as a multiple of the ideal. */
const MAX_MAKESPAN_RATIO = 1.25;
/** The request goal: API requests per create. */
const MAX_REQUESTS_PER_CREATE = 5;

/** Everything benchmark 3 reports. */
export interface ThrottleResults {
  readonly creates: number;
  readonly rateLimit: RateLimit;
  readonly idealSeconds: number;
  readonly lambdaTimeoutMs: number;
  readonly paths: ThrottlePath[];
  readonly goals: Goal[];
}

/** The runs of one policy at one load point, and their medians. */
export interface PolicyRuns {
  readonly policy: string;
  readonly creates: number;
  readonly rateLimit: RateLimit;
  readonly idealSeconds: number;
  readonly runs: ThrottlePath[];
  /** Medians over the runs. */
  readonly requestsPerCreate: number;
  readonly makespanSeconds: number;
  readonly makespanOverIdeal: number;
  /** Worst over the runs. */
  readonly failures: number;
  readonly duplicates: number;
}

async function policyRuns(point: LoadPoint, policy: ThrottlePolicy, runs: number, log: (line: string) => void): Promise<PolicyRuns> {
  const all: ThrottlePath[] = [];
  for (let i = 0; i < runs; i++) {
    all.push(await handlerPath(point, policy));
    log(`  throttle: ${policy.name}, ${point.creates} creates at ${point.rateLimit.ratePerSecond}/s, run ${i + 1} of ${runs} done`);
  }
  return summarize(point, policy, all);
}

/** Medians (failures and duplicates: the worst) of the runs of one policy at one load point. */
function summarize(point: LoadPoint, policy: ThrottlePolicy, all: ThrottlePath[]): PolicyRuns {
  const med = (f: (p: ThrottlePath) => number) => median(all.map(f));
  return {
    policy: policy.name,
    creates: point.creates,
    rateLimit: point.rateLimit,
    idealSeconds: idealSeconds(point),
    runs: all,
    requestsPerCreate: round(med((p) => p.apiCalls / p.requests), 2),
    makespanSeconds: round(med((p) => p.makespanSeconds), 2),
    makespanOverIdeal: round(med((p) => p.makespanOverIdeal), 3),
    failures: Math.max(...all.map((p) => p.failures)),
    duplicates: Math.max(...all.map((p) => p.duplicates)),
  };
}

/** Everything benchmark 3 reports. */
export interface ThrottleReport extends ThrottleResults {
  /** The shipped policy at the main point (medians of the runs). */
  readonly main?: PolicyRuns;
  /** The shipped and the previous policy near the edge of the fence. */
  readonly edge: PolicyRuns[];
  /** The candidates at both points, when asked for. */
  readonly table: PolicyRuns[];
}

/**
 * Runs benchmark 3; `withHandler` false skips the handler paths (the SDK path still runs).
 *
 * @param runs runs of the shipped policy at the main point (medians reported)
 * @param withTable whether to measure every candidate policy at both points too
 * @param edgeRuns runs of each policy, alternating, at the edge load point
 */
export async function runThrottle(
  withHandler: boolean, log: (line: string) => void, runs = 3, withTable = false, edgeRuns = 3,
): Promise<ThrottleReport> {
  const paths: ThrottlePath[] = [];
  let main: PolicyRuns | undefined;
  const edge: PolicyRuns[] = [];
  const candidates: PolicyRuns[] = [];
  if (withHandler) {
    main = await policyRuns(MAIN_POINT, SHIPPED_POLICY, runs, log);
    paths.push(main.runs[main.runs.length - 1]);
    // Alternating, so that drift of the machine hits both policies alike.
    const edgeShippedRuns: ThrottlePath[] = [];
    const edgePreviousRuns: ThrottlePath[] = [];
    for (let i = 0; i < edgeRuns; i++) {
      edgeShippedRuns.push(...(await policyRuns(EDGE_POINT, SHIPPED_POLICY, 1, log)).runs);
      edgePreviousRuns.push(...(await policyRuns(EDGE_POINT, PREVIOUS_POLICY, 1, log)).runs);
    }
    edge.push(summarize(EDGE_POINT, SHIPPED_POLICY, edgeShippedRuns));
    edge.push(summarize(EDGE_POINT, PREVIOUS_POLICY, edgePreviousRuns));
    if (withTable) {
      for (const policy of CANDIDATE_POLICIES) {
        candidates.push(await policyRuns(MAIN_POINT, policy, runs, log));
        candidates.push(await policyRuns(EDGE_POINT, policy, 1, log));
      }
    }
  }
  paths.push(await sdkPath());
  log('  throttle: SDK client done');

  const [edgeShipped, edgePrevious] = edge;
  const notRun = 'handler path not run';
  // The creates that failed with the shipped policy in some run but with the previous in none.
  const failedIn = (r: PolicyRuns): Set<number> => new Set(r.runs.flatMap((p) => p.failedCreates ?? []));
  const edgeExtra = edgeShipped && edgePrevious
    ? [...failedIn(edgeShipped)].filter((i) => !failedIn(edgePrevious).has(i)).sort((a, b) => a - b)
    : [];
  const failuresPerRun = (r: PolicyRuns): string => r.runs.map((p) => p.failures).join(', ');
  const goals: Goal[] = [
    {
      goal: `all ${CREATES} creates succeed, in each of ${runs} runs`,
      measured: main ? `${main.creates - main.failures} succeeded, ${main.failures} failed (worst run)` : notRun,
      met: main ? main.failures === 0 : undefined,
    },
    {
      goal: 'no invitation created twice',
      measured: main ? `${main.duplicates} duplicates (worst run)` : notRun,
      met: main ? main.duplicates === 0 : undefined,
    },
    {
      goal: `at most ${MAX_REQUESTS_PER_CREATE} API requests per create (median of ${runs}; floor 1)`,
      measured: main ? `${fmt(main.requestsPerCreate, 1)} requests per create` : notRun,
      met: main ? main.requestsPerCreate <= MAX_REQUESTS_PER_CREATE : undefined,
    },
    {
      goal: `makespan <= ${MAX_MAKESPAN_RATIO} x ideal (${fmt(IDEAL_SECONDS, 1)} s; median of ${runs})`,
      measured: main ? `${fmt(main.makespanSeconds, 1)} s = ${fmt(main.makespanOverIdeal, 2)} x` : notRun,
      met: main ? main.makespanOverIdeal <= MAX_MAKESPAN_RATIO : undefined,
    },
    {
      goal: `near the fence (${EDGE_POINT.creates} creates at ${EDGE_POINT.rateLimit.ratePerSecond}/s, ideal ${fmt(idealSeconds(EDGE_POINT), 0)} s; ${edgeRuns} runs of each policy): no failure the previous policy would not have had`,
      measured: edgeShipped && edgePrevious
        ? `failures per run: shipped ${failuresPerRun(edgeShipped)} (median ${fmt(edgeShipped.makespanSeconds, 1)} s), previous ${failuresPerRun(edgePrevious)} (median ${fmt(edgePrevious.makespanSeconds, 1)} s);`
          + ` ${edgeExtra.length} creates failed only with the shipped policy${edgeExtra.length > 0 ? ` (#${edgeExtra.join(', #')})` : ''}`
        : notRun,
      met: edgeShipped && edgePrevious ? edgeExtra.length === 0 : undefined,
    },
  ];
  return {
    creates: CREATES,
    rateLimit: RATE_LIMIT,
    idealSeconds: IDEAL_SECONDS,
    lambdaTimeoutMs: LAMBDA_TIMEOUT_MS,
    paths,
    goals,
    main,
    edge,
    table: candidates,
  };
}

function policyRow(r: PolicyRuns): string[] {
  return [
    r.policy,
    `${r.creates} at ${r.rateLimit.ratePerSecond}/s`,
    String(r.runs.length),
    String(r.failures),
    String(r.duplicates),
    fmt(r.makespanSeconds, 1),
    fmt(r.makespanOverIdeal, 2),
    fmt(r.requestsPerCreate, 1),
  ];
}

const POLICY_HEADER = ['throttling policy', 'load', 'runs', 'failures', 'duplicates', 'makespan s', 'x ideal', 'requests/create'];

/** The printed report of benchmark 3. */
export function reportThrottle(r: ThrottleReport): string {
  const rows = r.paths.map((p) => [
    p.path,
    String(p.successes),
    String(p.duplicates),
    String(p.failures),
    fmt(p.makespanSeconds, 1),
    fmt(p.makespanOverIdeal, 2),
    fmt(p.apiCalls),
    fmt(p.throttled),
  ]);
  const causes = [...r.paths, ...r.edge.flatMap((e) => e.runs), ...r.table.flatMap((e) => e.runs)]
    .filter((p) => p.failures > 0)
    .map((p) => `Failures of ${p.path} (${p.requests} creates): ${Object.entries(p.failureCauses).map(([k, v]) => `${v} x ${k}`).join('; ')}.`);
  const notes = r.paths.map((p) => `${p.path}: ${fmt(p.apiCalls / p.requests, 1)} API requests per create (floor: 1)`
    + (p.invocations !== undefined ? `, ${p.invocations} invocations for ${p.requests} events (${p.invocations - p.requests} Lambda retries)` : '')
    + (p.logLines !== undefined ? `, ${fmt(p.logLines)} log lines` : '')
    + '.');
  const policies = [...(r.main ? [r.main] : []), ...r.edge];
  return [
    title(`3. Throttled deployment (${r.creates} creates at once, ${r.rateLimit.ratePerSecond} requests/s, burst ${r.rateLimit.burst}; ideal ${fmt(r.idealSeconds, 1)} s)`),
    table(['path (last run)', 'successes', 'duplicates', 'failures', 'makespan s', 'x ideal', 'API calls', 'throttled'], rows),
    '',
    ...notes,
    '',
    'Throttling policy at both load points (medians; failures and duplicates: worst run):',
    table(POLICY_HEADER, policies.map(policyRow)),
    ...(r.table.length > 0 ? ['', 'The candidates (BENCH_THROTTLE_TABLE=1):', table(POLICY_HEADER, r.table.map(policyRow))] : []),
    ...(causes.length > 0 ? ['', ...causes] : []),
    '',
    goalTable(r.goals),
  ].join('\n');
}
