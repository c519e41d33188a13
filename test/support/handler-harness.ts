/**
 * A world for handler tests: the PartnerCentral emulator, the CloudFormation driver, and a
 * handler built with `createHandler` pointed at the emulator, with short timeouts and backoff
 * so that fault and deadline tests take a second rather than minutes; or, in virtual time, a
 * clock that only the tests and the handlers' waits move, so that no outcome depends on the
 * machine's speed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandler, type Handler, type HandlerDeps } from '../../lambda/index';
import type { Runtime } from '../../lambda/types';
import { CloudFormationDriver, type Delivery, type SendOptions } from '../../tools/cloudformation/driver';
import type { CloudFormationCustomResourceEvent } from '../../tools/cloudformation/events';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../tools/emulator/credentials';
import type { EmulatorOptions } from '../../tools/emulator/options';
import { PartnerCentralEmulator } from '../../tools/emulator/server';

/** The session token the handler sends (the emulator accepts any non-empty one). */
export const SESSION_TOKEN = 'test-session-token-0123456789';

/** Valid properties; `receiver` picks a distinct receiver (one pending invitation per receiver). */
export function props(overrides: Record<string, string> = {}, receiver = 'pprofile-0123456789abc'): Record<string, string> {
  return {
    Catalog: 'Sandbox',
    ConnectionType: 'OPPORTUNITY_COLLABORATION',
    Email: 'alliances@example.com',
    Message: 'Let us co-sell on opportunities.',
    Name: 'Pat Example',
    ReceiverIdentifier: receiver,
    ...overrides,
  };
}

/** Values that must never appear in a log line or, for personal ones, in a response. */
export const SECRETS = {
  email: 'alliances@example.com',
  name: 'Pat Example',
  message: 'Let us co-sell on opportunities.',
  secretKey: DEFAULT_SECRET_ACCESS_KEY,
  sessionToken: SESSION_TOKEN,
};

/** Handler tuning for tests: small budgets, fast backoff. */
export const FAST: HandlerDeps = {
  retry: {
    baseDelayMs: 5, maxDelayMs: 40, throttleBaseDelayMs: 5, throttleMaxDelayMs: 40, deniedDelayMs: 10, requestTimeoutMs: 400, minAttemptMs: 20,
  },
  response: { attempts: 5, baseDelayMs: 5, maxDelayMs: 40, attemptTimeoutMs: 500 },
  safetyMarginMs: 150,
  responseBudgetMs: 700,
  fence: { createWindowMs: 1_500, orderSlackMs: 100, listLagMs: 100 },
};

/** The environment the handler reads: the emulator endpoint and its credentials. */
export function handlerEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: endpoint,
    AWS_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: DEFAULT_SECRET_ACCESS_KEY,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    AWS_REGION: 'eu-central-1',
  };
}

/** Waits (polling the emulator, not the wall clock) until a condition holds. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/**
 * The real-time backstop of a virtual-time world's invocations (see `InvocationPlan.backstopMs`):
 * a third of jest's test timeout (`testTimeout`, set in .projenrc.ts and read from the
 * package.json it generates), so that an exchange that hangs on a clock nothing moves fails the
 * test with the backstop's message well before jest's own timeout.
 */
export const VIRTUAL_BACKSTOP_MS = Math.floor(jestTestTimeoutMs() / 3);

function jestTestTimeoutMs(): number {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { jest?: { testTimeout?: unknown } };
  const timeout = pkg.jest?.testTimeout;
  if (typeof timeout !== 'number') throw new Error('package.json has no jest.testTimeout');
  return timeout;
}

/** How a world's time passes. */
export interface WorldOptions {
  /** Options of the emulator (its clock is the world's). */
  readonly emulator?: EmulatorOptions;
  /** The handler's dependencies, over the world's (`FAST`, the emulator's endpoint, the clock). */
  readonly deps?: HandlerDeps;
  /**
   * Virtual time: the shared clock stands still but for `elapse` and the handlers' waits, which
   * step it instead of sleeping (a poll of 5 s costs no wall time); the handlers' request
   * timeouts run on it, and the driver measures the function's remaining time and timeout on it.
   * Waits and timers are an event queue (see `TestClock`): each wait ends at exactly its due
   * time, whatever waits overlap it, and they are released in due-time order. A response PUT
   * made at or after its invocation's deadline on the clock is not the answer (Lambda would have
   * stopped the function), and an exchange that hangs on a clock nothing moves fails the
   * invocation after `VIRTUAL_BACKSTOP_MS` of real time, before jest's timeout.
   * Every decision made on the clock (the budget, the create fence, a wait's end, an attempt's
   * timeout) is then the same on any machine, however slow: an HTTP exchange takes no time on
   * the clock. The clock starts on a whole second, as the ResponseURL's signing time does, so
   * that a request's fence is always 1.5 s after its issue. Worlds whose tests are about a real
   * timeout (a server that never answers) keep real time. Where the guarantee stops: the
   * emulator's injected delays (a fault's `delayMs`) and the driver's retry delay (`retryDelayMs`)
   * run on real timers and take no time on the clock, so in virtual time a delay fault never
   * times out a request and Lambda's retry follows its failed invocation at the same clock time;
   * a test about either keeps real time.
   *
   * @default false - real time plus what `elapse` added; waits sleep
   */
  readonly virtualTime?: boolean;
}

