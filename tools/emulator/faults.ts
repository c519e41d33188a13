/**
 * The misbehaviours the emulator can be told to inject (API errors, delays, resets, hangs,
 * bytes that are not HTTP, gateway pages, floods), and the queue that hands each request the first fault that matches it.
 *
 * Part of the emulator, an independent oracle on purpose: it shares no code with the handler
 * (lambda/).
 */
import type { HostileError } from './hostile';
import { NOT_FOUND_REASONS, Operation, QUOTA_REASONS } from './model';

/** The API error an `ErrorFault` answers with. */
export interface FaultError {
  /** HTTP status. */
  readonly status: number;
  /** Error shape name, e.g. `InternalServerException`. */
  readonly name: string;
  /**
   * The `Reason` member.
   *
   * @default - none
   */
  readonly reason?: string;
  /**
   * The `Message` member.
   *
   * @default - `Injected <name>`
   */
  readonly message?: string;
  /**
   * Further body members (e.g. `{ ServiceCode, QuotaCode }`).
   *
   * @default - none
   */
  readonly extra?: Record<string, unknown>;
}

/** What every fault has: which requests it matches and how many times. */
export interface FaultBase {
  /**
   * Only requests for this operation match.
   *
   * @default - every operation
   */
  readonly operation?: Operation;
  /**
   * How many matching requests it applies to (`Infinity` for all).
   *
   * @default 1
   */
  readonly times?: number;
}

/** Answer with an API error before processing. */
export interface ErrorFault extends FaultBase {
  /** The error. */
  readonly error: FaultError;
}

/** Wait, then process normally. */
export interface DelayFault extends FaultBase {
  /** Milliseconds (real time) to wait before processing. */
  readonly delayMs: number;
}

/** Destroy the connection without an answer. */
export interface ResetFault extends FaultBase {
  /** Always true. */
  readonly reset: true;
  /**
   * Process the request first (state changes happen), then reset: a request that landed but whose
   * answer the client never heard.
   *
   * @default false (reset before processing)
   */
  readonly after?: boolean;
}

/** Never answer (until `stop()`). */
export interface HangFault extends FaultBase {
  /** Always true. */
  readonly hang: true;
}

/**
 * Answer bytes that are not HTTP at all, then close the connection: what a client sees from a
 * broken proxy or a protocol mismatch (its HTTP parser fails with an `HPE_*` error).
 */
export interface GarbleFault extends FaultBase {
  /** Always true. */
  readonly garble: true;
}

/** Answer with a non-JSON page, as a gateway or load balancer would. */
export interface RawFault extends FaultBase {
  /** HTTP status, e.g. 502. */
  readonly rawStatus: number;
  /**
   * Body.
   *
   * @default '' (empty)
   */
  readonly rawBody?: string;
  /**
   * Response headers.
   *
   * @default - `content-type: text/html` when the body starts with `<`, else `text/plain`
   */
  readonly rawHeaders?: Record<string, string>;
  /**
   * Process the request first (state changes happen), then answer the page: a request that
   * landed while a gateway in front of the service gave up on it.
   *
   * @default false (answer before processing)
   */
  readonly after?: boolean;
}

/** Process the request, then answer 200 with a spoiled copy of the output (a malformed answer). */
export interface RewriteFault extends FaultBase {
  /** Makes the body answered (JSON-encoded) from the operation's true output. */
  readonly rewrite: (output: Record<string, unknown>) => unknown;
}

/**
 * Answer with an error that echoes the request's personal values and credentials in a form, in
 * every member (see ./hostile.ts).
 */
export interface HostileFault extends FaultBase {
  /** The error and the form of the echo. */
  readonly hostile: HostileError;
}

/**
 * Answer with a body of `floodBytes` bytes, streamed (and never held in memory) as long as the
 * client reads: what a hostile or broken endpoint does to a client that buffers without a limit.
 * The body starts like a JSON object (`{"Id":"` then filler), so only its size makes it wrong.
 */
export interface FloodFault extends FaultBase {
  /** How many bytes the body has. */
  readonly floodBytes: number;
  /**
   * HTTP status.
   *
   * @default 200
   */
  readonly floodStatus?: number;
  /**
   * Whether the answer announces its size in `content-length` (else it is chunked).
   *
   * @default false
   */
  readonly announceLength?: boolean;
  /**
   * Process the request first (state changes happen), then flood the answer.
   *
   * @default false (flood before processing)
   */
  readonly after?: boolean;
}

