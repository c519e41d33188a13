/**
 * Benchmark 6, creates over TLS: the shipped handler beside the same job on the AWS SDK client
 * (bench/sdk-handler.ts), both talking HTTPS to a local TLS front of the emulator and of the
 * ResponseURL host, as production talks to the service and to S3.
 *
 * At bench time a throwaway self-signed certificate for 127.0.0.1 is made with `openssl` (RSA
 * 2048, as AWS endpoints present; it and the fronts are ./tls-front.ts's); each subject runs in
 * its own `node` process that trusts it through `NODE_EXTRA_CA_CERTS`, as a Lambda sandbox would
 * run it. Measured in the subject's
 * process: wall time (hrtime) and CPU (`process.cpuUsage`, user + system) of each invocation.
 *
 * - Warm creates: one process per subject, kept across invocations (a warm function); after one
 *   unmeasured invocation each, paired runs alternate which subject goes first.
 * - Cold creates: a fresh process per run, timed from before loading the bundle to the end of
 *   its first create (load, first connection, first TLS handshake, signing key).
 * - Stale connections: the shipped handler's process is stopped (SIGSTOP, as Lambda freezes a
 *   sandbox), the fronts close their idle connections, the process resumes and creates at once.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { invitationProperties } from './apps';
import { bundleSdkHandler } from './cold-load';
import { handlerEnvironment, SHIPPED_BUNDLE } from './shipped-handler';
import { fmt, Goal, goalTable, median, round, spread, table, title, type Spread } from './stats';
import { duplicatesIn } from './throttle-paths';
import { makeCertificate, TlsFront } from './tls-front';
import { CloudFormationDriver } from '../tools/cloudformation/driver';
import { PartnerCentralEmulator } from '../tools/emulator/server';

/** The goal: shipped / SDK, for wall time and CPU per warm create. */
const MAX_WARM_RATIO = 0.9;
/** The stale-connection goal: one create request, or one quick retry after a dead connection. */
const MAX_STALE_ATTEMPTS = 2;

/** What a subject process reports after an invocation. */
interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly error?: string;
}

/**
 * The subject process: loads the bundle (timed), then runs one invocation per message and
 * reports its wall time and CPU; the first report covers the load as well.
 */
const SUBJECT = `
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const { handler } = require(process.env.BENCH_BUNDLE);
let first = true;
process.on('message', async (m) => {
  const t = first ? t0 : process.hrtime.bigint();
  const c = first ? c0 : process.cpuUsage();
  first = false;
  let error;
  try {
    await handler(m.event, { getRemainingTimeInMillis: () => 60000 });
  } catch (e) {
    error = String((e && e.message) || e);
  }
  const cpu = process.cpuUsage(c);
  process.send({ wallMs: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, error });
});
`;

class Subject {
  public static start(bundle: string, env: Record<string, string>): Subject {
    return new Subject(spawn(process.execPath, ['-e', SUBJECT], {
      env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', BENCH_BUNDLE: bundle, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }));
  }

  private constructor(public readonly child: ChildProcess) {}

  public invoke(event: unknown): Promise<Timing> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the subject exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (m: Timing) => {
        this.child.off('exit', onExit);
        if (m.error) reject(new Error(m.error));
        else resolve(m);
      });
      this.child.send({ event });
    });
  }

  public stop(): void {
    this.child.kill();
  }
}

/** The figures of one subject. */
export interface TlsSubject {
  readonly subject: string;
  readonly warmWallMs: Spread;
  readonly warmCpuMs: Spread;
  readonly coldWallMs: Spread;
  readonly coldCpuMs: Spread;
  /** TLS connections the fronts accepted over the subject's warm runs (API and ResponseURL). */
  readonly warmConnections: number;
}

