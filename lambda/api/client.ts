/**
 * A small AWS JSON 1.0 client of the PartnerCentral Account API: the four operations the
 * handler uses, each one call signed, sent and retried until a deadline.
 *
 * Tests point it at a local emulator through the endpoint variables, exactly as the AWS SDK
 * would be pointed.
 */
import { ApiError, ConfigError, describeError, describeRetryable, parseError, RetriesExhaustedError } from './errors';
import { createSigner, type RequestSigner } from './signer';
import { httpRequest, toNetworkError } from '../http';
import { isRecord, parseJsonObject, str } from '../json';
import { logApiCall, type LogSink } from '../log';
import { ACCESS_DENIED_RETRIES, isAccessDenied, isRetryable, isThrottle, NOT_SENT_CODES, type RetryTuning } from '../retry';
import type { CreateInput, Credentials, Invitation, InvitationApi, ListInput, Runtime } from '../types';

/** The service runs in this region only, whatever region the stack is in. */
export const SIGNING_REGION = 'us-east-1';
/** The SigV4 signing name of the service. */
export const SIGNING_SERVICE = 'partnercentral-account';
/** The X-Amz-Target prefix of every operation. */
export const TARGET_PREFIX = 'PartnerCentralAccount';

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

/** The PartnerCentral Account client. */
export class PartnerCentralClient implements InvitationApi {
  private readonly url: URL | undefined;
  private readonly signer: RequestSigner | undefined;

  /** Never throws: a bad endpoint or missing credentials fail the first call with a ConfigError. */
  constructor(private readonly options: ClientOptions) {
    try {
      const url = new URL(options.endpoint);
      this.url = url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
    } catch {
      this.url = undefined;
    }
    this.signer = options.credentials ? createSigner(options.credentials, SIGNING_SERVICE, SIGNING_REGION) : undefined;
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
    const signer = this.signer;
    if (!signer) {
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
        const headers = await signer.sign(url, 'POST', requestHeaders(url, operation, body), body);
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
}

/** The AWS JSON 1.0 headers of one operation, all of them signed (`host` included). */
function requestHeaders(url: URL, operation: string, body: string): Record<string, string> {
  return {
    'host': url.host,
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(body)),
    'x-amz-target': `${TARGET_PREFIX}.${operation}`,
  };
}
