/**
 * CreateConnectionInvitation as the emulator serves it: validation, ClientToken idempotency, the
 * missing receiver, the duplicate PENDING invitation, the catalog's quotas, then the new invitation.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type { ResolvedAccount } from './accounts';
import { seenToken, tokenKeyOf, TokenEntry } from './client-tokens';
import type { ConnectionBook } from './connections';
import { invitationIdOf } from './ids';
import { expireIfDue, StoredInvitation } from './invitation-record';
import { catalogKey, DAILY_WINDOW_MS, INVITATION_LIFETIME_MS, Invitation, InvitationStatusValue, SERVICE_REGION, sameCatalog } from './model';
import { CatalogQuotas, quotaRefusal, quotasOf } from './quotas';
import { ServiceError } from './service-error';
import { checkMember, requestValidation, ValidationErrorDetail } from './validation';
import { AWS_ACCOUNT_ID_PATTERN } from '../../src/api-constraints';

/** What a create runs against: the store's rules and state, and the account the request acts as. */
export interface CreateContext {
  /** Let a second PENDING invitation to the same receiver through. */
  readonly allowDuplicates: boolean;
  /** Creates per catalog in 24 hours in every catalog; `undefined` = only what `quotas` says. */
  readonly dailyLimit?: number;
  /** The quotas per catalog (its name ignoring case). */
  readonly quotas: Readonly<Record<string, CatalogQuotas>>;
  /** Receivers that do not exist. */
  readonly missingReceivers: readonly string[];
  /** Every account the emulator knows. */
  readonly accounts: readonly ResolvedAccount[];
  /** Every invitation by id; the new one is added. */
  readonly byId: Map<string, StoredInvitation>;
  /**
   * The invitations of each sender, catalog, connection type and receiver identifier
   * (`receiverKey`), oldest first: what the duplicate rule looks at; the new one is added.
   */
  readonly byReceiver: Map<string, StoredInvitation[]>;
  /** Create's ClientTokens. */
  readonly tokens: Map<string, TokenEntry>;
  /** The times (epoch ms) of the creates of each sender and catalog (ignoring case), oldest first. */
  readonly dailyCounts: Map<string, number[]>;
  /** Every connection: what the active-connections quota counts. */
  readonly connections: ConnectionBook;
  /** The account the request acts as. */
  readonly caller: ResolvedAccount;
  /** The emulator clock, epoch ms. */
  readonly clock: () => number;
  /** The sequence number of the next invitation. */
  nextSeq(): number;
  /** The invitation as the caller sees it, expired first when due. */
  render(s: StoredInvitation): Invitation;
}

/** The key of `CreateContext.byReceiver`: what two invitations share when one is a duplicate of the other. */
function receiverKey(sender: ResolvedAccount, catalog: string, connectionType: string, receiver: string): string {
  return JSON.stringify([sender.accountId, catalogKey(catalog), connectionType, receiver]);
}

/** How many invitations a sender has in a catalog (ignoring case) in a state (expired ones first expired). */
function count(ctx: CreateContext, catalog: string, status: InvitationStatusValue): number {
  let n = 0;
  for (const s of ctx.byId.values()) {
    expireIfDue(s, ctx.clock());
    if (s.sender === ctx.caller && sameCatalog(s.Catalog, catalog) && s.Status === status) n++;
  }
  return n;
}

/**
 * How many active connections the caller has in a catalog (ignoring case): its connections, on
 * either side, with an ACTIVE connection type, and the ACCEPTED invitations it sent to a receiver
 * the emulator does not know (whose connection it cannot hold, so nothing can end it).
 */
function activeConnections(ctx: CreateContext, catalog: string): number {
  const held = ctx.connections.of(catalog, ctx.caller).filter((x) => [...x.types.values()].some((e) => e.Status === 'ACTIVE')).length;
  let outside = 0;
  for (const s of ctx.byId.values()) {
    if (s.sender === ctx.caller && s.receiver === undefined && sameCatalog(s.Catalog, catalog) && s.Status === 'ACCEPTED') outside++;
  }
  return held + outside;
}

/** CreateConnectionInvitation: a new PENDING invitation from the caller, or the one its ClientToken made. */
export function createInvitation(input: Record<string, unknown>, ctx: CreateContext): Invitation {
  const caller = ctx.caller;
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
  const replayed = seenToken(ctx.tokens, tokenKey, fingerprint);
  if (replayed) return ctx.render(ctx.byId.get(replayed)!);
  if (ctx.missingReceivers.includes(r)) {
    throw new ServiceError(404, 'ResourceNotFoundException', 'The receiver profile was not found', 'RECEIVER_PROFILE_NOT_FOUND');
  }
  const key = receiverKey(caller, c, ct, r);
  if (!ctx.allowDuplicates) {
    for (const s of ctx.byReceiver.get(key) ?? []) {
      expireIfDue(s, ctx.clock());
      if (s.sender === caller && s.Status === 'PENDING') {
        throw new ServiceError(409, 'ConflictException',
          'A pending connection invitation to this receiver already exists', 'DUPLICATE_CONNECTION_INVITATION');
      }
    }
  }
  const now = ctx.clock();
  // The per-day quota is a rolling 24 hours: the creates of the last 24 hours count.
  const dayKey = JSON.stringify([caller.accountId, catalogKey(c)]);
  const created = (ctx.dailyCounts.get(dayKey) ?? []).filter((at) => at > now - DAILY_WINDOW_MS);
  const refusal = quotaRefusal(quotasOf(ctx.quotas, c), ctx.dailyLimit, {
    today: created.length,
    open: () => count(ctx, c, 'PENDING'),
    active: () => activeConnections(ctx, c),
  });
  if (refusal) throw refusal;
  ctx.dailyCounts.set(dayKey, [...created, now]);

  const seq = ctx.nextSeq();
  const id = invitationIdOf(seq);
  const stored: StoredInvitation = {
    seq,
    sender: caller,
    receiver: ctx.accounts.find((a) => a !== caller && (ct === 'SUBSIDIARY' ? a.accountId === r : a.partnerProfileId === r)),
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
  ctx.byId.set(id, stored);
  const sameReceiver = ctx.byReceiver.get(key);
  if (sameReceiver) sameReceiver.push(stored);
  else ctx.byReceiver.set(key, [stored]);
  ctx.tokens.set(tokenKey, { fingerprint, id });
  return ctx.render(stored);
}
