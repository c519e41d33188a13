/**
 * GetConnectionInvitation, ListConnectionInvitations, CancelConnectionInvitation,
 * AcceptConnectionInvitation and RejectConnectionInvitation as the emulator serves them, over
 * the invitations of the store (./store.ts), as the account the request acts as.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import { createHash } from 'node:crypto';
import type { ResolvedAccount } from './accounts';
import { seenToken, tokenKeyOf, TokenEntry } from './client-tokens';
import { ConnectionBook, renderConnection } from './connections';
import { expireIfDue, StoredInvitation } from './invitation-record';
import { CONNECTION_TYPES, INVITATION_STATUSES, Invitation, LIST_DEFAULT_MAX_RESULTS, PARTICIPANT_TYPES, sameCatalog } from './model';
import { encodePageToken, pageOffset } from './page-token';
import { ServiceError } from './service-error';
import {
  checkEnum, checkIdentifier, checkMaxResults, checkMember, checkParticipantList, checkReason, requestValidation, ValidationErrorDetail,
} from './validation';

/** What an invitation operation runs against: the store's state and the account the request acts as. */
export interface InvitationContext {
  /** Every invitation by id. */
  readonly byId: ReadonlyMap<string, StoredInvitation>;
  /** The ClientTokens of Cancel, Accept and Reject. */
  readonly tokens: { readonly cancel: Map<string, TokenEntry>; readonly accept: Map<string, TokenEntry>; readonly reject: Map<string, TokenEntry> };
  readonly connections: ConnectionBook;
  /** The account the request acts as. */
  readonly caller: ResolvedAccount;
  /** The emulator clock, epoch ms. */
  readonly clock: () => number;
  /** How long after its creation an invitation shows in List. */
  readonly listLagMs: number;
  /** The invitation as the caller sees it, expired first when due. */
  render(s: StoredInvitation): Invitation;
  /** A new connection id. */
  nextConnectionId(): string;
}

/** Finds an invitation by id within a catalog (ignoring case) that the caller sent or received; 404 otherwise. */
function find(ctx: InvitationContext, catalog: string, id: string): StoredInvitation {
  const s = ctx.byId.get(id);
  if (!s || !sameCatalog(s.Catalog, catalog) || (s.sender !== ctx.caller && s.receiver !== ctx.caller)) {
    throw new ServiceError(404, 'ResourceNotFoundException', 'The connection invitation was not found', 'CONNECTION_INVITATION_NOT_FOUND');
  }
  return s;
}

/** The validated members of an operation on one invitation that takes a ClientToken. */
interface TokenedRequest {
  readonly catalog: string;
  readonly identifier: string;
  readonly tokenKey: string;
  readonly fingerprint: string;
}

/**
 * Checks Catalog, Identifier and ClientToken (and whatever `more` checks, in that order) and
 * gives the token's key and the request's fingerprint (the members that make it the same request).
 */
function tokenedRequest(
  input: Record<string, unknown>, caller: ResolvedAccount, more: (details: ValidationErrorDetail[]) => unknown[] = () => [],
): TokenedRequest {
  const details: ValidationErrorDetail[] = [];
  const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
  const identifier = checkIdentifier(input, details);
  const token = checkMember(input, 'ClientToken', 'ClientToken', true, details);
  const extra = more(details);
  if (details.length > 0) throw requestValidation(details);
  return {
    catalog: catalog!,
    identifier: identifier!,
    tokenKey: tokenKeyOf(caller, catalog, token),
    fingerprint: JSON.stringify([catalog, identifier, ...extra]),
  };
}

/**
 * Finds an invitation the caller received, PENDING, for Accept and Reject: 404 when the caller
 * is not part of it, 409 INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER when the caller sent it,
 * 409 INCOMPATIBLE_CONNECTION_INVITATION_STATE when it is not PENDING.
 */
