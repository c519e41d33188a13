/**
 * The host of the ResponseURLs on 127.0.0.1: answers each PUT as S3 would for a presigned URL
 * (403 for a URL it did not issue, 405 for another method, 411 without Content-Length, injected
 * 5xx), records every request with what CloudFormation would reject in it, and lets a caller wait
 * for the response stored for an event.
 *
 * Amazon S3's side, an independent oracle on purpose: it shares no code with the handler
 * (lambda/) or the emulator, so S3's answers (the SignatureDoesNotMatch message, which the
 * emulator's envelope.ts also spells for the API) are its own spelling.
 *
 * Runtime code uses node built-ins only.
 */
import { createHash, randomBytes } from 'node:crypto';
import type * as http from 'node:http';
import type { CfnResponse } from './events';
import { checkResponse } from './response-check';
import { issueResponseUrl, IssuedUrl, ResponseUrlRequest } from './response-url';
import { LocalServer } from '../local-server';

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
  /** The function's clock when it arrived (epoch ms), when the host was given one. */
  readonly functionTime?: number;
  /**
   * With a function clock: whether, when it arrived, an invocation of its event that was still
   * running had time left on that clock (else Lambda would have stopped the function before it).
   */
  readonly inTime?: boolean;
}

/** The function clock's reading for a PUT that arrives, and whether it came in time. */
export interface FunctionClockStamp {
  /** The function clock (epoch ms). */
  readonly functionTime: number;
  /** Whether a running invocation of the event had time left. */
  readonly inTime: boolean;
}

/**
 * What the ResponseURL does with one PUT: `store` it (answer 200), `fail` (503 SlowDown, nothing
 * stored), or `lost-ack` (store it, then reset the connection: the handler sees an error although
 * CloudFormation has the answer).
 */
export type PutFate = 'store' | 'fail' | 'lost-ack';

/** The ResponseURL host, over real HTTP on 127.0.0.1. */
export class ResponseUrlHost {
  /**
   * Starts listening on a free port.
   *
   * @param putFate what to do with each PUT for a RequestId (asked before `failNextPuts`); default: store
   * @param stamp reads the function's clock as a request for an issued URL arrives (`PutRecord.functionTime`, `inTime`)
   */
  public static async start(putFate?: (requestId: string) => PutFate, stamp?: (requestId: string) => FunctionClockStamp): Promise<ResponseUrlHost> {
    const host = new ResponseUrlHost(putFate, stamp);
    host.server = await LocalServer.start('driver', (req, res, body) => host.onRequest(req, res, body));
    return host;
  }

  private server!: LocalServer;
  private readonly issued = new Map<string, IssuedUrl>();
  private readonly records: PutRecord[] = [];
  /** The records of each RequestId, in arrival order: an event's PUTs without a scan of all. */
  private readonly recordsById = new Map<string, PutRecord[]>();
  private readonly waiters = new Set<() => void>();
  private stopped = false;
  private failPuts = { remaining: 0, status: 503 };
  /** The first stored PUT of each RequestId. */
  private readonly stored = new Map<string, PutRecord>();

  private constructor(
    private readonly putFate?: (requestId: string) => PutFate,
    private readonly stamp?: (requestId: string) => FunctionClockStamp,
  ) {}

  /** The server the URLs point at, whose timers `stop()` clears. */
  public get timers(): Pick<LocalServer, 'setTimer' | 'clearTimer'> {
    return this.server;
  }

  /** The server's connections: how many it accepted, and how to close them under the client. */
  public get connections(): Readonly<Pick<LocalServer, 'connectionsAccepted' | 'staleConnections' | 'closeIdleConnections'>> {
    return this.server;
  }

  /**
   * Issues a ResponseURL on this host for an event.
   *
   * @param request for what (the base URL is this host's)
   */
  public issue(request: Omit<ResponseUrlRequest, 'baseUrl'>): string {
    const { url, signature, issued } = issueResponseUrl({ ...request, baseUrl: this.server.url });
    this.issued.set(signature, issued);
    return url;
  }

