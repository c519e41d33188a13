/**
 * ClientToken idempotency in the emulator (tools/emulator/client-tokens.ts): the same request
 * again gets the same invitation, another request with the token 409 CONFLICT_CLIENT_TOKEN, and a
 * token belongs to its catalog.
 */
import { CancelConnectionInvitationCommand, ConflictException, CreateConnectionInvitationCommand } from '@aws-sdk/client-partnercentral-account';
import { client, CREATE, failure, start, stopEmulators } from '../support/emulator-sdk';

afterEach(stopEmulators);

describe('idempotency and the duplicate rule', () => {
  test('the same ClientToken and input give the same invitation in its current state, without a new one', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const first = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    const again = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    expect(again.Id).toBe(first.Id);
    expect(again.$metadata.httpStatusCode).toBe(200);
    await pc.send(new CancelConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: first.Id, ClientToken: 'c1' }));
    const afterCancel = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    expect(afterCancel).toMatchObject({ Id: first.Id, Status: 'CANCELED' });
    expect(emulator.invitations()).toHaveLength(1);
  });

  test('the same ClientToken with a different input is 409 CONFLICT_CLIENT_TOKEN', async () => {
    const emulator = await start();
    const pc = client(emulator);
    await pc.send(new CreateConnectionInvitationCommand(CREATE));
    const err = await failure(pc.send(new CreateConnectionInvitationCommand({ ...CREATE, Message: 'Another message' })));
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).Reason).toBe('CONFLICT_CLIENT_TOKEN');
    expect(err.$metadata.httpStatusCode).toBe(409);
  });

  test('a ClientToken is scoped to its catalog', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const a = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    const b = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, Catalog: 'AWS' }));
    expect(b.Id).not.toBe(a.Id);
  });
});
