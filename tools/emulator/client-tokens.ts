/**
 * ClientToken idempotency as the emulator applies it to every operation that takes one: the
 * same request again gets the same answer, another request with the token 409 CONFLICT_CLIENT_TOKEN.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type { ResolvedAccount } from './accounts';
import { ServiceError } from './service-error';

/** What a ClientToken was first used for: the request's fingerprint and the id it answered with. */
export interface TokenEntry {
  readonly fingerprint: string;
  readonly id: string;
}

/**
 * The id a ClientToken answered with before, when the request is the same; 409
 * CONFLICT_CLIENT_TOKEN when it differs; undefined for a new token.
 */
export function seenToken(tokens: ReadonlyMap<string, TokenEntry>, tokenKey: string, fingerprint: string): string | undefined {
  const seen = tokens.get(tokenKey);
  if (!seen) return undefined;
  if (seen.fingerprint !== fingerprint) {
    throw new ServiceError(409, 'ConflictException',
      'The ClientToken was already used with a different request', 'CONFLICT_CLIENT_TOKEN');
  }
  return seen.id;
}

/** A token map's key: ClientTokens are per account and catalog. */
export function tokenKeyOf(caller: ResolvedAccount, catalog: string | undefined, token: string | undefined): string {
  return `${caller.accountId}\u0000${catalog}\u0000${token}`;
}
