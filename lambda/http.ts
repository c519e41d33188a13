/**
 * One HTTP exchange over node:http(s), with a hard timeout: the transport of both the API
 * calls and the response PUT. Failures below HTTP become a {@link NetworkError} with a code.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** The answer of one HTTP exchange. */
export interface HttpResult {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: http.IncomingHttpHeaders;
  /** The response body as UTF-8. */
  readonly body: string;
}

/** A failure below HTTP: the connection was refused or reset, or the attempt timed out. */
export class NetworkError extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * One HTTP request with a hard timeout covering connect, send and the whole response.
 * Rejects with an Error whose `code` names the network failure.
 */
export function httpRequest(url: URL, method: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = mod.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: `${url.pathname || '/'}${url.search}`,
      method,
      headers,
      // A fresh connection per attempt: no stale keep-alive socket after Lambda thaws a sandbox.
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') })));
      res.on('error', (e) => finish(() => reject(toNetworkError(e))));
      res.on('aborted', () => finish(() => reject(new NetworkError('ECONNRESET', 'response aborted'))));
    });
    const timer = setTimeout(() => {
      finish(() => reject(new NetworkError('TimeoutError', `no complete answer within ${timeoutMs} ms`)));
      req.destroy();
    }, Math.max(1, timeoutMs));
    req.on('error', (e) => finish(() => reject(toNetworkError(e))));
    req.end(body);
  });
}

/** Any thrown value as a NetworkError, keeping its `code` when it has one. */
export function toNetworkError(e: unknown): NetworkError {
  if (e instanceof NetworkError) return e;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'NetworkError';
  const message = e instanceof Error ? e.message : String(e);
  return new NetworkError(code, message);
}
