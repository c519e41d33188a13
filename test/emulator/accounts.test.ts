/**
 * The emulator's accounts: an invitation one account sends is the other's to accept or reject,
 * over real signed HTTP as each account (the official SDK client as the sender, the emulator's
 * own account client as the receiver); accepting makes or extends one connection both see.
 */
import {
  AcceptConnectionInvitationCommand,
  CreateConnectionInvitationCommand,
  GetConnectionCommand,
  GetConnectionInvitationCommand,
  PartnerCentralAccountClient,
} from '@aws-sdk/client-partnercentral-account';
import type { EmulatorAccount } from '../../tools/emulator/accounts';
import { PRIMARY_ACCOUNT_ID, PRIMARY_PARTNER_PROFILE_ID } from '../../tools/emulator/accounts';
import { PartnerCentralEmulator } from '../../tools/emulator/server';
import { emulatorClient } from '../support/sdk-wire';

const RECEIVER: EmulatorAccount = {
  accountId: '222222222222', partnerProfileId: 'pprofile-Receiver00001', accessKeyId: 'AKIDRECEIVER', secretAccessKey: 'receiver-secret',
};
const OUTSIDER: EmulatorAccount = {
  accountId: '333333333333', partnerProfileId: 'pprofile-Outsider00001', accessKeyId: 'AKIDOUTSIDER', secretAccessKey: 'outsider-secret',
};

const INVITE = {
  Catalog: 'Sandbox', Email: 'alliances@example.com', Message: 'Let us co-sell.', Name: 'Pat Example',
};

let emulator: PartnerCentralEmulator;
let sender: PartnerCentralAccountClient;

beforeAll(async () => {
  emulator = await PartnerCentralEmulator.start({ accounts: [RECEIVER, OUTSIDER] });
  sender = emulatorClient(emulator);
});
afterAll(async () => emulator.stop());
beforeEach(() => emulator.reset());

async function invite(type: 'OPPORTUNITY_COLLABORATION' | 'SUBSIDIARY', token: string): Promise<string> {
  const out = await sender.send(new CreateConnectionInvitationCommand({
    ...INVITE, ClientToken: token, ConnectionType: type, ReceiverIdentifier: type === 'SUBSIDIARY' ? RECEIVER.accountId : RECEIVER.partnerProfileId,
  }));
  return out.Id!;
}

test('the receiver sees the invitation as RECEIVER from the sender\'s account id, and no other account sees it', async () => {
  const id = await invite('OPPORTUNITY_COLLABORATION', 't-1');
  const b = emulator.as(RECEIVER.accountId);
  const listed = await b.call('ListConnectionInvitations', { Catalog: 'Sandbox', ParticipantType: 'RECEIVER', Status: 'PENDING' });
  expect(listed.body.ConnectionInvitationSummaries).toEqual([expect.objectContaining({ Id: id, ParticipantType: 'RECEIVER', OtherParticipantIdentifier: PRIMARY_ACCOUNT_ID })]);
  const asSender = await sender.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: id }));
  expect([asSender.ParticipantType, asSender.OtherParticipantIdentifier]).toEqual(['SENDER', RECEIVER.partnerProfileId]);
  const outsider = await emulator.as(OUTSIDER.accountId).call('GetConnectionInvitation', { Catalog: 'Sandbox', Identifier: id });
  expect([outsider.status, outsider.body.Reason]).toEqual([404, 'CONNECTION_INVITATION_NOT_FOUND']);
  expect((await emulator.as(OUTSIDER.accountId).call('ListConnectionInvitations', { Catalog: 'Sandbox' })).body.ConnectionInvitationSummaries).toEqual([]);
});

test('accepting as the receiver makes one connection both accounts see; a second type extends it; the sender\'s invitation turns ACCEPTED', async () => {
  const first = await invite('OPPORTUNITY_COLLABORATION', 't-1');
  const b = emulator.as(RECEIVER.accountId);
  const accepted = await b.accept('Sandbox', first, 'accept-1');
  expect(accepted.status).toBe(200);
  const connection = accepted.body.Connection as Record<string, unknown>;
  expect(connection).toMatchObject({ OtherParticipantAccountId: PRIMARY_ACCOUNT_ID, ConnectionTypes: { OPPORTUNITY_COLLABORATION: { Status: 'ACTIVE' } } });
  expect(await b.accept('Sandbox', first, 'accept-1')).toEqual(accepted);
  const again = await b.accept('Sandbox', first, 'accept-2');
  expect([again.status, again.body.Reason]).toEqual([409, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE']);
  const invitation = await sender.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: first }));
  expect([invitation.Status, invitation.ConnectionId]).toEqual(['ACCEPTED', connection.Id]);

  const second = await invite('SUBSIDIARY', 't-2');
  const extended = (await b.accept('Sandbox', second)).body.Connection as Record<string, unknown>;
  expect(extended.Id).toBe(connection.Id);
  const seenBySender = await sender.send(new GetConnectionCommand({ Catalog: 'Sandbox', Identifier: connection.Id as string }));
  expect(seenBySender.OtherParticipantAccountId).toBe(RECEIVER.accountId);
  expect(Object.keys(seenBySender.ConnectionTypes ?? {}).sort()).toEqual(['OPPORTUNITY_COLLABORATION', 'SUBSIDIARY']);
  expect(seenBySender.ConnectionTypes?.OPPORTUNITY_COLLABORATION?.OtherParticipant)
    .toEqual({ PartnerProfile: { Id: RECEIVER.partnerProfileId, Name: 'Account 222222222222' } });
  expect(emulator.connections(RECEIVER.accountId))
    .toEqual([expect.objectContaining({ Id: connection.Id, OtherParticipantAccountId: PRIMARY_ACCOUNT_ID })]);

  const canceled = await b.call('CancelConnection', { Catalog: 'Sandbox', Identifier: connection.Id, ConnectionType: 'SUBSIDIARY', Reason: 'ended', ClientToken: 'c-1' });
  expect(canceled.body.ConnectionTypes).toMatchObject({ SUBSIDIARY: { Status: 'CANCELED', CanceledBy: RECEIVER.accountId }, OPPORTUNITY_COLLABORATION: { Status: 'ACTIVE' } });
  const twice = await b.call('CancelConnection', { Catalog: 'Sandbox', Identifier: connection.Id, ConnectionType: 'SUBSIDIARY', Reason: 'ended', ClientToken: 'c-2' });
  expect([twice.status, twice.body.Reason]).toEqual([409, 'INCOMPATIBLE_CONNECTION_STATE']);
  const reused = await b.call('CancelConnection', {
    Catalog: 'Sandbox', Identifier: connection.Id, ConnectionType: 'OPPORTUNITY_COLLABORATION', Reason: 'ended', ClientToken: 'c-1',
  });
  expect([reused.status, reused.body.Reason]).toEqual([409, 'CONFLICT_CLIENT_TOKEN']);
  const outsider = await emulator.as(OUTSIDER.accountId).call('GetConnection', { Catalog: 'Sandbox', Identifier: connection.Id });
  expect([outsider.status, outsider.body.Reason]).toEqual([404, 'CONNECTION_NOT_FOUND']);
});

