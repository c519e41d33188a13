/**
 * Benchmark 3, throttled deployment: 200 creates at once against the emulator limited to
 * 10 requests/s with a burst of 5, first through the shipped handler (real CloudFormation
 * events and ResponseURL through the driver, a Lambda-like 120 s timeout and Lambda's two
 * retries), then through the AWS SDK client with its default retries.
 */
// The comparison point of the benchmarks, never a dependency of the library: a devDependency on purpose.
// eslint-disable-next-line import/no-extraneous-dependencies
import { CreateConnectionInvitationCommand, PartnerCentralAccountClient } from '@aws-sdk/client-partnercentral-account';
import { invitationProperties } from './apps';
import { BENCH_CREDENTIALS, loadShippedHandler, withHandlerEnvironment } from './shipped-handler';
import { fmt, Goal, goalTable, msSince, round, table, title } from './stats';
import { CloudFormationDriver } from '../tools/cloudformation/driver';
import type { RateLimit } from '../tools/emulator/rate-limit';
import { PartnerCentralEmulator } from '../tools/emulator/server';

/** How many creates are started at once. */
export const CREATES = 200;
/** The emulator's limit. */
export const RATE_LIMIT: RateLimit = { ratePerSecond: 10, burst: 5 };
/** The function timeout the driver enforces, as Lambda would. */
export const LAMBDA_TIMEOUT_MS = 120_000;
/** The makespan goal, as a multiple of the ideal. */
const MAX_MAKESPAN_RATIO = 1.5;

/** The ideal makespan: the burst goes at once, the rest at the refill rate. */
export const IDEAL_SECONDS = (CREATES - RATE_LIMIT.burst) / RATE_LIMIT.ratePerSecond;

/** The outcome of one path. */
export interface ThrottlePath {
  readonly path: string;
  readonly requests: number;
  readonly successes: number;
  readonly failures: number;
  /** Failures by cause (error name or the response's Reason, cut short). */
  readonly failureCauses: Record<string, number>;
  /** Invitations the emulator holds beyond one per distinct request. */
  readonly duplicates: number;
  /** Invitations the emulator holds in all. */
  readonly invitations: number;
  /** From the start to the last answer (CloudFormation's stored response, or the SDK call's settling). */
  readonly makespanSeconds: number;
  readonly makespanOverIdeal: number;
  /** API requests the emulator received, and how many it throttled (429). */
  readonly apiCalls: number;
  readonly throttled: number;
  /** Handler path only: invocations in all (Lambda retries an invocation that failed or timed out). */
  readonly invocations?: number;
  /** Handler path only: log lines the handler wrote. */
  readonly logLines?: number;
}

/** Everything benchmark 3 reports. */
export interface ThrottleResults {
  readonly creates: number;
  readonly rateLimit: RateLimit;
  readonly idealSeconds: number;
  readonly lambdaTimeoutMs: number;
  readonly paths: ThrottlePath[];
  readonly goals: Goal[];
}

