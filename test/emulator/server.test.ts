import {
  CancelConnectionInvitationCommand,
  ConflictException,
  CreateConnectionInvitationCommand,
  CreateConnectionInvitationCommandInput,
  GetConnectionInvitationCommand,
  InternalServerException,
  ListConnectionInvitationsCommand,
  paginateListConnectionInvitations,
  PartnerCentralAccountClient,
  PartnerCentralAccountServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-partnercentral-account';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../tools/emulator/credentials';
import type { RawFault } from '../../tools/emulator/faults';
import { INVITATION_LIFETIME_MS, THROTTLING_QUOTA_CODE, THROTTLING_SERVICE_CODE } from '../../tools/emulator/model';
import type { EmulatorOptions } from '../../tools/emulator/options';
import { PartnerCentralEmulator } from '../../tools/emulator/server';
import { emulatorClient, serializeWithSdk, TEST_CREDENTIALS } from '../support/sdk-wire';
import { rawCall } from '../support/signed-http';

const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

/** A clock the test moves by hand. */
function manualClock(from = T0) {
  let now = from;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

const CREATE: CreateConnectionInvitationCommandInput = {
  Catalog: 'Sandbox',
  ClientToken: 'token-1',
  ConnectionType: 'OPPORTUNITY_COLLABORATION',
  Email: 'alliances@example.com',
  Message: 'Let us co-sell on opportunities.',
  Name: 'Pat Example',
  ReceiverIdentifier: 'pprofile-0123456789abc',
};

const started: PartnerCentralEmulator[] = [];
async function start(options: EmulatorOptions = {}): Promise<PartnerCentralEmulator> {
  const e = await PartnerCentralEmulator.start(options);
  started.push(e);
  return e;
}
const clients: PartnerCentralAccountClient[] = [];
function client(emulator: PartnerCentralEmulator, overrides: Parameters<typeof emulatorClient>[1] = {}) {
  const c = emulatorClient(emulator, overrides);
  clients.push(c);
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(started.splice(0).map((e) => e.stop()));
});

/** Runs a call that must fail and returns the SDK's exception. */
async function failure(p: Promise<unknown>): Promise<PartnerCentralAccountServiceException> {
  try {
    await p;
  } catch (err) {
    return err as PartnerCentralAccountServiceException;
  }
  throw new Error('expected the call to fail');
}

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

describe('validation', () => {
  test('invalid members give ValidationException REQUEST_VALIDATION_FAILED naming each member, without echoing values', async () => {
    const emulator = await start();
    const err = await failure(client(emulator).send(new CreateConnectionInvitationCommand({
      ...CREATE,
      Email: 'not-an-email',
      Name: 'tab\there',
      Message: 'x'.repeat(257),
      Catalog: 'bad catalog',
    })));
    expect(err).toBeInstanceOf(ValidationException);
    const v = err as ValidationException;
    expect(v.$metadata.httpStatusCode).toBe(400);
    expect(v.$fault).toBe('client');
    expect(v.Reason).toBe('REQUEST_VALIDATION_FAILED');
    expect(v.ErrorDetails).toEqual([
      { FieldValidationError: { Name: 'Catalog', Message: expect.stringMatching(/letters, digits and hyphens/), Code: 'INVALID_STRING_FORMAT' } },
      { FieldValidationError: { Name: 'Email', Message: expect.stringMatching(/valid e-mail/), Code: 'INVALID_STRING_FORMAT' } },
      { FieldValidationError: { Name: 'Message', Message: expect.stringMatching(/1 to 256 characters long \(got 257\)/), Code: 'INVALID_VALUE' } },
      { FieldValidationError: { Name: 'Name', Message: expect.stringMatching(/printable characters/), Code: 'INVALID_STRING_FORMAT' } },
    ]);
    expect(v.message).toMatch(/^Request validation failed: /);
    expect(JSON.stringify(v)).not.toMatch(/not-an-email|tab\\there/);
    expect(emulator.invitations()).toEqual([]);
  });

  test('missing required members are REQUIRED_FIELD_MISSING, an unknown ConnectionType INVALID_ENUM_VALUE', async () => {
    const emulator = await start();
    const { Email: _e, Name: _n, ...rest } = CREATE;
    const err = await failure(client(emulator).send(new CreateConnectionInvitationCommand({ ...rest, ConnectionType: 'RESELLER' } as never)));
    expect((err as ValidationException).ErrorDetails).toEqual([
      { FieldValidationError: { Name: 'ConnectionType', Message: expect.any(String), Code: 'INVALID_ENUM_VALUE' } },
      { FieldValidationError: { Name: 'Email', Message: 'Email is required', Code: 'REQUIRED_FIELD_MISSING' } },
      { FieldValidationError: { Name: 'Name', Message: 'Name is required', Code: 'REQUIRED_FIELD_MISSING' } },
    ]);
  });

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

  test('Get and Cancel validate the Identifier', async () => {
    const emulator = await start();
    const pc = client(emulator);
    for (const cmd of [
      new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: 'inv-123' }),
      new CancelConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: 'pacinv-short', ClientToken: 'c' }),
    ]) {
      const err = await failure(pc.send(cmd as never));
      expect((err as ValidationException).ErrorDetails).toEqual([
        { FieldValidationError: { Name: 'Identifier', Message: expect.any(String), Code: 'INVALID_STRING_FORMAT' } },
      ]);
    }
  });
});

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

  test('ClientToken is required on Create and Cancel: the official client fills one in, a request without it is a field error', async () => {
    const emulator = await start();
    const pc = client(emulator);
    const { ClientToken: _t, ...untokened } = CREATE;
    // The SDK fills in an idempotency token (a UUID) when the caller leaves it out.
    const created = await pc.send(new CreateConnectionInvitationCommand(untokened));
    const canceled = await pc.send(new CancelConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: created.Id }));
    expect(canceled.Status).toBe('CANCELED');

    const missing = [{ FieldValidationError: { Name: 'ClientToken', Message: 'ClientToken is required', Code: 'REQUIRED_FIELD_MISSING' } }];
    const validation = expect.stringMatching(/ValidationException$/);
    const createBody = { ...untokened, ReceiverIdentifier: 'pprofile-other00000000' };
    const create = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.CreateConnectionInvitation', body: createBody });
    expect(create.status).toBe(400);
    expect(create.json).toMatchObject({ __type: validation, Reason: 'REQUEST_VALIDATION_FAILED', ErrorDetails: missing });
    expect(emulator.invitations()).toHaveLength(1);

    const second = await pc.send(new CreateConnectionInvitationCommand({ ...CREATE, ReceiverIdentifier: 'pprofile-other00000000' }));
    const cancelBody = { Catalog: 'Sandbox', Identifier: second.Id };
    const cancel = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.CancelConnectionInvitation', body: cancelBody });
    expect(cancel.status).toBe(400);
    expect(cancel.json).toMatchObject({ __type: validation, ErrorDetails: missing });
    expect(emulator.invitations().find((i) => i.Id === second.Id)?.Status).toBe('PENDING');
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

