/**
 * Raw, signed HTTP calls to a PartnerCentral endpoint for tests that need to see (or break) the
 * wire: signed with `@smithy/signature-v4`, sent with `node:http`, nothing parsed.
 */
import * as http from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { TEST_CREDENTIALS } from './sdk-wire';

/** What to send; every member has a valid default. */
export interface RawCall {
  /** `PartnerCentralAccount.<Operation>`, or anything to test a bad target. */
  readonly target?: string;
  /** The body (a string is sent as is, anything else as JSON); default `{"Catalog":"Sandbox"}`. */
  readonly body?: unknown;
  /** HTTP method; default POST. */
  readonly method?: string;
  /** Path; default `/`. */
  readonly path?: string;
  /** Headers to add or replace before signing. */
  readonly headers?: Record<string, string>;
  /** Signing region; default us-east-1. */
  readonly region?: string;
  /** Signing name; default partnercentral-account. */
  readonly service?: string;
  /** Credentials; default the emulator's, with a session token. */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Headers left out of the signature (e.g. `host`). */
  readonly unsignedHeaders?: string[];
  /** Signing time; default now. */
  readonly signingDate?: Date;
  /** Whether to sign at all; default true. */
  readonly sign?: boolean;
  /** Give up waiting for an answer after this many ms (resolves with `timedOut`). */
  readonly timeoutMs?: number;
}

/** What came back. */
export interface RawAnswer {
  /** HTTP status, 0 when there was no answer. */
  readonly status: number;
  /** Response headers. */
  readonly headers: http.IncomingHttpHeaders;
  /** Response body. */
  readonly body: string;
  /** The body parsed as JSON, when it is JSON. */
  readonly json?: Record<string, unknown>;
  /** The socket error code, when the connection failed (`ECONNRESET`, ...). */
  readonly error?: string;
  /** Whether `timeoutMs` passed without an answer. */
  readonly timedOut?: boolean;
  /** Milliseconds until the answer (or failure). */
  readonly elapsedMs: number;
}

/**
 * Sends one signed request to an endpoint and returns what came back, including socket failures.
 *
 * @param endpoint `http://127.0.0.1:<port>`
 * @param call what to send
 */
export async function rawCall(endpoint: string, call: RawCall = {}): Promise<RawAnswer> {
  const url = new URL(endpoint);
  const body = call.body === undefined ? '{"Catalog":"Sandbox"}' : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
  let request = new HttpRequest({
    method: call.method ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: call.path ?? '/',
    headers: {
      'host': url.host,
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': call.target ?? 'PartnerCentralAccount.ListConnectionInvitations',
      ...call.headers,
    },
    body,
  });
  if (call.sign ?? true) {
    const signer = new SignatureV4({
      service: call.service ?? 'partnercentral-account',
      region: call.region ?? 'us-east-1',
      credentials: call.credentials ?? TEST_CREDENTIALS,
      sha256: Sha256,
    });
    request = await signer.sign(request, {
      signingDate: call.signingDate,
      unsignableHeaders: call.unsignedHeaders ? new Set(call.unsignedHeaders) : undefined,
    }) as HttpRequest;
  }
  const started = Date.now();
  return new Promise<RawAnswer>((resolve) => {
    let settled = false;
    const done = (a: Omit<RawAnswer, 'elapsedMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...a, elapsedMs: Date.now() - started });
    };
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: request.method,
      path: request.path,
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) },
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> | undefined;
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = undefined;
        }
        done({ status: res.statusCode ?? 0, headers: res.headers, body: text, json });
      });
      res.on('error', (err: NodeJS.ErrnoException) => done({ status: 0, headers: {}, body: '', error: err.code ?? err.message }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => done({ status: 0, headers: {}, body: '', error: err.code ?? err.message }));
    if (call.timeoutMs !== undefined) {
      req.setTimeout(call.timeoutMs, () => {
        done({ status: 0, headers: {}, body: '', timedOut: true });
        req.destroy();
      });
    }
    req.end(body);
  });
}
