/**
 * A small AWS JSON 1.0 client of the PartnerCentral Account API: signs with SigV4, sends with
 * node:http(s), classifies errors and retries what can be retried until a deadline.
 *
 * The whole network side of the handler is here, so tests point it at a local emulator
 * through the endpoint variables, exactly as the AWS SDK would be pointed.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
// Bundled into the handler by esbuild at build time: a devDependency of the library on purpose.
// eslint-disable-next-line import/no-extraneous-dependencies
import { SignatureV4 } from '@smithy/signature-v4';
import type { InvitationFields } from './client-token';
import { logApiCall, type LogSink } from './log';

/** The service runs in this region only, whatever region the stack is in. */
export const SIGNING_REGION = 'us-east-1';
/** The SigV4 signing name of the service. */
export const SIGNING_SERVICE = 'partnercentral-account';
/** The endpoint when no override is set. */
export const DEFAULT_ENDPOINT = 'https://partnercentral-account.us-east-1.api.aws';
/** The X-Amz-Target prefix of every operation. */
export const TARGET_PREFIX = 'PartnerCentralAccount';

/** Time, waiting and randomness, injectable so tests control backoff without real minutes. */
export interface Runtime {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

/** The real clock. */
export const REAL_RUNTIME: Runtime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random(),
};

/** How the client retries. */
export interface RetryTuning {
  /** First backoff ceiling; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling. The actual delay is uniform in [0, ceiling) ("full jitter"). */
  readonly maxDelayMs: number;
  /**
   * First wait after an AccessDeniedException; doubles per denial. The actual wait is uniform in
   * [ceiling / 2, ceiling): IAM takes seconds to propagate a changed policy, so a denial is
   * waited out for real rather than retried at once.
   */
  readonly deniedDelayMs: number;
  /** Timeout of one HTTP attempt (never beyond the remaining budget). */
  readonly requestTimeoutMs: number;
  /** No attempt is started with less time than this left. */
  readonly minAttemptMs: number;
}

/**
 * Defaults: full jitter between 0 and min(2 s, 100 ms * 2^n). Under throttling the retries of
 * many concurrent handlers spread over up to 2 s, so the service's token bucket is drained as
 * soon as it refills and a burst of creates finishes close to count / rate. Denials wait 1-2 s,
 * 2-4 s, then 4-8 s (7 to 14 s in all), within the deadline.
 */
export const DEFAULT_RETRY: RetryTuning = { baseDelayMs: 100, maxDelayMs: 2_000, deniedDelayMs: 2_000, requestTimeoutMs: 5_000, minAttemptMs: 50 };

/** The credentials of the function's role (always temporary on Lambda). */
export interface Credentials {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The secret access key. Never logged. */
  readonly secretAccessKey: string;
  /** The session token, sent as `x-amz-security-token` and signed. */
  readonly sessionToken?: string;
}

/** One validation problem the API reported (FieldValidationError or BusinessValidationError). */
export interface ErrorDetail {
  /** The input member, for field errors. */
  readonly name?: string;
  /** What is wrong, in the service's words. */
  readonly message?: string;
  /** A machine-readable code (`INVALID_STRING_FORMAT`). */
  readonly code?: string;
}

/** An error answer of the API, parsed. */
export interface ParsedError {
  /** The HTTP status. */
  readonly status: number;
  /** The error name (`ValidationException`), or `HTTP <status>` when none could be found. */
  readonly name: string;
  /** The `Reason` member (`CONFLICT_CLIENT_TOKEN`), when present. */
  readonly reason?: string;
  /** The `message` (or `Message`) member. */
  readonly message?: string;
  /** The `ErrorDetails` of a ValidationException, empty otherwise. */
  readonly details: readonly ErrorDetail[];
}

/** A non-retryable error answer of the API. */
export class ApiError extends Error {
  /** The operation that failed. */
  public readonly operation: string;
  /** The parsed error. */
  public readonly error: ParsedError;

