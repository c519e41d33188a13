/**
 * Get, List and Cancel of connection invitations as the emulator serves them
 * (tools/emulator/invitation-operations.ts): List's filters, pages and refusals, Cancel's states
 * and ClientToken, and the ids it does not find.
 */
import { CancelConnectionInvitationCommand, ConflictException, CreateConnectionInvitationCommand, GetConnectionInvitationCommand, ListConnectionInvitationsCommand, paginateListConnectionInvitations, ResourceNotFoundException, ValidationException } from '@aws-sdk/client-partnercentral-account';
import { client, CREATE, failure, start, stopEmulators } from '../support/emulator-sdk';

afterEach(stopEmulators);

describe('operations through the official client', () => {
  test('List filters and paginates with NextToken, through the SDK paginator', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: `t${i}`, ReceiverIdentifier: `pprofile-${i}` }));
      ids.push(r.Id!);
    }
    await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'sub', ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: '123456789012' }));
    await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, Catalog: 'AWS', ClientToken: 'aws' }));
    emulator.setStatus(ids[1], 'ACCEPTED');

    const pages: string[][] = [];
    for await (const page of paginateListConnectionInvitations({ client: pc, pageSize: 2 },
      { Catalog: 'Sandbox', ConnectionType: 'OPPORTUNITY_COLLABORATION' })) {
      pages.push(page.ConnectionInvitationSummaries!.map((s) => s.Id!));
    }
    expect(pages).toEqual([[ids[0], ids[1]], [ids[2], ids[3]], [ids[4]]]);

    const list = async (input: Record<string, unknown>) =>
      (await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox', ...input }))).ConnectionInvitationSummaries!;
    expect((await list({ Status: 'ACCEPTED' })).map((s) => [s.Id, s.ConnectionId])).toEqual([[ids[1], expect.stringMatching(/^pac-/)]]);
    expect((await list({ OtherParticipantIdentifiers: ['pprofile-3', 'pprofile-4'] })).map((s) => s.Id)).toEqual([ids[3], ids[4]]);
    expect((await list({ ConnectionType: 'SUBSIDIARY' }))).toHaveLength(1);
    expect((await list({ ParticipantType: 'RECEIVER' }))).toEqual([]);
    expect((await list({ ParticipantType: 'SENDER' }))).toHaveLength(6);
    expect((await list({ Catalog: 'AWS' }))).toHaveLength(1);
  });

  test.each([
    [{ MaxResults: 0 }, 'MaxResults'],
    [{ MaxResults: 101 }, 'MaxResults'],
    [{ Status: 'OPEN' }, 'Status'],
    [{ NextToken: 'not-a-token' }, 'NextToken'],
    [{ OtherParticipantIdentifiers: ['pprofile-a', 'pprofile-a'] }, 'OtherParticipantIdentifiers'],
  ])('List rejects %j', async (input, member) => {
    const emulator = await start();
    const err = await failure(client(emulator).send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox', ...input } as never)));
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as ValidationException).ErrorDetails).toEqual([{ FieldValidationError: expect.objectContaining({ Name: member }) }]);
  });

  test('a NextToken only continues the listing it came from', async () => {
    const emulator = await start({ allowDuplicates: true });
    const pc = client(emulator);
    for (let i = 0; i < 3; i++) await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: `t${i}` }));
    const first = await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox', MaxResults: 1 }));
    expect(first.NextToken).toBeDefined();
    const err = await failure(pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox', MaxResults: 1, Status: 'PENDING', NextToken: first.NextToken })));
    expect(err).toBeInstanceOf(ValidationException);
  });
});

describe('states', () => {
  test('only a PENDING invitation can be canceled; others give 409 INCOMPATIBLE_CONNECTION_INVITATION_STATE', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const inv = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    emulator.setStatus(inv.Id!, 'ACCEPTED');
    const accepted = await pc.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: inv.Id }));
    expect(accepted.ConnectionId).toMatch(/^pac-[A-Za-z0-9]{13}$/);
    const err = await failure(pc.send(new CancelConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: inv.Id, ClientToken: 'c1' })));
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).Reason).toBe('INCOMPATIBLE_CONNECTION_INVITATION_STATE');
    expect(emulator.invitations()[0].Status).toBe('ACCEPTED');
  });

  test('Cancel honours its own ClientToken: a replay answers 200 with the canceled invitation', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const a = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    const b = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 't-b', ReceiverIdentifier: 'pprofile-b' }));
    const cancel = { Catalog: 'Sandbox', Identifier: a.Id, ClientToken: 'cancel-a' };
    await pc.send(new CancelConnectionInvitationCommand(cancel));
    const replay = await pc.send(new CancelConnectionInvitationCommand(cancel));
    expect(replay).toMatchObject({ Id: a.Id, Status: 'CANCELED' });
    // Without the token, a second cancel is a state conflict.
    const err = await failure(pc.send(new CancelConnectionInvitationCommand({ ...cancel, ClientToken: 'fresh' })));
    expect((err as ConflictException).Reason).toBe('INCOMPATIBLE_CONNECTION_INVITATION_STATE');
    // The same token for another invitation is a token conflict.
    const err2 = await failure(pc.send(new CancelConnectionInvitationCommand({ ...cancel, Identifier: b.Id })));
    expect((err2 as ConflictException).Reason).toBe('CONFLICT_CLIENT_TOKEN');
  });

  test('unknown ids, or ids of another catalog, are 404 CONNECTION_INVITATION_NOT_FOUND', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const inv = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    for (const cmd of [
      new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: 'pacinv-AAAAAAAAAAAAA' }),
      new GetConnectionInvitationCommand({ Catalog: 'AWS', Identifier: inv.Id }),
      new CancelConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: 'pacinv-AAAAAAAAAAAAA', ClientToken: 'x' }),
    ]) {
      const err = await failure(pc.send(cmd as never));
      expect(err).toBeInstanceOf(ResourceNotFoundException);
      expect((err as ResourceNotFoundException).Reason).toBe('CONNECTION_INVITATION_NOT_FOUND');
      expect(err.$metadata.httpStatusCode).toBe(404);
    }
  });
});
