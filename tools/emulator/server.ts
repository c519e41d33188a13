/**
 * A local PartnerCentral Account API (AWS JSON 1.0) for tests and rehearsals: a real HTTP server
 * on 127.0.0.1 that verifies SigV4 like AWS, applies the API's validation, idempotency, duplicate
 * and quota rules (./store.ts), a rate limit, and can be told to misbehave (./faults.ts).
 *
 * An independent oracle on purpose: the emulator shares no code with the handler (lambda/), and
 * checks signatures with its own verifier (./sigv4-verify.ts), so that a mistake in the handler
 * shows against it as it would against AWS. Runtime code uses node built-ins and
 * `src/api-constraints.ts` only.
 */
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { AccountCredentials, EmulatorAccountClient } from './account-client';
import { AccountBook, accountBook, accessKeyOf, ResolvedAccount } from './accounts';
import { CallRecord, logLineOf } from './call-record';
import { acceptedCredentials, DEFAULT_CREDENTIALS } from './credentials';
import { checkEnvelope } from './envelope';
import { Fault, faultKind, FaultQueue, RawFault, RewriteFault, writeFlood, type FloodFault } from './faults';
import { echoedValues, hostileAnswer } from './hostile';
import { DEFAULT_INVITER, Invitation, InvitationStatusValue, Operation, THROTTLING_QUOTA_CODE, THROTTLING_SERVICE_CODE } from './model';
import type { EmulatorOptions, GatedRequest } from './options';
import { JSON_CONTENT_TYPE } from './protocol';
import { AWS_CATALOG_QUOTAS } from './quotas';
import { RateLimit, TokenBucket } from './rate-limit';
import { ServiceError } from './service-error';
import type { AcceptedCredential } from './sigv4-verify';
import { InvitationStore } from './store';
import { LocalServer, resetHard } from '../local-server';

/**
 * A local PartnerCentral Account API for CreateConnectionInvitation, GetConnectionInvitation,
 * CancelConnectionInvitation, ListConnectionInvitations, AcceptConnectionInvitation,
 * RejectConnectionInvitation, GetConnection, ListConnections and CancelConnection, faithful
 * enough for the official `@aws-sdk/client-partnercentral-account` client. It knows several
 * accounts (`EmulatorOptions.accounts`): each request acts as the account whose key signed it.
 *
 * Every request is checked in this order: method POST and path `/` (else 405 / 404
 * UnknownOperationException); `Content-Type: application/x-amz-json-1.0` (else 400
 * SerializationException); `X-Amz-Target: PartnerCentralAccount.<Operation>` (else 400
 * UnknownOperationException); SigV4 for `partnercentral-account` in `us-east-1` with `host` and
 * the session token signed (else 403, or 400 IncompleteSignatureException for a malformed
 * header); the rate limit (429); injected faults; JSON body (400 SerializationException); then
 * the operation with its validation (400 ValidationException) and rules.
 *
 * @example
 * const emulator = await PartnerCentralEmulator.start();
 * const client = new PartnerCentralAccountClient({ endpoint: emulator.endpoint, region: 'us-east-1',
 *   credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY, sessionToken: 'token' } });
 * // ...
 * await emulator.stop();
 */
export class PartnerCentralEmulator {
  /**
   * Starts an emulator on 127.0.0.1.
   *
   * @param options see `EmulatorOptions`
   */
  public static async start(options: EmulatorOptions = {}): Promise<PartnerCentralEmulator> {
    const emulator = new PartnerCentralEmulator(options);
    // A bug in the emulator itself is answered with a 500, so the test sees it rather than hanging.
    emulator.server = await LocalServer.start('emulator', (req, res, body) => emulator.handle(req, res, body), options.port ?? 0);
    return emulator;
  }

  /** Every request received since start or the last `reset()`, in arrival order. */
  public readonly calls: CallRecord[] = [];

