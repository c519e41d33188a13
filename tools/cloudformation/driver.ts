/**
 * Plays CloudFormation's side of a Lambda-backed custom resource over real HTTP: makes the
 * events CloudFormation sends (./event-builders.ts), invokes a handler the way Lambda's
 * asynchronous invocation does (./async-invocation.ts), and waits for the response PUT at the
 * ResponseURL it issued (./response-host.ts), which checks it as CloudFormation would
 * (./response-check.ts).
 *
 * Runtime code uses node built-ins only: the driver plays CloudFormation independently of the
 * handler.
 */
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { AsyncInvoker } from './async-invocation';
import { CustomResourceEvents } from './event-builders';
import type { CfnResponse, CloudFormationCustomResourceEvent, CustomResourceHandler } from './events';
import { PutFate, PutRecord, ResponseUrlHost } from './response-host';

/** The account id in the driver's ARNs. */
export const DRIVER_ACCOUNT_ID = '123456789012';

/** Options of `CloudFormationDriver.start`. */
export interface CloudFormationDriverOptions {
  /**
   * The stack name in the StackId.
   *
   * @default 'DriverStack'
   */
  readonly stackName?: string;
  /**
   * The stack's region (in the StackId, ServiceToken and ResponseURL).
   *
   * Not Partner Central's region: the handler calls the service in us-east-1 whatever the
   * stack's region (the handler harness plays its stacks in eu-central-1 to show it).
   *
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * CloudFormation's clock in epoch milliseconds: the signing time (`X-Amz-Date`) of the
   * ResponseURLs it issues.
   *
   * @default Date.now
   */
  readonly clock?: () => number;
  /**
   * The function's clock: `context.getRemainingTimeInMillis()` and the function timeout are
   * measured on it (see `InvocationPlan.clock`). A test whose handler waits by stepping a shared
   * clock passes that clock here, so that the handler's budget and Lambda's timeout follow the
   * time the handler sees rather than the machine's speed.
   *
   * @default Date.now
   */
  readonly functionClock?: () => number;
  /**
   * With a `functionClock` only: the default of `SendOptions.backstopMs`, the real time after
   * which an invocation is timed out whatever that clock says (see `InvocationPlan.backstopMs`).
   * A test harness passes one below its test runner's timeout, so that a hung exchange fails
   * with the backstop's message rather than the runner's.
   *
   * @default - `InvocationPlan.backstopMs`'s default
   */
  readonly backstopMs?: number;
  /**
   * What the ResponseURL does with each PUT: store it, fail it (503), or store it and lose the
   * acknowledgement (the connection is reset).
   *
   * @default - every PUT is stored (unless `failNextPuts` says otherwise)
   */
  readonly putFate?: (requestId: string) => PutFate;
}

export type { PutFate };

/** Options of `CloudFormationDriver.send`. */
export interface SendOptions {
  /**
   * The function timeout: drives `context.getRemainingTimeInMillis()`; an invocation still
   * running after it counts as failed (and is retried); after the last invocation the driver
   * waits this long for the response PUT.
   *
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * How many more times a failed invocation (thrown, rejected or timed out) is retried with the
   * same event, as Lambda retries asynchronous invocations.
   *
   * @default 2
   */
  readonly retries?: number;
  /**
   * Extra invocations with the same event after the normal sequence, as Lambda may deliver an
   * asynchronous event more than once even without an error.
   *
   * @default 0
   */
  readonly duplicates?: number;
  /**
   * Milliseconds to wait before each retry (Lambda waits about a minute, then two).
   *
   * @default 0
   */
  readonly retryDelayMs?: number;
  /**
   * With a function clock only: the real-time backstop of each invocation (see
   * `InvocationPlan.backstopMs`).
   *
   * @default - the driver's `backstopMs`
   */
  readonly backstopMs?: number;
}

