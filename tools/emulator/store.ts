/**
 * The state of the PartnerCentral Account API as the emulator models it: the invitations, the
 * connections, the ClientTokens seen and the daily counts, and which operation runs on a request
 * (./invitation-create.ts, ./invitation-operations.ts, ./connection-operations.ts). Pure (no
 * I/O); `PartnerCentralEmulator` (./server.ts) puts HTTP and SigV4 around it.
 *
 * An independent oracle on purpose: the emulator shares no code with the handler (lambda/), so
 * that a mistake in the handler shows against it as it would against AWS.
 */
import { accountBook, ResolvedAccount, SenderIdentity } from './accounts';
import type { TokenEntry } from './client-tokens';
import { cancelConnection, getConnection, listConnections } from './connection-operations';
import { ConnectionBook, renderConnection } from './connections';
import { connectionIdOf } from './ids';
import { createInvitation } from './invitation-create';
import { acceptInvitation, cancelInvitation, getInvitation, InvitationContext, listInvitations, rejectInvitation } from './invitation-operations';
import { expireIfDue, renderInvitation, StoredInvitation } from './invitation-record';
import { INVITATION_STATUSES, Invitation, InvitationStatusValue, Operation } from './model';
import type { CatalogQuotas } from './quotas';

/** Rules the store applies; see `EmulatorOptions` for their meaning. */
export interface StoreOptions {
  /** Epoch-ms clock. */
  readonly clock: () => number;
  /** Let a second PENDING invitation to the same receiver through. */
  readonly allowDuplicates: boolean;
  /** Creates per catalog in 24 hours in every catalog; `undefined` = only what `quotas` says. */
  readonly dailyLimit?: number;
  /** The quotas per catalog (its name ignoring case); a catalog not named has none. */
  readonly quotas: Readonly<Record<string, CatalogQuotas>>;
  /** Receivers that do not exist. */
  readonly missingReceivers: readonly string[];
  /** The primary account's sender identity. */
  readonly inviter: { readonly email: string; readonly name: string };
  /**
   * Every account, the primary first (see ./accounts.ts).
   *
   * @default - only the primary account, with `inviter`
   */
  readonly accounts?: readonly ResolvedAccount[];
  /**
   * What a receiver sees as the sender's `OtherParticipantIdentifier`.
   *
   * @default 'accountId'
   */
  readonly senderIdentity?: SenderIdentity;
}

/**
 * The emulated service state: every invitation, the ClientTokens seen, and the daily counts.
 */
export class InvitationStore {
  private readonly options: StoreOptions;
  private readonly byId = new Map<string, StoredInvitation>();
  /**
   * The invitations of each sender, catalog, connection type and receiver identifier (what the
   * one-pending-invitation rule compares), oldest first: a create checks its own, not all.
   */
  private readonly byReceiver = new Map<string, StoredInvitation[]>();
  private readonly createTokens = new Map<string, TokenEntry>();
  private readonly cancelTokens = new Map<string, TokenEntry>();
  private readonly acceptTokens = new Map<string, TokenEntry>();
  private readonly rejectTokens = new Map<string, TokenEntry>();
  private readonly connectionTokens = new Map<string, TokenEntry>();
  private readonly connections = new ConnectionBook();
  private readonly accounts: readonly ResolvedAccount[];
  private readonly senderIdentity: SenderIdentity;
  private readonly dailyCounts = new Map<string, number[]>();
  private counter = 0;
  private connectionCounter = 0;
  private listLagMs = 0;

  /**
   * @param options the rules to apply
   */
  constructor(options: StoreOptions) {
    this.options = options;
    this.accounts = options.accounts ?? accountBook(new Map(), options.inviter, []).accounts;
    this.senderIdentity = options.senderIdentity ?? 'accountId';
  }

  /** The primary account, which requests act as unless they name another. */
  public get primary(): ResolvedAccount {
    return this.accounts[0];
  }

  /**
   * Makes List eventually consistent: an invitation shows in ListConnectionInvitations only
   * this long after its creation (Get and Cancel see it at once).
   *
   * @param ms the lag, 0 for none
   */
  public setListLag(ms: number): void {
    this.listLagMs = Math.max(0, ms);
  }

  /** Forgets every invitation, token and count, and restarts the id counters. */
  public reset(): void {
    this.byId.clear();
    this.byReceiver.clear();
    this.createTokens.clear();
    this.cancelTokens.clear();
    this.acceptTokens.clear();
    this.rejectTokens.clear();
    this.connectionTokens.clear();
    this.connections.reset();
    this.dailyCounts.clear();
    this.counter = 0;
    this.connectionCounter = 0;
  }