function received(ctx: InvitationContext, catalog: string, id: string, verb: string): StoredInvitation {
  const s = find(ctx, catalog, id);
  if (s.receiver !== ctx.caller) {
    throw new ServiceError(409, 'ConflictException',
      `Only the receiver of a connection invitation can ${verb} it`, 'INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER');
  }
  expireIfDue(s, ctx.clock());
  if (s.Status !== 'PENDING') {
    throw new ServiceError(409, 'ConflictException',
      `The connection invitation is ${s.Status} and cannot be ${verb}ed`, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE');
  }
  return s;
}

/** GetConnectionInvitation: the invitation, when the caller sent or received it. */
export function getInvitation(input: Record<string, unknown>, ctx: InvitationContext): Invitation {
  const details: ValidationErrorDetail[] = [];
  const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
  const identifier = checkIdentifier(input, details);
  if (details.length > 0) throw requestValidation(details);
  return ctx.render(find(ctx, catalog!, identifier!));
}

/** AcceptConnectionInvitation: the receiver accepts; the connection between the two is made or extended. */
export function acceptInvitation(input: Record<string, unknown>, ctx: InvitationContext): Record<string, unknown> {
  const r = tokenedRequest(input, ctx.caller);
  const replayed = seenToken(ctx.tokens.accept, r.tokenKey, r.fingerprint);
  if (replayed) return { Connection: renderConnection(ctx.connections.find(r.catalog, replayed, ctx.caller), ctx.caller) };
  const s = received(ctx, r.catalog, r.identifier, 'accept');
  const now = Math.max(ctx.clock(), s.UpdatedAt);
  const connection = ctx.connections.accept(s.Catalog, s.sender, ctx.caller, s.ConnectionType, now, () => ctx.nextConnectionId());
  s.Status = 'ACCEPTED';
  s.ConnectionId = connection.Id;
  s.UpdatedAt = now;
  ctx.tokens.accept.set(r.tokenKey, { fingerprint: r.fingerprint, id: connection.Id });
  return { Connection: renderConnection(connection, ctx.caller) };
}

/** RejectConnectionInvitation: the receiver declines, with an optional Reason. */
export function rejectInvitation(input: Record<string, unknown>, ctx: InvitationContext): Invitation {
  const r = tokenedRequest(input, ctx.caller, (details) => [checkReason(input, false, details)]);
  const replayed = seenToken(ctx.tokens.reject, r.tokenKey, r.fingerprint);
  if (replayed) return ctx.render(ctx.byId.get(replayed)!);
  const s = received(ctx, r.catalog, r.identifier, 'reject');
  s.Status = 'REJECTED';
  s.UpdatedAt = Math.max(ctx.clock(), s.UpdatedAt);
  ctx.tokens.reject.set(r.tokenKey, { fingerprint: r.fingerprint, id: s.Id });
  return ctx.render(s);
}

/** CancelConnectionInvitation: the sender withdraws a PENDING invitation. */
export function cancelInvitation(input: Record<string, unknown>, ctx: InvitationContext): Invitation {
  const r = tokenedRequest(input, ctx.caller);
  const replayed = seenToken(ctx.tokens.cancel, r.tokenKey, r.fingerprint);
  if (replayed) return ctx.render(ctx.byId.get(replayed)!);
  const s = find(ctx, r.catalog, r.identifier);
  if (s.sender !== ctx.caller) {
    throw new ServiceError(409, 'ConflictException',
      'Only the sender of a connection invitation can cancel it', 'INCOMPATIBLE_CONNECTION_INVITATION_STATE');
  }
  expireIfDue(s, ctx.clock());
  if (s.Status !== 'PENDING') {
    throw new ServiceError(409, 'ConflictException',
      `The connection invitation is ${s.Status} and cannot be canceled`, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE');
  }
  s.Status = 'CANCELED';
  s.UpdatedAt = Math.max(ctx.clock(), s.UpdatedAt);
  ctx.tokens.cancel.set(r.tokenKey, { fingerprint: r.fingerprint, id: s.Id });
  return ctx.render(s);
}

/**
 * ListConnectionInvitations: the invitations the caller sent or received in a catalog (ignoring case), oldest
 * first, filtered, as summaries (without message and inviter), a page at a time.
 */
export function listInvitations(input: Record<string, unknown>, ctx: InvitationContext): Record<string, unknown> {
  const details: ValidationErrorDetail[] = [];
  const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
  const status = checkEnum(input, 'Status', INVITATION_STATUSES, details);
  const connectionType = checkEnum(input, 'ConnectionType', CONNECTION_TYPES, details);
  const participantType = checkEnum(input, 'ParticipantType', PARTICIPANT_TYPES, details);
  const others = checkParticipantList(input, details);
  const maxResults = checkMaxResults(input, LIST_DEFAULT_MAX_RESULTS, details);
  const filterKey = createHash('sha256')
    .update(JSON.stringify([catalog, status, connectionType, participantType, others]))
    .digest('hex').slice(0, 16);
  const offset = pageOffset(input, filterKey, details);
  if (details.length > 0) throw requestValidation(details);

  const now = ctx.clock();
  const matching = [...ctx.byId.values()]
    .sort((a, b) => a.seq - b.seq)
    .filter((s) => s.sender === ctx.caller || s.receiver === ctx.caller)
    .map((s) => ctx.render(s))
    .filter((v) => Date.parse(v.CreatedAt) + ctx.listLagMs <= now
      && sameCatalog(v.Catalog, catalog!)
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
