/**
 * The state and rules of the PartnerCentral Account API as the emulator models them: ClientToken
 * idempotency, the duplicate and quota rules, expiry, and the four connection invitation
 * operations. Pure (no I/O); `PartnerCentralEmulator` (./server.ts) puts HTTP and SigV4 around it.
 *
 * An independent oracle on purpose: the emulator shares no code with the handler (lambda/), so
 * that a mistake in the handler shows against it as it would against AWS.
 */
import { createHash } from 'node:crypto';
import { accountBook, ResolvedAccount, SenderIdentity } from './accounts';
import { seenToken, tokenKeyOf, TokenEntry } from './client-tokens';
import { cancelConnection, getConnection, listConnections } from './connection-operations';
import { ConnectionBook, renderConnection } from './connections';
import {
  CONNECTION_TYPES,
  INVITATION_LIFETIME_MS,
  INVITATION_STATUSES,
  Invitation,
  InvitationStatusValue,
  Operation,
  LIST_DEFAULT_MAX_RESULTS,
  PARTICIPANT_TYPES,
  SERVICE_REGION,
} from './model';
import { decodePageToken, encodePageToken } from './page-token';
import { CatalogQuotas, quotaRefusal } from './quotas';
import { ServiceError } from './service-error';
import { checkEnum, checkIdentifier, checkMember, checkParticipantList, checkReason, fieldError, requestValidation, ValidationErrorDetail } from './validation';
import { AWS_ACCOUNT_ID_PATTERN } from '../../src/api-constraints';