describe('authentication', () => {
  test.each<[string, Parameters<typeof emulatorClient>[1], string, RegExp]>([
    ['a wrong secret', { credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' } }, 'InvalidSignatureException', /signature does not match/],
    ['an unknown access key', { credentials: { ...TEST_CREDENTIALS, accessKeyId: 'AKIDOTHER' } }, 'UnrecognizedClientException', /access key id is not one the verifier knows/],
    ['a missing session token', { credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY } },
      'UnrecognizedClientException', /no session token/],
    ['another signing region', { region: 'eu-west-1' }, 'InvalidSignatureException', /region 'eu-west-1', expected 'us-east-1'/],
    ['another signing name', { signingName: 'partnercentral' } as never, 'InvalidSignatureException', /service 'partnercentral', expected 'partnercentral-account'/],
  ])('%s is a 403 the SDK reports by name', async (_name, overrides, errorName, reason) => {
    const emulator = await start();
    const err = await failure(client(emulator, overrides).send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' })));
    expect(err.name).toBe(errorName);
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toMatch(reason);
    expect(emulator.calls[0]).toMatchObject({ signatureValid: false, signatureReason: expect.stringMatching(reason), status: 403, errorName });
  });

  test('host must be signed', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { unsignedHeaders: ['host'] });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ __type: 'InvalidSignatureException', message: expect.stringMatching(/'host' header is not signed/) });
  });

  test('x-amz-date must be signed', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { unsignedHeaders: ['x-amz-date'] });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ __type: 'InvalidSignatureException', message: expect.stringMatching(/'x-amz-date' header is not signed/) });
  });

  test('UNSIGNED-PAYLOAD is refused: the body is always part of the signature', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ __type: 'InvalidSignatureException', message: expect.stringMatching(/x-amz-content-sha256 is UNSIGNED-PAYLOAD/) });
    expect(emulator.invitations()).toEqual([]);
  });

  test('a request without Authorization is 403 MissingAuthenticationTokenException', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { sign: false });
    expect(answer.status).toBe(403);
    expect(answer.json?.__type).toBe('MissingAuthenticationTokenException');
    expect(answer.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  test('a signature more than 15 minutes from the signature clock is refused', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { signingDate: new Date(Date.now() - 16 * 60_000) });
    expect(answer.status).toBe(403);
    expect(answer.json?.message).toMatch(/more than 15 minutes/);
    const fine = await rawCall(emulator.endpoint, { signingDate: new Date(Date.now() - 14 * 60_000) });
    expect(fine.status).toBe(200);
  });

  test('the state clock can be fixed in the past without breaking signatures; signatureClock opts into skew checks', async () => {
    const past = await start({ clock: () => Date.UTC(2020, 0, 1) });
    expect((await rawCall(past.endpoint)).status).toBe(200);
    const skewed = await start({ signatureClock: () => Date.UTC(2020, 0, 1) });
    expect((await rawCall(skewed.endpoint)).status).toBe(403);
  });

  test('a pinned session token must be the one sent', async () => {
    const emulator = await start({ credentials: { AKIDPIN: { secretAccessKey: 's', sessionToken: 'right' } } });
    const ok = await rawCall(emulator.endpoint, { credentials: { accessKeyId: 'AKIDPIN', secretAccessKey: 's', sessionToken: 'right' } });
    expect(ok.status).toBe(200);
    const wrong = await rawCall(emulator.endpoint, { credentials: { accessKeyId: 'AKIDPIN', secretAccessKey: 's', sessionToken: 'wrong' } });
    expect(wrong.status).toBe(403);
    expect(wrong.json?.__type).toBe('UnrecognizedClientException');
  });

  test('requireSessionToken: false accepts long-term credentials', async () => {
    const emulator = await start({ requireSessionToken: false });
    const r = await client(emulator, { credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY } })
      .send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
    expect(r.ConnectionInvitationSummaries).toEqual([]);
  });
});

