/**
 * The emulator as a whole (tools/emulator/server.ts) through the official client: the four
 * invitation operations round-trip with the SDK parsing every member, and what a test steers and
 * inspects (reset, ids, invitation(id), setStatus).
 */
import { CancelConnectionInvitationCommand, CreateConnectionInvitationCommand, GetConnectionInvitationCommand, ListConnectionInvitationsCommand, ValidationException } from '@aws-sdk/client-partnercentral-account';
import { INVITATION_LIFETIME_MS } from '../../tools/emulator/model';
import { client, CREATE, failure, manualClock, start, stopEmulators, T0 } from '../support/emulator-sdk';

afterEach(stopEmulators);

describe('operations through the official client', () => {
  test('Create, Get, List and Cancel round-trip with the SDK parsing every member', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.now, inviter: { email: 'me@example.com', name: 'Me' } });
    const pc = client(emulator);

    const created = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    expect(created.$metadata.httpStatusCode).toBe(200);
    // the members a summary in ListConnectionInvitations carries too
    const summaryMembers = {
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      CreatedAt: new Date(T0),
      UpdatedAt: new Date(T0),
      ExpiresAt: new Date(T0 + INVITATION_LIFETIME_MS),
      OtherParticipantIdentifier: 'pprofile-0123456789abc',
      ParticipantType: 'SENDER',
      Status: 'PENDING',
    };
    expect(created).toMatchObject({
      Catalog: 'Sandbox',
      Id: expect.stringMatching(/^pacinv-[A-Za-z0-9]{13}$/),
      ...summaryMembers,
      InvitationMessage: 'Let us co-sell on opportunities.',
      InviterEmail: 'me@example.com',
      InviterName: 'Me',
    });
    expect(created.Arn).toBe(`arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/${created.Id}`);
    expect(created.ConnectionId).toBeUndefined();

    const got = await pc.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: created.Id }));
    const { $metadata: _m1, ...gotMembers } = got;
    const { $metadata: _m2, ...createdMembers } = created;
    expect(gotMembers).toEqual(createdMembers);
    // The model's Identifier is an invitation id: an ARN is a validation error.
    const byArn = await failure(pc.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: created.Arn })));
    expect((byArn as ValidationException).ErrorDetails).toEqual([{ FieldValidationError: expect.objectContaining({ Name: 'Identifier' }) }]);

    const listed = await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
    expect(listed.ConnectionInvitationSummaries).toEqual([{
      Catalog: 'Sandbox',
      Id: created.Id,
      Arn: created.Arn,
      ...summaryMembers,
    }]);
    expect(listed.NextToken).toBeUndefined();

    clock.advance(60_000);
    const canceled = await pc.send(new CancelConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: created.Id, ClientToken: 'cancel-1' }));
    expect(canceled).toMatchObject({ Id: created.Id, Status: 'CANCELED', CreatedAt: new Date(T0), UpdatedAt: new Date(T0 + 60_000) });
    expect(emulator.invitations()).toEqual([expect.objectContaining({ Id: created.Id, Status: 'CANCELED', UpdatedAt: new Date(T0 + 60_000).toISOString() })]);
    expect(emulator.countCalls()).toBe(5);
    expect(emulator.countCalls('CreateConnectionInvitation')).toBe(1);
    expect(emulator.calls.every((c) => c.signatureValid)).toBe(true);
    // Only the Get by ARN was refused.
    expect(emulator.calls.filter((c) => c.status !== 200).map((c) => [c.operation, c.status])).toEqual([['GetConnectionInvitation', 400]]);
  });

  test('ids are deterministic: a fresh emulator (or a reset one) hands out the same sequence', async () => {
    const a = await start();
    const b = await start();
    const idA = (await client(a).send(new CreateConnectionInvitationCommand(CREATE))).Id;
    const idB = (await client(b).send(new CreateConnectionInvitationCommand(CREATE))).Id;
    expect(idA).toBe(idB);
    a.reset();
    expect(a.invitations()).toEqual([]);
    expect(a.calls).toEqual([]);
    expect((await client(a).send(new CreateConnectionInvitationCommand(CREATE))).Id).toBe(idA);
    const second = await client(a).send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 't2', ReceiverIdentifier: 'other' }));
    expect(second.Id).not.toBe(idA);
  });
});

describe('states', () => {
  test('invitation(id) is the entry of invitations() with that id, or undefined', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const first = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    const second = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'token-2', ReceiverIdentifier: 'pprofile-other00000000' }));
    emulator.setStatus(first.Id!, 'ACCEPTED');
    for (const id of [first.Id!, second.Id!]) {
      expect(emulator.invitation(id)).toEqual(emulator.invitations().find((i) => i.Id === id));
    }
    expect(emulator.invitation(first.Id!)?.Status).toBe('ACCEPTED');
    expect(emulator.invitation('pacinv-unknown0000000')).toBeUndefined();
  });

  test('setStatus rejects unknown ids', async () => {
    const emulator = await start();
    expect(() => emulator.setStatus('pacinv-AAAAAAAAAAAAA', 'ACCEPTED')).toThrow(/no connection invitation with id pacinv-AAAAAAAAAAAAA/);
  });
});
