/**
 * The state and rules of the PartnerCentral Account API as the emulator models them: ClientToken
 * idempotency, the duplicate and quota rules, expiry, and the four connection invitation
 * operations. Pure (no I/O); `PartnerCentralEmulator` (./server.ts) puts HTTP and SigV4 around it.
 *
 * An independent oracle on purpose: the emulator shares no code with the handler (lambda/), so
 * that a mistake in the handler shows against it as it would against AWS.
 */
import { createHash } from 'node:crypto';
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
import { checkEnum, checkIdentifier, checkMember, checkParticipantList, fieldError, requestValidation, ValidationErrorDetail } from './validation';
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
  /** The sender identity. */
  readonly inviter: { readonly email: string; readonly name: string };
}

interface Stored {
  readonly seq: number;
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

interface TokenEntry {
  readonly fingerprint: string;
  readonly id: string;
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
  private readonly createTokens = new Map<string, TokenEntry>();
  private readonly cancelTokens = new Map<string, TokenEntry>();
  private readonly dailyCounts = new Map<string, number>();
  private counter = 0;
  private connectionCounter = 0;
  private listLagMs = 0;

  /**
   * @param options the rules to apply
   */
  constructor(options: StoreOptions) {
    this.options = options;
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
    this.createTokens.clear();
    this.cancelTokens.clear();
    this.dailyCounts.clear();
    this.counter = 0;
    this.connectionCounter = 0;
  }

  /**
   * Runs one operation on a parsed JSON input; throws `ServiceError` for API errors.
   *
   * @returns the output document (before JSON encoding)
   */
  public execute(operation: Operation, input: Record<string, unknown>): Record<string, unknown> {
    switch (operation) {
      case 'CreateConnectionInvitation':
        return this.create(input) as unknown as Record<string, unknown>;
      case 'GetConnectionInvitation':
        return this.get(input) as unknown as Record<string, unknown>;
      case 'CancelConnectionInvitation':
        return this.cancel(input) as unknown as Record<string, unknown>;
      case 'ListConnectionInvitations':
        return this.list(input);
    }
  }

  /** Every invitation (copies), oldest first. */
  public all(): Invitation[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq).map((s) => this.render(s));
  }

  /**
   * Moves an invitation to a state, as the receiver's answer or the passing of time would.
   * ACCEPTED gives it a ConnectionId. Throws when the id is unknown.
   */
  public setStatus(id: string, status: InvitationStatusValue): void {
    const s = this.byId.get(id);
    if (!s) throw new Error(`no connection invitation with id ${id}`);
    if (!INVITATION_STATUSES.includes(status)) throw new Error(`not an invitation status: ${status}`);
    s.Status = status;
    s.UpdatedAt = this.options.clock();
    if (status === 'ACCEPTED' && s.ConnectionId === undefined) {
      s.ConnectionId = `pac-${deterministicSuffix('connection', ++this.connectionCounter)}`;
    }
  }

  /**
   * The answer to a request whose ClientToken was used before: the same answer again when the
   * request is the same, 409 CONFLICT_CLIENT_TOKEN when it differs; undefined for a new token.
   */
  private replay(tokens: ReadonlyMap<string, TokenEntry>, tokenKey: string, fingerprint: string): Invitation | undefined {
    const seen = tokens.get(tokenKey);
    if (!seen) return undefined;
    if (seen.fingerprint !== fingerprint) {
      throw new ServiceError(409, 'ConflictException',
        'The ClientToken was already used with a different request', 'CONFLICT_CLIENT_TOKEN');
    }
    return this.render(this.byId.get(seen.id)!);
  }

