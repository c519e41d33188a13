/**
 * What benchmark 3 (./throttle.ts) measures: its load points (creates started at once against a
 * rate limit) and its two paths through them, the shipped handler (real CloudFormation events
 * and ResponseURL through the driver, a Lambda-like timeout and Lambda's retries) and the AWS SDK
 * client with its default retries, each with the figures the emulator saw.
 */
// The comparison point of the benchmarks, never a dependency of the library: a devDependency on purpose.
import { CreateConnectionInvitationCommand, PartnerCentralAccountClient } from '@aws-sdk/client-partnercentral-account';
import { invitationProperties } from './apps';
import { BENCH_CREDENTIALS, loadShippedModule, withHandlerEnvironment } from './shipped-handler';
import { msSince, round } from './stats';
import type { RetryTuning } from '../lambda/retry';
import { PARTNER_CENTRAL_REGION } from '../src/api-constraints';
import { HANDLER_TIMEOUT_SECONDS } from '../src/contract';
import { CloudFormationDriver } from '../tools/cloudformation/driver';
import type { RateLimit } from '../tools/emulator/rate-limit';
import { PartnerCentralEmulator } from '../tools/emulator/server';

/** A number of creates started at once against a rate limit. */
export interface LoadPoint {
  readonly creates: number;
  readonly rateLimit: RateLimit;
}

/** The load point: 200 creates at 10 requests/s, burst 5 (ideal 19.5 s). */
export const MAIN_POINT: LoadPoint = { creates: 200, rateLimit: { ratePerSecond: 10, burst: 5 } };
/** Near the edge of the create fence (60 s): 60 creates at 1 request/s, burst 5 (ideal 55 s). */
export const EDGE_POINT: LoadPoint = { creates: 60, rateLimit: { ratePerSecond: 1, burst: 5 } };

/** How many creates are started at once at the main point. */
export const CREATES = MAIN_POINT.creates;
/** The emulator's limit at the main point. */
export const RATE_LIMIT: RateLimit = MAIN_POINT.rateLimit;

/** A throttling schedule measured: its name and the handler's retry tuning for it. */
export interface ThrottlePolicy {
  readonly name: string;
  /** The tuning given to `createHandler`; undefined for the shipped defaults. */
  readonly retry?: Partial<RetryTuning>;
}

/** The ideal makespan of a load point: the burst goes at once, the rest at the refill rate. */
export function idealSeconds(p: LoadPoint): number {
  return (p.creates - p.rateLimit.burst) / p.rateLimit.ratePerSecond;
}
/** The function timeout the driver enforces, as Lambda would: the provider function's (`HANDLER_TIMEOUT_SECONDS`). */
export const LAMBDA_TIMEOUT_MS = HANDLER_TIMEOUT_SECONDS * 1000;
/** The ideal makespan at the main point. */
export const IDEAL_SECONDS = idealSeconds(MAIN_POINT);

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
  /** Handler path only: the indexes of the creates that failed (for the comparison at the edge). */
  readonly failedCreates?: number[];
}

/** Invitations beyond one per distinct receiver (every request has its own receiver). */
export function duplicatesIn(emulator: PartnerCentralEmulator): { duplicates: number; invitations: number } {
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

/**
 * The handler path: every create a CloudFormation event sent through the driver to the shipped
 * handler (tuned by `policy`), at once, against the emulator limited as `point` says.
 */
export async function handlerPath(point: LoadPoint, policy: ThrottlePolicy): Promise<ThrottlePath> {
  const mod = loadShippedModule();
  const handler = policy.retry ? mod.createHandler({ retry: policy.retry }) : mod.handler;
  const emulator = await PartnerCentralEmulator.start({ rateLimit: point.rateLimit });
  const driver = await CloudFormationDriver.start({ stackName: 'BenchThrottle' });
  try {
    const { result, logLines } = await withHandlerEnvironment(emulator, async () => {
      const events = Array.from({ length: point.creates }, (_, i) => driver.createEvent(`Invitation${i}`, invitationProperties(i)));
      const start = Date.now();
      const settled = await Promise.allSettled(events.map((e) => driver.send(handler, e, { timeoutMs: LAMBDA_TIMEOUT_MS })));
      return { events, settled, start };
    });
    const { events, settled, start } = result;
    let successes = 0;
    let invocations = 0;
    let last = start;
    const failureCauses: Record<string, number> = {};
    const failedCreates: number[] = [];
    settled.forEach((s, i) => {
      const stored = driver.responseFor(events[i].RequestId);
      if (stored) last = Math.max(last, stored.time);
      if (s.status === 'rejected') {
        count(failureCauses, 'no response');
        failedCreates.push(i);
        return;
      }
      invocations += s.value.invocations;
      if (s.value.response.Status === 'SUCCESS') {
        successes++;
      } else {
        count(failureCauses, (s.value.response.Reason ?? 'FAILED').slice(0, 60));
        failedCreates.push(i);
      }
    });
    return {
      ...pathResult(policy.name, point, successes, failureCauses, (last - start) / 1000, emulator),
      invocations,
      logLines,
      failedCreates,
    };
  } finally {
    await driver.stop();
    await emulator.stop();
  }
}

/** The figures both paths report, from their outcome and what the emulator saw. */
function pathResult(path: string, point: LoadPoint, successes: number, failureCauses: Record<string, number>,
  makespanSeconds: number, emulator: PartnerCentralEmulator): ThrottlePath {
  return {
    path,
    requests: point.creates,
    successes,
    failures: point.creates - successes,
    failureCauses,
    ...duplicatesIn(emulator),
    makespanSeconds: round(makespanSeconds, 2),
    makespanOverIdeal: round(makespanSeconds / idealSeconds(point), 3),
    apiCalls: emulator.countCalls(),
    throttled: emulator.calls.filter((c) => c.status === 429).length,
  };
}

/** The SDK path: the main point's creates at once through the AWS SDK client with its default retries. */
export async function sdkPath(): Promise<ThrottlePath> {
  const emulator = await PartnerCentralEmulator.start({ rateLimit: RATE_LIMIT });
  const client = new PartnerCentralAccountClient({ endpoint: emulator.endpoint, region: PARTNER_CENTRAL_REGION, credentials: BENCH_CREDENTIALS });
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
    return pathResult('SDK client, default retries', MAIN_POINT, successes, failureCauses, lastMs / 1000, emulator);
  } finally {
    client.destroy();
    await emulator.stop();
  }
}
