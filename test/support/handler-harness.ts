/**
 * A world for handler tests: the PartnerCentral emulator, the CloudFormation driver, and a
 * handler built with `createHandler` pointed at the emulator, with short timeouts and backoff
 * so that fault and deadline tests take a second rather than minutes.
 */
import { createHandler, type Handler, type HandlerDeps } from '../../lambda/index';
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

/** One clock for CloudFormation, the handler and the emulator: real time plus an offset tests move. */
class TestClock {
  public offsetMs = 0;
  public readonly now = (): number => Date.now() + this.offsetMs;
}

/** Emulator, driver, handler and the captured log lines. */
export class World {
  /** Starts a world; stop it with `stop()`. */
  public static async start(options: { emulator?: EmulatorOptions; deps?: HandlerDeps } = {}): Promise<World> {
    const clock = new TestClock();
    const emulator = await PartnerCentralEmulator.start({ clock: clock.now, ...options.emulator });
    const cfn = await CloudFormationDriver.start({ stackName: 'HandlerTest', region: 'eu-central-1', clock: clock.now });
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
      runtime: { now: clock.now, ...deps.runtime },
      retry: { ...FAST.retry, ...deps.retry },
      response: { ...FAST.response, ...deps.response },
    });
  }

  /**
   * Moves the shared clock of CloudFormation, the handler and the emulator forward, as if this
   * much time passed: what happened before is then clearly earlier than the next request.
   */
  public elapse(ms: number): void {
    this.clock.offsetMs += ms;
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
      runtime: { now: this.clock.now },
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