describe('protocol checks', () => {
  test.each([
    ['a GET', { method: 'GET' }, 405, 'UnknownOperationException'],
    ['another path', { path: '/v1/invitations' }, 404, 'UnknownOperationException'],
    ['another content type', { headers: { 'content-type': 'application/json' } }, 400, 'SerializationException'],
    ['an unknown operation', { target: 'PartnerCentralAccount.CreatePartner' }, 400, 'UnknownOperationException'],
    ['another service prefix', { target: 'PartnerCentralSelling.ListConnectionInvitations' }, 400, 'UnknownOperationException'],
    ['a body that is not JSON', { body: '{"Catalog":' }, 400, 'SerializationException'],
    ['a JSON array body', { body: '[]' }, 400, 'SerializationException'],
  ])('%s is refused', async (_name, call, status, type) => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, call);
    expect(answer.status).toBe(status);
    expect(answer.json?.__type).toBe(type);
    expect(answer.headers['x-amzn-errortype']).toBe(type);
  });

  test('modeled errors carry a namespaced __type, Message and Reason, and an x-amzn-errortype with a suffix', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.GetConnectionInvitation', body: { Catalog: 'Sandbox', Identifier: 'pacinv-AAAAAAAAAAAAA' } });
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({
      __type: 'com.amazonaws.partnercentralaccount#ResourceNotFoundException',
      Message: 'The connection invitation was not found',
      Reason: 'CONNECTION_INVITATION_NOT_FOUND',
    });
    expect(answer.headers['x-amzn-errortype']).toBe('ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.partnercentralaccount/');
  });
});

describe('rate limit', () => {
  test('a burst beyond the bucket gets 429 ThrottlingException with ServiceCode and QuotaCode; time refills it', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.now, rateLimit: { ratePerSecond: 2, burst: 3 } });
    const pc = client(emulator);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const throttled = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as ThrottlingException);
    expect(throttled).toHaveLength(2);
    for (const t of throttled) {
      expect(t).toBeInstanceOf(ThrottlingException);
      expect(t.$metadata.httpStatusCode).toBe(429);
      expect(t.ServiceCode).toBe(THROTTLING_SERVICE_CODE);
      expect(t.QuotaCode).toBe(THROTTLING_QUOTA_CODE);
    }
    clock.advance(500);
    await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
    await expect(pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }))).rejects.toBeInstanceOf(ThrottlingException);
    emulator.setRateLimit(undefined);
    await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
  });
});