  private server!: LocalServer;
  private readonly store: InvitationStore;
  private readonly clock: () => number;
  private readonly signatureClock: () => number;
  private readonly credentials: ReadonlyMap<string, AcceptedCredential>;
  private readonly book: AccountBook;
  private readonly requireSessionToken: boolean;
  private readonly log?: (line: string) => void;
  private readonly faults = new FaultQueue();
  private readonly bucket: TokenBucket;
  private readonly gate?: (request: GatedRequest) => Promise<Fault | undefined>;

  private constructor(options: EmulatorOptions) {
    this.clock = options.clock ?? Date.now;
    this.signatureClock = options.signatureClock ?? Date.now;
    this.requireSessionToken = options.requireSessionToken ?? true;
    this.log = options.log;
    this.gate = options.gate;
    const primaryCredentials = acceptedCredentials(options.credentials ?? DEFAULT_CREDENTIALS);
    this.book = accountBook(primaryCredentials, options.inviter ?? DEFAULT_INVITER, options.accounts ?? []);
    this.credentials = this.book.credentials;
    this.store = new InvitationStore({
      accounts: this.book.accounts,
      senderIdentity: options.senderIdentity ?? 'accountId',
      clock: this.clock,
      allowDuplicates: options.allowDuplicates ?? false,
      dailyLimit: options.dailyLimit,
      quotas: options.quotas ?? { AWS: AWS_CATALOG_QUOTAS },
      missingReceivers: options.missingReceivers ?? [],
      inviter: options.inviter ?? DEFAULT_INVITER,
    });
    this.bucket = new TokenBucket(this.clock);
    this.bucket.set(options.rateLimit);
  }