/** A wait's wake or a timer, due at `at` on the virtual clock; `seq` is its arming order. */
interface QueueEntry {
  readonly kind: 'wake' | 'timer';
  readonly at: number;
  readonly seq: number;
  readonly release: () => void;
}

/**
 * One clock for CloudFormation, the handler and the emulator: real time plus an offset tests
 * move, or (virtual time) a start plus that offset, moved by the handlers' waits as well, with
 * the handlers' timers on it.
 *
 * In virtual time the clock is a discrete-event queue: each wait and each timer is an entry due
 * at its time, and entries are released in due-time order, ties in the order they were armed.
 * The clock moves only when some wait is pending, and only once the work that can run has run
 * (after a `setImmediate`, which drains the microtasks): then it moves to the earliest entry's
 * time (never back) and releases that one entry. A wait therefore ends at exactly its due time,
 * however long the waits beside it (a 100 ms wait next to a 5 s one ends at +100 ms), and a timer
 * armed after that wake fires before a later-due one. Timers alone never move the clock: with no
 * wait pending, they fire when `step` (or `elapse`) moves the clock past them.
 */
export class TestClock {
  /** The waits handlers made on the clock (virtual time only), ms, in order. */
  public readonly waits: number[] = [];
  private offsetMs = 0;
  private readonly during: Array<() => unknown> = [];
  private readonly queue = new Set<QueueEntry>();
  private armed = 0;
  private advancing = false;

  /** @param startedAt the start of virtual time (epoch ms), or undefined for real time */
  constructor(private readonly startedAt: number | undefined) {}

  public readonly now = (): number => (this.startedAt ?? Date.now()) + this.offsetMs;

  /**
   * Moves the clock forward; in virtual time, fires the timers that are due, earliest first (ties
   * in arming order); waits that are due end at the clock's new time, in the same order.
   */
  public step(ms: number): void {
    this.offsetMs += ms;
    const now = this.now();
    for (const t of this.ordered().filter((e) => e.at <= now && e.kind === 'timer')) {
      if (!this.queue.delete(t)) continue;
      t.release();
    }
    this.schedule();
  }

  /**
   * A handler's wait in virtual time: a wait started at t is due at t + ms; it ends when the
   * queue releases it (the clock is then at t + ms, or later if something else moved it past),
   * the action queued for the wait runs, and the wait yields once.
   */
  public readonly sleep = async (ms: number): Promise<void> => {
    this.waits.push(ms);
    await new Promise<void>((resolve) => this.arm('wake', Math.max(0, ms), resolve));
    const action = this.during.shift();
    if (action) await action();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.schedule();
  };

  /** A handler's timer in virtual time: expires once the clock reaches `ms` from now (see the class comment). */
  public readonly timer = (ms: number, expire: () => void): (() => void) => {
    const t = this.arm('timer', ms, expire);
    return () => this.queue.delete(t);
  };

  /** Queues an action for the next wait. */
  public duringNextWait(action: () => unknown): void {
    this.during.push(action);
  }

  private arm(kind: QueueEntry['kind'], ms: number, release: () => void): QueueEntry {
    const entry: QueueEntry = { kind, at: this.now() + ms, seq: this.armed++, release };
    this.queue.add(entry);
    if (kind === 'wake') this.schedule();
    return entry;
  }

  private ordered(): QueueEntry[] {
    return [...this.queue].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Once what can run has run, moves the clock to the earliest entry and releases it, while a wait is pending. */
  private schedule(): void {
    if (this.advancing) return;
    this.advancing = true;
    setImmediate(() => {
      this.advancing = false;
      if (![...this.queue].some((e) => e.kind === 'wake')) return;
      const next = this.ordered()[0];
      this.queue.delete(next);
      this.offsetMs += Math.max(0, next.at - this.now());
      next.release();
      if (next.kind === 'timer') this.schedule();
    });
  }

  /** The runtime of a handler of the world: the clock, and in virtual time its waits and timers. */
  public runtime(): Partial<Runtime> {
    return this.virtual ? { now: this.now, sleep: this.sleep, timer: this.timer } : { now: this.now };
  }

  /** Whether time is virtual. */
  public get virtual(): boolean {
    return this.startedAt !== undefined;
  }
}

/** Emulator, driver, handler and the captured log lines. */
export class World {
  /** Starts a world; stop it with `stop()`. */
  public static async start(options: WorldOptions = {}): Promise<World> {
    const clock = new TestClock(options.virtualTime ? Math.floor(Date.now() / 1000) * 1000 : undefined);
    const emulator = await PartnerCentralEmulator.start({ clock: clock.now, ...options.emulator });
    const cfn = await CloudFormationDriver.start({
      stackName: 'HandlerTest', region: 'eu-central-1', clock: clock.now, ...(clock.virtual ? { functionClock: clock.now, backstopMs: VIRTUAL_BACKSTOP_MS } : {}),
    });
    return new World(emulator, cfn, clock, options.deps ?? {});
  }

