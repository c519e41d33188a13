/**
 * CreateConnectionInvitation as the emulator serves it (tools/emulator/invitation-create.ts): the
 * SUBSIDIARY receiver rule, the duplicate PENDING invitation (an expired one no longer counts),
 * the missing receiver, and the daily limit.
 */
import { ConflictException, CreateConnectionInvitationCommand, ResourceNotFoundException, ServiceQuotaExceededException, ValidationException } from '@aws-sdk/client-partnercentral-account';
import { INVITATION_LIFETIME_MS } from '../../tools/emulator/model';
import { client, CREATE, DAY, failure, manualClock, start, stopEmulators } from '../support/emulator-sdk';

afterEach(stopEmulators);

describe('validation', () => {
  test('SUBSIDIARY to something other than a 12-digit account id is BUSINESS_VALIDATION_FAILED', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const err = await failure(pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ConnectionType: 'SUBSIDIARY' })));
    expect(err).toBeInstanceOf(ValidationException);
    expect((err as ValidationException).Reason).toBe('BUSINESS_VALIDATION_FAILED');
    expect((err as ValidationException).ErrorDetails).toEqual([
      { BusinessValidationError: { Message: expect.stringMatching(/12-digit AWS account id/), Code: 'INCOMPATIBLE_CONNECTION_INVITATION_REQUEST' } },
    ]);
    const ok = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: '123456789012' }));
    expect(ok.Status).toBe('PENDING');
  });
});

describe('idempotency and the duplicate rule', () => {
  test('a second PENDING invitation to the same receiver is 409 DUPLICATE_CONNECTION_INVITATION, unless allowed', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const first = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    const err = await failure(pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'token-2' })));
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).Reason).toBe('DUPLICATE_CONNECTION_INVITATION');
    // Another connection type or catalog is not a duplicate.
    await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'token-3', Catalog: 'AWS' }));
    // Once the first is no longer PENDING, a new one may be sent.
    emulator.setStatus(first.Id!, 'REJECTED');
    const second = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'token-2' }));
    expect(second.Status).toBe('PENDING');

    const lenient = await start({ allowDuplicates: true });
    const pc2 = client(lenient);
    await pc2.send(new CreateConnectionInvitationCommand(CREATE));
    await pc2.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'token-2' }));
    expect(lenient.invitations()).toHaveLength(2);
  });
});

describe('states', () => {
  test('an invitation that expired unread does not block a new one to its receiver; others still do', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.now });
    const pc = client(emulator);
    const old = await pc.send(new CreateConnectionInvitationCommand(CREATE));
    clock.advance(INVITATION_LIFETIME_MS);
    const other = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'other', ReceiverIdentifier: 'pprofile-other00000000' }));
    // Nothing read the first one since it expired: the create itself finds it expired.
    const renewed = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'renewed' }));
    expect(renewed.Status).toBe('PENDING');
    expect(emulator.invitation(old.Id!)).toMatchObject({ Status: 'EXPIRED', UpdatedAt: old.ExpiresAt!.toISOString() });
    const err = await failure(pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 'again', ReceiverIdentifier: 'pprofile-other00000000' })));
    expect((err as ConflictException).Reason).toBe('DUPLICATE_CONNECTION_INVITATION');
    expect(emulator.invitation(other.Id!)?.Status).toBe('PENDING');
  });

  test('a missing receiver is 404 RECEIVER_PROFILE_NOT_FOUND', async () => {
    const emulator = await start({ missingReceivers: ['pprofile-gone'] });
    const err = await failure(client(emulator).send(new CreateConnectionInvitationCommand({ ...CREATE, ReceiverIdentifier: 'pprofile-gone' })));
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect((err as ResourceNotFoundException).Reason).toBe('RECEIVER_PROFILE_NOT_FOUND');
  });

  test('the daily limit gives 402 ServiceQuotaExceededException per catalog and day; replays do not count', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.now, dailyLimit: 2, allowDuplicates: true });
    const pc = client(emulator);
    await pc.send(new CreateConnectionInvitationCommand(CREATE));
    await pc.send(new CreateConnectionInvitationCommand(CREATE));
    await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 't2' }));
    const err = await failure(pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 't3' })));
    expect(err).toBeInstanceOf(ServiceQuotaExceededException);
    expect((err as ServiceQuotaExceededException).Reason).toBe('LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY');
    expect(err.$metadata.httpStatusCode).toBe(402);
    await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, Catalog: 'AWS', ClientToken: 't3' }));
    clock.advance(DAY);
    await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ClientToken: 't3' }));
    expect(emulator.invitations()).toHaveLength(4);
  });
});