  constructor(operation: string, error: ParsedError) {
    super(`${operation} failed: ${describeError(error)}`);
    this.name = 'ApiError';
    this.operation = operation;
    this.error = error;
  }

  /** The HTTP status. */
  public get status(): number {
    return this.error.status;
  }

  /** The API error name. */
  public get errorName(): string {
    return this.error.name;
  }

  /** The API's `Reason` member. */
  public get reason(): string | undefined {
    return this.error.reason;
  }
}

/** The time budget ran out while every attempt failed with a retryable error. */
export class RetriesExhaustedError extends Error {
  /** The operation. */
  public readonly operation: string;
  /** How many attempts were made. */
  public readonly attempts: number;
  /** The last error, described. */
  public readonly lastError: string;
  /**
   * Whether some attempt may have been processed by the service (timeout, reset or 5xx),
   * as opposed to refused before doing anything (throttled, connection refused).
   */
  public readonly mayHaveSucceeded: boolean;
  /** When the first attempt started (ms since the epoch). */
  public readonly firstAttemptAt: number;
  /** When the last attempt ended (ms since the epoch). */
  public readonly lastAttemptAt: number;

  constructor(props: {
    operation: string; attempts: number; lastError: string; mayHaveSucceeded: boolean; firstAttemptAt: number; lastAttemptAt: number;
  }) {
    const secs = ((props.lastAttemptAt - props.firstAttemptAt) / 1000).toFixed(1);
    super(`${props.operation} timed out after ${props.attempts} attempt${props.attempts === 1 ? '' : 's'} in ${secs} s, last error: ${props.lastError}`);
    this.name = 'RetriesExhaustedError';
    this.operation = props.operation;
    this.attempts = props.attempts;
    this.lastError = props.lastError;
    this.mayHaveSucceeded = props.mayHaveSucceeded;
    this.firstAttemptAt = props.firstAttemptAt;
    this.lastAttemptAt = props.lastAttemptAt;
  }
}

/** The handler's configuration is unusable (no credentials, bad endpoint). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A failure below HTTP: the connection was refused or reset, or the attempt timed out. */
class NetworkError extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** The answer of one HTTP exchange. */
export interface HttpResult {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers. */
  readonly headers: http.IncomingHttpHeaders;
  /** The response body as UTF-8. */
  readonly body: string;
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

function toNetworkError(e: unknown): NetworkError {
  if (e instanceof NetworkError) return e;
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'NetworkError';
  const message = e instanceof Error ? e.message : String(e);
  return new NetworkError(code, message);
}

/** Network failures that prove the request never reached the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Hash class for the signer, on node:crypto (smaller and faster than a JavaScript SHA-256). */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }

  public update(data: Uint8Array | string): void {
    this.hash.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  public digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  public reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string'
      ? Buffer.from(this.secret, 'utf8')
      : ArrayBuffer.isView(this.secret)
        ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
        : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
}

/**
 * Parses an error answer: the name from `__type` (may be `namespace#Name`, may carry `:...`),
 * else `code`, else the `x-amzn-errortype` header; cut at the first `:` and keep what follows `#`.
 */
export function parseError(status: number, headers: http.IncomingHttpHeaders, body: string): ParsedError {
  let parsed: Record<string, unknown> | undefined;
  try {
    const v: unknown = JSON.parse(body);
    if (isRecord(v)) parsed = v;
  } catch {
    parsed = undefined;
  }
  const header = headers['x-amzn-errortype'];
  const rawName = str(parsed?.__type) ?? str(parsed?.code) ?? str(Array.isArray(header) ? header[0] : header);
  const name = rawName ? cleanErrorName(rawName) : undefined;
  const message = str(parsed?.message) ?? str(parsed?.Message);
  const reason = str(parsed?.Reason);
  const details = parseDetails(parsed?.ErrorDetails);
  return { status, name: name || `HTTP ${status}`, reason, message, details };
}

