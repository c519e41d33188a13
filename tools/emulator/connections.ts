/**
 * Connections as the emulator models them: one per pair of accounts and catalog, with an entry
 * per connection type (ACTIVE or CANCELED) that accepting an invitation creates or reactivates
 * and CancelConnection ends; each side sees the other as `OtherParticipantAccountId`.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type { ResolvedAccount } from './accounts';
import { SERVICE_REGION, sameCatalog } from './model';
import { ServiceError } from './service-error';

/** One connection type's entry, as stored. */
interface TypeEntry {
  CreatedAt: number;
  /** The account whose invitation made this entry. */
  inviter: ResolvedAccount;
  Status: 'ACTIVE' | 'CANCELED';
  CanceledAt?: number;
  CanceledBy?: string;
}

/** A connection as stored. */
export interface StoredConnection {
  readonly seq: number;
  readonly Catalog: string;
  readonly Id: string;
  readonly Arn: string;
  /** The two participants. */
  readonly accounts: readonly [ResolvedAccount, ResolvedAccount];
  UpdatedAt: number;
  readonly types: Map<string, TypeEntry>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The connections of every account. */
export class ConnectionBook {
  private readonly byId = new Map<string, StoredConnection>();
  private seq = 0;

  /** Forgets every connection. */
  public reset(): void {
    this.byId.clear();
    this.seq = 0;
  }

  /**
   * Adds a connection type between two accounts, as accepting the sender's invitation does: a new
   * connection, or a new or reactivated entry of the pair's existing one. 409 DUPLICATE_CONNECTION
   * when that type is already ACTIVE between them.
   *
   * @param id the id to give a new connection
   */
  public accept(
    catalog: string, sender: ResolvedAccount, receiver: ResolvedAccount, connectionType: string, now: number, id: () => string,
  ): StoredConnection {
    let c = [...this.byId.values()].find((x) => sameCatalog(x.Catalog, catalog) && x.accounts.includes(sender) && x.accounts.includes(receiver));
    if (c?.types.get(connectionType)?.Status === 'ACTIVE') {
      throw new ServiceError(409, 'ConflictException', `An active ${connectionType} connection with this participant already exists`, 'DUPLICATE_CONNECTION');
    }
    if (!c) {
      const newId = id();
      c = {
        seq: ++this.seq,
        Catalog: catalog,
        Id: newId,
        Arn: `arn:aws:partnercentral:${SERVICE_REGION}::catalog/${catalog}/connection/${newId}`,
        accounts: [sender, receiver],
        UpdatedAt: now,
        types: new Map(),
      };
      this.byId.set(newId, c);
    }
    c.types.set(connectionType, { CreatedAt: now, inviter: sender, Status: 'ACTIVE' });
    c.UpdatedAt = Math.max(now, c.UpdatedAt);
    return c;
  }

  /** The connection with this id in the catalog (ignoring case) that the account is part of; 404 CONNECTION_NOT_FOUND otherwise. */
  public find(catalog: string, id: string, viewer: ResolvedAccount): StoredConnection {
    const c = this.byId.get(id);
    if (!c || !sameCatalog(c.Catalog, catalog) || !c.accounts.includes(viewer)) {
      throw new ServiceError(404, 'ResourceNotFoundException', 'The connection was not found', 'CONNECTION_NOT_FOUND');
    }
    return c;
  }

  /** Every connection the account is part of in a catalog (ignoring case), oldest first. */
  public of(catalog: string, viewer: ResolvedAccount): StoredConnection[] {
    return [...this.byId.values()].filter((c) => sameCatalog(c.Catalog, catalog) && c.accounts.includes(viewer)).sort((a, b) => a.seq - b.seq);
  }

  /** Every connection, oldest first. */
  public all(): StoredConnection[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }

  /**
   * Ends one connection type of a connection; 409 INCOMPATIBLE_CONNECTION_STATE when the
   * connection has no such type or it is already CANCELED.
   */
  public cancel(c: StoredConnection, connectionType: string, viewer: ResolvedAccount, now: number): void {
    const entry = c.types.get(connectionType);
    if (!entry || entry.Status !== 'ACTIVE') {
      throw new ServiceError(409, 'ConflictException',
        `The connection has no active ${connectionType} connection type`, 'INCOMPATIBLE_CONNECTION_STATE');
    }
    entry.Status = 'CANCELED';
    entry.CanceledAt = now;
    entry.CanceledBy = viewer.accountId;
    c.UpdatedAt = Math.max(now, c.UpdatedAt);
  }
}

/** The other participant of a connection, as the viewer sees it. */
export function otherParticipant(c: StoredConnection, viewer: ResolvedAccount): ResolvedAccount {
  return c.accounts[0] === viewer ? c.accounts[1] : c.accounts[0];
}

/**
 * A connection in the API's wire shape as one participant sees it (Get, Accept, Cancel; List's
 * summaries have the same members).
 */
export function renderConnection(c: StoredConnection, viewer: ResolvedAccount): Record<string, unknown> {
  const other = otherParticipant(c, viewer);
  const types: Record<string, unknown> = {};
  for (const [type, e] of c.types) {
    const detail: Record<string, unknown> = {
      CreatedAt: iso(e.CreatedAt),
      InviterEmail: e.inviter.inviter.email,
      InviterName: e.inviter.inviter.name,
      Status: e.Status,
      OtherParticipant: type === 'OPPORTUNITY_COLLABORATION'
        ? { PartnerProfile: { Id: other.partnerProfileId, Name: other.displayName } }
        : { Account: { Name: other.displayName } },
    };
    if (e.CanceledAt !== undefined) detail.CanceledAt = iso(e.CanceledAt);
    if (e.CanceledBy !== undefined) detail.CanceledBy = e.CanceledBy;
    types[type] = detail;
  }
  return {
    Catalog: c.Catalog,
    Id: c.Id,
    Arn: c.Arn,
    OtherParticipantAccountId: other.accountId,
    UpdatedAt: iso(c.UpdatedAt),
    ConnectionTypes: types,
  };
}