describe('faults', () => {
  test('an error fault answers with that API error before processing, then counts down', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'CreateConnectionInvitation', times: 2, error: { status: 500, name: 'InternalServerException', message: 'try later' } });
    const pc = client(emulator);
    await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
    for (let i = 0; i < 2; i++) {
      const err = await failure(pc.send(new CreateConnectionInvitationCommand(CREATE)));
      expect(err).toBeInstanceOf(InternalServerException);
      expect(err.$fault).toBe('server');
      expect(err.message).toBe('try later');
    }
    expect(emulator.invitations()).toEqual([]);
    await pc.send(new CreateConnectionInvitationCommand(CREATE));
    expect(emulator.calls.map((c) => [c.operation, c.status, c.fault])).toEqual([
      ['ListConnectionInvitations', 200, undefined],
      ['CreateConnectionInvitation', 500, 'error'],
      ['CreateConnectionInvitation', 500, 'error'],
      ['CreateConnectionInvitation', 200, undefined],
    ]);
  });

  test('the SDK retries an injected 500 and succeeds', async () => {
    const emulator = await start();
    emulator.inject({ error: { status: 500, name: 'InternalServerException' } });
    const r = await client(emulator, { maxAttempts: 3 }).send(new CreateConnectionInvitationCommand(CREATE));
    expect(r.$metadata.attempts).toBe(2);
    expect(emulator.countCalls('CreateConnectionInvitation')).toBe(2);
  });

  test('error faults carry Reason and extra members', async () => {
    const emulator = await start();
    emulator.inject({ error: { status: 429, name: 'ThrottlingException', extra: { ServiceCode: 'sc', QuotaCode: 'qc' } } });
    emulator.inject({ error: { status: 403, name: 'AccessDeniedException', reason: 'ACCESS_DENIED' } });
    const first = await rawCall(emulator.endpoint);
    expect(first.json).toEqual({ __type: 'com.amazonaws.partnercentralaccount#ThrottlingException', Message: 'Injected ThrottlingException', ServiceCode: 'sc', QuotaCode: 'qc' });
    const second = await rawCall(emulator.endpoint);
    expect(second.status).toBe(403);
    expect(second.json).toMatchObject({ Reason: 'ACCESS_DENIED' });
  });

  test('faults match by operation in FIFO order, and clearFaults drops them', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'GetConnectionInvitation', rawStatus: 503 });
    emulator.inject({ rawStatus: 502 });
    emulator.inject({ rawStatus: 504 });
    expect((await rawCall(emulator.endpoint)).status).toBe(502);
    expect((await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.GetConnectionInvitation', body: {} })).status).toBe(503);
    emulator.clearFaults();
    expect((await rawCall(emulator.endpoint)).status).toBe(200);
    expect(() => emulator.inject({ rawStatus: 500, times: 0 })).toThrow(/positive/);
  });

  test('a delay fault answers normally after the delay', async () => {
    const emulator = await start();
    emulator.inject({ delayMs: 250 });
    const answer = await rawCall(emulator.endpoint);
    expect(answer.status).toBe(200);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(240);
    expect(emulator.calls[0].fault).toBe('delay');
  });

  test('a reset fault drops the connection before anything happens', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'CreateConnectionInvitation', reset: true });
    const answer = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.CreateConnectionInvitation', body: CREATE });
    expect(answer.status).toBe(0);
    expect(answer.error).toBe('ECONNRESET');
    expect(emulator.invitations()).toEqual([]);
    expect(emulator.calls[0]).toMatchObject({ status: 0, fault: 'reset' });
  });

  test('a reset-after fault processes the request, then drops the connection: the create landed unheard', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
    const answer = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.CreateConnectionInvitation', body: CREATE });
    expect(answer.error).toBe('ECONNRESET');
    expect(emulator.invitations()).toHaveLength(1);
    expect(emulator.calls[0]).toMatchObject({ status: 0, fault: 'reset-after' });
    // The retry with the same ClientToken finds it.
    const retry = await client(emulator).send(new CreateConnectionInvitationCommand(CREATE));
    expect(retry.Id).toBe(emulator.invitations()[0].Id);
  });

  test('the SDK sees a reset as a network error', async () => {
    const emulator = await start();
    emulator.inject({ reset: true });
    const err = await failure(client(emulator).send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' })));
    expect(err.message).toMatch(/ECONNRESET/);
    expect(err.$metadata.httpStatusCode).toBeUndefined();
  });

  test('a hang fault never answers, and stop() still ends promptly', async () => {
    const emulator = await start();
    emulator.inject({ hang: true });
    const answer = await rawCall(emulator.endpoint, { timeoutMs: 300 });
    expect(answer.timedOut).toBe(true);
    expect(emulator.calls[0]).toMatchObject({ status: 0, fault: 'hang' });
    emulator.inject({ hang: true });
    const hung = rawCall(emulator.endpoint);
    while (emulator.calls.length < 2) await new Promise((r) => setTimeout(r, 10));
    const t = Date.now();
    await emulator.stop();
    expect(Date.now() - t).toBeLessThan(1_000);
    expect(await hung).toMatchObject({ status: 0, error: 'ECONNRESET' });
  });

  test.each<[string, RawFault, number, string]>([
    ['an HTML gateway page', { rawStatus: 502, rawBody: '<html><body>Bad Gateway</body></html>' }, 502, 'text/html'],
    ['a plain-text page', { rawStatus: 503, rawBody: 'Service Unavailable' }, 503, 'text/plain'],
    ['an empty body', { rawStatus: 504 }, 504, 'text/plain'],
  ])('a raw fault answers %s', async (_name, fault, status, contentType) => {
    const emulator = await start();
    emulator.inject(fault);
    const answer = await rawCall(emulator.endpoint);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe(contentType);
    expect(answer.body).toBe(fault.rawBody ?? '');
    expect(answer.json).toBeUndefined();
  });

  test('faults come after authentication: a bad signature is refused, the fault still waits', async () => {
    const emulator = await start();
    emulator.inject({ rawStatus: 502 });
    expect((await rawCall(emulator.endpoint, { credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'x' } })).status).toBe(403);
    expect((await rawCall(emulator.endpoint)).status).toBe(502);
  });
});