/** Invitations beyond one per distinct receiver (every request has its own receiver). */
function duplicatesIn(emulator: PartnerCentralEmulator): { duplicates: number; invitations: number } {
  const perReceiver = new Map<string, number>();
  const all = emulator.invitations();
  for (const inv of all) perReceiver.set(inv.OtherParticipantIdentifier, (perReceiver.get(inv.OtherParticipantIdentifier) ?? 0) + 1);
  let duplicates = 0;
  for (const c of perReceiver.values()) duplicates += c - 1;
  return { duplicates, invitations: all.length };
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

async function handlerPath(): Promise<ThrottlePath> {
  const handler = loadShippedHandler();
  const emulator = await PartnerCentralEmulator.start({ rateLimit: RATE_LIMIT });
  const driver = await CloudFormationDriver.start({ stackName: 'BenchThrottle' });
  try {
    const { result, logLines } = await withHandlerEnvironment(emulator, async () => {
      const events = Array.from({ length: CREATES }, (_, i) => driver.createEvent(`Invitation${i}`, invitationProperties(i)));
      const start = Date.now();
      const settled = await Promise.allSettled(events.map((e) => driver.send(handler, e, { timeoutMs: LAMBDA_TIMEOUT_MS })));
      return { events, settled, start };
    });
    const { events, settled, start } = result;
    let successes = 0;
    let invocations = 0;
    let last = start;
    const failureCauses: Record<string, number> = {};
    settled.forEach((s, i) => {
      const stored = driver.responseFor(events[i].RequestId);
      if (stored) last = Math.max(last, stored.time);
      if (s.status === 'rejected') {
        count(failureCauses, 'no response');
        return;
      }
      invocations += s.value.invocations;
      if (s.value.response.Status === 'SUCCESS') successes++;
      else count(failureCauses, (s.value.response.Reason ?? 'FAILED').slice(0, 60));
    });
    return {
      ...pathResult('shipped handler', successes, failureCauses, (last - start) / 1000, emulator),
      invocations,
      logLines,
    };
  } finally {
    await driver.stop();
    await emulator.stop();
  }
}

/** The figures both paths report, from their outcome and what the emulator saw. */
function pathResult(path: string, successes: number, failureCauses: Record<string, number>,
  makespanSeconds: number, emulator: PartnerCentralEmulator): ThrottlePath {
  return {
    path,
    requests: CREATES,
    successes,
    failures: CREATES - successes,
    failureCauses,
    ...duplicatesIn(emulator),
    makespanSeconds: round(makespanSeconds, 2),
    makespanOverIdeal: round(makespanSeconds / IDEAL_SECONDS, 3),
    apiCalls: emulator.countCalls(),
    throttled: emulator.calls.filter((c) => c.status === 429).length,
  };
}

async function sdkPath(): Promise<ThrottlePath> {
  const emulator = await PartnerCentralEmulator.start({ rateLimit: RATE_LIMIT });
  const client = new PartnerCentralAccountClient({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: BENCH_CREDENTIALS });
  try {
    const start = process.hrtime.bigint();
    let lastMs = 0;
    const settled = await Promise.allSettled(Array.from({ length: CREATES }, async (_, i) => {
      try {
        return await client.send(new CreateConnectionInvitationCommand({
          ...invitationProperties(i),
          ClientToken: `bench-sdk-${i}`,
        }));
      } finally {
        lastMs = Math.max(lastMs, msSince(start));
      }
    }));
    const failureCauses: Record<string, number> = {};
    let successes = 0;
    for (const s of settled) {
      if (s.status === 'fulfilled') successes++;
      else count(failureCauses, (s.reason as Error).name ?? 'Error');
    }
    return pathResult('SDK client, default retries', successes, failureCauses, lastMs / 1000, emulator);
  } finally {
    client.destroy();
    await emulator.stop();
  }
}

/** Runs benchmark 3; `withHandler` false skips the handler path (the SDK path still runs). */
export async function runThrottle(withHandler: boolean, log: (line: string) => void): Promise<ThrottleResults> {
  const paths: ThrottlePath[] = [];
  if (withHandler) {
    paths.push(await handlerPath());
    log('  throttle: shipped handler done');
  }
  paths.push(await sdkPath());
  log('  throttle: SDK client done');

  const ours = paths.find((p) => p.path === 'shipped handler');
  const goals: Goal[] = [
    {
      goal: `all ${CREATES} creates succeed`,
      measured: ours ? `${ours.successes} succeeded, ${ours.failures} failed` : 'handler path not run',
      met: ours ? ours.failures === 0 : undefined,
    },
    {
      goal: 'no invitation created twice',
      measured: ours ? `${ours.duplicates} duplicates (${ours.invitations} invitations)` : 'handler path not run',
      met: ours ? ours.duplicates === 0 : undefined,
    },
    {
      goal: `makespan <= ${MAX_MAKESPAN_RATIO} x ideal (${fmt(IDEAL_SECONDS, 1)} s)`,
      measured: ours ? `${fmt(ours.makespanSeconds, 1)} s = ${fmt(ours.makespanOverIdeal, 2)} x` : 'handler path not run',
      met: ours ? ours.makespanOverIdeal <= MAX_MAKESPAN_RATIO : undefined,
    },
  ];
  return { creates: CREATES, rateLimit: RATE_LIMIT, idealSeconds: IDEAL_SECONDS, lambdaTimeoutMs: LAMBDA_TIMEOUT_MS, paths, goals };
}

/** The printed report of benchmark 3. */
export function reportThrottle(r: ThrottleResults): string {
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
  const causes = r.paths
    .filter((p) => p.failures > 0)
    .map((p) => `Failures of the ${p.path}: ${Object.entries(p.failureCauses).map(([k, v]) => `${v} x ${k}`).join('; ')}.`);
  const notes = r.paths.map((p) => `${p.path}: ${fmt(p.apiCalls / p.requests, 1)} API requests per create`
    + (p.invocations !== undefined ? `, ${p.invocations} invocations for ${p.requests} events (${p.invocations - p.requests} Lambda retries)` : '')
    + (p.logLines !== undefined ? `, ${fmt(p.logLines)} log lines` : '')
    + '.');
  return [
    title(`3. Throttled deployment (${r.creates} creates at once, ${r.rateLimit.ratePerSecond} requests/s, burst ${r.rateLimit.burst}; ideal ${fmt(r.idealSeconds, 1)} s)`),
    table(['path', 'successes', 'duplicates', 'failures', 'makespan s', 'x ideal', 'API calls', 'throttled'], rows),
    '',
    ...notes,
    ...causes,
    '',
    goalTable(r.goals),
  ].join('\n');
}
