/**
 * A local PartnerCentral Account API (AWS JSON 1.0) for tests and rehearsals: a real HTTP server
 * on 127.0.0.1 that verifies SigV4 like AWS, applies the API's validation, idempotency, duplicate
 * and quota rules (./store.ts), a rate limit, and can be told to misbehave (./faults.ts). This
 * file starts, stops, steers and inspects it; ./request-handler.ts takes each request through.
 *
 * An independent oracle on purpose: the emulator shares no code with the handler (lambda/), and
 * checks signatures with its own verifier (./sigv4-verify.ts), so that a mistake in the handler
 * shows against it as it would against AWS. Runtime code uses node built-ins and
 * `src/api-constraints.ts` only.
 */
import { AccountCredentials, EmulatorAccountClient } from './account-client';
import { AccountBook, accountBook, ResolvedAccount } from './accounts';
import { CallRecord, logLineOf } from './call-record';
import { acceptedCredentials, DEFAULT_CREDENTIALS } from './credentials';
import { Fault, FaultQueue } from './faults';
import { DEFAULT_INVITER, Invitation, InvitationStatusValue, Operation } from './model';
import type { EmulatorOptions } from './options';
import { AWS_CATALOG_QUOTAS } from './quotas';
import { RateLimit, TokenBucket } from './rate-limit';
import { handleRequest, RequestParts } from './request-handler';
import { InvitationStore } from './store';
import { LocalServer } from '../local-server';

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
    emulator.server = await LocalServer.start('emulator', (req, res, body) => handleRequest(emulator.parts, req, res, body), options.port ?? 0);
    return emulator;
  }

  /** Every request received since start or the last `reset()`, in arrival order. */
  public readonly calls: CallRecord[] = [];

  private server!: LocalServer;
  private readonly store: InvitationStore;
  private readonly book: AccountBook;
  private readonly faults = new FaultQueue();
  private readonly bucket: TokenBucket;
  /** What each request passes through (./request-handler.ts). */
  private readonly parts: RequestParts;

  private constructor(options: EmulatorOptions) {
    const clock = options.clock ?? Date.now;
    const primaryCredentials = acceptedCredentials(options.credentials ?? DEFAULT_CREDENTIALS);
    this.book = accountBook(primaryCredentials, options.inviter ?? DEFAULT_INVITER, options.accounts ?? []);
    this.store = new InvitationStore({
      accounts: this.book.accounts,
      senderIdentity: options.senderIdentity ?? 'accountId',
      clock,
      allowDuplicates: options.allowDuplicates ?? false,
      dailyLimit: options.dailyLimit,
      quotas: options.quotas ?? { AWS: AWS_CATALOG_QUOTAS },
      missingReceivers: options.missingReceivers ?? [],
      inviter: options.inviter ?? DEFAULT_INVITER,
    });
    this.bucket = new TokenBucket(clock);
    this.bucket.set(options.rateLimit);
    const log = options.log;
    this.parts = {
      calls: this.calls,
      store: this.store,
      book: this.book,
      credentials: this.book.credentials,
      requireSessionToken: options.requireSessionToken ?? true,
      clock,
      signatureClock: options.signatureClock ?? Date.now,
      bucket: this.bucket,
      faults: this.faults,
      gate: options.gate,
      logLine: (call) => log?.(logLineOf(call)),
      sleep: (ms) => new Promise<void>((resolve) => this.server.setTimer(resolve, ms)),
    };
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
      const c = this.book.credentials.get(akid)!;
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
}