  /**
   * Runs one operation on a parsed JSON input; throws `ServiceError` for API errors.
   *
   * @param caller the account the request acts as (default: the primary account)
   * @returns the output document (before JSON encoding)
   */
  public execute(operation: Operation, input: Record<string, unknown>, caller: ResolvedAccount = this.primary): Record<string, unknown> {
    const connectionContext = { book: this.connections, tokens: this.connectionTokens, viewer: caller, now: this.options.clock() };
    const ctx = this.invitationContext(caller);
    const run: Record<Operation, () => object> = {
      CreateConnectionInvitation: () => createInvitation(input, {
        ...ctx,
        allowDuplicates: this.options.allowDuplicates,
        dailyLimit: this.options.dailyLimit,
        quotas: this.options.quotas,
        missingReceivers: this.options.missingReceivers,
        accounts: this.accounts,
        byId: this.byId,
        byReceiver: this.byReceiver,
        tokens: this.createTokens,
        dailyCounts: this.dailyCounts,
        nextSeq: () => ++this.counter,
      }),
      GetConnectionInvitation: () => getInvitation(input, ctx),
      CancelConnectionInvitation: () => cancelInvitation(input, ctx),
      ListConnectionInvitations: () => listInvitations(input, ctx),
      AcceptConnectionInvitation: () => acceptInvitation(input, ctx),
      RejectConnectionInvitation: () => rejectInvitation(input, ctx),
      GetConnection: () => getConnection(input, connectionContext),
      ListConnections: () => listConnections(input, connectionContext),
      CancelConnection: () => cancelConnection(input, connectionContext),
    };
    return run[operation]() as Record<string, unknown>;
  }

  /** Every invitation (copies), oldest first, as its sender sees it. */
  public all(): Invitation[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq).map((s) => this.render(s, s.sender));
  }

  /**
   * One invitation (a copy) as its sender sees it, looked up by id alone; undefined when there
   * is none. What `all()` gives for that id, without rendering the others.
   */
  public one(id: string): Invitation | undefined {
    const s = this.byId.get(id);
    return s === undefined ? undefined : this.render(s, s.sender);
  }

  /** Every invitation an account sent or received (copies), oldest first, as it sees them. */
  public allOf(viewer: ResolvedAccount): Invitation[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq)
      .filter((s) => s.sender === viewer || s.receiver === viewer)
      .map((s) => this.render(s, viewer));
  }

  /** Every connection (wire shape), oldest first, as the viewer sees them. */
  public connectionsOf(viewer: ResolvedAccount): Record<string, unknown>[] {
    return this.connections.all().filter((c) => c.accounts.includes(viewer)).map((c) => renderConnection(c, viewer));
  }

  /**
   * Moves an invitation to a state, as the receiver's answer or the passing of time would.
   * ACCEPTED gives it a ConnectionId (and, when the receiver is a known account, makes or
   * extends the connection between the two). Throws when the id is unknown.
   */
  public setStatus(id: string, status: InvitationStatusValue): void {
    const s = this.byId.get(id);
    if (!s) throw new Error(`no connection invitation with id ${id}`);
    if (!INVITATION_STATUSES.includes(status)) throw new Error(`not an invitation status: ${status}`);
    const now = this.options.clock();
    if (status === 'ACCEPTED' && s.ConnectionId === undefined) {
      s.ConnectionId = s.receiver
        ? this.connections.accept(s.Catalog, s.sender, s.receiver, s.ConnectionType, now, () => this.nextConnectionId()).Id
        : this.nextConnectionId();
    }
    s.Status = status;
    s.UpdatedAt = now;
    if (status === 'EXPIRED') s.ExpiresAt = Math.min(s.ExpiresAt, now);
  }

  /**
   * Expires a PENDING invitation now, as the passing of its lifetime would. Throws when the id
   * is unknown or the invitation is not PENDING.
   */
  public expire(id: string): void {
    const s = this.byId.get(id);
    if (!s) throw new Error(`no connection invitation with id ${id}`);
    expireIfDue(s, this.options.clock());
    if (s.Status !== 'PENDING') throw new Error(`connection invitation ${id} is ${s.Status}, not PENDING`);
    this.setStatus(id, 'EXPIRED');
  }

  private nextConnectionId(): string {
    return connectionIdOf(++this.connectionCounter);
  }

  /** The invitation as one of its participants sees it, expired first when due. */
  private render(s: StoredInvitation, viewer: ResolvedAccount): Invitation {
    expireIfDue(s, this.options.clock());
    return renderInvitation(s, viewer, this.senderIdentity);
  }

  /** What the invitation operations run against, for a request acting as `caller`. */
  private invitationContext(caller: ResolvedAccount): InvitationContext {
    return {
      byId: this.byId,
      tokens: { cancel: this.cancelTokens, accept: this.acceptTokens, reject: this.rejectTokens },
      connections: this.connections,
      caller,
      clock: () => this.options.clock(),
      listLagMs: this.listLagMs,
      render: (s) => this.render(s, caller),
      nextConnectionId: () => this.nextConnectionId(),
    };
  }
}