test('the official client reads Accept\'s Connection; the sender cannot accept its own invitation', async () => {
  const id = await invite('SUBSIDIARY', 't-1');
  const own = await sender.send(new AcceptConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: id, ClientToken: 'x' })).catch((e: { name: string; Reason?: string }) => e);
  expect(own).toMatchObject({ name: 'ConflictException', Reason: 'INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER' });
  const c = emulator.credentialsOf(RECEIVER.accountId);
  const receiver = emulatorClient(emulator, { credentials: c });
  const out = await receiver.send(new AcceptConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: id, ClientToken: 'x' }));
  expect(out.Connection?.ConnectionTypes?.SUBSIDIARY).toMatchObject({ Status: 'ACTIVE', InviterEmail: expect.any(String), OtherParticipant: { Account: { Name: 'Primary Sender' } } });
  expect(out.Connection?.ConnectionTypes?.SUBSIDIARY?.CreatedAt).toBeInstanceOf(Date);
});

test('reject as the receiver, and expire(): the sender reads REJECTED and EXPIRED, and neither can be accepted', async () => {
  const b = emulator.as(RECEIVER.accountId);
  const rejected = await invite('OPPORTUNITY_COLLABORATION', 't-1');
  expect((await b.reject('Sandbox', rejected)).body.Status).toBe('REJECTED');
  const expired = await invite('SUBSIDIARY', 't-2');
  emulator.expire(expired);
  expect(() => emulator.expire(expired)).toThrow(/EXPIRED, not PENDING/);
  for (const [id, status] of [[rejected, 'REJECTED'], [expired, 'EXPIRED']]) {
    expect((await sender.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: id }))).Status).toBe(status);
    const accept = await b.accept('Sandbox', id);
    expect([accept.status, accept.body.Reason]).toEqual([409, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE']);
  }
  expect(emulator.connections()).toEqual([]);
});

test('senderIdentity partnerProfileId: the receiver sees the sender by its partner profile id', async () => {
  const other = await PartnerCentralEmulator.start({ accounts: [RECEIVER], senderIdentity: 'partnerProfileId' });
  try {
    const out = await emulatorClient(other).send(new CreateConnectionInvitationCommand({ ...INVITE, ClientToken: 't', ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: RECEIVER.accountId }));
    expect(other.invitations(RECEIVER.accountId)).toEqual([expect.objectContaining({ Id: out.Id, ParticipantType: 'RECEIVER', OtherParticipantIdentifier: PRIMARY_PARTNER_PROFILE_ID })]);
    expect(other.accounts).toEqual([
      { accountId: PRIMARY_ACCOUNT_ID, partnerProfileId: PRIMARY_PARTNER_PROFILE_ID },
      { accountId: RECEIVER.accountId, partnerProfileId: RECEIVER.partnerProfileId },
    ]);
  } finally {
    await other.stop();
  }
});

test('an account option that repeats an access key or an id is refused', async () => {
  await expect(PartnerCentralEmulator.start({ accounts: [RECEIVER, { ...OUTSIDER, accessKeyId: RECEIVER.accessKeyId }] })).rejects.toThrow(/already acts as another account/);
  await expect(PartnerCentralEmulator.start({ accounts: [RECEIVER, { ...OUTSIDER, accountId: RECEIVER.accountId }] })).rejects.toThrow(/already used/);
});

test('an account option with a malformed account id or partner profile id is refused, naming the rule', async () => {
  await expect(PartnerCentralEmulator.start({ accounts: [{ ...OUTSIDER, accountId: '12345678901' }] }))
    .rejects.toThrow('emulator account 12345678901: the account id must be 12 digits');
  await expect(PartnerCentralEmulator.start({ accounts: [{ ...OUTSIDER, partnerProfileId: 'pprofile-0123456789ab' }] }))
    .rejects.toThrow(`emulator account ${OUTSIDER.accountId}: the partner profile id must be pprofile- and 13 letters or digits`);
});
