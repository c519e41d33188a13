/**
 * The model's catalog rule (tools/emulator/model.ts: sameCatalog, catalogKey) over real signed
 * HTTP: a catalog name ignores case in Get, List, Accept and the connection lookups, and another
 * catalog is still another catalog.
 */
import { PRIMARY_ACCOUNT_ID } from '../../tools/emulator/accounts';
import { invite, RECEIVER, start, stopEmulators } from '../support/emulator-accounts';

afterEach(stopEmulators);

describe('catalog names ignore case', () => {
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
