/**
 * The options of the emulator: credentials, clocks, the API's rules it applies, rate limit, log,
 * and the gate a test's scheduler holds requests at.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type { EmulatorAccount, SenderIdentity } from './accounts';
import type { Fault } from './faults';
import type { Operation } from './model';
import type { CatalogQuotas } from './quotas';
import type { RateLimit } from './rate-limit';
import type { AcceptedCredential } from './sigv4-verify';

/** Options of `PartnerCentralEmulator.start`. */
export interface EmulatorOptions {
  /**
   * TCP port on 127.0.0.1.
   *
   * @default 0 (a free port; read `endpoint`)
   */
  readonly port?: number;
  /**
   * Accepted credentials: access key id to secret, or to `{ secretAccessKey, sessionToken }` to
   * also pin the session token.
   *
   * @default DEFAULT_CREDENTIALS ({ AKIDEMULATOR: 'emulator-secret' })
   */
  readonly credentials?: Readonly<Record<string, string | AcceptedCredential>>;
  /**
   * Whether `x-amz-security-token` must be present and signed (Lambda's credentials are always
   * temporary, so the handler must send it).
   *
   * @default true
   */
  readonly requireSessionToken?: boolean;
  /**
   * The emulator's clock in epoch milliseconds: CreatedAt/UpdatedAt/ExpiresAt, expiry, the daily
   * quota and the rate-limit refill follow it, so a test can fix it or move it by days.
   *
   * @default Date.now
   */
  readonly clock?: () => number;
  /**
   * The clock the signature's `X-Amz-Date` must be within 15 minutes of. Separate from `clock`
   * because clients sign with the real time: a test that fixes or advances `clock` still gets
   * its requests accepted. Pass `clock` here to check skew against the emulated time.
   *
   * @default Date.now
   */
  readonly signatureClock?: () => number;
  /**
   * Whether a second PENDING invitation from the sender to the same receiver, catalog and
   * connection type is allowed (otherwise 409 ConflictException DUPLICATE_CONNECTION_INVITATION).
   *
   * @default false
   */
  readonly allowDuplicates?: boolean;
  /**
   * Creates per catalog in any 24 hours (a rolling window of the clock) before 402 ServiceQuotaExceededException
   * LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY, in every catalog (overrides the
   * daily member of `quotas`). Idempotent replays do not count.
   *
   * @default - what `quotas` says
   */
  readonly dailyLimit?: number;
  /**
   * The quotas a create meets, per catalog (its name ignoring case): invitations per day (a
   * rolling 24 hours), open (PENDING) invitations sent, active connections (the account's
   * connections, on either side, with an ACTIVE connection type, and its ACCEPTED
   * invitations to receivers the emulator does not know), each a 402
   * ServiceQuotaExceededException with its own Reason. Pass `{}` for none.
   *
   * @default { AWS: AWS_CATALOG_QUOTAS } (the AWS catalog's documented quotas; none in Sandbox)
   */
  readonly quotas?: Readonly<Record<string, CatalogQuotas>>;
  /**
   * Receiver ids that do not exist: creating an invitation to one gives 404
   * ResourceNotFoundException RECEIVER_PROFILE_NOT_FOUND.
   *
   * @default - every receiver exists
   */
  readonly missingReceivers?: readonly string[];
  /**
   * The sender identity answered as InviterEmail / InviterName.
   *
   * @default DEFAULT_INVITER
   */
  readonly inviter?: { readonly email: string; readonly name: string };
  /**
   * Accounts besides the primary one (account id PRIMARY_ACCOUNT_ID, partner profile id
   * PRIMARY_PARTNER_PROFILE_ID, the one `credentials` act as). A request acts as the account
   * whose access key signed it: an invitation the primary account sends with ReceiverIdentifier
   * = another account's partner profile id (OPPORTUNITY_COLLABORATION) or account id
   * (SUBSIDIARY) is that account's to accept or reject, and shows to it as RECEIVER.
   *
   * @default - only the primary account
   */
  readonly accounts?: readonly EmulatorAccount[];
  /**
   * What the receiver of an invitation sees as its `OtherParticipantIdentifier`: the sender's
   * AWS account id or its partner profile id (the model does not say which).
   *
   * @default 'accountId'
   */
  readonly senderIdentity?: SenderIdentity;
  /**
   * Rate limit over all authenticated requests; beyond it 429 ThrottlingException.
   *
   * @default - no limit
   */
  readonly rateLimit?: RateLimit;
  /**
   * Receives one line per request (method, operation, status, error name; never inputs, headers
   * or credentials).
   *
   * @default - nothing is logged
   */
  readonly log?: (line: string) => void;
  /**
   * Holds each authenticated request until the promise resolves, then applies the fault it
   * resolves with (instead of the queued ones), or none: a test's scheduler uses it to order
   * concurrent requests, give each its network latency, and choose its fault.
   *
   * @default - requests are processed as they arrive, with the queued faults
   */
  readonly gate?: (request: GatedRequest) => Promise<Fault | undefined>;
}

/** What `EmulatorOptions.gate` is told about a request. */
export interface GatedRequest {
  /** The operation. */
  readonly operation: Operation;
  /** The raw body as UTF-8. */
  readonly body: string;
}