/** Everything benchmark 6 reports. */
export interface TlsResults {
  readonly pairs: number;
  readonly coldRuns: number;
  readonly subjects: TlsSubject[];
  readonly warmWallRatio: number;
  readonly warmCpuRatio: number;
  /** Median ratio of the per-pair ratios, wall and CPU. */
  readonly pairedWallRatio: number;
  readonly pairedCpuRatio: number;
  /** The shipped handler after a freeze during which the fronts closed their idle connections. */
  readonly staleWallMs: Spread;
  readonly staleCpuMs: Spread;
  readonly staleSucceeded: number;
  /** CreateConnectionInvitation requests the emulator received for each stale create (1: no retry). */
  readonly staleAttempts: number[];
  /** Invitations the emulator holds beyond one per receiver, over the whole benchmark. */
  readonly duplicates: number;
  readonly invitations: number;
  readonly goals: Goal[];
}

/**
 * Runs benchmark 6.
 *
 * @param pairs paired warm runs
 * @param coldRuns fresh processes per subject
 */
export async function runTls(pairs: number, coldRuns: number, log: (line: string) => void): Promise<TlsResults> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tls-'));
  // The certificate and the SDK-client bundle first: when either fails (no openssl), no server
  // has been started yet that would keep the process alive.
  let certificate: { key: Buffer; cert: Buffer; certFile: string };
  let sdkBundle: string;
  try {
    certificate = makeCertificate(dir);
    sdkBundle = bundleSdkHandler(dir);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const { key, cert, certFile } = certificate;
  // Every server started is stopped, also when a later one fails to start.
  const servers: Array<{ stop(): Promise<void> }> = [];
  const stopServers = async (): Promise<void> => {
    for (const server of servers.reverse()) await server.stop();
  };
  const started = <T extends { stop(): Promise<void> }>(server: T): T => {
    servers.push(server);
    return server;
  };
  let emulator: PartnerCentralEmulator;
  let driver: CloudFormationDriver;
  let api: TlsFront;
  let s3: TlsFront;
  let driverOrigin: string;
  try {
    emulator = started(await PartnerCentralEmulator.start());
    driver = started(await CloudFormationDriver.start({ stackName: 'BenchTls' }));
    api = started(await TlsFront.start(emulator.endpoint, key, cert));
    // The ResponseURL host's origin, read off a URL it issues.
    driverOrigin = new URL(driver.createEvent('TlsProbe', invitationProperties(0)).ResponseURL).origin;
    s3 = started(await TlsFront.start(driverOrigin, key, cert));
  } catch (e) {
    await stopServers();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const bundles: Record<string, string> = { 'shipped handler': SHIPPED_BUNDLE, 'SDK-client handler': sdkBundle };
  const env: Record<string, string> = { NODE_EXTRA_CA_CERTS: certFile, ...handlerEnvironment(api.url) };
  let n = 0;
  const nextEvent = () => {
    const i = n++;
    const e = driver.createEvent(`Tls${i}`, invitationProperties(1000 + i));
    return { event: { ...e, ResponseURL: e.ResponseURL.replace(driverOrigin, s3.url) }, requestId: e.RequestId };
  };
  const checked = async (subject: Subject): Promise<Timing> => {
    const { event, requestId } = nextEvent();
    const t = await subject.invoke(event);
    const stored = driver.responseFor(requestId);
    if (stored?.response?.Status !== 'SUCCESS') throw new Error(`a create over TLS did not succeed: ${stored?.response?.Reason ?? 'no response stored'}`);
    return t;
  };

  const subjects: Record<string, Subject> = {};
  const warmConnections: Record<string, number> = {};
  try {
    const names = Object.keys(bundles);
    // Warm: one process per subject, one unmeasured invocation each, then pairs.
    const warm: Record<string, Timing[]> = Object.fromEntries(names.map((s) => [s, []]));
    for (const name of names) {
      subjects[name] = Subject.start(bundles[name], env);
      await checked(subjects[name]);
      warmConnections[name] = 0;
    }
    const pairRatios: { wall: number; cpu: number }[] = [];
    for (let p = 0; p < pairs; p++) {
      const order = p % 2 === 0 ? names : [...names].reverse();
      const got: Record<string, Timing> = {};
      for (const name of order) {
        const before = api.connections + s3.connections;
        got[name] = await checked(subjects[name]);
        warmConnections[name] += api.connections + s3.connections - before;
        warm[name].push(got[name]);
      }
      pairRatios.push({ wall: got[names[0]].wallMs / got[names[1]].wallMs, cpu: got[names[0]].cpuMs / got[names[1]].cpuMs });
    }
    log(`  tls: ${pairs} warm pairs done`);

    // Stale: freeze the shipped process, let the fronts close their idle connections, resume.
    const stale: Timing[] = [];
    const staleAttempts: number[] = [];
    const shipped = subjects[names[0]];
    const staleRuns = Math.max(5, Math.min(15, pairs / 2));
    for (let i = 0; i < staleRuns; i++) {
      shipped.child.kill('SIGSTOP');
      api.closeIdle();
      s3.closeIdle();
      await new Promise((resolve) => setTimeout(resolve, 50));
      shipped.child.kill('SIGCONT');
      const before = emulator.countCalls('CreateConnectionInvitation');
      try {
        stale.push(await checked(shipped));
      } catch (e) {
        log(`  tls: a stale-connection create failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      staleAttempts.push(emulator.countCalls('CreateConnectionInvitation') - before);
    }
    log(`  tls: ${staleRuns} stale-connection creates done`);

    // Cold: a fresh process per run, interleaved.
    const cold: Record<string, Timing[]> = Object.fromEntries(names.map((s) => [s, []]));
    for (let r = 0; r < coldRuns; r++) {
      for (const name of r % 2 === 0 ? names : [...names].reverse()) {
        const subject = Subject.start(bundles[name], env);
        try {
          cold[name].push(await checked(subject));
        } finally {
          subject.stop();
        }
      }
    }
    log(`  tls: ${coldRuns} cold runs per subject done`);

    const result: TlsSubject[] = names.map((name) => ({
      subject: name,
      warmWallMs: spread(warm[name].map((t) => t.wallMs)),
      warmCpuMs: spread(warm[name].map((t) => t.cpuMs)),
      coldWallMs: spread(cold[name].map((t) => t.wallMs)),
      coldCpuMs: spread(cold[name].map((t) => t.cpuMs)),
      warmConnections: warmConnections[name],
    }));
    const [ours, sdk] = result;
    const { duplicates, invitations } = duplicatesIn(emulator);
    const maxStaleAttempts = Math.max(...staleAttempts);
    const staleRetries = staleAttempts.reduce((sum, a) => sum + Math.max(0, a - 1), 0);
    const warmWallRatio = round(ours.warmWallMs.median / sdk.warmWallMs.median, 3);
    const warmCpuRatio = round(ours.warmCpuMs.median / sdk.warmCpuMs.median, 3);
    const pairedWallRatio = round(median(pairRatios.map((r) => r.wall)), 3);
    const pairedCpuRatio = round(median(pairRatios.map((r) => r.cpu)), 3);
    const goals: Goal[] = [
      {
        goal: `warm create over TLS: wall <= ${MAX_WARM_RATIO} x the SDK client's (median of ${pairs} paired runs)`,
        measured: `${fmt(warmWallRatio, 2)} x (${fmt(ours.warmWallMs.median, 2)} ms vs ${fmt(sdk.warmWallMs.median, 2)} ms; paired ${fmt(pairedWallRatio, 2)} x)`,
        met: warmWallRatio <= MAX_WARM_RATIO,
      },
      {
        goal: `warm create over TLS: CPU <= ${MAX_WARM_RATIO} x the SDK client's (median of ${pairs} paired runs)`,
        measured: `${fmt(warmCpuRatio, 2)} x (${fmt(ours.warmCpuMs.median, 2)} ms vs ${fmt(sdk.warmCpuMs.median, 2)} ms; paired ${fmt(pairedCpuRatio, 2)} x)`,
        met: warmCpuRatio <= MAX_WARM_RATIO,
      },
      {
        goal: 'warm creates reuse their connections (no new TLS connection per create)',
        measured: `${ours.warmConnections} new TLS connections over ${pairs} warm creates (SDK client: ${sdk.warmConnections})`,
        met: ours.warmConnections === 0,
      },
      {
        goal: 'after a freeze that closed the connections, every create succeeds, once (<= 1 retry each, no duplicate)',
        measured: `${stale.length} of ${staleRuns} succeeded`
          + (stale.length > 0 ? `, median ${fmt(median(stale.map((t) => t.wallMs)), 2)} ms wall` : '')
          + `; create requests per stale create: max ${maxStaleAttempts} (${staleRetries} retries in all);`
          + ` ${duplicates} duplicates among ${invitations} invitations`,
        met: stale.length === staleRuns && maxStaleAttempts <= MAX_STALE_ATTEMPTS && duplicates === 0,
      },
    ];
    return {
      pairs,
      coldRuns,
      subjects: result,
      warmWallRatio,
      warmCpuRatio,
      pairedWallRatio,
      pairedCpuRatio,
      staleWallMs: spread(stale.length > 0 ? stale.map((t) => t.wallMs) : [Number.NaN]),
      staleCpuMs: spread(stale.length > 0 ? stale.map((t) => t.cpuMs) : [Number.NaN]),
      staleSucceeded: stale.length,
      staleAttempts,
      duplicates,
      invitations,
      goals,
    };
  } finally {
    for (const s of Object.values(subjects)) s.stop();
    await stopServers();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The printed report of benchmark 6. */
export function reportTls(r: TlsResults): string {
  const rows = r.subjects.map((s) => [
    s.subject,
    fmt(s.warmWallMs.median, 2), `${fmt(s.warmWallMs.min, 2)}-${fmt(s.warmWallMs.max, 2)}`,
    fmt(s.warmCpuMs.median, 2),
    fmt(s.coldWallMs.median, 1), fmt(s.coldCpuMs.median, 1),
    String(s.warmConnections),
  ]);
  return [
    title(`6. Creates over TLS (local https fronts, self-signed certificate; warm: median of ${r.pairs} paired runs, cold: ${r.coldRuns} fresh processes)`),
    table(['subject', 'warm wall ms', 'min-max', 'warm CPU ms', 'cold wall ms', 'cold CPU ms', 'new TLS conns (warm)'], rows),
    '',
    `Warm, shipped / SDK client: wall ${fmt(r.warmWallRatio, 2)} x, CPU ${fmt(r.warmCpuRatio, 2)} x (median of the per-pair ratios: ${fmt(r.pairedWallRatio, 2)} x and ${fmt(r.pairedCpuRatio, 2)} x).`,
    `Cold (load + first create, first handshakes), shipped / SDK client: wall ${fmt(r.subjects[0].coldWallMs.median / r.subjects[1].coldWallMs.median, 2)} x, CPU ${fmt(r.subjects[0].coldCpuMs.median / r.subjects[1].coldCpuMs.median, 2)} x.`,
    `After a freeze that closed every idle connection: ${r.staleSucceeded} of ${r.staleAttempts.length} creates succeeded, median ${fmt(r.staleWallMs.median, 2)} ms wall and ${fmt(r.staleCpuMs.median, 2)} ms CPU (new handshakes).`,
    `Create requests the emulator received per stale create: ${r.staleAttempts.join(', ')} (a request lost on a dead connection before reaching the front is not counted; 2 = one retry).`,
    `Invitations per receiver over the whole benchmark: ${r.duplicates} duplicates among ${r.invitations} invitations.`,
    '',
    goalTable(r.goals),
  ].join('\n');
}