/** `aws.partnercentral#ValidationException:http://...` -> `ValidationException`. */
export function cleanErrorName(raw: string): string {
  let name = raw;
  const colon = name.indexOf(':');
  if (colon >= 0) name = name.slice(0, colon);
  const hash = name.indexOf('#');
  if (hash >= 0) name = name.slice(hash + 1);
  return name.trim();
}

function parseDetails(v: unknown): ErrorDetail[] {
  if (!Array.isArray(v)) return [];
  const out: ErrorDetail[] = [];
  for (const item of v.slice(0, 20)) {
    if (!isRecord(item)) continue;
    // The wire shape is a union ({FieldValidationError: {...}}); accept the flat shape too.
    const inner = isRecord(item.FieldValidationError) ? item.FieldValidationError
      : isRecord(item.BusinessValidationError) ? item.BusinessValidationError : item;
    out.push({ name: str(inner.Name), message: str(inner.Message) ?? str(inner.message), code: str(inner.Code) });
  }
  return out;
}

/** `ValidationException (REQUEST_VALIDATION_FAILED): msg; Email: bad (INVALID)`. */
export function describeError(e: ParsedError): string {
  let text = e.reason ? `${e.name} (${e.reason})` : e.name;
  if (e.message) text += `: ${e.message}`;
  const details = e.details.map((d) => {
    const head = d.name ? `${d.name}: ` : '';
    const body = d.message ?? '';
    const code = d.code ? ` (${d.code})` : '';
    return `${head}${body}${code}`.trim();
  }).filter((d) => d.length > 0);
  if (details.length > 0) text += `; ${details.join('; ')}`;
  return text;
}

/** Whether an error answer is worth retrying: throttling and server-side failures. */
export function isRetryable(e: ParsedError): boolean {
  return e.status === 429 || e.name === 'ThrottlingException' || e.status >= 500 || e.name === 'InternalServerException';
}

/**
 * How many times an AccessDeniedException is retried (with its own, longer backoff, within the
 * deadline) before it fails: when a deploy grants the function's role a new catalog, the first
 * call may run before the updated policy has propagated.
 */
export const ACCESS_DENIED_RETRIES = 3;

/** Whether an error answer is an authorization denial (possibly a policy not yet propagated). */
export function isAccessDenied(e: ParsedError): boolean {
  return e.name === 'AccessDeniedException';
}

function isThrottle(e: ParsedError): boolean {
  return e.status === 429 || e.name === 'ThrottlingException';
}

/** Options of {@link PartnerCentralClient}. */
export interface ClientOptions {
  /** The endpoint URL (http: or https:). */
  readonly endpoint: string;
  /** Credentials, or undefined when the environment has none (calls then fail with ConfigError). */
  readonly credentials?: Credentials;
  /** Clock, sleep and randomness. */
  readonly runtime: Runtime;
  /** Backoff and timeouts. */
  readonly retry: RetryTuning;
  /** Where the per-attempt log lines go. */
  readonly log: LogSink;
}

/** An invitation as the API returns it (Create, Get and Cancel share the shape). */
export type Invitation = Record<string, unknown>;

/** The four operations the handler uses. */
export interface InvitationApi {
  /** Creates an invitation (idempotent for the same ClientToken and input). */
  createConnectionInvitation(input: CreateInput, deadline: number): Promise<Invitation>;
  /** Reads an invitation; 404 when it does not exist in the catalog. */
  getConnectionInvitation(catalog: string, identifier: string, deadline: number): Promise<Invitation>;
  /** Cancels a pending invitation; 409 when it is no longer pending. */
  cancelConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Invitation>;
  /** One page of invitation summaries. */
  listConnectionInvitations(input: ListInput, deadline: number): Promise<{ summaries: Invitation[]; nextToken?: string }>;
}

/** Input of CreateConnectionInvitation. */
export interface CreateInput extends InvitationFields {
  /** The idempotency token. */
  readonly ClientToken: string;
}

