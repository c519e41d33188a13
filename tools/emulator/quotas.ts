/**
 * The quotas a create can meet in the emulator, and which one refuses it: the daily count, the
 * open invitations and the active connections of one catalog, each with the service's Reason.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 * It keeps its own copy of the documented numbers on purpose (AWS_CATALOG_QUOTAS): the daily
 * quota is also AWS_DAILY_INVITATION_QUOTA of src/api-constraints.ts, which the library and the
 * handler state, and test/emulator/quotas.test.ts holds the two equal.
 */
import { catalogKey } from './model';
import { ServiceError } from './service-error';

/** The quotas of one catalog a create can meet; an absent member is not enforced. */
export interface CatalogQuotas {
  /** Creates in the last 24 hours, a rolling window (LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY). */
  readonly invitationsPerDay?: number;
  /** PENDING invitations sent (LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION). */
  readonly openInvitations?: number;
  /**
   * Connections with an ACTIVE connection type, the account on either side, and ACCEPTED
   * invitations to receivers the emulator does not know (LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION).
   */
  readonly activeConnections?: number;
}

/**
 * The AWS catalog's documented quotas (Partner Central's quota page): 50 connection invitations
 * per day, 1,000 open invitations, 1,000 active connections. The Sandbox catalog's are not
 * documented: the emulator enforces none there unless told to.
 */
export const AWS_CATALOG_QUOTAS: CatalogQuotas = { invitationsPerDay: 50, openInvitations: 1000, activeConnections: 1000 };

/** The quotas of a catalog, its name compared ignoring case (catalog names ignore case); none when it is not named. */
export function quotasOf(quotas: Readonly<Record<string, CatalogQuotas>>, catalog: string): CatalogQuotas {
  const key = catalogKey(catalog);
  const name = Object.keys(quotas).find((k) => catalogKey(k) === key);
  return name === undefined ? {} : quotas[name];
}

/** What a create is measured against; the counts that need a scan are computed only when a quota asks. */
export interface QuotaUsage {
  /** Creates in the catalog in the last 24 hours. */
  readonly today: number;
  /** PENDING invitations sent in the catalog. */
  readonly open: () => number;
  /** The account's connections in the catalog with an ACTIVE connection type. */
  readonly active: () => number;
}

/**
 * The refusal a create meets, in the order the service checks them, or undefined when it may go.
 *
 * @param quotas the catalog's quotas
 * @param dailyLimit the emulator's older per-day option, which takes precedence over `quotas`
 * @param usage the catalog's usage
 */
export function quotaRefusal(quotas: CatalogQuotas, dailyLimit: number | undefined, usage: QuotaUsage): ServiceError | undefined {
  const perDay = dailyLimit ?? quotas.invitationsPerDay;
  if (perDay !== undefined && usage.today >= perDay) {
    return new ServiceError(402, 'ServiceQuotaExceededException',
      'The number of connection invitations per day has been exceeded', 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY');
  }
  if (quotas.openInvitations !== undefined && usage.open() >= quotas.openInvitations) {
    return new ServiceError(402, 'ServiceQuotaExceededException',
      'The number of open connection invitations has been exceeded', 'LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION');
  }
  if (quotas.activeConnections !== undefined && usage.active() >= quotas.activeConnections) {
    return new ServiceError(402, 'ServiceQuotaExceededException',
      'The number of active connections has been exceeded', 'LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION');
  }
  return undefined;
}
