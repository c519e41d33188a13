/**
 * One HTTP exchange over node:http(s), with a hard timeout and a cap on the answer's size: the
 * transport of both the API calls and the response PUT. Failures below HTTP become a
 * {@link NetworkError} with a code.
 *
 * Connections are kept alive and reused, within an invocation and across the invocations of a
 * warm function, as the AWS SDK's node handler does: the agents live at module scope, one per
 * protocol, and pool sockets per host. A reused socket may have been closed by the server while
 * Lambda froze the sandbox; such a failure (a reset, a broken pipe, an abort or a hang-up before
 * any byte of the answer) is marked {@link NetworkError.staleSocket} and the retry policy
 * (`./retry`) tries again at once, on a fresh connection.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/**
 * The keep-alive agents of the function, shared by every request of every invocation of one
 * sandbox. An idle socket is unreferenced (it never keeps the process alive) and is dropped after
 * `FREE_SOCKET_TIMEOUT_MS` without use.
 */
const FREE_SOCKET_TIMEOUT_MS = 60_000;
const AGENT_OPTIONS: http.AgentOptions = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 50, timeout: FREE_SOCKET_TIMEOUT_MS };
const HTTP_AGENT = new http.Agent(AGENT_OPTIONS);
const HTTPS_AGENT = new https.Agent(AGENT_OPTIONS);

/** The answer of one HTTP exchange. */
export interface HttpResult {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: http.IncomingHttpHeaders;
  /** The response body as UTF-8 (empty when `oversized`). */
  readonly body: string;
  /**
   * Whether the body was longer than the cap: it was not read past the cap, the connection was
   * dropped, and `body` is empty. The answer is then malformed; the caller decides what that means.
   */
  readonly oversized: boolean;
}

/** A failure below HTTP: the connection was refused or reset, or the attempt timed out. */
export class NetworkError extends Error {
  /**
   * @param code the failure's code (`ECONNRESET`, `TimeoutError`, ...)
   * @param staleSocket whether the peer closed a reused keep-alive connection before any byte of
   *   the answer (ECONNRESET, EPIPE, ECONNABORTED, `socket hang up`): the mark of a connection
   *   the server closed while it sat idle
   */
  constructor(public readonly code: string, message: string, public readonly staleSocket: boolean = false) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The limits of one exchange. */
export interface HttpLimits {
  /** Hard timeout covering connect, send and the whole response. */
  readonly timeoutMs: number;
  /** The largest response body read, in bytes; a longer one makes the answer `oversized`. */
  readonly maxBodyBytes: number;
  /**
   * The timer the timeout runs on: calls `expire` after `ms` unless cancelled (see `Runtime.timer`).
   *
   * @default - setTimeout
   */
  readonly timer?: (ms: number, expire: () => void) => () => void;
}

/** The real timer. */
function realTimer(ms: number, expire: () => void): () => void {
  const t = setTimeout(expire, ms);
  return () => clearTimeout(t);
}

/**
 * One HTTP request on a kept-alive connection, with a hard timeout and a body cap. Rejects with a
 * {@link NetworkError} whose `code` names the network failure. Memory stays bounded by the cap:
 * a body announced longer (`content-length`) is not read at all, one that grows past it is cut
 * off there, and in both cases the connection is destroyed rather than pooled.
 */
export function httpRequest(url: URL, method: string, headers: Record<string, string>, body: string, limits: HttpLimits): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const isHttps = url.protocol === 'https:';
    const mod = isHttps ? https : http;
    let settled = false;
    let answered = false;
    // Set once the timer is armed below; a timer that expires at once finds nothing to cancel.
    let cancelTimer: () => void = () => undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      cancelTimer();
      fn();
    };
    const req = mod.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: `${url.pathname || '/'}${url.search}`,
      method,
      headers,
      agent: isHttps ? HTTPS_AGENT : HTTP_AGENT,
    }, (res) => {
      answered = true;
      const oversized = (): void => {
        finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '', oversized: true }));
        // Not read further, and not pooled: the rest of the body would arrive on the next request.
        res.destroy();
        req.destroy();
      };
      const announced = Number(res.headers['content-length']);
      if (Number.isFinite(announced) && announced > limits.maxBodyBytes) return oversized();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limits.maxBodyBytes) return oversized();
        chunks.push(c);
      });
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), oversized: false })));
      res.on('error', (e) => finish(() => reject(toNetworkError(e))));
      res.on('aborted', () => finish(() => reject(new NetworkError('ECONNRESET', 'response aborted'))));
    });
    cancelTimer = (limits.timer ?? realTimer)(Math.max(1, limits.timeoutMs), () => {
      finish(() => reject(new NetworkError('TimeoutError', `no complete answer within ${limits.timeoutMs} ms`)));
      req.destroy();
    });
    req.on('error', (e) => finish(() => {
      const ne = toNetworkError(e);
      reject(req.reusedSocket && !answered && isClosedConnection(ne) ? new NetworkError(ne.code, ne.message, true) : ne);
    }));
    req.end(body);
  });
}

/** The failures of a connection the peer closed: reset, broken pipe, aborted, or hung up. */
const CLOSED_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/**
 * Whether a failure is the peer having closed the connection. Only these mark a reused socket as
 * stale: an answer that is not HTTP (`HPE_*`), a timeout or a TLS failure on a reused socket is a
 * fault of the server or the path, retried with the ordinary backoff.
 */
function isClosedConnection(e: NetworkError): boolean {
  return CLOSED_CONNECTION_CODES.has(e.code) || e.message === 'socket hang up';
}

/** Any thrown value as a NetworkError, keeping its `code` (and stale mark) when it has one. */
export function toNetworkError(e: unknown): NetworkError {
  if (e instanceof NetworkError) return e;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'NetworkError';
  const message = e instanceof Error ? e.message : String(e);
  return new NetworkError(code, message);
}
