/**
 * GetConnection, ListConnections and CancelConnection as the emulator serves them, over the
 * connections of ./connections.ts, as one participant of each connection.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type { ResolvedAccount } from './accounts';
import { seenToken, tokenKeyOf, TokenEntry } from './client-tokens';
import { ConnectionBook, otherParticipant, renderConnection } from './connections';
import { CONNECTION_TYPES, LIST_DEFAULT_MAX_RESULTS } from './model';
import { encodePageToken, pageOffset } from './page-token';
import {
  checkConnectionIdentifier, checkEnum, checkMaxResults, checkMember, checkParticipantList, checkReason, fieldError, requestValidation,
  ValidationErrorDetail,
} from './validation';

/** What a connection operation runs against. */
export interface ConnectionContext {
  readonly book: ConnectionBook;
  /** CancelConnection's ClientTokens. */
  readonly tokens: Map<string, TokenEntry>;
  /** The account the request acts as. */
  readonly viewer: ResolvedAccount;
  /** The emulator clock, epoch ms. */
  readonly now: number;
}

/** GetConnection: the connection, when the caller is part of it (else 404 CONNECTION_NOT_FOUND). */
export function getConnection(input: Record<string, unknown>, ctx: ConnectionContext): Record<string, unknown> {
  const details: ValidationErrorDetail[] = [];
  const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
  const identifier = checkConnectionIdentifier(input, details);
  if (details.length > 0) throw requestValidation(details);
  return renderConnection(ctx.book.find(catalog!, identifier!, ctx.viewer), ctx.viewer);
}

/**
 * ListConnections: the caller's connections in a catalog, oldest first, filtered by connection
 * type (one of the entries) and by the other participant (its account id or partner profile id).
 */
export function listConnections(input: Record<string, unknown>, ctx: ConnectionContext): Record<string, unknown> {
  const details: ValidationErrorDetail[] = [];
  const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
  const rawType = input.ConnectionType;
  let connectionType: string | undefined;
  if (rawType !== undefined && rawType !== null) {
    // The model types this member as a string of 1-200 (`[a-zA-Z_-]+(:[a-zA-Z]+)?`), not the enum.
    if (typeof rawType !== 'string' || rawType.length > 200 || !/^[a-zA-Z_-]+(:[a-zA-Z]+)?$/.test(rawType)) {
      details.push(fieldError('ConnectionType', 'ConnectionType must be 1 to 200 letters, _ or -', 'INVALID_STRING_FORMAT'));
    } else {
      connectionType = rawType;
    }
  }
  const others = checkParticipantList(input, details);
  const maxResults = checkMaxResults(input, LIST_DEFAULT_MAX_RESULTS, details);
  const filterKey = JSON.stringify(['connections', catalog, connectionType, others]);
  const offset = pageOffset(input, filterKey, details);
  if (details.length > 0) throw requestValidation(details);
  const matching = ctx.book.of(catalog!, ctx.viewer).filter((c) => {
    const other = otherParticipant(c, ctx.viewer);
    return (connectionType === undefined || c.types.has(connectionType))
      && (others === undefined || others.includes(other.accountId) || others.includes(other.partnerProfileId));
  });
  const out: Record<string, unknown> = {
    ConnectionSummaries: matching.slice(offset, offset + maxResults).map((c) => renderConnection(c, ctx.viewer)),
  };
  if (offset + maxResults < matching.length) out.NextToken = encodePageToken({ o: offset + maxResults, f: filterKey });
  return out;
}

/**
 * CancelConnection: ends one connection type (409 INCOMPATIBLE_CONNECTION_STATE when it is not
 * ACTIVE), idempotent on its ClientToken.
 */
export function cancelConnection(input: Record<string, unknown>, ctx: ConnectionContext): Record<string, unknown> {
  const details: ValidationErrorDetail[] = [];
  const catalog = checkMember(input, 'Catalog', 'Catalog', true, details);
  const identifier = checkConnectionIdentifier(input, details);
  const connectionType = input.ConnectionType === undefined || input.ConnectionType === null
    ? (details.push(fieldError('ConnectionType', 'ConnectionType is required', 'REQUIRED_FIELD_MISSING')), undefined)
    : checkEnum(input, 'ConnectionType', CONNECTION_TYPES, details);
  const reason = checkReason(input, true, details);
  const token = checkMember(input, 'ClientToken', 'ClientToken', true, details);
  if (details.length > 0) throw requestValidation(details);
  const tokenKey = tokenKeyOf(ctx.viewer, catalog, token);
  const fingerprint = JSON.stringify([catalog, identifier, connectionType, reason]);
  const replayed = seenToken(ctx.tokens, tokenKey, fingerprint);
  if (replayed) return renderConnection(ctx.book.find(catalog!, replayed, ctx.viewer), ctx.viewer);
  const c = ctx.book.find(catalog!, identifier!, ctx.viewer);
  ctx.book.cancel(c, connectionType!, ctx.viewer, ctx.now);
  ctx.tokens.set(tokenKey, { fingerprint, id: c.Id });
  return renderConnection(c, ctx.viewer);
}