/** A misbehaviour to inject; see the member interfaces. */
export type Fault = ErrorFault | DelayFault | ResetFault | HangFault | GarbleFault | RawFault | RewriteFault | HostileFault | FloodFault;

/** The kind of fault applied to a request. */
export type FaultKind = 'error' | 'delay' | 'reset' | 'reset-after' | 'hang' | 'garble' | 'raw' | 'raw-after' | 'rewrite' | 'hostile' | 'flood' | 'flood-after';

/** The kind of a fault. */
export function faultKind(f: Fault): FaultKind {
  if ('hostile' in f) return 'hostile';
  if ('error' in f) return 'error';
  if ('delayMs' in f) return 'delay';
  if ('reset' in f) return f.after ? 'reset-after' : 'reset';
  if ('hang' in f) return 'hang';
  if ('garble' in f) return 'garble';
  if ('rewrite' in f) return 'rewrite';
  if ('floodBytes' in f) return f.after ? 'flood-after' : 'flood';
  return f.after ? 'raw-after' : 'raw';
}

interface ActiveFault {
  readonly fault: Fault;
  remaining: number;
}

/** Queued faults, each applied to the next `times` requests that match it. */
export class FaultQueue {
  private faults: ActiveFault[] = [];

  /**
   * Queues a fault.
   *
   * @throws Error when `times` is not positive
   */
  public add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`fault.times must be positive, got ${times}`);
    this.faults.push({ fault, remaining: times });
  }

  /** Removes every queued fault. */
  public clear(): void {
    this.faults = [];
  }

  /** The first queued fault that matches the operation (FIFO), counted down; undefined when none does. */
  public next(operation: Operation): Fault | undefined {
    const i = this.faults.findIndex((f) => f.fault.operation === undefined || f.fault.operation === operation);
    if (i < 0) return undefined;
    const active = this.faults[i];
    active.remaining -= 1;
    if (active.remaining <= 0) this.faults.splice(i, 1);
    return active.fault;
  }
}

/**
 * A 402 ServiceQuotaExceededException with one of the model's \`Reason\` values, as the service
 * answers when that quota is reached.
 *
 * @throws Error when the reason is not one of QUOTA_REASONS
 */
export function quotaExceededFault(reason: string, operation?: Operation): ErrorFault {
  if (!(QUOTA_REASONS as readonly string[]).includes(reason)) throw new Error(`not a ServiceQuotaExceededException Reason: ${reason}`);
  return { operation, error: { status: 402, name: 'ServiceQuotaExceededException', reason, message: `Service quota exceeded (${reason})` } };
}

/**
 * A 404 ResourceNotFoundException with a \`Reason\`: one of the model's, or (to rehearse a newer
 * model) any other.
 */
export function notFoundFault(reason: string, operation?: Operation): ErrorFault {
  const known = (NOT_FOUND_REASONS as readonly string[]).includes(reason);
  return { operation, error: { status: 404, name: 'ResourceNotFoundException', reason, message: known ? `Resource not found (${reason})` : 'Resource not found' } };
}

/** The chunk a flood is written in. */
const FLOOD_CHUNK = Buffer.alloc(64 * 1024, 'a');
const FLOOD_HEAD = Buffer.from('{"Id":"');

/**
 * Writes a flood of `bytes` bytes to `out`, chunk by chunk as the peer reads (backpressure), and
 * stops early when the connection closes. Memory stays at one chunk.
 */
export async function writeFlood(out: NodeJS.WritableStream & { destroyed: boolean }, bytes: number): Promise<void> {
  let left = bytes;
  const write = (b: Buffer): Promise<void> => new Promise((resolve) => {
    if (out.write(b)) {resolve();} else {
      const done = () => { out.removeListener('drain', done); out.removeListener('close', done); resolve(); };
      out.once('drain', done);
      out.once('close', done);
    }
  });
  const head = FLOOD_HEAD.subarray(0, Math.min(left, FLOOD_HEAD.length));
  await write(head);
  left -= head.length;
  while (left > 0 && !out.destroyed) {
    const chunk = left >= FLOOD_CHUNK.length ? FLOOD_CHUNK : FLOOD_CHUNK.subarray(0, left);
    await write(chunk);
    left -= chunk.length;
  }
  if (!out.destroyed) out.end();
}
