/**
 * The quotas a create meets in the emulator (tools/emulator/quotas.ts): which one refuses it, in
 * the service's order, with its Reason; a quota not set is not enforced, and the counts that need
 * a scan are taken only when a quota asks for them.
 */
import { AWS_CATALOG_QUOTAS, quotaRefusal, type QuotaUsage } from '../../tools/emulator/quotas';

const PER_DAY = 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY';
const OPEN = 'LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION';
const ACTIVE = 'LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION';

function usage(today: number, open: number, active: number): QuotaUsage {
  return { today, open: () => open, active: () => active };
}

describe('quotaRefusal', () => {
  test('the AWS catalog quotas are the documented ones', () => {
    expect(AWS_CATALOG_QUOTAS).toEqual({ invitationsPerDay: 50, openInvitations: 1000, activeConnections: 1000 });
  });

  test.each([
    ['under every quota', usage(49, 999, 999), undefined],
    ['the daily count reached', usage(50, 0, 0), PER_DAY],
    ['the open invitations reached', usage(0, 1000, 0), OPEN],
    ['the active connections reached', usage(0, 0, 1000), ACTIVE],
    ['all reached: the daily count first', usage(50, 1000, 1000), PER_DAY],
    ['open and active reached: the open invitations first', usage(0, 1000, 1000), OPEN],
  ])('the AWS catalog, %s', (_title, u, reason) => {
    const refusal = quotaRefusal(AWS_CATALOG_QUOTAS, undefined, u);
    expect(refusal?.reason).toBe(reason);
    if (refusal) {
      expect(refusal.status).toBe(402);
      expect(refusal.errorName).toBe('ServiceQuotaExceededException');
    }
  });

  test('the refusals carry the service messages', () => {
    expect(quotaRefusal(AWS_CATALOG_QUOTAS, undefined, usage(50, 0, 0))?.message).toBe('The number of connection invitations per day has been exceeded');
    expect(quotaRefusal(AWS_CATALOG_QUOTAS, undefined, usage(0, 1000, 0))?.message).toBe('The number of open connection invitations has been exceeded');
    expect(quotaRefusal(AWS_CATALOG_QUOTAS, undefined, usage(0, 0, 1000))?.message).toBe('The number of active connections has been exceeded');
  });

  test('no quotas: nothing is refused, and nothing is counted', () => {
    const scans: string[] = [];
    const u: QuotaUsage = { today: 1e6, open: () => (scans.push('open'), 1e6), active: () => (scans.push('active'), 1e6) };
    expect(quotaRefusal({}, undefined, u)).toBeUndefined();
    expect(scans).toEqual([]);
  });

  test('the per-day option takes precedence over the catalog quota', () => {
    expect(quotaRefusal(AWS_CATALOG_QUOTAS, 3, usage(3, 0, 0))?.reason).toBe(PER_DAY);
    expect(quotaRefusal(AWS_CATALOG_QUOTAS, 100, usage(50, 0, 0))).toBeUndefined();
    expect(quotaRefusal({}, 1, usage(1, 0, 0))?.reason).toBe(PER_DAY);
  });

  test('a daily refusal counts neither open invitations nor connections', () => {
    const scans: string[] = [];
    const u: QuotaUsage = { today: 50, open: () => (scans.push('open'), 0), active: () => (scans.push('active'), 0) };
    expect(quotaRefusal(AWS_CATALOG_QUOTAS, undefined, u)?.reason).toBe(PER_DAY);
    expect(scans).toEqual([]);
  });

  test('only the quotas set are counted', () => {
    const scans: string[] = [];
    const u: QuotaUsage = { today: 0, open: () => (scans.push('open'), 0), active: () => (scans.push('active'), 5) };
    expect(quotaRefusal({ activeConnections: 5 }, undefined, u)?.reason).toBe(ACTIVE);
    expect(scans).toEqual(['active']);
  });
});