/** The response CloudFormation took for an event (the first PUT the ResponseURL stored). */
export interface Delivery {
  /** The parsed response (fields may be missing when `violations` says so). */
  readonly response: CfnResponse;
  /** The raw body. */
  readonly body: string;
  /** Body size in bytes. */
  readonly bytes: number;
  /** The PUT's headers. */
  readonly headers: http.IncomingHttpHeaders;
  /** How many times the handler was invoked with the event. */
  readonly invocations: number;
  /** How many PUTs reached the ResponseURL for the event, failed ones included. */
  readonly putAttempts: number;
  /** What CloudFormation would reject in this response; empty when acceptable. */
  readonly violations: readonly string[];
  /** Whether the body is over 4096 bytes (CloudFormation would fail the resource). */
  readonly oversize: boolean;
  /** What each failed invocation threw (or a timeout error), in order. */
  readonly handlerErrors: readonly unknown[];
}

/**
 * CloudFormation's side of a custom resource, over real HTTP on 127.0.0.1.
 *
 * @example
 * const cfn = await CloudFormationDriver.start();
 * const delivery = await cfn.send(handler, cfn.createEvent('Invite', { Catalog: 'Sandbox', ... }));
 * expect(delivery.response.Status).toBe('SUCCESS');
 * await cfn.stop();
 */
export class CloudFormationDriver extends CustomResourceEvents {
  /**
   * Starts the ResponseURL host.
   *
   * @param options see `CloudFormationDriverOptions`
   */
  public static async start(options: CloudFormationDriverOptions = {}): Promise<CloudFormationDriver> {
    const running = new Map<string, Set<{ readonly deadline: number }>>();
    const clock = options.functionClock;
    const host = await ResponseUrlHost.start(options.putFate, clock && ((requestId) => {
      const functionTime = clock();
      return { functionTime, inTime: [...running.get(requestId) ?? []].some((r) => functionTime < r.deadline) };
    }));
    return new CloudFormationDriver(options, host, running);
  }

  /** `arn:aws:cloudformation:<region>:123456789012:stack/<name>/<uuid>`. */
  public readonly stackId: string;
  /** The stack's region. */
  public readonly region: string;
  /** The stack's name. */
  public readonly stackName: string;
  /** The ServiceToken every event carries (a Lambda function ARN). */
  public readonly serviceToken: string;
  /** The function name handed to handlers in their context. */
  public readonly functionName: string;

  private readonly invoker: AsyncInvoker;
  private readonly functionClock: (() => number) | undefined;
  private readonly backstopMs: number | undefined;

  private constructor(
    options: CloudFormationDriverOptions, private readonly host: ResponseUrlHost,
    /** The invocations of each RequestId still running, with their deadlines on the function clock. */
    private readonly running: Map<string, Set<{ readonly deadline: number }>>,
  ) {
    const region = options.region ?? 'us-east-1';
    const stackName = options.stackName ?? 'DriverStack';
    const stackId = `arn:aws:cloudformation:${region}:${DRIVER_ACCOUNT_ID}:stack/${stackName}/${randomUUID()}`;
    const functionName = `${stackName}-ConnectionInvitationProvider`;
    const serviceToken = `arn:aws:lambda:${region}:${DRIVER_ACCOUNT_ID}:function:${functionName}`;
    super({ stackId, region, serviceToken, clock: options.clock ?? Date.now, issueResponseUrl: (request) => host.issue(request) });
    this.region = region;
    this.stackName = stackName;
    this.stackId = stackId;
    this.functionName = functionName;
    this.serviceToken = serviceToken;
    this.invoker = new AsyncInvoker(host.timers);
    this.functionClock = options.functionClock;
    this.backstopMs = options.backstopMs;
  }

