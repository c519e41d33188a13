/**
 * The quotas a create meets in the emulator (tools/emulator/quotas.ts): which one refuses it, in
 * the service's order, with its Reason; a quota not set is not enforced, and the counts that need
 * a scan are taken only when a quota asks for them. Then over real signed HTTP: the
 * active-connections quota counts the account's connections (on either side) with an ACTIVE
 * connection type, so CancelConnection frees a place; every spelling of a catalog shares its
 * quotas; the per-day quota is a rolling 24 hours, not a UTC calendar day.
 */
import { AWS_DAILY_INVITATION_QUOTA } from '../../src/api-constraints';
import { PRIMARY_ACCOUNT_ID } from '../../tools/emulator/accounts';
import { AWS_CATALOG_QUOTAS, quotaRefusal, type QuotaUsage } from '../../tools/emulator/quotas';
import { invite, OTHER, RECEIVER, start, stopEmulators } from '../support/emulator-accounts';

const PER_DAY = 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY';
const OPEN = 'LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION';
const ACTIVE = 'LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION';
const HOUR = 60 * 60 * 1000;

function usage(today: number, open: number, active: number): QuotaUsage {
  return { today, open: () => open, active: () => active };
}

describe('quotaRefusal', () => {
  test('the AWS catalog quotas are the documented ones', () => {
    expect(AWS_CATALOG_QUOTAS).toEqual({ invitationsPerDay: 50, openInvitations: 1000, activeConnections: 1000 });
  });

  test('the emulator\'s daily quota is the library\'s (its own copy, held equal)', () => {
    expect(AWS_CATALOG_QUOTAS.invitationsPerDay).toBe(AWS_DAILY_INVITATION_QUOTA);
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

afterEach(stopEmulators);

describe('the active-connections quota', () => {
  test('counts the connections with an ACTIVE type on either side, and CancelConnection frees a place', async () => {
    const emulator = await start({ quotas: { Sandbox: { activeConnections: 1 } } });
    const sent = await invite(emulator, PRIMARY_ACCOUNT_ID, RECEIVER.accountId, 'Sandbox', 't-1');
    const accepted = await emulator.as(RECEIVER.accountId).accept('Sandbox', sent.id);
    const connectionId = (accepted.body.Connection as Record<string, unknown>).Id as string;

    // The sender and the receiver each have one active connection now: both are at the quota.
    expect(await invite(emulator, PRIMARY_ACCOUNT_ID, OTHER.accountId, 'Sandbox', 't-2'))
      .toMatchObject({ status: 402, reason: 'LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION' });
    expect(await invite(emulator, RECEIVER.accountId, OTHER.accountId, 'Sandbox', 't-3'))
      .toMatchObject({ status: 402, reason: 'LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION' });
    // A third account, with no connection, is not.
    expect((await invite(emulator, OTHER.accountId, PRIMARY_ACCOUNT_ID, 'Sandbox', 't-4')).status).toBe(200);

    const canceled = await emulator.as(PRIMARY_ACCOUNT_ID).call('CancelConnection', {
      Catalog: 'Sandbox', Identifier: connectionId, ConnectionType: 'SUBSIDIARY', Reason: 'Ended.', ClientToken: 'cancel-1',
    });
    expect(canceled.status).toBe(200);
    // The invitation stays ACCEPTED, but the connection is no longer active: both may invite again.
    expect(emulator.invitation(sent.id)?.Status).toBe('ACCEPTED');
    expect((await invite(emulator, PRIMARY_ACCOUNT_ID, OTHER.accountId, 'Sandbox', 't-2')).status).toBe(200);
    expect((await invite(emulator, RECEIVER.accountId, OTHER.accountId, 'Sandbox', 't-3')).status).toBe(200);
  });
});

describe('catalog names ignore case', () => {
  test('in the quotas: every spelling of a catalog shares its quotas and its daily count', async () => {
    const emulator = await start({ quotas: { AWS: { invitationsPerDay: 2 } } });
    expect((await invite(emulator, PRIMARY_ACCOUNT_ID, RECEIVER.accountId, 'aws', 't-1')).status).toBe(200);
    expect((await invite(emulator, PRIMARY_ACCOUNT_ID, OTHER.accountId, 'Aws', 't-2')).status).toBe(200);
    expect(await invite(emulator, PRIMARY_ACCOUNT_ID, '444444444444', 'AWS', 't-3'))
      .toMatchObject({ status: 402, reason: 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY' });
    expect((await invite(emulator, PRIMARY_ACCOUNT_ID, '444444444444', 'Sandbox', 't-3')).status).toBe(200);
  });
});

describe('the per-day quota', () => {
  test('is a rolling 24 hours: a create counts until 24 hours after it, across midnight UTC', async () => {
    let now = Date.UTC(2026, 0, 15, 23, 0, 0);
    const emulator = await start({ clock: () => now, quotas: { Sandbox: { invitationsPerDay: 1 } } });
    expect((await invite(emulator, PRIMARY_ACCOUNT_ID, RECEIVER.accountId, 'Sandbox', 't-1')).status).toBe(200);
    now += 2 * HOUR; // 01:00 UTC the next day
    expect(await invite(emulator, PRIMARY_ACCOUNT_ID, OTHER.accountId, 'Sandbox', 't-2'))
      .toMatchObject({ status: 402, reason: 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY' });
    now += 22 * HOUR - 1;
    expect((await invite(emulator, PRIMARY_ACCOUNT_ID, OTHER.accountId, 'Sandbox', 't-2')).status).toBe(402);
    now += 1; // 24 hours after the first create
    expect((await invite(emulator, PRIMARY_ACCOUNT_ID, OTHER.accountId, 'Sandbox', 't-2')).status).toBe(200);
  });
});
