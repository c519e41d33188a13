/**
 * Lambda's asynchronous invocation of a handler, in-process: a deadline behind
 * `context.getRemainingTimeInMillis()`, an invocation that throws, rejects or outlives it counted
 * as failed and retried with the same event, and duplicate deliveries on request.
 *
 * Runtime code uses node built-ins only.
 */
import { randomUUID } from 'node:crypto';
import type { CloudFormationCustomResourceEvent, CustomResourceHandler, LambdaContextLike } from './events';
import type { LocalServer } from '../local-server';

/** How one event is invoked. */
export interface InvocationPlan {
  /** The function name handed to the handler in its context. */
  readonly functionName: string;
  /** The function timeout, ms. */
  readonly timeoutMs: number;
  /** How many more times a failed invocation is retried. */
  readonly retries: number;
  /** Extra invocations after the normal sequence. */
  readonly duplicates: number;
  /** Milliseconds to wait before each retry (0: none). */
  readonly retryDelayMs: number;
  /**
   * The function's clock (epoch ms): `getRemainingTimeInMillis()` and the timeout are measured
   * on it. A test that moves time by itself (a handler whose waits step a shared clock instead
   * of sleeping) passes that clock, so that the remaining time the handler reads and the moment
   * the invocation times out follow the time the handler sees, not how fast the machine is: the
   * timeout is still kept by real timers, re-armed while this clock says time remains. An
   * invocation that settles (returns or throws) once this clock has reached its deadline timed
   * out, as Lambda would have stopped it there; its PUTs, if any, are recorded all the same.
   *
   * @default Date.now
   */
  readonly clock?: () => number;
  /**
   * With a function `clock` only: the real time after which an invocation is timed out whatever
   * that clock says, so that an exchange that hangs on a clock nothing moves fails the invocation
   * instead of hanging the test. Generous, so that a loaded machine never trips it; a test
   * harness passes one below its test runner's timeout, so that the backstop's message is the one
   * a hung test fails with.
   *
   * @default Math.max(timeoutMs, 30_000)
   */
  readonly backstopMs?: number;
  /**
   * Called as each invocation starts, with its deadline on the function clock (epoch ms); the
   * function it returns is called once the handler's promise settles (a timed-out invocation
   * keeps running until then, as there is no process to freeze).
   *
   * @default - nothing is told
   */
  readonly onInvocation?: (deadline: number) => () => void;
}

/** What the invocations of one event came to. */
export interface InvocationOutcome {
  /** How many times the handler was invoked. */
  readonly invocations: number;
  /** What each failed invocation threw (or a timeout error), in order. */
  readonly handlerErrors: readonly unknown[];
  /** The deadline of the last invocation on the real clock (epoch ms): the wait for its response PUT ends then. */
  readonly lastDeadline: number;
  /**
   * When each invocation started and its deadline, on the function clock (epoch ms), in order: a
   * response made outside every one of them was made when Lambda would have stopped the function.
   */
  readonly windows: ReadonlyArray<{ readonly start: number; readonly deadline: number }>;
}

/** Invokes handlers as Lambda's asynchronous invocation does, on a server's stoppable timers. */
export class AsyncInvoker {
  private readonly pendingTimeouts = new Set<() => void>();
  private stopped = false;

  /**
   * @param timers the timers to run deadlines and retry delays on (cleared when the server stops)
   */
  public constructor(private readonly timers: Pick<LocalServer, 'setTimer' | 'clearTimer'>) {}

  /**
   * Invokes a handler with an event: once, then up to `retries` more times while it fails, then
   * `duplicates` more times. A timed-out invocation is not stopped (there is no process to freeze).
   *
   * @param handler the handler
   * @param event the event
   * @param plan timeout, retries, duplicates
   */
  public async invoke(handler: CustomResourceHandler, event: CloudFormationCustomResourceEvent, plan: InvocationPlan): Promise<InvocationOutcome> {
    const { timeoutMs } = plan;
    const clock = plan.clock ?? Date.now;
    const backstopMs = plan.backstopMs ?? Math.max(timeoutMs, 30_000);
    const awsRequestId = randomUUID();
    const handlerErrors: unknown[] = [];
    let invocations = 0;
    let lastDeadline = Date.now() + timeoutMs;
    const windows: Array<{ start: number; deadline: number }> = [];

    const invokeOnce = async (): Promise<boolean> => {
      invocations++;
      lastDeadline = Date.now() + timeoutMs;
      const deadline = clock() + timeoutMs;
      windows.push({ start: deadline - timeoutMs, deadline });
      const context: LambdaContextLike = {
        awsRequestId,
        functionName: plan.functionName,
        getRemainingTimeInMillis: () => Math.max(0, deadline - clock()),
      };
      const startedAt = Date.now();
      const settled = plan.onInvocation?.(deadline);
      let timer: NodeJS.Timeout | undefined;
      let expire: (() => void) | undefined;
      const timedOut = new Promise<'timeout' | 'backstop'>((resolve) => {
        expire = () => resolve('timeout');
        const end = expire;
        const check = () => {
          const left = deadline - clock();
          const realLeft = backstopMs - (Date.now() - startedAt);
          if (left <= 0 || plan.clock === undefined || this.stopped) end();
          else if (realLeft <= 0) resolve('backstop');
          else timer = this.timers.setTimer(check, Math.min(left, realLeft));
        };
        timer = this.timers.setTimer(check, plan.clock === undefined ? timeoutMs : Math.min(timeoutMs, backstopMs));
        this.pendingTimeouts.add(expire);
      });
      const pastDeadline = () => plan.clock !== undefined && clock() >= deadline;
      try {
        const outcome = await Promise.race([
          Promise.resolve().then(() => handler(event, context)).finally(settled).then(() => 'ok' as const),
          timedOut,
        ]);
        if (outcome === 'backstop') {
          handlerErrors.push(new Error(
            `Task timed out after ${timeoutMs} ms: the real-time backstop of ${backstopMs} ms passed while the function clock said time remained`));
          return false;
        }
        if (outcome === 'timeout' || pastDeadline()) {
          handlerErrors.push(new Error(`Task timed out after ${timeoutMs} ms`));
          return false;
        }
        return true;
      } catch (err) {
        handlerErrors.push(pastDeadline() ? new Error(`Task timed out after ${timeoutMs} ms`) : err);
        return false;
      } finally {
        this.timers.clearTimer(timer);
        if (expire) this.pendingTimeouts.delete(expire);
      }
    };

    let ok = await invokeOnce();
    for (let attempt = 0; !ok && attempt < plan.retries && !this.stopped; attempt++) {
      if (plan.retryDelayMs) await this.sleep(plan.retryDelayMs);
      ok = await invokeOnce();
    }
    for (let i = 0; i < plan.duplicates && !this.stopped; i++) await invokeOnce();
    return { invocations, handlerErrors, lastDeadline, windows };
  }

  /** Ends every pending deadline and retry delay at once, and starts no more invocations. */
  public stop(): void {
    this.stopped = true;
    for (const expire of [...this.pendingTimeouts]) expire();
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => {
        this.timers.clearTimer(t);
        this.pendingTimeouts.delete(done);
        resolve();
      };
      const t = this.timers.setTimer(done, ms);
      this.pendingTimeouts.add(done);
    });
  }
}