/** Rules the store applies; see `EmulatorOptions` for their meaning. */
export interface StoreOptions {
  /** Epoch-ms clock. */
  readonly clock: () => number;
  /** Let a second PENDING invitation to the same receiver through. */
  readonly allowDuplicates: boolean;
  /** Creates per catalog per UTC day in every catalog; `undefined` = only what `quotas` says. */
  readonly dailyLimit?: number;
  /** The quotas per catalog (by its exact spelling); a catalog not named has none. */
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

interface Stored {
  readonly seq: number;
  /** The account that sent it. */
  readonly sender: ResolvedAccount;
  /** The account it was sent to, when the receiver is one the emulator knows. */
  readonly receiver?: ResolvedAccount;
  Catalog: string;
  Id: string;
  Arn: string;
  ConnectionId?: string;
  ConnectionType: string;
  CreatedAt: number;
  UpdatedAt: number;
  ExpiresAt: number;
  OtherParticipantIdentifier: string;
  ParticipantType: 'SENDER' | 'RECEIVER';
  Status: InvitationStatusValue;
  InvitationMessage: string;
  InviterEmail: string;
  InviterName: string;
}


const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 13 alphanumerics derived from a label and a counter: random-looking, but reproducible. */
function deterministicSuffix(label: string, n: number): string {
  const digest = createHash('sha256').update(`${label}:${n}`).digest();
  let out = '';
  for (let i = 0; i < 13; i++) out += ALPHANUMERIC[digest[i] % ALPHANUMERIC.length];
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The emulated service state: every invitation, the ClientTokens seen, and the daily counts.
 */
export class InvitationStore {
  private readonly options: StoreOptions;
  private readonly byId = new Map<string, Stored>();
  /**
   * The invitations of each sender, catalog, connection type and receiver identifier (what the
   * one-pending-invitation rule compares), oldest first: a create checks its own, not all.
   */
  private readonly byReceiver = new Map<string, Stored[]>();
  private readonly createTokens = new Map<string, TokenEntry>();
  private readonly cancelTokens = new Map<string, TokenEntry>();
  private readonly acceptTokens = new Map<string, TokenEntry>();
  private readonly rejectTokens = new Map<string, TokenEntry>();
  private readonly connectionTokens = new Map<string, TokenEntry>();
  private readonly connections = new ConnectionBook();
  private readonly accounts: readonly ResolvedAccount[];
  private readonly senderIdentity: SenderIdentity;
  private readonly dailyCounts = new Map<string, number>();
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
    switch (operation) {
      case 'CreateConnectionInvitation':
        return this.create(input, caller) as unknown as Record<string, unknown>;
      case 'GetConnectionInvitation':
        return this.get(input, caller) as unknown as Record<string, unknown>;
      case 'CancelConnectionInvitation':
        return this.cancel(input, caller) as unknown as Record<string, unknown>;
      case 'ListConnectionInvitations':
        return this.list(input, caller);
      case 'AcceptConnectionInvitation':
        return this.accept(input, caller);
      case 'RejectConnectionInvitation':
        return this.reject(input, caller) as unknown as Record<string, unknown>;
      case 'GetConnection':
        return getConnection(input, connectionContext);
      case 'ListConnections':
        return listConnections(input, connectionContext);
      case 'CancelConnection':
        return cancelConnection(input, connectionContext);
    }
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
    this.expireIfDue(s);
    if (s.Status !== 'PENDING') throw new Error(`connection invitation ${id} is ${s.Status}, not PENDING`);
    this.setStatus(id, 'EXPIRED');
  }

  private nextConnectionId(): string {
    return `pac-${deterministicSuffix('connection', ++this.connectionCounter)}`;
  }


  /** The invitation as one of its participants sees it. */
  private render(s: Stored, viewer: ResolvedAccount): Invitation {
    this.expireIfDue(s);
    const asReceiver = viewer !== s.sender && viewer === s.receiver;
    const out: Invitation = {
      Catalog: s.Catalog,
      Id: s.Id,
      Arn: s.Arn,
      ConnectionType: s.ConnectionType,
      CreatedAt: iso(s.CreatedAt),
      UpdatedAt: iso(s.UpdatedAt),
      ExpiresAt: iso(s.ExpiresAt),
      OtherParticipantIdentifier: asReceiver
        ? (this.senderIdentity === 'accountId' ? s.sender.accountId : s.sender.partnerProfileId)
        : s.OtherParticipantIdentifier,
      ParticipantType: asReceiver ? 'RECEIVER' : 'SENDER',
      Status: s.Status,
      InvitationMessage: s.InvitationMessage,
      InviterEmail: s.InviterEmail,
      InviterName: s.InviterName,
    };
    if (s.ConnectionId !== undefined) out.ConnectionId = s.ConnectionId;
    return out;
  }

  /** A PENDING invitation whose ExpiresAt has passed on the clock becomes EXPIRED. */
  private expireIfDue(s: Stored): void {
    if (s.Status === 'PENDING' && this.options.clock() >= s.ExpiresAt) {
      s.Status = 'EXPIRED';
      s.UpdatedAt = s.ExpiresAt;
    }
  }

  private create(input: Record<string, unknown>, caller: ResolvedAccount): Invitation {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const token = checkMember(input, 'ClientToken', 'ClientToken', true, details);
    const connectionType = checkMember(input, 'ConnectionType', 'ConnectionType', true, details);
    const email = checkMember(input, 'Email', 'Email', true, details);
    const message = checkMember(input, 'Message', 'Message', true, details);
    const name = checkMember(input, 'Name', 'Name', true, details);
    const receiver = checkMember(input, 'ReceiverIdentifier', 'ReceiverIdentifier', true, details);
    if (details.length > 0) throw requestValidation(details);
    // All present and valid from here on.
    const c = catalog!, ct = connectionType!, r = receiver!, t = token!;
    if (ct === 'SUBSIDIARY' && !AWS_ACCOUNT_ID_PATTERN.test(r)) {
      throw new ServiceError(400, 'ValidationException',
        'ReceiverIdentifier must be a 12-digit AWS account id when ConnectionType is SUBSIDIARY',
        'BUSINESS_VALIDATION_FAILED',
        {
          ErrorDetails: [{
            BusinessValidationError: {
              Message: 'ReceiverIdentifier must be a 12-digit AWS account id when ConnectionType is SUBSIDIARY',
              Code: 'INCOMPATIBLE_CONNECTION_INVITATION_REQUEST',
            },
          }],
        });
    }

    const fingerprint = JSON.stringify([c, ct, email, message, name, r]);
    const tokenKey = tokenKeyOf(caller, c, t);
    const replayed = seenToken(this.createTokens, tokenKey, fingerprint);
    if (replayed) return this.render(this.byId.get(replayed)!, caller);
    if (this.options.missingReceivers.includes(r)) {
      throw new ServiceError(404, 'ResourceNotFoundException', 'The receiver profile was not found', 'RECEIVER_PROFILE_NOT_FOUND');
    }
    const receiverKey = JSON.stringify([caller.accountId, c, ct, r]);
    if (!this.options.allowDuplicates) {
      for (const s of this.byReceiver.get(receiverKey) ?? []) {
        this.expireIfDue(s);
        if (s.sender === caller && s.Status === 'PENDING') {
          throw new ServiceError(409, 'ConflictException',
            'A pending connection invitation to this receiver already exists', 'DUPLICATE_CONNECTION_INVITATION');
        }
      }
    }
    const now = this.options.clock();
    const dayKey = `${caller.accountId}\u0000${c}\u0000${iso(now).slice(0, 10)}`;
    const today = this.dailyCounts.get(dayKey) ?? 0;
    const refusal = quotaRefusal(this.options.quotas[c] ?? {}, this.options.dailyLimit, {
      today,
      open: () => this.count(caller, c, 'PENDING'),
      active: () => this.count(caller, c, 'ACCEPTED'),
    });
    if (refusal) throw refusal;
    this.dailyCounts.set(dayKey, today + 1);

    const seq = ++this.counter;
    const id = `pacinv-${deterministicSuffix('invitation', seq)}`;
    const stored: Stored = {
      seq,
      sender: caller,
      receiver: this.accounts.find((a) => a !== caller && (ct === 'SUBSIDIARY' ? a.accountId === r : a.partnerProfileId === r)),
      Catalog: c,
      Id: id,
      Arn: `arn:aws:partnercentral:${SERVICE_REGION}::catalog/${c}/connection-invitation/${id}`,
      ConnectionType: ct,
      CreatedAt: now,
      UpdatedAt: now,
      ExpiresAt: now + INVITATION_LIFETIME_MS,
      OtherParticipantIdentifier: r,
      ParticipantType: 'SENDER',
      Status: 'PENDING',
      InvitationMessage: message!,
      InviterEmail: caller.inviter.email,
      InviterName: caller.inviter.name,
    };
    this.byId.set(id, stored);
    const sameReceiver = this.byReceiver.get(receiverKey);
    if (sameReceiver) sameReceiver.push(stored);
    else this.byReceiver.set(receiverKey, [stored]);
    this.createTokens.set(tokenKey, { fingerprint, id });
    return this.render(stored, caller);
  }

  /** How many invitations this sender has in a catalog in a state (expired ones first expired). */
  private count(sender: ResolvedAccount, catalog: string, status: InvitationStatusValue): number {
    let n = 0;
    for (const s of this.byId.values()) {
      this.expireIfDue(s);
      if (s.sender === sender && s.Catalog === catalog && s.Status === status) n++;
    }
    return n;
  }

  /** Finds an invitation by id within a catalog that the caller sent or received; 404 otherwise. */
  private find(catalog: string, id: string, caller: ResolvedAccount): Stored {
    const s = this.byId.get(id);
    if (!s || s.Catalog !== catalog || (s.sender !== caller && s.receiver !== caller)) {
      throw new ServiceError(404, 'ResourceNotFoundException', 'The connection invitation was not found', 'CONNECTION_INVITATION_NOT_FOUND');
    }
    return s;
  }

  private get(input: Record<string, unknown>, caller: ResolvedAccount): Invitation {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const identifier = checkIdentifier(input, details);
    if (details.length > 0) throw requestValidation(details);
    return this.render(this.find(catalog!, identifier!, caller), caller);
  }

  /**
   * Finds an invitation the caller received, PENDING, for Accept and Reject: 404 when the caller
   * is not part of it, 409 INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER when the caller sent it,
   * 409 INCOMPATIBLE_CONNECTION_INVITATION_STATE when it is not PENDING.
   */
  private received(catalog: string, id: string, caller: ResolvedAccount, verb: string): Stored {
    const s = this.find(catalog, id, caller);
    if (s.receiver !== caller) {
      throw new ServiceError(409, 'ConflictException',
        `Only the receiver of a connection invitation can ${verb} it`, 'INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER');
    }
    this.expireIfDue(s);
    if (s.Status !== 'PENDING') {
      throw new ServiceError(409, 'ConflictException',
        `The connection invitation is ${s.Status} and cannot be ${verb}ed`, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE');
    }
    return s;
  }

  private accept(input: Record<string, unknown>, caller: ResolvedAccount): Record<string, unknown> {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const identifier = checkIdentifier(input, details);
    const token = checkMember(input, 'ClientToken', 'ClientToken', true, details);
    if (details.length > 0) throw requestValidation(details);
    const tokenKey = tokenKeyOf(caller, catalog, token);
    const fingerprint = JSON.stringify([catalog, identifier]);
    const replayed = seenToken(this.acceptTokens, tokenKey, fingerprint);
    if (replayed) return { Connection: renderConnection(this.connections.find(catalog!, replayed, caller), caller) };
    const s = this.received(catalog!, identifier!, caller, 'accept');
    const now = Math.max(this.options.clock(), s.UpdatedAt);
    const connection = this.connections.accept(s.Catalog, s.sender, caller, s.ConnectionType, now, () => this.nextConnectionId());
    s.Status = 'ACCEPTED';
    s.ConnectionId = connection.Id;
    s.UpdatedAt = now;
    this.acceptTokens.set(tokenKey, { fingerprint, id: connection.Id });
    return { Connection: renderConnection(connection, caller) };
  }

  private reject(input: Record<string, unknown>, caller: ResolvedAccount): Invitation {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const identifier = checkIdentifier(input, details);
    const token = checkMember(input, 'ClientToken', 'ClientToken', true, details);
    const reason = checkReason(input, false, details);
    if (details.length > 0) throw requestValidation(details);
    const tokenKey = tokenKeyOf(caller, catalog, token);
    const fingerprint = JSON.stringify([catalog, identifier, reason]);
    const replayed = seenToken(this.rejectTokens, tokenKey, fingerprint);
    if (replayed) return this.render(this.byId.get(replayed)!, caller);
    const s = this.received(catalog!, identifier!, caller, 'reject');
    s.Status = 'REJECTED';
    s.UpdatedAt = Math.max(this.options.clock(), s.UpdatedAt);
    this.rejectTokens.set(tokenKey, { fingerprint, id: s.Id });
    return this.render(s, caller);
  }

  private cancel(input: Record<string, unknown>, caller: ResolvedAccount): Invitation {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const identifier = checkIdentifier(input, details);
    const token = checkMember(input, 'ClientToken', 'ClientToken', true, details);
    if (details.length > 0) throw requestValidation(details);
    const tokenKey = tokenKeyOf(caller, catalog, token);
    const fingerprint = JSON.stringify([catalog, identifier]);
    const replayed = seenToken(this.cancelTokens, tokenKey, fingerprint);
    if (replayed) return this.render(this.byId.get(replayed)!, caller);
    const s = this.find(catalog!, identifier!, caller);
    if (s.sender !== caller) {
      throw new ServiceError(409, 'ConflictException',
        'Only the sender of a connection invitation can cancel it', 'INCOMPATIBLE_CONNECTION_INVITATION_STATE');
    }
    this.expireIfDue(s);
    if (s.Status !== 'PENDING') {
      throw new ServiceError(409, 'ConflictException',
        `The connection invitation is ${s.Status} and cannot be canceled`, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE');
    }
    s.Status = 'CANCELED';
    s.UpdatedAt = Math.max(this.options.clock(), s.UpdatedAt);
    this.cancelTokens.set(tokenKey, { fingerprint, id: s.Id });
    return this.render(s, caller);
  }

  private list(input: Record<string, unknown>, caller: ResolvedAccount): Record<string, unknown> {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const status = checkEnum(input, 'Status', INVITATION_STATUSES, details);
    const connectionType = checkEnum(input, 'ConnectionType', CONNECTION_TYPES, details);
    const participantType = checkEnum(input, 'ParticipantType', PARTICIPANT_TYPES, details);
    const others = checkParticipantList(input, details);
    let maxResults = LIST_DEFAULT_MAX_RESULTS;
    const rawMax = input.MaxResults;
    if (rawMax !== undefined && rawMax !== null) {
      if (typeof rawMax !== 'number' || !Number.isInteger(rawMax) || rawMax < 1 || rawMax > 100) {
        details.push(fieldError('MaxResults', 'MaxResults must be an integer from 1 to 100', 'INVALID_VALUE'));
      } else {
        maxResults = rawMax;
      }
    }
    const filterKey = createHash('sha256')
      .update(JSON.stringify([catalog, status, connectionType, participantType, others]))
      .digest('hex').slice(0, 16);
    let offset = 0;
    const rawToken = input.NextToken;
    if (rawToken !== undefined && rawToken !== null) {
      const page = typeof rawToken === 'string' ? decodePageToken(rawToken) : undefined;
      if (!page || page.f !== filterKey) {
        details.push(fieldError('NextToken', 'NextToken is not valid for this request', 'INVALID_VALUE'));
      } else {
        offset = page.o;
      }
    }
    if (details.length > 0) throw requestValidation(details);

    const now = this.options.clock();
    const matching = [...this.byId.values()]
      .sort((a, b) => a.seq - b.seq)
      .filter((s) => s.sender === caller || s.receiver === caller)
      .map((s) => this.render(s, caller))
      .filter((v) => Date.parse(v.CreatedAt) + this.listLagMs <= now
        && v.Catalog === catalog
        && (status === undefined || v.Status === status)
        && (connectionType === undefined || v.ConnectionType === connectionType)
        && (participantType === undefined || v.ParticipantType === participantType)
        && (others === undefined || others.includes(v.OtherParticipantIdentifier)));
    const page = matching.slice(offset, offset + maxResults).map((v) => {
      // A summary is the invitation without the three members List leaves out.
      const { InvitationMessage, InviterEmail, InviterName, ...summary } = v;
      return summary;
    });
    const out: Record<string, unknown> = { ConnectionInvitationSummaries: page };
    if (offset + maxResults < matching.length) {
      out.NextToken = encodePageToken({ o: offset + maxResults, f: filterKey });
    }
    return out;
  }
}