  /** Every log line the handler wrote, parsed. */
  public readonly logs: string[] = [];
  /** The handler under test. */
  public readonly handler: Handler;

  private constructor(
    public readonly emulator: PartnerCentralEmulator, public readonly cfn: CloudFormationDriver, private readonly clock: TestClock, deps: HandlerDeps,
  ) {
    this.handler = createHandler({
      ...FAST,
      env: () => handlerEnv(emulator.endpoint),
      log: (line) => this.logs.push(line),
      ...deps,
      runtime: { ...clock.runtime(), ...deps.runtime },
      retry: { ...FAST.retry, ...deps.retry },
      response: { ...FAST.response, ...deps.response },
    });
  }

  /** The shared clock's time (epoch ms). */
  public now(): number {
    return this.clock.now();
  }

  /** The runtime a handler built by a test needs to live on the world's clock (its waits and timers in virtual time). */
  public get runtime(): Partial<Runtime> {
    return this.clock.runtime();
  }

  /** The waits the handlers made on the clock (virtual time only), ms, in order. */
  public get waits(): readonly number[] {
    return this.clock.waits;
  }

  /**
   * Runs `action` during the next wait a handler makes in virtual time, after the clock has
   * stepped and before the wait ends: what the test does then happens while the handler waits.
   *
   * @param action what happens meanwhile (awaited before the wait ends)
   */
  public duringNextWait(action: () => unknown): void {
    if (!this.clock.virtual) throw new Error('duringNextWait needs a world with virtualTime');
    this.clock.duringNextWait(action);
  }

  /**
   * Moves the shared clock of CloudFormation, the handler and the emulator forward, as if this
   * much time passed: what happened before is then clearly earlier than the next request.
   */
  public elapse(ms: number): void {
    this.clock.step(ms);
  }

  /** Sends an event through the driver (default: 4 s function timeout, no Lambda retries). */
  public send(event: CloudFormationCustomResourceEvent, options: SendOptions = {}): Promise<Delivery> {
    return this.cfn.send(this.handler, event, { timeoutMs: 4_000, retries: 0, ...options });
  }

  /**
   * A handler like `handler`, with the credentials of another emulator account (the receiver's
   * side: its function runs in that account), logging to `logs` as well.
   *
   * @param accountId an account of the emulator's `accounts` option
   */
  public handlerAs(accountId: string): Handler {
    const c = this.emulator.credentialsOf(accountId);
    return createHandler({
      ...FAST,
      env: () => ({
        ...handlerEnv(this.emulator.endpoint),
        AWS_ACCESS_KEY_ID: c.accessKeyId,
        AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
        AWS_SESSION_TOKEN: c.sessionToken,
      }),
      log: (line) => this.logs.push(line),
      runtime: this.clock.runtime(),
    });
  }

  /** Sends an event to another handler (see `handlerAs`), with `send`'s defaults. */
  public sendTo(handler: Handler, event: CloudFormationCustomResourceEvent, options: SendOptions = {}): Promise<Delivery> {
    return this.cfn.send(handler, event, { timeoutMs: 4_000, retries: 0, ...options });
  }

  /** Creates an invitation and returns its id (fails the test if it does not succeed). */
  public async create(logicalId: string, properties: Record<string, string>): Promise<string> {
    const d = await this.send(this.cfn.createEvent(logicalId, properties));
    if (d.response.Status !== 'SUCCESS') throw new Error(`create failed: ${d.response.Reason}`);
    return d.response.PhysicalResourceId;
  }

  /** The emulator's invitation with this id. */
  public invitation(id: string) {
    const inv = this.emulator.invitations().find((i) => i.Id === id);
    if (!inv) throw new Error(`no invitation ${id}`);
    return inv;
  }

  /** Status of every invitation, oldest first. */
  public statuses(): string[] {
    return this.emulator.invitations().map((i) => i.Status);
  }

  /** Operations the emulator received, in order. */
  public operations(): string[] {
    return this.emulator.calls.map((c) => c.operation ?? '?');
  }

  /** Stops the emulator and the driver. */
  public async stop(): Promise<void> {
    await this.cfn.stop();
    await this.emulator.stop();
  }
}