/** Input of ListConnectionInvitations. */
export interface ListInput {
  /** The catalog to list. */
  readonly Catalog: string;
  /** The token of the next page. */
  readonly NextToken?: string;
  /** Only this connection type. */
  readonly ConnectionType?: string;
  /** Page size, 1 to 100. */
  readonly MaxResults?: number;
  /** Only invitations with these receivers. */
  readonly OtherParticipantIdentifiers?: string[];
  /** Only invitations this account sent (SENDER) or received (RECEIVER). */
  readonly ParticipantType?: string;
  /** Only invitations in this state. */
  readonly Status?: string;
}

/** The PartnerCentral Account client. */
export class PartnerCentralClient implements InvitationApi {
  private readonly url: URL | undefined;

  /** Never throws: a bad endpoint or missing credentials fail the first call with a ConfigError. */
  constructor(private readonly options: ClientOptions) {
    try {
      const url = new URL(options.endpoint);
      this.url = url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
    } catch {
      this.url = undefined;
    }
  }

  /** CreateConnectionInvitation; members serialized in the model's order, as the SDK does. */
  public createConnectionInvitation(input: CreateInput, deadline: number): Promise<Invitation> {
    return this.call('CreateConnectionInvitation', {
      Catalog: input.Catalog,
      ConnectionType: input.ConnectionType,
      Email: input.Email,
      Message: input.Message,
      Name: input.Name,
      ReceiverIdentifier: input.ReceiverIdentifier,
      ClientToken: input.ClientToken,
    }, deadline);
  }

  /** GetConnectionInvitation. */
  public getConnectionInvitation(catalog: string, identifier: string, deadline: number): Promise<Invitation> {
    return this.call('GetConnectionInvitation', { Catalog: catalog, Identifier: identifier }, deadline);
  }

  /** CancelConnectionInvitation. */
  public cancelConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Invitation> {
    return this.call('CancelConnectionInvitation', { Catalog: catalog, Identifier: identifier, ClientToken: clientToken }, deadline);
  }

  /** ListConnectionInvitations (one page). */
  public async listConnectionInvitations(input: ListInput, deadline: number): Promise<{ summaries: Invitation[]; nextToken?: string }> {
    const body: Record<string, unknown> = { Catalog: input.Catalog };
    if (input.NextToken !== undefined) body.NextToken = input.NextToken;
    if (input.ConnectionType !== undefined) body.ConnectionType = input.ConnectionType;
    if (input.MaxResults !== undefined) body.MaxResults = input.MaxResults;
    if (input.OtherParticipantIdentifiers !== undefined) body.OtherParticipantIdentifiers = input.OtherParticipantIdentifiers;
    if (input.ParticipantType !== undefined) body.ParticipantType = input.ParticipantType;
    if (input.Status !== undefined) body.Status = input.Status;
    const out = await this.call('ListConnectionInvitations', body, deadline);
    const list = Array.isArray(out.ConnectionInvitationSummaries) ? out.ConnectionInvitationSummaries.filter(isRecord) : [];
    return { summaries: list, nextToken: str(out.NextToken) };
  }