  private render(s: Stored): Invitation {
    this.expireIfDue(s);
    const out: Invitation = {
      Catalog: s.Catalog,
      Id: s.Id,
      Arn: s.Arn,
      ConnectionType: s.ConnectionType,
      CreatedAt: iso(s.CreatedAt),
      UpdatedAt: iso(s.UpdatedAt),
      ExpiresAt: iso(s.ExpiresAt),
      OtherParticipantIdentifier: s.OtherParticipantIdentifier,
      ParticipantType: s.ParticipantType,
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

  private create(input: Record<string, unknown>): Invitation {
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
    const tokenKey = `${c}\u0000${t}`;
    const replayed = this.replay(this.createTokens, tokenKey, fingerprint);
    if (replayed) return replayed;
    if (this.options.missingReceivers.includes(r)) {
      throw new ServiceError(404, 'ResourceNotFoundException', 'The receiver profile was not found', 'RECEIVER_PROFILE_NOT_FOUND');
    }
    if (!this.options.allowDuplicates) {
      for (const s of this.byId.values()) {
        this.expireIfDue(s);
        if (s.Catalog === c && s.ConnectionType === ct && s.OtherParticipantIdentifier === r
          && s.ParticipantType === 'SENDER' && s.Status === 'PENDING') {
          throw new ServiceError(409, 'ConflictException',
            'A pending connection invitation to this receiver already exists', 'DUPLICATE_CONNECTION_INVITATION');
        }
      }
    }
    const now = this.options.clock();
    const dayKey = `${c}\u0000${iso(now).slice(0, 10)}`;
    const today = this.dailyCounts.get(dayKey) ?? 0;
    const refusal = quotaRefusal(this.options.quotas[c] ?? {}, this.options.dailyLimit, {
      today,
      open: () => this.count(c, 'PENDING'),
      active: () => this.count(c, 'ACCEPTED'),
    });
    if (refusal) throw refusal;
    this.dailyCounts.set(dayKey, today + 1);

    const seq = ++this.counter;
    const id = `pacinv-${deterministicSuffix('invitation', seq)}`;
    const stored: Stored = {
      seq,
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
      InviterEmail: this.options.inviter.email,
      InviterName: this.options.inviter.name,
    };
    this.byId.set(id, stored);
    this.createTokens.set(tokenKey, { fingerprint, id });
    return this.render(stored);
  }

  /** How many invitations this sender has in a catalog in a state (expired ones first expired). */
  private count(catalog: string, status: InvitationStatusValue): number {
    let n = 0;
    for (const s of this.byId.values()) {
      this.expireIfDue(s);
      if (s.Catalog === catalog && s.ParticipantType === 'SENDER' && s.Status === status) n++;
    }
    return n;
  }

  /** Finds an invitation by id within a catalog; 404 otherwise. */
  private find(catalog: string, id: string): Stored {
    const s = this.byId.get(id);
    if (!s || s.Catalog !== catalog) {
      throw new ServiceError(404, 'ResourceNotFoundException', 'The connection invitation was not found', 'CONNECTION_INVITATION_NOT_FOUND');
    }
    return s;
  }

  private get(input: Record<string, unknown>): Invitation {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const identifier = checkIdentifier(input, details);
    if (details.length > 0) throw requestValidation(details);
    return this.render(this.find(catalog!, identifier!));
  }

  private cancel(input: Record<string, unknown>): Invitation {
    const details: ValidationErrorDetail[] = [];
    const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
    const identifier = checkIdentifier(input, details);
    const token = checkMember(input, 'ClientToken', 'ClientToken', true, details);
    if (details.length > 0) throw requestValidation(details);
    const tokenKey = `${catalog}\u0000${token}`;
    const fingerprint = JSON.stringify([catalog, identifier]);
    const replayed = this.replay(this.cancelTokens, tokenKey, fingerprint);
    if (replayed) return replayed;
    const s = this.find(catalog!, identifier!);
    this.expireIfDue(s);
    if (s.Status !== 'PENDING') {
      throw new ServiceError(409, 'ConflictException',
        `The connection invitation is ${s.Status} and cannot be canceled`, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE');
    }
    s.Status = 'CANCELED';
    s.UpdatedAt = Math.max(this.options.clock(), s.UpdatedAt);
    this.cancelTokens.set(tokenKey, { fingerprint, id: s.Id });
    return this.render(s);
  }

  private list(input: Record<string, unknown>): Record<string, unknown> {
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
      .filter((s) => {
        this.expireIfDue(s);
        return s.CreatedAt + this.listLagMs <= now
          && s.Catalog === catalog
          && (status === undefined || s.Status === status)
          && (connectionType === undefined || s.ConnectionType === connectionType)
          && (participantType === undefined || s.ParticipantType === participantType)
          && (others === undefined || others.includes(s.OtherParticipantIdentifier));
      });
    const page = matching.slice(offset, offset + maxResults).map((s) => {
      // A summary is the invitation without the three members List leaves out.
      const { InvitationMessage, InviterEmail, InviterName, ...summary } = this.render(s);
      return summary;
    });
    const out: Record<string, unknown> = { ConnectionInvitationSummaries: page };
    if (offset + maxResults < matching.length) {
      out.NextToken = encodePageToken({ o: offset + maxResults, f: filterKey });
    }
    return out;
  }
}