  /** The base URL, `http://127.0.0.1:<port>`, to pass as the client's endpoint. */
  public get endpoint(): string {
    return this.server.url;
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

  /** Stops listening and destroys every connection, including hung and delayed requests. */
  public async stop(): Promise<void> {
    await this.server.stop();
  }

  /**
   * Sets or removes the rate limit; the bucket starts full.
   *
   * @param limit the new limit, or `undefined` for none
   */
  public setRateLimit(limit: RateLimit | undefined): void {
    this.bucket.set(limit);
  }

  /**
   * Queues a fault. Each request applies the first queued fault that matches its operation (FIFO),
   * which then counts down; faults apply after authentication and the rate limit.
   *
   * @param fault the fault
   */
  public inject(fault: Fault): void {
    this.faults.add(fault);
  }

  /**
   * Makes ListConnectionInvitations eventually consistent: a new invitation shows in it only
   * this long (on the emulator's clock) after its creation.
   *
   * @param ms the lag, 0 for none
   */
  public setListLag(ms: number): void {
    this.store.setListLag(ms);
  }

  /** Removes every queued fault. */
  public clearFaults(): void {
    this.faults.clear();
  }

  /**
   * Moves an invitation to a state, as the receiver (ACCEPTED, REJECTED) or time (EXPIRED) would;
   * ACCEPTED sets a ConnectionId. Throws when the id is unknown.
   *
   * @param id the invitation id
   * @param status the new status
   */
  public setStatus(id: string, status: InvitationStatusValue): void {
    this.store.setStatus(id, status);
  }

  /**
   * Expires a PENDING invitation now, as the end of its lifetime would (the receiver's "ignore"
   * played to its end). Throws when the id is unknown or the invitation is not PENDING.
   *
   * @param id the invitation id
   */
  public expire(id: string): void {
    this.store.expire(id);
  }

  /**
   * Every invitation, oldest first (copies, in the API's wire shape): as their senders see them,
   * or as one account sees those it sent and received.
   *
   * @param accountId the account whose view to give
   */
  public invitations(accountId?: string): Invitation[] {
    return accountId === undefined ? this.store.all() : this.store.allOf(this.account(accountId));
  }

  /**
   * One invitation by id (a copy, in the API's wire shape) as its sender sees it; undefined when
   * the emulator has none with that id. The same as finding it in `invitations()`, at the cost
   * of one lookup.
   *
   * @param id the invitation id
   */
  public invitation(id: string): Invitation | undefined {
    return this.store.one(id);
  }

  /**
   * Every connection an account is part of, oldest first, as it sees them (wire shape).
   *
   * @param accountId the account (default: the primary one)
   */
  public connections(accountId?: string): Record<string, unknown>[] {
    return this.store.connectionsOf(accountId === undefined ? this.store.primary : this.account(accountId));
  }

  /** The accounts the emulator knows (the primary first): account id and partner profile id. */
  public get accounts(): ReadonlyArray<{ readonly accountId: string; readonly partnerProfileId: string }> {
    return this.book.accounts.map((a) => ({ accountId: a.accountId, partnerProfileId: a.partnerProfileId }));
  }

  /**
   * Credentials that act as an account (its first access key; the pinned session token, or
   * `emulator-session` when any is accepted): for a handler or a client playing that account.
   *
   * @param accountId the account (default: the primary one)
   */
  public credentialsOf(accountId?: string): AccountCredentials {
    const account = accountId === undefined ? this.store.primary : this.account(accountId);
    for (const [akid, a] of this.book.byAccessKey) {
      if (a !== account) continue;
      const c = this.credentials.get(akid)!;
      return { accessKeyId: akid, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken ?? 'emulator-session' };
    }
    throw new Error(`no access key acts as account ${account.accountId}`);
  }

  /**
   * A client that calls this emulator over signed HTTP as an account: how a test or the
   * rehearsal plays the receiver (`accept`, `reject`, or any operation).
   *
   * @param accountId the account
   */
  public as(accountId: string): EmulatorAccountClient {
    return new EmulatorAccountClient(this.endpoint, this.credentialsOf(accountId));
  }

  private account(accountId: string): ResolvedAccount {
    const a = this.book.accounts.find((x) => x.accountId === accountId);
    if (!a) throw new Error(`the emulator knows no account ${accountId}`);
    return a;
  }

  /**
   * Counts the requests received.
   *
   * @param operation count only this operation
   */
  public countCalls(operation?: Operation): number {
    return operation === undefined ? this.calls.length : this.calls.filter((c) => c.operation === operation).length;
  }

  /** Forgets invitations, tokens, quotas, calls and faults; refills the rate-limit bucket. */
  public reset(): void {
    this.store.reset();
    this.calls.length = 0;
    this.faults.clear();
    this.bucket.set(this.bucket.limit);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const target = req.headers['x-amz-target'];
    const call: CallRecord = {
      method: req.method ?? '',
      url: req.url ?? '',
      target: typeof target === 'string' ? target : undefined,
      status: 0,
      body: raw.toString('utf8'),
      headers: req.headers,
      signatureValid: false,
      time: this.clock(),
    };
    this.calls.push(call);

    const operation = checkEnvelope(req, raw, call, {
      lookup: (akid) => this.credentials.get(akid),
      now: this.signatureClock(),
      requireSessionToken: this.requireSessionToken,
    });
    if (operation instanceof ServiceError) return this.answerError(res, call, operation);

    if (!this.bucket.take()) {
      return this.answerError(res, call, new ServiceError(429, 'ThrottlingException', 'Rate exceeded', undefined,
        { ServiceCode: THROTTLING_SERVICE_CODE, QuotaCode: THROTTLING_QUOTA_CODE }));
    }

    const fault = this.gate ? await this.gate({ operation, body: call.body }) : this.faults.next(operation);
    if (res.destroyed) return;
    let resetAfter = false;
    let rawAfter: RawFault | undefined;
    let rewrite: RewriteFault | undefined;
    let floodAfter: FloodFault | undefined;
    if (fault) {
      call.fault = faultKind(fault);
      if ('hostile' in fault) {
        const headers: Array<[string, string]> = [];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
        const values = echoedValues({ body: raw.toString('utf8'), headers, secretOf: (akid) => this.credentials.get(akid)?.secretAccessKey }, fault.hostile.values);
        const answer = hostileAnswer(fault.hostile, values);
        call.errorName = fault.hostile.name;
        return this.answer(res, call, answer.status, answer.body, answer.headers);
      }
      if ('error' in fault) {
        const e = fault.error;
        return this.answerError(res, call, new ServiceError(e.status, e.name, e.message ?? `Injected ${e.name}`, e.reason, e.extra ?? {}));
      }
      if ('hang' in fault) {
        this.logLine(call);
        return;
      }
      if ('garble' in fault) {
        this.logLine(call);
        req.socket.end('SSH-2.0-not-http\r\n\r\n');
        return;
      }
      if ('reset' in fault) {
        if (!fault.after) {
          this.logLine(call);
          resetHard(req.socket);
          return;
        }
        resetAfter = true;
      }
      if ('rawStatus' in fault && fault.after) {
        rawAfter = fault;
      } else if ('rewrite' in fault) {
        rewrite = fault;
      } else if ('rawStatus' in fault) {
        return this.answerRaw(res, call, fault);
      }
      if ('floodBytes' in fault) {
        if (!fault.after) return this.flood(res, call, fault);
        floodAfter = fault;
      }
      if ('delayMs' in fault) {
        await this.sleep(fault.delayMs);
        if (res.destroyed) return;
      }
    }

    let input: unknown;
    try {
      input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
    } catch {
      return this.answerError(res, call, new ServiceError(400, 'SerializationException', 'The request body is not valid JSON', undefined, {}, false));
    }
    call.input = input;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return this.answerError(res, call, new ServiceError(400, 'SerializationException', 'The request body must be a JSON object', undefined, {}, false));
    }

    let output: Record<string, unknown>;
    try {
      const akid = accessKeyOf(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined, req.url ?? '');
      output = this.store.execute(operation, input as Record<string, unknown>, (akid && this.book.byAccessKey.get(akid)) || this.store.primary);
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      if (resetAfter) {
        call.errorName = err.errorName;
        call.errorReason = err.reason;
        this.logLine(call);
        resetHard(req.socket);
        return;
      }
      if (rawAfter) return this.answerRaw(res, call, rawAfter);
      if (floodAfter) {
        call.errorName = err.errorName;
        call.errorReason = err.reason;
        return this.flood(res, call, floodAfter);
      }
      return this.answerError(res, call, err);
    }
    if (resetAfter) {
      this.logLine(call);
      resetHard(req.socket);
      return;
    }
    if (rawAfter) return this.answerRaw(res, call, rawAfter);
    if (floodAfter) return this.flood(res, call, floodAfter);
    this.answer(res, call, 200, rewrite ? rewrite.rewrite(output) : output, {});
  }

