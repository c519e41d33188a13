/**
 * An invitation as the emulator stores it and answers it (tools/emulator/invitation-record.ts):
 * its wire shape (ISO-8601 timestamps, no null members) and its expiry.
 */
import { CreateConnectionInvitationCommand, GetConnectionInvitationCommand } from '@aws-sdk/client-partnercentral-account';
import { INVITATION_LIFETIME_MS } from '../../tools/emulator/model';
import { client, CREATE, manualClock, start, stopEmulators, T0 } from '../support/emulator-sdk';
import { rawCall } from '../support/signed-http';

afterEach(stopEmulators);

describe('operations through the official client', () => {
  test('responses are the wire format the SDK expects: ISO-8601 timestamps, no null members', async () => {
    const emulator = await start({ clock: () => T0 });
    const answer = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.CreateConnectionInvitation', body: CREATE });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.json).toMatchObject({ CreatedAt: '2026-01-15T10:00:00.000Z', ExpiresAt: '2026-01-30T10:00:00.000Z' });
    expect(answer.json).not.toHaveProperty('ConnectionId');
    expect(Object.values(answer.json!)).not.toContain(null);
  });
});

describe('states', () => {
  test('a PENDING invitation expires when the clock passes ExpiresAt', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.now });
    const pc = client(emulator);
    const inv = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    clock.advance(INVITATION_LIFETIME_MS - 1);
    expect((await pc.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: inv.Id }))).Status).toBe('PENDING');
    clock.advance(1);
    const expired = await pc.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: inv.Id }));
    expect(expired).toMatchObject({ Status: 'EXPIRED', UpdatedAt: inv.ExpiresAt });
    // An expired invitation no longer blocks a new one to the same receiver.
    await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'later' }));
  });
});
