/**
 * The accounts the emulator knows: each with its credentials, AWS account id, partner profile id
 * and the identity its invitations come from. A request acts as the account whose access key
 * signed it, so an invitation one account sends is received by another.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/). The
 * rules of an account id and a partner profile id come from src/api-constraints.ts, like the
 * field rules of ./validation.ts.
 */
import type { AcceptedCredential } from './sigv4-verify';
import { AWS_ACCOUNT_ID_PATTERN, PARTNER_PROFILE_ID_ALLOWED, PARTNER_PROFILE_ID_PATTERN } from '../../src/api-constraints';

/** One account of the emulated Partner Central. */
export interface EmulatorAccount {
  /** The 12-digit AWS account id. */
  readonly accountId: string;
  /** The partner profile id (`pprofile-` + 13 letters or digits). */
  readonly partnerProfileId: string;
  /** The access key id that acts as this account. */
  readonly accessKeyId: string;
  /** Its secret. */
  readonly secretAccessKey: string;
  /**
   * The session token requests must carry.
   *
   * @default - any non-empty token
   */
  readonly sessionToken?: string;
  /**
   * The identity the account's invitations come from (InviterEmail / InviterName).
   *
   * @default - the emulator's `inviter` for the primary account, a made-up one for the others
   */
  readonly inviter?: { readonly email: string; readonly name: string };
  /**
   * The company name the other side of a connection sees (`OtherParticipant`'s `Name`).
   *
   * @default - `Account <accountId>`
   */
  readonly displayName?: string;
}

/**
 * What the receiver of an invitation sees as its `OtherParticipantIdentifier`: the sender's AWS
 * account id or its partner profile id. The model does not say; the emulator assumes the
 * account id unless told otherwise.
 */
export type SenderIdentity = 'accountId' | 'partnerProfileId';

/** The primary account: the one `credentials` (and so `DEFAULT_CREDENTIALS`) act as. */
export const PRIMARY_ACCOUNT_ID = '111111111111';

/** The primary account's partner profile id. */
export const PRIMARY_PARTNER_PROFILE_ID = 'pprofile-PrimarySender1';

/** A known account, resolved: credentials and identity. */
export interface ResolvedAccount {
  readonly accountId: string;
  readonly partnerProfileId: string;
  readonly inviter: { readonly email: string; readonly name: string };
  readonly displayName: string;
}

/** Every account and the access keys that act as each. */
export interface AccountBook {
  /** The primary account first, then the others in the order given. */
  readonly accounts: readonly ResolvedAccount[];
  /** Access key id to the account it acts as. */
  readonly byAccessKey: ReadonlyMap<string, ResolvedAccount>;
  /** Access key id to what the verifier accepts. */
  readonly credentials: ReadonlyMap<string, AcceptedCredential>;
}

/**
 * Resolves the accounts: `primaryCredentials` act as the primary account (PRIMARY_ACCOUNT_ID,
 * PRIMARY_PARTNER_PROFILE_ID), each of `accounts` adds itself with its own access key. Throws on
 * a repeated account id, profile id or access key.
 *
 * @param primaryCredentials the `credentials` option, read into what the verifier accepts
 * @param primaryInviter the `inviter` option
 * @param accounts the `accounts` option
 */
export function accountBook(
  primaryCredentials: ReadonlyMap<string, AcceptedCredential>,
  primaryInviter: { readonly email: string; readonly name: string },
  accounts: readonly EmulatorAccount[],
): AccountBook {
  const primary: ResolvedAccount = {
    accountId: PRIMARY_ACCOUNT_ID,
    partnerProfileId: PRIMARY_PARTNER_PROFILE_ID,
    inviter: primaryInviter,
    displayName: 'Primary Sender',
  };
  const resolved: ResolvedAccount[] = [primary];
  const byAccessKey = new Map<string, ResolvedAccount>();
  const credentials = new Map<string, AcceptedCredential>();
  for (const [akid, cred] of primaryCredentials) {
    byAccessKey.set(akid, primary);
    credentials.set(akid, cred);
  }
  for (const a of accounts) {
    if (!AWS_ACCOUNT_ID_PATTERN.test(a.accountId)) throw new Error(`emulator account ${a.accountId}: the account id must be 12 digits`);
    if (!PARTNER_PROFILE_ID_PATTERN.test(a.partnerProfileId)) throw new Error(`emulator account ${a.accountId}: the partner profile id must be ${PARTNER_PROFILE_ID_ALLOWED}`);
    if (resolved.some((r) => r.accountId === a.accountId || r.partnerProfileId === a.partnerProfileId)) {
      throw new Error(`emulator account ${a.accountId}: account id or partner profile id already used`);
    }
    if (byAccessKey.has(a.accessKeyId)) throw new Error(`emulator account ${a.accountId}: access key ${a.accessKeyId} already acts as another account`);
    const r: ResolvedAccount = {
      accountId: a.accountId,
      partnerProfileId: a.partnerProfileId,
      inviter: a.inviter ?? { email: `partner-${a.accountId}@example.com`, name: `Partner ${a.accountId}` },
      displayName: a.displayName ?? `Account ${a.accountId}`,
    };
    resolved.push(r);
    byAccessKey.set(a.accessKeyId, r);
    credentials.set(a.accessKeyId, a.sessionToken === undefined
      ? { secretAccessKey: a.secretAccessKey }
      : { secretAccessKey: a.secretAccessKey, sessionToken: a.sessionToken });
  }
  return { accounts: resolved, byAccessKey, credentials };
}

/**
 * The access key id a request is signed with (the `Credential=` of its Authorization header, or
 * `X-Amz-Credential` of a presigned URL), undefined when there is none.
 */
export function accessKeyOf(authorization: string | undefined, url: string): string | undefined {
  const header = /Credential=([^/,\s]+)\//.exec(authorization ?? '');
  if (header) return header[1];
  const query = /[?&]X-Amz-Credential=([^&]+)/.exec(url);
  if (!query) return undefined;
  return decodeURIComponent(query[1]).split('/')[0];
}
