/**
 * Plays CloudFormation's side of a Lambda-backed custom resource over real HTTP: builds the
 * events CloudFormation sends, invokes a handler in-process the way Lambda's asynchronous
 * invocation does (deadline, retries on error or timeout), and hosts the presigned ResponseURL on
 * 127.0.0.1, recording and validating every PUT as CloudFormation would.
 *
 * Runtime code uses node built-ins only.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import type {
  CfnResponse,
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceProperties,
  CloudFormationCustomResourceUpdateEvent,
  CustomResourceHandler,
  LambdaContextLike,
} from './events';
import { LocalServer } from '../local-server';

/** The resource type events carry unless told otherwise. */
export const DEFAULT_RESOURCE_TYPE = 'Custom::PartnerCentralConnectionInvitation';

/** The account id in the driver's ARNs. */
export const DRIVER_ACCOUNT_ID = '123456789012';

/** The largest response body CloudFormation accepts, in bytes. */
export const MAX_RESPONSE_BYTES = 4096;

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
}

/** Options of the event builders. */
export interface EventOptions {
  /**
   * The RequestId.
   *
   * @default - a fresh UUID
   */
  readonly requestId?: string;
  /**
   * The ResourceType.
   *
   * @default DEFAULT_RESOURCE_TYPE
   */
  readonly resourceType?: string;
}

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
}