  /**
   * Calls one operation, retrying throttling, 5xx and network failures with capped exponential
   * backoff and full jitter, as long as the deadline allows another attempt. An
   * AccessDeniedException is retried at most {@link ACCESS_DENIED_RETRIES} times, after waits
   * long enough for IAM to propagate a policy (see {@link RetryTuning.deniedDelayMs}).
   *
   * @throws ApiError for a non-retryable error answer, and for an access denial that lasted
   *   through its retries or until the deadline
   * @throws RetriesExhaustedError when the deadline leaves no room for another attempt
   */
  public async call(operation: string, input: Record<string, unknown>, deadline: number): Promise<Record<string, unknown>> {
    const url = this.url;
    if (!url) {
      throw new ConfigError('The PartnerCentral endpoint (AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT or AWS_ENDPOINT_URL) is not a valid http: or https: URL');
    }
    const credentials = this.options.credentials;
    if (!credentials) {
      throw new ConfigError('No AWS credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)');
    }
    const { runtime, retry } = this.options;
    const body = JSON.stringify(input);
    const firstAttemptAt = runtime.now();
    let attempt = 0;
    let lastError = 'none';
    let mayHaveSucceeded = false;
    let denials = 0;
    // The last answer when it was a denial being retried: thrown as is if time runs out, so the
    // failure keeps its name and hint rather than reading as a timeout.
    let denied: ApiError | undefined;
    const exhausted = (): Error => denied
      ?? new RetriesExhaustedError({ operation, attempts: attempt, lastError, mayHaveSucceeded, firstAttemptAt, lastAttemptAt: runtime.now() });
    for (;;) {
      const remaining = deadline - runtime.now();
      if (remaining <= 0 || (attempt > 0 && remaining < retry.minAttemptMs)) {
        throw exhausted();
      }
      attempt++;
      const started = runtime.now();
      const timeoutMs = Math.max(1, Math.min(retry.requestTimeoutMs, remaining));
      denied = undefined;
      try {
        const headers = await this.sign(url, operation, body, credentials);
        const res = await httpRequest(url, 'POST', headers, body, timeoutMs);
        const latencyMs = runtime.now() - started;
        if (res.status >= 200 && res.status < 300) {
          const parsed = parseJsonObject(res.body);
          if (parsed) {
            logApiCall(this.options.log, { operation, status: res.status, attempt, latencyMs });
            return parsed;
          }
          // A success status with an unreadable body: the call may have worked; try again.
          logApiCall(this.options.log, { operation, status: res.status, errorName: 'InvalidResponse', attempt, latencyMs });
          lastError = `HTTP ${res.status} with a body that is not a JSON object`;
          mayHaveSucceeded = true;
        } else {
          const err = parseError(res.status, res.headers, res.body);
          logApiCall(this.options.log, { operation, status: res.status, errorName: err.name, attempt, latencyMs });
          if (isAccessDenied(err) && denials < ACCESS_DENIED_RETRIES) {
            // Nothing was done: the policy may still be propagating.
            denials++;
            denied = new ApiError(operation, err);
            lastError = describeError(err);
          } else {
            if (!isRetryable(err)) throw new ApiError(operation, err);
            lastError = describeRetryable(err, res.body);
            if (!isThrottle(err)) mayHaveSucceeded = true;
          }
        }
      } catch (e) {
        if (e instanceof ApiError || e instanceof ConfigError) throw e;
        const ne = toNetworkError(e);
        logApiCall(this.options.log, { operation, status: 0, errorName: ne.code, attempt, latencyMs: runtime.now() - started });
        lastError = `${ne.code} (${ne.message})`;
        if (!NOT_SENT_CODES.has(ne.code)) mayHaveSucceeded = true;
      }
      let delay: number;
      if (denied !== undefined) {
        const ceiling = retry.deniedDelayMs * 2 ** (denials - 1);
        delay = Math.floor(ceiling / 2 + runtime.random() * (ceiling / 2));
      } else {
        const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
        delay = Math.floor(runtime.random() * ceiling);
      }
      const left = deadline - runtime.now();
      if (left - delay < retry.minAttemptMs) {
        throw exhausted();
      }
      await runtime.sleep(delay);
    }
  }

  private async sign(url: URL, operation: string, body: string, credentials: Credentials): Promise<Record<string, string>> {
    const signer = new SignatureV4({
      service: SIGNING_SERVICE,
      region: SIGNING_REGION,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
      },
      sha256: NodeSha256,
      uriEscapePath: true,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname || '/',
      query: {},
      headers: {
        'host': url.host,
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(Buffer.byteLength(body)),
        'x-amz-target': `${TARGET_PREFIX}.${operation}`,
      },
      body,
    }, { signingDate: new Date() });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(signed.headers)) out[k] = String(v);
    return out;
  }
}

function describeRetryable(err: ParsedError, body: string): string {
  const looksJson = body.trimStart().startsWith('{');
  if (err.name === `HTTP ${err.status}` && !looksJson) return `HTTP ${err.status} (not a JSON answer)`;
  return describeError(err);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a value is a plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
