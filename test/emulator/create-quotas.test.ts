/**
 * The quotas a create meets in the emulator, over real signed HTTP: the active-connections quota
 * counts the account's connections (on either side) with an ACTIVE connection type, so
 * CancelConnection frees a place; catalog names ignore case for the quotas and the lookups; the
 * per-day quota is a rolling 24 hours, not a UTC calendar day.
 */
import type { EmulatorAccount } from '../../tools/emulator/accounts';
import { PRIMARY_ACCOUNT_ID } from '../../tools/emulator/accounts';
import type { EmulatorOptions } from '../../tools/emulator/options';
import { PartnerCentralEmulator } from '../../tools/emulator/server';

const RECEIVER: EmulatorAccount = {
  accountId: '222222222222', partnerProfileId: 'pprofile-Receiver00001', accessKeyId: 'AKIDRECEIVER', secretAccessKey: 'receiver-secret',
};
const OTHER: EmulatorAccount = {
  accountId: '333333333333', partnerProfileId: 'pprofile-Other00000001', accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret',
};
const HOUR = 60 * 60 * 1000;

const started: PartnerCentralEmulator[] = [];
async function start(options: EmulatorOptions): Promise<PartnerCentralEmulator> {
  const e = await PartnerCentralEmulator.start({ accounts: [RECEIVER, OTHER], ...options });
  started.push(e);
  return e;
}
afterEach(async () => Promise.all(started.splice(0).map((e) => e.stop())));

/** Creates a SUBSIDIARY invitation from `from` to `to`; resolves with the status and Reason. */
async function invite(emulator: PartnerCentralEmulator, from: string, to: string, catalog: string, token: string) {
  const answer = await emulator.as(from).call('CreateConnectionInvitation', {
    Catalog: catalog,
    ClientToken: token,
    ConnectionType: 'SUBSIDIARY',
    ReceiverIdentifier: to,
    Email: 'alliances@example.com',
    Message: 'Let us work together.',
    Name: 'Pat Example',
  });
  return { status: answer.status, reason: answer.body.Reason, id: answer.body.Id as string };
}

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

  test('in Get, List, Accept and the connection lookups', async () => {
    const emulator = await start({ quotas: {} });
    const sender = emulator.as(PRIMARY_ACCOUNT_ID);
    const sent = await invite(emulator, PRIMARY_ACCOUNT_ID, RECEIVER.accountId, 'Sandbox', 't-1');
    const got = await sender.call('GetConnectionInvitation', { Catalog: 'SANDBOX', Identifier: sent.id });
    expect([got.status, got.body.Id]).toEqual([200, sent.id]);
    const listed = await sender.call('ListConnectionInvitations', { Catalog: 'sandbox' });
    expect((listed.body.ConnectionInvitationSummaries as { Id: string }[]).map((s) => s.Id)).toEqual([sent.id]);
    const accepted = await emulator.as(RECEIVER.accountId).accept('sandBox', sent.id);
    expect(accepted.status).toBe(200);
    const connectionId = (accepted.body.Connection as Record<string, unknown>).Id as string;
    const connection = await sender.call('GetConnection', { Catalog: 'SandBox', Identifier: connectionId });
    expect([connection.status, connection.body.Id]).toEqual([200, connectionId]);
    const connections = await sender.call('ListConnections', { Catalog: 'SANDBOX' });
    expect((connections.body.ConnectionSummaries as { Id: string }[]).map((c) => c.Id)).toEqual([connectionId]);
    // Another catalog is still another catalog.
    expect((await sender.call('GetConnectionInvitation', { Catalog: 'AWS', Identifier: sent.id })).status).toBe(404);
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