  /** Answers a page that is not the API's JSON, as a gateway in front of the service would. */
  private answerRaw(res: http.ServerResponse, call: CallRecord, fault: RawFault): void {
    const body = fault.rawBody ?? '';
    const headers = fault.rawHeaders ?? { 'content-type': body.trimStart().startsWith('<') ? 'text/html' : 'text/plain' };
    call.status = fault.rawStatus;
    res.writeHead(fault.rawStatus, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    this.logLine(call);
  }

  private async flood(res: http.ServerResponse, call: CallRecord, fault: FloodFault): Promise<void> {
    const status = fault.floodStatus ?? 200;
    call.status = status;
    res.writeHead(status, {
      'content-type': JSON_CONTENT_TYPE,
      ...(fault.announceLength ? { 'content-length': String(fault.floodBytes) } : {}),
    });
    this.logLine(call);
    await writeFlood(res, fault.floodBytes);
  }

  private answerError(res: http.ServerResponse, call: CallRecord, err: ServiceError): void {
    call.errorName = err.errorName;
    call.errorReason = err.reason;
    this.answer(res, call, err.status, err.toBody(), { 'x-amzn-errortype': err.errorTypeHeader() });
  }

  private answer(res: http.ServerResponse, call: CallRecord, status: number, body: unknown, headers: Record<string, string>): void {
    const text = JSON.stringify(body);
    call.status = status;
    res.writeHead(status, {
      'content-type': JSON_CONTENT_TYPE,
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-requestid': randomUUID(),
      ...headers,
    });
    res.end(text);
    this.logLine(call);
  }

  private logLine(call: CallRecord): void {
    this.log?.(logLineOf(call));
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => this.server.setTimer(resolve, ms));
  }
}