  /**
   * Invokes a handler with an event as Lambda's asynchronous invocation does, and waits for the
   * response PUT.
   *
   * An invocation that throws, rejects or outlives `timeoutMs` is retried with the same event up
   * to `retries` more times (an invocation that resolves is not, even if it never answered).
   * Resolves with the first response the ResponseURL stored; rejects when none arrived within
   * `timeoutMs` after the last invocation started. A timed-out invocation is not stopped (there
   * is no process to freeze): a PUT it makes later is recorded but not waited for. On a function
   * clock, a PUT the ResponseURL stored when no invocation of the event had time left on that
   * clock (at or after its deadline) is recorded but is not the response, as Lambda would have
   * stopped the function before it: CloudFormation gets no answer from it.
   *
   * @param handler the handler
   * @param event an event made by this driver
   * @param options timeout, retries, duplicates
   */
  public async send(handler: CustomResourceHandler, event: CloudFormationCustomResourceEvent, options: SendOptions = {}): Promise<Delivery> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const backstopMs = options.backstopMs ?? this.backstopMs;
    const { invocations, handlerErrors, lastDeadline, windows } = await this.invoker.invoke(handler, event, {
      functionName: this.functionName,
      timeoutMs,
      retries: options.retries ?? 2,
      duplicates: options.duplicates ?? 0,
      retryDelayMs: options.retryDelayMs ?? 0,
      ...(this.functionClock ? { clock: this.functionClock } : {}),
      ...(backstopMs !== undefined ? { backstopMs } : {}),
      onInvocation: (deadline) => {
        const entry = { deadline };
        const own = this.running.get(event.RequestId) ?? new Set();
        this.running.set(event.RequestId, own.add(entry));
        return () => {
          own.delete(entry);
          if (own.size === 0) this.running.delete(event.RequestId);
        };
      },
    });

    // On a function clock, a PUT made when no running invocation had time left is one Lambda would
    // never have let out (it stops the function at its deadline): it is recorded, but it is no answer.
    const inTime = (r: PutRecord) => r.inTime !== false;
    // Once that clock is past the last deadline, no PUT to come could be an answer: the wait ends.
    const clock = this.functionClock;
    const over = clock !== undefined && windows.length > 0 && clock() >= windows[windows.length - 1].deadline;
    const stored = await this.host.waitForStored(event.RequestId, over ? Date.now() : lastDeadline, clock ? inTime : undefined);
    const all = this.puts(event.RequestId);
    if (!stored) {
      const late = all.filter((r) => r.status === 200 && !inTime(r)).length;
      const last = handlerErrors[handlerErrors.length - 1];
      const lastMessage = last instanceof Error ? last.message : last === undefined ? 'none' : String(last);
      throw new Error(
        `No response was stored for RequestId ${event.RequestId} within ${timeoutMs} ms of the last of ${invocations} invocation(s) `
        + `(${all.length} PUT attempt(s) reached the ResponseURL${late ? `, ${late} stored one(s) made after the deadline on the function clock` : ''}; `
        + `last handler error: ${lastMessage})`);
    }
    return {
      response: stored.response ?? ({} as CfnResponse),
      body: stored.body,
      bytes: stored.bytes,
      headers: stored.headers,
      invocations,
      putAttempts: all.length,
      violations: stored.violations,
      oversize: stored.oversize,
      handlerErrors,
    };
  }

  /**
   * Makes the ResponseURL answer the next `n` PUTs with an S3 error instead of storing them.
   *
   * @param n how many PUTs fail
   * @param status the HTTP status (500 InternalError, 503 SlowDown, ...)
   */
  public failNextPuts(n: number, status = 503): void {
    this.host.failNextPuts(n, status);
  }

  /**
   * Every request that reached the ResponseURL host, in arrival order.
   *
   * @param requestId only those for this RequestId
   */
  public puts(requestId?: string): PutRecord[] {
    return this.host.puts(requestId);
  }

  /**
   * The stored response (first PUT answered 200) for a RequestId, if any.
   *
   * @param requestId the event's RequestId
   */
  public responseFor(requestId: string): PutRecord | undefined {
    return this.host.responseFor(requestId);
  }

  /** Connections accepted since start (see `LocalServer.connectionsAccepted`). */
  public get connectionsAccepted(): number {
    return this.host.connections.connectionsAccepted;
  }

  /** Makes every open connection stale, as if closed while the client was frozen (see `LocalServer.staleConnections`). */
  public staleConnections(): void {
    this.host.connections.staleConnections();
  }

  /** Closes the idle keep-alive connections now (see `LocalServer.closeIdleConnections`). */
  public closeIdleConnections(): void {
    this.host.connections.closeIdleConnections();
  }

  /**
   * Stops the ResponseURL host and destroys open connections; a `send` still waiting ends at once
   * (rejecting unless a response was already stored).
   */
  public async stop(): Promise<void> {
    this.invoker.stop();
    await this.host.stop();
  }
}
