/**
 * A small AWS JSON 1.0 client of the PartnerCentral Account API: the operations the handler
 * uses (the sender's four for invitations, Accept, GetConnection and CancelConnection for
 * accepters), each a loop of attempts (sign, send, read) that follows the retry policy of
 * `../retry` until an answer or the deadline.
 *
 * Tests point it at a local emulator through the endpoint variables, exactly as the AWS SDK
 * would be pointed.
 */
import { ApiError, ConfigError, describeError, parseError, RetriesExhaustedError, type ParsedError, type ServerTextScrub } from './errors';
import { signerFor, type RequestSigner } from './signer';
import { CONNECTION_ID_PATTERN, INVITATION_ID_PATTERN, INVITATION_STATUSES, PARTNER_CENTRAL_REGION } from '../../src/api-constraints';
import { httpRequest, toNetworkError, type HttpResult } from '../http';
import { isRecord, parseJsonObject, str, timestampMs } from '../json';
import { logApiCall, type LogSink } from '../log';
import { backoffDelay, classify, deniedDelay, fitWait, hasTimeFor, throttleDelay, type AttemptFailure, type RetryTuning } from '../retry';
import type { Connection, ConnectionApi, CreateInput, Credentials, Invitation, InvitationApi, ListInput, Runtime } from '../types';

/** The service runs in this region only, whatever region the stack is in. */
export const SIGNING_REGION = PARTNER_CENTRAL_REGION;
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
  /**
   * What the server's free text (error messages) passes through before it may reach a reason:
   * the `serverText` of the event's scrubber (`../scrub`).
   */
  readonly scrub: ServerTextScrub;
}