describe('observability', () => {
  test('calls record the parsed input and headers; the log says what happened without personal data', async () => {
    const lines: string[] = [];
    const emulator = await start({ log: (l) => lines.push(l) });
    await client(emulator).send(new CreateConnectionInvitationCommand(CREATE));
    await failure(client(emulator).send(new CreateConnectionInvitationCommand({ ...CREATE, Message: 'changed' })));
    expect(emulator.calls[0].input).toEqual(CREATE);
    expect(emulator.calls[0].headers['x-amz-target']).toBe('PartnerCentralAccount.CreateConnectionInvitation');
    expect(lines).toEqual([
      'POST CreateConnectionInvitation 200',
      'POST CreateConnectionInvitation 409 ConflictException CONFLICT_CLIENT_TOKEN',
    ]);
    expect(lines.join('\n')).not.toMatch(/example\.com|Pat|co-sell|AKID|secret/);
  });
});

describe('serializeWithSdk', () => {
  test('captures exactly what the SDK client puts on the wire', async () => {
    const emulator = await start();
    await client(emulator).send(new CreateConnectionInvitationCommand(CREATE));
    const wire = await serializeWithSdk('CreateConnectionInvitation', { ...CREATE });
    expect(wire.method).toBe('POST');
    expect(wire.path).toBe('/');
    expect(wire.body).toBe(emulator.calls[0].body);
    expect(wire.json).toEqual(CREATE);
    expect(wire.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(wire.headers['x-amz-target']).toBe('PartnerCentralAccount.CreateConnectionInvitation');
    expect(wire.headers['x-amz-security-token']).toBe(TEST_CREDENTIALS.sessionToken);
    expect(wire.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEMULATOR\/\d{8}\/us-east-1\/partnercentral-account\/aws4_request, SignedHeaders=.*host/);
  });

  test('serializes every operation', async () => {
    const get = await serializeWithSdk('GetConnectionInvitation', { Catalog: 'AWS', Identifier: 'pacinv-AAAAAAAAAAAAA' });
    expect(get.body).toBe('{"Catalog":"AWS","Identifier":"pacinv-AAAAAAAAAAAAA"}');
    const cancel = await serializeWithSdk('CancelConnectionInvitation', { Catalog: 'AWS', Identifier: 'pacinv-AAAAAAAAAAAAA', ClientToken: 'c' });
    expect(cancel.json).toEqual({ Catalog: 'AWS', Identifier: 'pacinv-AAAAAAAAAAAAA', ClientToken: 'c' });
    const list = await serializeWithSdk('ListConnectionInvitations', { Catalog: 'AWS', MaxResults: 5 });
    expect(list.headers['x-amz-target']).toBe('PartnerCentralAccount.ListConnectionInvitations');
    expect(list.json).toEqual({ Catalog: 'AWS', MaxResults: 5 });
  });
});
