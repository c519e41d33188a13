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
   * timeout is still kept by real timers, re-armed while this clock says time remains.
   *
   * @default Date.now
   */
  readonly clock?: () => number;
}

/** What the invocations of one event came to. */
export interface InvocationOutcome {
  /** How many times the handler was invoked. */
  readonly invocations: number;
  /** What each failed invocation threw (or a timeout error), in order. */
  readonly handlerErrors: readonly unknown[];
  /** The deadline of the last invocation on the real clock (epoch ms): the wait for its response PUT ends then. */
  readonly lastDeadline: number;
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
    const awsRequestId = randomUUID();
    const handlerErrors: unknown[] = [];
    let invocations = 0;
    let lastDeadline = Date.now() + timeoutMs;

    const invokeOnce = async (): Promise<boolean> => {
      invocations++;
      lastDeadline = Date.now() + timeoutMs;
      const deadline = clock() + timeoutMs;
      const context: LambdaContextLike = {
        awsRequestId,
        functionName: plan.functionName,
        getRemainingTimeInMillis: () => Math.max(0, deadline - clock()),
      };
      let timer: NodeJS.Timeout | undefined;
      let expire: (() => void) | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        expire = () => resolve('timeout');
        const end = expire;
        const check = () => {
          const left = deadline - clock();
          if (left > 0 && plan.clock !== undefined && !this.stopped) timer = this.timers.setTimer(check, left);
          else end();
        };
        timer = this.timers.setTimer(check, timeoutMs);
        this.pendingTimeouts.add(expire);
      });
      try {
        const outcome = await Promise.race([
          Promise.resolve().then(() => handler(event, context)).then(() => 'ok' as const),
          timedOut,
        ]);
        if (outcome === 'timeout') {
          handlerErrors.push(new Error(`Task timed out after ${timeoutMs} ms`));
          return false;
        }
        return true;
      } catch (err) {
        handlerErrors.push(err);
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
    return { invocations, handlerErrors, lastDeadline };
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