  /**
   * Makes the next `n` PUTs answer an S3 error instead of being stored.
   *
   * @param n how many PUTs fail
   * @param status the HTTP status
   */
  public failNextPuts(n: number, status: number): void {
    this.failPuts = { remaining: n, status };
  }

  /**
   * Every request that reached the host, in arrival order.
   *
   * @param requestId only those for this RequestId
   */
  public puts(requestId?: string): PutRecord[] {
    if (requestId === undefined) return [...this.records];
    return [...this.recordsById.get(requestId) ?? []];
  }

  /**
   * The stored response (first PUT answered 200) for a RequestId, if any.
   *
   * @param requestId the event's RequestId
   */
  public responseFor(requestId: string): PutRecord | undefined {
    return this.stored.get(requestId);
  }

  /**
   * Waits until a response is stored for a RequestId, the deadline passes or the host stops.
   *
   * @param requestId the event's RequestId
   * @param deadline epoch ms
   * @param counts which stored PUTs count as the response (default: the first stored one)
   */
  public async waitForStored(requestId: string, deadline: number, counts?: (r: PutRecord) => boolean): Promise<PutRecord | undefined> {
    const first = () => (counts ? this.recordsById.get(requestId)?.find((r) => r.status === 200 && counts(r)) : this.responseFor(requestId));
    const found = first();
    if (found || this.stopped) return found;
    return new Promise<PutRecord | undefined>((resolve) => {
      const finish = (value: PutRecord | undefined) => {
        this.server.clearTimer(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const check = () => {
        const r = first();
        if (r || this.stopped) finish(r);
      };
      const timer = this.server.setTimer(() => finish(first()), Math.max(0, deadline - Date.now()));
      this.waiters.add(check);
    });
  }

  /** Ends every wait, then stops listening and destroys open connections. */
  public async stop(): Promise<void> {
    this.stopped = true;
    for (const w of [...this.waiters]) w();
    await this.server.stop();
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
    const withId = { ...base, requestId: issued.requestId, ...this.stamp?.(issued.requestId) };
    if (req.method !== 'PUT') {
      this.record({ ...withId, status: 405, violations: [`method ${req.method}, expected PUT`], oversize: false });
      return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
    if (req.headers['content-length'] === undefined) {
      this.record({ ...withId, status: 411, violations: ['no Content-Length header (S3 rejects chunked uploads to a presigned URL)'], oversize: false });
      return s3Error(res, 411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
    }
    const fate = this.putFate?.(issued.requestId) ?? 'store';
    if (fate === 'fail' || this.failPuts.remaining > 0) {
      if (fate !== 'fail') this.failPuts.remaining--;
      const status = fate === 'fail' ? 503 : this.failPuts.status;
      this.record({ ...withId, status, violations: [], oversize: false });
      return s3Error(res, status, status === 503 ? 'SlowDown' : 'InternalError', 'Injected failure of the ResponseURL.');
    }

    const { response, violations, oversize } = checkResponse(raw, req.headers['content-type'], issued);
    this.record({ ...withId, status: 200, response, violations, oversize });
    if (fate === 'lost-ack') {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, {
      'etag': `"${createHash('md5').update(raw).digest('hex')}"`,
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'content-length': '0',
    });
    res.end();
  }

  private record(r: PutRecord): void {
    this.records.push(r);
    if (r.requestId !== undefined) {
      const own = this.recordsById.get(r.requestId);
      if (own) own.push(r);
      else this.recordsById.set(r.requestId, [r]);
    }
    if (r.requestId !== undefined && r.status === 200 && !this.stored.has(r.requestId)) this.stored.set(r.requestId, r);
    for (const w of [...this.waiters]) w();
  }
}

function s3Error(res: http.ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