/**
 * The largest answer body read, in bytes: a List page of 100 summaries is about 60 KB. A longer
 * answer is malformed whatever its status: its body is not read past the cap, the connection is
 * dropped, and the attempt is handled like a 2xx that is not JSON (retried within the deadline,
 * and the call may have worked, so a create that never gets a readable answer ends as unconfirmed).
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** The PartnerCentral Account client. */
export class PartnerCentralClient implements InvitationApi, ConnectionApi {
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
    this.signer = options.credentials ? signerFor(options.credentials, SIGNING_SERVICE, SIGNING_REGION) : undefined;
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
    }, deadline, isInvitationAnswer);
  }

  /** GetConnectionInvitation. */
  public getConnectionInvitation(catalog: string, identifier: string, deadline: number): Promise<Invitation> {
    return this.call('GetConnectionInvitation', { Catalog: catalog, Identifier: identifier }, deadline, isInvitationAnswer);
  }

  /** CancelConnectionInvitation. */
  public cancelConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Invitation> {
    return this.call('CancelConnectionInvitation', { Catalog: catalog, Identifier: identifier, ClientToken: clientToken }, deadline, isInvitationAnswer);
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
    const out = await this.call('ListConnectionInvitations', body, deadline, isListAnswer);
    return { summaries: out.ConnectionInvitationSummaries as Invitation[], nextToken: str(out.NextToken) };
  }

  /** AcceptConnectionInvitation: the connection it made or extended. */
  public async acceptConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Connection> {
    const out = await this.call('AcceptConnectionInvitation', { Catalog: catalog, Identifier: identifier, ClientToken: clientToken }, deadline,
      (v) => isRecord(v.Connection) && isConnectionAnswer(v.Connection));
    return out.Connection as Connection;
  }

  /** GetConnection. */
  public getConnection(catalog: string, identifier: string, deadline: number): Promise<Connection> {
    return this.call('GetConnection', { Catalog: catalog, Identifier: identifier }, deadline, isConnectionAnswer);
  }

  /** CancelConnection: ends one connection type. */
  public cancelConnection(
    catalog: string, identifier: string, connectionType: string, reason: string, clientToken: string, deadline: number,
  ): Promise<Connection> {
    return this.call('CancelConnection', {
      Catalog: catalog, Identifier: identifier, ConnectionType: connectionType, Reason: reason, ClientToken: clientToken,
    }, deadline, isConnectionAnswer);
  }

  /**
   * Calls one operation, retrying what {@link classify} says is worth it (throttling, 5xx,
   * network failures, and an access denial at most `ACCESS_DENIED_RETRIES` times) after the
   * waits of the backoff schedule, as long as the deadline allows another attempt. A wait that
   * would end too late is cut ({@link fitWait}) so that one last attempt starts before the
   * deadline (for a create: before the fence).
   *
   * @throws ApiError for a non-retryable error answer, and for an access denial that lasted
   *   through its retries or until the deadline
   * @param wellFormed whether a 2xx JSON answer has the operation's shape: one that does not is
   *   handled like an unreadable 2xx (retried; the call may have worked)
   * @throws RetriesExhaustedError when the deadline leaves no room for another attempt
   */
  public async call(
    operation: string, input: Record<string, unknown>, deadline: number, wellFormed: (v: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>> {
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
    // Whether attempts after the one that set lastError were all the deadline's tail (timed out short).
    let tailTimedOut = false;
    let lastWasTimeout = false;
    let mayHaveSucceeded = false;
    let denials = 0;
    let staleRetries = 0;
    let throttles = 0;
    let lastThrottleDelay = 0;
    let backoffs = 0;
    // Set when a wait was cut to fit the deadline: the attempt after it is the last.
    let lastAttempt = false;
    // The last answer when it was a denial being retried: thrown as is if time runs out, so the
    // failure keeps its name and hint rather than reading as a timeout.
    let denied: ApiError | undefined;
    const exhausted = (): Error => denied ?? new RetriesExhaustedError({
      operation,
      attempts: attempt,
      lastError: tailTimedOut ? `${lastError}, then a last attempt cut short by the deadline timed out` : lastError,
      mayHaveSucceeded,
      firstAttemptAt,
      lastAttemptAt: runtime.now(),
    });
    for (;;) {
      const remaining = deadline - runtime.now();
      if (!hasTimeFor(remaining, attempt === 0 ? 0 : retry.minAttemptMs)) throw exhausted();
      attempt++;
      denied = undefined;
      const timeoutMs = Math.max(1, Math.min(retry.requestTimeoutMs, remaining));
      const result = await this.attempt(url, signer, operation, body, attempt, timeoutMs, wellFormed);
      if (result.ok) return result.value;

      const verdict = classify(result.failure, { denials, staleRetries });
      if (!verdict.retry) throw new ApiError(operation, verdict.error, mayHaveSucceeded);
      const tail = isDeadlineTail(result.failure, timeoutMs, retry.requestTimeoutMs);
      if (tail && lastError !== 'none' && !lastWasTimeout) {
        tailTimedOut = true;
      } else {
        lastError = result.lastError;
        lastWasTimeout = result.failure.kind === 'network' && result.failure.code === 'TimeoutError';
        tailTimedOut = false;
      }
      if (verdict.mayHaveSucceeded) mayHaveSucceeded = true;
      let delay: number;
      switch (verdict.wait) {
        case 'at-once':
          staleRetries++;
          delay = 0;
          break;
        case 'denied':
          denials++;
          denied = verdict.denied ? new ApiError(operation, verdict.denied, mayHaveSucceeded) : undefined;
          delay = deniedDelay(denials, retry.deniedDelayMs, runtime.random());
          break;
        case 'throttle':
          throttles++;
          delay = throttleDelay(throttles, lastThrottleDelay, retry, runtime.random());
          lastThrottleDelay = delay;
          break;
        case 'backoff':
          backoffs++;
          delay = backoffDelay(backoffs, retry, runtime.random());
          break;
      }
      const fitted: ReturnType<typeof fitWait> = lastAttempt ? undefined : fitWait(delay, deadline - runtime.now(), retry.minAttemptMs);
      if (!fitted) throw exhausted();
      lastAttempt = fitted.last;
      if (fitted.waitMs > 0) await runtime.sleep(fitted.waitMs);
    }
  }

  /** One attempt: sign, send, read the answer; logs one line. Never throws. */
  private async attempt(
    url: URL, signer: RequestSigner, operation: string, body: string, attempt: number, timeoutMs: number,
    wellFormed: (v: Record<string, unknown>) => boolean,
  ): Promise<AttemptResult> {
    const { runtime, log } = this.options;
    const started = runtime.now();
    let res: HttpResult;
    try {
      const headers = await signer.sign(url, 'POST', requestHeaders(url, operation, body), body);
      res = await httpRequest(url, 'POST', headers, body, { timeoutMs, maxBodyBytes: MAX_ANSWER_BYTES });
    } catch (e) {
      const ne = toNetworkError(e);
      logApiCall(log, { operation, status: 0, errorName: ne.code, attempt, latencyMs: runtime.now() - started });
      return { ok: false, failure: { kind: 'network', code: ne.code, staleSocket: ne.staleSocket }, lastError: `${ne.code} (${ne.message})` };
    }
    const latencyMs = runtime.now() - started;
    if (res.oversized) {
      // Malformed whatever its status: nothing of it is trusted, not even an error name.
      logApiCall(log, { operation, status: res.status, errorName: 'InvalidResponse', attempt, latencyMs });
      return { ok: false, failure: { kind: 'unreadable', status: res.status }, lastError: `HTTP ${res.status} with a body over ${MAX_ANSWER_BYTES} bytes` };
    }
    if (res.status >= 200 && res.status < 300) {
      const parsed = parseJsonObject(res.body);
      if (parsed && wellFormed(parsed)) {
        logApiCall(log, { operation, status: res.status, attempt, latencyMs });
        return { ok: true, value: parsed };
      }
      logApiCall(log, { operation, status: res.status, errorName: 'InvalidResponse', attempt, latencyMs });
      const what = parsed ? `a body without the ${operation} answer's members` : 'a body that is not a JSON object';
      return { ok: false, failure: { kind: 'unreadable', status: res.status }, lastError: `HTTP ${res.status} with ${what}` };
    }
    // The name is one of the known set, a fixed token or `HTTP <status>`: never the server's text.
    const error = parseError(res.status, res.headers, res.body, this.options.scrub);
    logApiCall(log, { operation, status: res.status, errorName: error.name, attempt, latencyMs });
    return { ok: false, failure: { kind: 'answer', error }, lastError: describeAnswer(error, res.body) };
  }
}

/** An invitation answer (Create, Get, Cancel) names an invitation id and a known status. */
function isInvitationAnswer(v: Record<string, unknown>): v is Invitation {
  return typeof v.Id === 'string' && INVITATION_ID_PATTERN.test(v.Id)
    && typeof v.Status === 'string' && (INVITATION_STATUSES as readonly string[]).includes(v.Status);
}

/** A connection answer (Accept's `Connection`, Get, Cancel) names a connection id and carries its types as an object. */
function isConnectionAnswer(v: Record<string, unknown>): boolean {
  return typeof v.Id === 'string' && CONNECTION_ID_PATTERN.test(v.Id) && isRecord(v.ConnectionTypes);
}

/**
 * A List answer carries its summaries as a list, each one a record with an invitation id, a
 * known status and a readable `CreatedAt`: the sweep decides from these, so a summary without
 * them makes the whole page unreadable (retried, then a clear FAILED), never "nothing to do".
 */
function isListAnswer(v: Record<string, unknown>): boolean {
  const summaries = v.ConnectionInvitationSummaries;
  return Array.isArray(summaries) && summaries.every((s) => isRecord(s) && isInvitationAnswer(s) && timestampMs(s.CreatedAt) !== undefined);
}

/** What one attempt brought: the answer, or the failure and how the timeout message names it. */
type AttemptResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly failure: AttemptFailure; readonly lastError: string };

/**
 * Whether a failed attempt is the deadline's tail: the deadline cut its timeout below the
 * configured request timeout, and it then timed out. Such an attempt says nothing about the
 * service, so a timed-out call reports the error of the last attempt that had its full time (a
 * cap, a 5xx, a throttle) rather than the tail's timeout.
 */
export function isDeadlineTail(failure: AttemptFailure, timeoutMs: number, requestTimeoutMs: number): boolean {
  return timeoutMs < requestTimeoutMs && failure.kind === 'network' && failure.code === 'TimeoutError';
}

/** An error answer as the last error of a retried call: a gateway's page reads as such. */
function describeAnswer(err: ParsedError, body: string): string {
  const looksJson = body.trimStart().startsWith('{');
  if (err.name === `HTTP ${err.status}` && !looksJson) return `HTTP ${err.status} (not a JSON answer)`;
  return describeError(err);
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