/** One request that reached the ResponseURL host. */
export interface PutRecord {
  /** The RequestId the URL belongs to; undefined when the URL was not one the driver issued. */
  readonly requestId?: string;
  /** HTTP method. */
  readonly method: string;
  /** Request headers (lower-case names). */
  readonly headers: http.IncomingHttpHeaders;
  /** The raw body as UTF-8. */
  readonly body: string;
  /** Body size in bytes. */
  readonly bytes: number;
  /** The status the driver answered (200 when S3 would have stored it). */
  readonly status: number;
  /** The body parsed, when it was a JSON object. */
  readonly response?: CfnResponse;
  /** What CloudFormation would reject, in words; empty when the response is acceptable. */
  readonly violations: readonly string[];
  /** Whether the body is over CloudFormation's 4096-byte limit. */
  readonly oversize: boolean;
  /** Epoch ms when it arrived. */
  readonly time: number;
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

interface IssuedUrl {
  readonly requestId: string;
  readonly stackId: string;
  readonly logicalResourceId: string;
  readonly path: string;
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
export class CloudFormationDriver {
  /**
   * Starts the ResponseURL host.
   *
   * @param options see `CloudFormationDriverOptions`
   */
  public static async start(options: CloudFormationDriverOptions = {}): Promise<CloudFormationDriver> {
    const driver = new CloudFormationDriver(options);
    driver.server = await LocalServer.start('driver', (req, res, body) => driver.onRequest(req, res, body));
    return driver;
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

  private server!: LocalServer;
  private readonly issued = new Map<string, IssuedUrl>();
  private readonly records: PutRecord[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly pendingTimeouts = new Set<() => void>();
  private stopped = false;
  private failPuts = { remaining: 0, status: 503 };
  private readonly clock: () => number;

  private constructor(options: CloudFormationDriverOptions) {
    this.clock = options.clock ?? Date.now;
    this.region = options.region ?? 'us-east-1';
    this.stackName = options.stackName ?? 'DriverStack';
    this.stackId = `arn:aws:cloudformation:${this.region}:${DRIVER_ACCOUNT_ID}:stack/${this.stackName}/${randomUUID()}`;
    this.functionName = `${this.stackName}-ConnectionInvitationProvider`;
    this.serviceToken = `arn:aws:lambda:${this.region}:${DRIVER_ACCOUNT_ID}:function:${this.functionName}`;
  }

  /**
   * A Create event for a logical id with the given properties (the ServiceToken is added).
   *
   * @param logicalId the LogicalResourceId
   * @param properties the resource properties, as strings
   * @param options RequestId and ResourceType overrides
   */
  public createEvent(logicalId: string, properties: Record<string, string>, options: EventOptions = {}): CloudFormationCustomResourceCreateEvent {
    return { RequestType: 'Create', ...this.common(logicalId, properties, options) };
  }

  /**
   * An Update event: new properties, the old ones, and the current physical id.
   *
   * @param logicalId the LogicalResourceId
   * @param physicalId the PhysicalResourceId of the last response
   * @param properties the new resource properties
   * @param oldProperties the resource properties before the update
   * @param options RequestId and ResourceType overrides
   */
  public updateEvent(
    logicalId: string,
    physicalId: string,
    properties: Record<string, string>,
    oldProperties: Record<string, string>,
    options: EventOptions = {},
  ): CloudFormationCustomResourceUpdateEvent {
    return {
      RequestType: 'Update',
      ...this.common(logicalId, properties, options),
      PhysicalResourceId: physicalId,
      OldResourceProperties: this.withToken(oldProperties),
    };
  }

  /**
   * A Delete event for a physical id.
   *
   * @param logicalId the LogicalResourceId
   * @param physicalId the PhysicalResourceId to delete
   * @param properties the resource properties
   * @param options RequestId and ResourceType overrides
   */
  public deleteEvent(
    logicalId: string,
    physicalId: string,
    properties: Record<string, string>,
    options: EventOptions = {},
  ): CloudFormationCustomResourceDeleteEvent {
    return { RequestType: 'Delete', ...this.common(logicalId, properties, options), PhysicalResourceId: physicalId };
  }

  /**
   * Invokes a handler with an event as Lambda's asynchronous invocation does, and waits for the
   * response PUT.
   *
   * An invocation that throws, rejects or outlives `timeoutMs` is retried with the same event up
   * to `retries` more times (an invocation that resolves is not, even if it never answered).
   * Resolves with the first response the ResponseURL stored; rejects when none arrived within
   * `timeoutMs` after the last invocation started. A timed-out invocation is not stopped (there
   * is no process to freeze): a PUT it makes later is recorded but not waited for.
   *
   * @param handler the handler
   * @param event an event made by this driver
   * @param options timeout, retries, duplicates
   */
  public async send(handler: CustomResourceHandler, event: CloudFormationCustomResourceEvent, options: SendOptions = {}): Promise<Delivery> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const retries = options.retries ?? 2;
    const awsRequestId = randomUUID();
    const handlerErrors: unknown[] = [];
    let invocations = 0;
    let lastDeadline = Date.now() + timeoutMs;

    const invoke = async (): Promise<boolean> => {
      invocations++;
      const deadline = Date.now() + timeoutMs;
      lastDeadline = deadline;
      const context: LambdaContextLike = {
        awsRequestId,
        functionName: this.functionName,
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
      let timer: NodeJS.Timeout | undefined;
      let expire: (() => void) | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        expire = () => resolve('timeout');
        timer = this.server.setTimer(expire, timeoutMs);
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
        this.server.clearTimer(timer);
        if (expire) this.pendingTimeouts.delete(expire);
      }
    };

    let ok = await invoke();
    for (let attempt = 0; !ok && attempt < retries && !this.stopped; attempt++) {
      if (options.retryDelayMs) await this.sleep(options.retryDelayMs);
      ok = await invoke();
    }
    for (let i = 0; i < (options.duplicates ?? 0) && !this.stopped; i++) await invoke();

    const stored = await this.waitForStored(event.RequestId, lastDeadline);
    const all = this.puts(event.RequestId);
    if (!stored) {
      const last = handlerErrors[handlerErrors.length - 1];
      const lastMessage = last instanceof Error ? last.message : last === undefined ? 'none' : String(last);
      throw new Error(
        `No response was stored for RequestId ${event.RequestId} within ${timeoutMs} ms of the last of ${invocations} invocation(s) `
        + `(${all.length} PUT attempt(s) reached the ResponseURL; last handler error: ${lastMessage})`);
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
    this.failPuts = { remaining: n, status };
  }

  /**
   * Every request that reached the ResponseURL host, in arrival order.
   *
   * @param requestId only those for this RequestId
   */
  public puts(requestId?: string): PutRecord[] {
    return this.records.filter((r) => requestId === undefined || r.requestId === requestId);
  }

  /**
   * The stored response (first PUT answered 200) for a RequestId, if any.
   *
   * @param requestId the event's RequestId
   */
  public responseFor(requestId: string): PutRecord | undefined {
    return this.records.find((r) => r.requestId === requestId && r.status === 200);
  }

  /** Connections accepted since start (see `LocalServer.connectionsAccepted`). */
  public get connectionsAccepted(): number {
    return this.server.connectionsAccepted;
  }

  /** Makes every open connection stale, as if closed while the client was frozen (see `LocalServer.staleConnections`). */
  public staleConnections(): void {
    this.server.staleConnections();
  }

  /** Closes the idle keep-alive connections now (see `LocalServer.closeIdleConnections`). */
  public closeIdleConnections(): void {
    this.server.closeIdleConnections();
  }

  /**
   * Stops the ResponseURL host and destroys open connections; a `send` still waiting ends at once
   * (rejecting unless a response was already stored).
   */
  public async stop(): Promise<void> {
    this.stopped = true;
    for (const expire of [...this.pendingTimeouts]) expire();
    for (const w of [...this.waiters]) w();
    await this.server.stop();
  }

  private common(logicalId: string, properties: Record<string, string>, options: EventOptions) {
    const requestId = options.requestId ?? randomUUID();
    return {
      ServiceToken: this.serviceToken,
      ResponseURL: this.issueUrl(logicalId, requestId),
      StackId: this.stackId,
      RequestId: requestId,
      ResourceType: options.resourceType ?? DEFAULT_RESOURCE_TYPE,
      LogicalResourceId: logicalId,
      ResourceProperties: this.withToken(properties),
    };
  }

  private withToken(properties: Record<string, string>): CloudFormationCustomResourceProperties {
    return { ServiceToken: this.serviceToken, ...properties };
  }

  /** A URL shaped like CloudFormation's presigned S3 URL, unique per event, with a secret signature. */
  private issueUrl(logicalId: string, requestId: string): string {
    const signature = randomBytes(32).toString('hex');
    const bucket = `cloudformation-custom-resource-response-${this.region.replace(/-/g, '')}`;
    const key = encodeURIComponent(`${this.stackId}|${logicalId}|${requestId}`);
    const path = `/${bucket}/${key}`;
    const now = new Date(this.clock());
    const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const akid = `AKIA${createHash('sha256').update(this.stackId).digest('hex').slice(0, 16).toUpperCase()}`;
    const query = [
      'X-Amz-Algorithm=AWS4-HMAC-SHA256',
      `X-Amz-Date=${amzDate}`,
      'X-Amz-SignedHeaders=host',
      'X-Amz-Expires=7200',
      `X-Amz-Credential=${akid}%2F${amzDate.slice(0, 8)}%2F${this.region}%2Fs3%2Faws4_request`,
      `X-Amz-Signature=${signature}`,
    ].join('&');
    this.issued.set(signature, { requestId, stackId: this.stackId, logicalResourceId: logicalId, path });
    return `${this.server.url}${path}?${query}`;
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const issued = this.issued.get(url.searchParams.get('X-Amz-Signature') ?? '');
    const base = {
      method: req.method ?? '',
      headers: req.headers,
      body: raw.toString('utf8'),
      bytes: raw.length,
      time: Date.now(),
    };

    if (!issued || issued.path !== url.pathname) {
      this.record({ ...base, status: 403, violations: ['the URL is not a ResponseURL the driver issued (altered or unknown)'], oversize: false });
      return s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    const withId = { ...base, requestId: issued.requestId };
    if (req.method !== 'PUT') {
      this.record({ ...withId, status: 405, violations: [`method ${req.method}, expected PUT`], oversize: false });
      return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
    if (req.headers['content-length'] === undefined) {
      this.record({ ...withId, status: 411, violations: ['no Content-Length header (S3 rejects chunked uploads to a presigned URL)'], oversize: false });
      return s3Error(res, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
    }
    if (this.failPuts.remaining > 0) {
      this.failPuts.remaining--;
      const status = this.failPuts.status;
      this.record({ ...withId, status, violations: [], oversize: false });
      return s3Error(res, status, status === 503 ? 'SlowDown' : 'InternalError', 'Injected failure of the ResponseURL.');
    }

    const { response, violations } = validateResponse(base.body, issued);
    const contentType = req.headers['content-type'];
    if (contentType === undefined) {
      violations.push("no content-type header (CloudFormation's presigned URL expects an empty one)");
    } else if (contentType !== '') {
      violations.push(`content-type is '${contentType}', expected an empty value`);
    }
    const oversize = raw.length > MAX_RESPONSE_BYTES;
    if (oversize) violations.push(`the body is ${raw.length} bytes, over CloudFormation's ${MAX_RESPONSE_BYTES}-byte limit`);
    this.record({ ...withId, status: 200, response, violations, oversize });
    res.writeHead(200, {
      'etag': `"${createHash('md5').update(raw).digest('hex')}"`,
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'content-length': '0',
    });
    res.end();
  }

  private record(r: PutRecord): void {
    this.records.push(r);
    for (const w of [...this.waiters]) w();
  }

  private async waitForStored(requestId: string, deadline: number): Promise<PutRecord | undefined> {
    const found = this.responseFor(requestId);
    if (found || this.stopped) return found;
    return new Promise<PutRecord | undefined>((resolve) => {
      const finish = (value: PutRecord | undefined) => {
        this.server.clearTimer(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const check = () => {
        const r = this.responseFor(requestId);
        if (r || this.stopped) finish(r);
      };
      const timer = this.server.setTimer(() => finish(this.responseFor(requestId)), Math.max(0, deadline - Date.now()));
      this.waiters.add(check);
    });
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const done = () => {
        this.server.clearTimer(t);
        this.pendingTimeouts.delete(done);
        resolve();
      };
      const t = this.server.setTimer(done, ms);
      this.pendingTimeouts.add(done);
    });
  }
}

/** Checks a response body as CloudFormation does; returns the parsed object and the problems found. */
function validateResponse(body: string, issued: IssuedUrl): { response?: CfnResponse; violations: string[] } {
  const violations: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { violations: ['the body is not JSON'] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { violations: ['the body is not a JSON object'] };
  }
  const r = parsed as Record<string, unknown>;
  if (r.Status !== 'SUCCESS' && r.Status !== 'FAILED') violations.push(`Status is ${JSON.stringify(r.Status)}, expected SUCCESS or FAILED`);
  if (typeof r.PhysicalResourceId !== 'string' || r.PhysicalResourceId === '') violations.push('PhysicalResourceId is missing or empty');
  if (r.StackId !== issued.stackId) violations.push("StackId does not echo the event's");
  if (r.RequestId !== issued.requestId) violations.push("RequestId does not echo the event's");
  if (r.LogicalResourceId !== issued.logicalResourceId) violations.push("LogicalResourceId does not echo the event's");
  if (r.Reason !== undefined && typeof r.Reason !== 'string') violations.push('Reason is not a string');
  if (r.NoEcho !== undefined && typeof r.NoEcho !== 'boolean') violations.push('NoEcho is not a boolean');
  if (r.Data !== undefined && (typeof r.Data !== 'object' || r.Data === null || Array.isArray(r.Data))) violations.push('Data is not an object');
  return { response: r as unknown as CfnResponse, violations };
}

function s3Error(res: http.ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
