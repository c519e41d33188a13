/**
 * The accepter's lifecycle through the CloudFormation driver against the emulator with two
 * accounts: the sender's handler sends the invitation, the receiver's handler (its own
 * credentials) accepts it. Redeliveries, an invitation that appears during the wait or never,
 * already accepted, rejected, expired, canceled, two candidates, delete with and without
 * cancel, update to a new invitation, a Delete for a marker id, and no inviter data anywhere.
 */
import { LEFT_IN_PLACE, NOT_CANCELED_GONE } from '../lambda/accepter/decide-delete';
import type { Handler } from '../lambda/index';
import { ACCEPTER_ATTRIBUTE_KEYS, ACCEPTER_MAX_WAIT_SECONDS, ACCEPTER_RESOURCE_TYPE } from '../src/contract';
import { props, World } from './support/handler-harness';
import { ACCEPT_ACTIONS, CANCEL_CONNECTION_ACTIONS, CANCEL_READ_ACTIONS, FIND_ACTIONS, READ_CONNECTION_ACTIONS } from '../src/private/provider-actions';
import type { EmulatorAccount } from '../tools/emulator/accounts';
import { PRIMARY_ACCOUNT_ID } from '../tools/emulator/accounts';
import { DEFAULT_INVITER } from '../tools/emulator/model';

const RECEIVER: EmulatorAccount = {
  accountId: '222222222222', partnerProfileId: 'pprofile-Receiver00001', accessKeyId: 'AKIDRECEIVER', secretAccessKey: 'receiver-secret',
};
const AS_ACCEPTER = { resourceType: ACCEPTER_RESOURCE_TYPE };

let w: World;
let receiver: Handler;
const bodies: string[] = [];

beforeAll(async () => {
  // Virtual time: the accepter's waits step the shared clock, so no outcome depends on the machine's speed.
  w = await World.start({ emulator: { accounts: [RECEIVER], allowDuplicates: true }, virtualTime: true });
  receiver = w.handlerAs(RECEIVER.accountId);
});
afterAll(async () => w.stop());
beforeEach(() => w.emulator.reset());

/** The sender's invitation to the receiver (by its partner profile id, or its account id for SUBSIDIARY). */
async function invite(logicalId: string, type = 'OPPORTUNITY_COLLABORATION', message = 'Let us co-sell on opportunities.'): Promise<string> {
  return w.create(logicalId, props({ ConnectionType: type, Message: message }, type === 'SUBSIDIARY' ? RECEIVER.accountId : RECEIVER.partnerProfileId));
}

async function accepter(event: Parameters<World['sendTo']>[1], options: Parameters<World['sendTo']>[2] = {}) {
  const d = await w.sendTo(receiver, event, options);
  bodies.push(d.body);
  expect(d.violations).toEqual([]);
  return d;
}

function create(logicalId: string, properties: Record<string, string>) {
  return w.cfn.createEvent(logicalId, { Catalog: 'Sandbox', ...properties }, AS_ACCEPTER);
}

function connectionTypes(): Record<string, { Status: string }> {
  const [c] = w.emulator.connections(RECEIVER.accountId);
  return (c?.ConnectionTypes ?? {}) as Record<string, { Status: string }>;
}

const receiverOps = (): string[] => w.emulator.calls.filter((c) => c.headers.authorization?.includes(RECEIVER.accessKeyId)).map((c) => c.operation ?? '?');

test('by id: accepts, answers the connection\'s attributes under the invitation id; redeliveries replay; an unchanged Update accepts nothing; Delete leaves the connection and says so', async () => {
  const id = await invite('Invite');
  const d = await accepter(create('Accept', { InvitationIdentifier: id }), { duplicates: 2 });
  expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(Object.keys(d.response.Data ?? {}).sort()).toEqual([...ACCEPTER_ATTRIBUTE_KEYS].sort());
  const [connection] = w.emulator.connections(RECEIVER.accountId);
  expect(d.response.Data).toEqual({
    ConnectionId: connection.Id,
    ConnectionArn: connection.Arn,
    OtherParticipantAccountId: PRIMARY_ACCOUNT_ID,
    InvitationId: id,
    InvitationArn: w.invitation(id).Arn,
    Catalog: 'Sandbox',
    ConnectionType: 'OPPORTUNITY_COLLABORATION',
    ConnectionTypeStatus: 'ACTIVE',
  });
  expect(w.invitation(id)).toMatchObject({ Status: 'ACCEPTED', ConnectionId: connection.Id });
  expect(w.emulator.connections(RECEIVER.accountId)).toHaveLength(1);
  for (const r of w.cfn.puts(d.response.RequestId)) expect(JSON.parse(r.body)).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });

  w.emulator.calls.length = 0;
  const same = { Catalog: 'Sandbox', InvitationIdentifier: id };
  const u = await accepter(w.cfn.updateEvent('Accept', id, { ...same, CancelOnDelete: 'true', CancelReason: 'ended' }, same, AS_ACCEPTER));
  expect(u.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: d.response.Data });
  expect(receiverOps()).not.toContain('AcceptConnectionInvitation');
  expect(receiverOps()).not.toContain('CancelConnection');

  w.emulator.calls.length = 0;
  const del = await accepter(w.cfn.deleteEvent('Accept', id, same, AS_ACCEPTER));
  expect(del.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Reason: LEFT_IN_PLACE });
  expect(w.emulator.calls).toHaveLength(0);
  expect(connectionTypes().OPPORTUNITY_COLLABORATION.Status).toBe('ACTIVE');
});

test('by ARN: the id is read from it; a ConnectionType that does not match the invitation fails naming both', async () => {
  const id = await invite('Invite');
  const arn = w.invitation(id).Arn;
  const wrong = await accepter(create('Accept', { InvitationIdentifier: arn, ConnectionType: 'SUBSIDIARY' }));
  expect(wrong.response.Status).toBe('FAILED');
  expect(wrong.response.Reason).toContain('is of connection type OPPORTUNITY_COLLABORATION, not SUBSIDIARY');
  const d = await accepter(create('Accept', { InvitationIdentifier: arn }));
  expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
});

test('by sender: the invitation that appears during the wait is accepted; a redelivery finds it ACCEPTED by this resource', async () => {
  const properties = { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'SUBSIDIARY', WaitSeconds: '2' };
  const event = create('Accept', properties);
  // The sender sends its invitation while the accepter waits after its first look.
  let id = '';
  w.duringNextWait(async () => {
    id = await invite('Invite', 'SUBSIDIARY');
  });
  const d = await accepter(event);
  expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { ConnectionTypeStatus: 'ACTIVE', ConnectionType: 'SUBSIDIARY' } });
  expect(receiverOps().filter((o) => o === 'ListConnectionInvitations').length).toBeGreaterThan(1);
  const again = await accepter(event);
  expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: d.response.Data });
  expect(w.emulator.connections(RECEIVER.accountId)).toHaveLength(1);
});

test('by sender: none after the wait fails saying to deploy the sender first; its Delete (a marker id) does nothing, even with cancelOnDelete', async () => {
  const properties = { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'SUBSIDIARY', WaitSeconds: '1', CancelOnDelete: 'true', CancelReason: 'ended' };
  const d = await accepter(create('Accept', properties));
  expect(d.response.Status).toBe('FAILED');
  expect(d.response.PhysicalResourceId).toMatch(/^create-failed-/);
  expect(d.response.Reason).toContain("deploy the sender's stack first");
  w.emulator.calls.length = 0;
  const del = await accepter(w.cfn.deleteEvent('Accept', d.response.PhysicalResourceId, { Catalog: 'Sandbox', ...properties }, AS_ACCEPTER));
  expect(del.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: d.response.PhysicalResourceId });
  expect(w.emulator.calls).toHaveLength(0);
});

test('by sender: two pending candidates fail naming the count, and neither is accepted', async () => {
  await invite('InviteA', 'OPPORTUNITY_COLLABORATION', 'First message.');
  await invite('InviteB', 'OPPORTUNITY_COLLABORATION', 'Second message.');
  const d = await accepter(create('Accept', { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'OPPORTUNITY_COLLABORATION', WaitSeconds: '0' }));
  expect(d.response.Status).toBe('FAILED');
  expect(d.response.Reason).toContain('2 pending OPPORTUNITY_COLLABORATION invitations from 111111111111');
  expect(w.statuses()).toEqual(['PENDING', 'PENDING']);
});

test('already accepted (in the console) is adopted: its connection is read, nothing else is made', async () => {
  const id = await invite('Invite');
  const accepted = await w.emulator.as(RECEIVER.accountId).accept('Sandbox', id);
  const connectionId = (accepted.body.Connection as { Id: string }).Id;
  const d = await accepter(create('Accept', { InvitationIdentifier: id }));
  expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { ConnectionId: connectionId, ConnectionTypeStatus: 'ACTIVE' } });
  expect(w.emulator.connections(RECEIVER.accountId)).toHaveLength(1);
});

test('by sender: one already ACCEPTED (in the console, or by a stack deployed again under a new StackId) whose type is ACTIVE is adopted', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  await w.emulator.as(RECEIVER.accountId).accept('Sandbox', id);
  const p = { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'SUBSIDIARY', WaitSeconds: '0' };
  w.emulator.calls.length = 0;
  const d = await accepter(create('Accept', p));
  expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: { ConnectionTypeStatus: 'ACTIVE' } });
  // Decided from the connection, without probing an accept on an invitation someone else accepted.
  expect(receiverOps()).not.toContain('AcceptConnectionInvitation');
  const again = create('Accept', p);
  const redeployed = { ...again, StackId: again.StackId.replace(/[0-9a-f-]{36}$/, '0f0f0f0f-1111-2222-3333-444444444444') };
  // (The driver's stack keeps its own StackId, so it reports the echo of this one as not its own.)
  expect((await w.sendTo(receiver, redeployed)).response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  // An Update from the id to the sender of that same invitation keeps it.
  const old = { Catalog: 'Sandbox', InvitationIdentifier: id };
  const u = await accepter(w.cfn.updateEvent('Accept', id, { Catalog: 'Sandbox', ...p }, old, AS_ACCEPTER));
  expect(u.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
});

test('by sender, re-added under the same logical id after its connection type was canceled: accepts the new invitation, never the old one', async () => {
  const p = { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'SUBSIDIARY', WaitSeconds: '0' };
  const first = await invite('Invite', 'SUBSIDIARY');
  const a = await accepter(create('Accept', p));
  expect(a.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: first });
  expect((await accepter(w.cfn.deleteEvent('Accept', first, { Catalog: 'Sandbox', ...p }, AS_ACCEPTER))).response.Status).toBe('SUCCESS');
  await w.emulator.as(PRIMARY_ACCOUNT_ID).call('CancelConnection', {
    Catalog: 'Sandbox', Identifier: a.response.Data!.ConnectionId, ConnectionType: 'SUBSIDIARY', Reason: 'relink', ClientToken: 'c1',
  });
  // Before the new invitation: the old one is not adopted, and the reason asks for a new invitation.
  const none = await accepter(create('Accept', p));
  expect(none.response.Status).toBe('FAILED');
  expect(none.response.Reason).toContain('ask the sender for a new invitation');
  expect(none.response.Reason).not.toContain("deploy the sender's stack first");
  w.elapse(10_000);
  const second = await invite('Invite2', 'SUBSIDIARY');
  w.emulator.calls.length = 0;
  const b = await accepter(create('Accept', p));
  expect(b.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: second, Data: { ConnectionTypeStatus: 'ACTIVE' } });
  expect(w.invitation(second).Status).toBe('ACCEPTED');
  expect(receiverOps().filter((o) => o === 'AcceptConnectionInvitation')).toHaveLength(1);
});

test('two concurrent deliveries of one by-sender Create accept once and answer the same', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  const event = create('Accept', { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'SUBSIDIARY', WaitSeconds: '0' });
  const [x, y] = await Promise.all([accepter(event), accepter(event)]);
  expect(x.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  expect(y.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: x.response.Data });
});

test('a Create delivered past its create window (60 s after CloudFormation issued it) accepts nothing', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  const event = create('Accept', { InvitationIdentifier: id });
  w.elapse(10 * 60_000);
  w.emulator.calls.length = 0;
  const d = await accepter(event);
  expect(d.response.Status).toBe('FAILED');
  expect(d.response.Reason).toContain('nothing was accepted');
  expect(receiverOps()).not.toContain('AcceptConnectionInvitation');
  expect(w.invitation(id).Status).toBe('PENDING');
});

test('by id: an invitation not visible on the first read is waited for (bounded by WaitSeconds)', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  w.emulator.inject({ operation: 'GetConnectionInvitation', times: 1, error: { status: 404, name: 'ResourceNotFoundException', reason: 'CONNECTION_INVITATION_NOT_FOUND' } });
  const d = await accepter(create('Accept', { InvitationIdentifier: id, WaitSeconds: '5' }));
  expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
  w.emulator.clearFaults();
});

test('adopting an ACCEPTED invitation whose connection type was canceled since fails saying to ask for a new invitation', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  const accepted = await w.emulator.as(RECEIVER.accountId).accept('Sandbox', id);
  await w.emulator.as(PRIMARY_ACCOUNT_ID).call('CancelConnection', {
    Catalog: 'Sandbox', Identifier: (accepted.body.Connection as { Id: string }).Id, ConnectionType: 'SUBSIDIARY', Reason: 'ended', ClientToken: 'c1',
  });
  const d = await accepter(create('Accept', { InvitationIdentifier: id }));
  expect(d.response.Status).toBe('FAILED');
  expect(d.response.Reason).toContain('ask the sender for a new invitation');
});

test.each([
  ['rejected', 'it was rejected'],
  ['expired', 'it expired before it was accepted'],
  ['canceled', 'the sender canceled it'],
])('%s: fails saying to ask the sender for a new invitation', async (what, words) => {
  const id = await invite('Invite');
  if (what === 'rejected') await w.emulator.as(RECEIVER.accountId).reject('Sandbox', id);
  if (what === 'expired') w.emulator.expire(id);
  if (what === 'canceled') await w.emulator.as(PRIMARY_ACCOUNT_ID).call('CancelConnectionInvitation', { Catalog: 'Sandbox', Identifier: id, ClientToken: 'c' });
  const d = await accepter(create('Accept', { InvitationIdentifier: id }));
  expect(d.response.Status).toBe('FAILED');
  expect(d.response.Reason).toContain(words);
  expect(d.response.Reason).toContain('ask the sender for a new invitation');
  expect(w.emulator.connections(RECEIVER.accountId)).toEqual([]);
});

test('an invitation this account sent is not accepted by it', async () => {
  const id = await invite('Invite');
  const d = await w.send(create('Accept', { InvitationIdentifier: id }));
  expect(d.response.Status).toBe('FAILED');
  expect(d.response.Reason).toContain('was not received by this account');
});

test('delete with cancelOnDelete cancels only that connection type of that connection, once; a redelivery succeeds', async () => {
  const collab = await invite('InviteCollab');
  const subsidiary = await invite('InviteSub', 'SUBSIDIARY');
  const cancelling = { Catalog: 'Sandbox', InvitationIdentifier: subsidiary, CancelOnDelete: 'true', CancelReason: 'The seller account was closed.' };
  expect((await accepter(create('AcceptCollab', { InvitationIdentifier: collab }))).response.Status).toBe('SUCCESS');
  expect((await accepter(w.cfn.createEvent('AcceptSub', cancelling, AS_ACCEPTER))).response.Status).toBe('SUCCESS');
  expect(w.emulator.connections(RECEIVER.accountId)).toHaveLength(1);
  const del = await accepter(w.cfn.deleteEvent('AcceptSub', subsidiary, cancelling, AS_ACCEPTER), { duplicates: 1 });
  expect(del.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: subsidiary });
  expect(connectionTypes().SUBSIDIARY.Status).toBe('CANCELED');
  expect(connectionTypes().OPPORTUNITY_COLLABORATION.Status).toBe('ACTIVE');
  expect(receiverOps().filter((o) => o === 'CancelConnection')).toHaveLength(1);
  const again = await accepter(w.cfn.deleteEvent('AcceptSub', subsidiary, cancelling, AS_ACCEPTER));
  expect(again.response.Status).toBe('SUCCESS');
  expect(receiverOps().filter((o) => o === 'CancelConnection')).toHaveLength(1);
});

test('cancelOnDelete when the accepted invitation can no longer be read: nothing is canceled, and the answer and a log note say so', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  const p = { Catalog: 'Sandbox', InvitationIdentifier: id, CancelOnDelete: 'true', CancelReason: 'ended' };
  expect((await accepter(w.cfn.createEvent('Accept', p, AS_ACCEPTER))).response.Status).toBe('SUCCESS');
  w.emulator.inject({ operation: 'GetConnectionInvitation', times: Infinity, error: { status: 404, name: 'ResourceNotFoundException', reason: 'CONNECTION_INVITATION_NOT_FOUND' } });
  const logsBefore = w.logs.length;
  const d = await accepter(w.cfn.deleteEvent('Accept', id, p, AS_ACCEPTER));
  w.emulator.clearFaults();
  expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Reason: NOT_CANCELED_GONE });
  expect(w.logs.slice(logsBefore).join('\n')).toContain('connection not canceled');
  expect(connectionTypes().SUBSIDIARY.Status).toBe('ACTIVE');
});

test('an unchanged-target Update whose accepted invitation can no longer be read fails saying so, not to deploy the sender\'s stack', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  const old = { Catalog: 'Sandbox', InvitationIdentifier: id };
  expect((await accepter(w.cfn.createEvent('Accept', old, AS_ACCEPTER))).response.Status).toBe('SUCCESS');
  w.emulator.inject({ operation: 'GetConnectionInvitation', times: Infinity, error: { status: 404, name: 'ResourceNotFoundException', reason: 'CONNECTION_INVITATION_NOT_FOUND' } });
  const u = await accepter(w.cfn.updateEvent('Accept', id, { ...old, CancelOnDelete: 'true', CancelReason: 'ended' }, old, AS_ACCEPTER));
  w.emulator.clearFaults();
  expect(u.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: expect.stringContaining('can no longer be read') });
  expect(u.response.Reason).not.toContain("deploy the sender's stack first");
});

test('an adopted invitation (accepted in the console) counts as the accepter\'s own: cancelOnDelete cancels its connection type', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  await w.emulator.as(RECEIVER.accountId).accept('Sandbox', id);
  const p = { Catalog: 'Sandbox', InvitationIdentifier: id, CancelOnDelete: 'true', CancelReason: 'ended' };
  expect((await accepter(w.cfn.createEvent('Accept', p, AS_ACCEPTER))).response.Status).toBe('SUCCESS');
  expect((await accepter(w.cfn.deleteEvent('Accept', id, p, AS_ACCEPTER))).response.Status).toBe('SUCCESS');
  expect(connectionTypes().SUBSIDIARY.Status).toBe('CANCELED');
});

test('update to another invitation accepts it under a new physical id; the old one\'s Delete leaves its connection', async () => {
  const first = await invite('InviteCollab');
  const second = await invite('InviteSub', 'SUBSIDIARY');
  const old = { Catalog: 'Sandbox', InvitationIdentifier: first };
  expect((await accepter(w.cfn.createEvent('Accept', old, AS_ACCEPTER))).response.Status).toBe('SUCCESS');
  const next = { Catalog: 'Sandbox', InvitationIdentifier: second };
  const u = await accepter(w.cfn.updateEvent('Accept', first, next, old, AS_ACCEPTER));
  expect(u.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: second, Data: { ConnectionType: 'SUBSIDIARY', InvitationId: second } });
  const cleanup = await accepter(w.cfn.deleteEvent('Accept', first, old, AS_ACCEPTER));
  expect(cleanup.response.Status).toBe('SUCCESS');
  expect(connectionTypes()).toMatchObject({ OPPORTUNITY_COLLABORATION: { Status: 'ACTIVE' }, SUBSIDIARY: { Status: 'ACTIVE' } });
});

test('invalid properties fail naming the property and the rule', async () => {
  const d = await accepter(create('Accept', { InvitationIdentifier: 'pacinv-0000000000000', SenderIdentifier: PRIMARY_ACCOUNT_ID }));
  expect(d.response.Reason).toContain('Exactly one of InvitationIdentifier and SenderIdentifier is required');
  const e = await accepter(create('Accept', { InvitationIdentifier: 'pacinv-0000000000000', CancelOnDelete: 'true' }));
  expect(e.response.Reason).toContain('CancelReason is required with CancelOnDelete');
});

test('a WaitSeconds above the construct\'s limit (a template edited by hand) fails naming the property and the rule, before any call', async () => {
  const over = String(ACCEPTER_MAX_WAIT_SECONDS + 1);
  const properties = { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'SUBSIDIARY', WaitSeconds: over };
  const rule = `WaitSeconds must be a whole number of seconds from 0 to ${ACCEPTER_MAX_WAIT_SECONDS}, the longest the handler can wait (half of its time for the API, less the reads before the wait) (got "${over}")`;
  const d = await accepter(create('Accept', properties));
  expect(d.response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${rule}` });
  expect(d.response.PhysicalResourceId).toMatch(/^create-failed-/);
  // On Update too, keeping the physical id of the invitation accepted before.
  const id = 'pacinv-0000000000000';
  const old = { Catalog: 'Sandbox', InvitationIdentifier: id };
  const u = await accepter(w.cfn.updateEvent('Accept', id, { Catalog: 'Sandbox', ...properties }, old, AS_ACCEPTER));
  expect(u.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: `Invalid properties: ${rule}` });
  expect(w.emulator.calls).toHaveLength(0);
});

test('a SenderIdentifier that is neither an account id nor a partner profile id (a token the construct could not check) fails naming the property and the rule, before any call', async () => {
  const properties = { SenderIdentifier: 'not-a-sender', ConnectionType: 'SUBSIDIARY' };
  const rule = 'SenderIdentifier must be the sender\'s 12-digit AWS account id or its partner profile id (pprofile- and 13 letters or digits) (got "not-a-sender")';
  const d = await accepter(create('Accept', properties));
  expect(d.response).toMatchObject({ Status: 'FAILED', Reason: `Invalid properties: ${rule}` });
  expect(d.response.PhysicalResourceId).toMatch(/^create-failed-/);
  // On Update too, keeping the physical id of the invitation accepted before.
  const id = 'pacinv-0000000000000';
  const old = { Catalog: 'Sandbox', InvitationIdentifier: id };
  const u = await accepter(w.cfn.updateEvent('Accept', id, { Catalog: 'Sandbox', ...properties }, old, AS_ACCEPTER));
  expect(u.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id, Reason: `Invalid properties: ${rule}` });
  expect(w.emulator.calls).toHaveLength(0);
});

test('the receiver calls only what the provider grants accepters; a cancelling Delete only what the cancel policy holds', async () => {
  const names = (actions: string[]) => new Set(actions.map((a) => a.replace(/^partnercentral:/, '')));
  const outside = (allowed: Set<string>) => receiverOps().filter((op) => !allowed.has(op));
  const byId = names([...ACCEPT_ACTIONS, ...READ_CONNECTION_ACTIONS]);
  const bySender = names([...ACCEPT_ACTIONS, ...READ_CONNECTION_ACTIONS, ...FIND_ACTIONS]);
  const cancelling = names([...CANCEL_READ_ACTIONS, ...CANCEL_CONNECTION_ACTIONS]);
  const seen = new Set<string>();
  const step = async (allowed: Set<string>, run: () => Promise<unknown>) => {
    w.emulator.calls.length = 0;
    await run();
    expect(outside(allowed)).toEqual([]);
    for (const op of receiverOps()) seen.add(op);
  };

  // By id, with the accept itself (the subsidiary), then by adopting one accepted in the console (reading its connection).
  const subsidiary = await invite('InviteSub', 'SUBSIDIARY');
  await step(byId, async () => expect((await accepter(create('AcceptSub', { InvitationIdentifier: subsidiary }))).response.Status).toBe('SUCCESS'));
  const collab = await invite('InviteCollab');
  await w.emulator.as(RECEIVER.accountId).accept('Sandbox', collab);
  const cancels = { Catalog: 'Sandbox', InvitationIdentifier: collab, CancelOnDelete: 'true', CancelReason: 'ended' };
  await step(byId, async () => expect((await accepter(w.cfn.createEvent('AcceptCollab', cancels, AS_ACCEPTER))).response.Status).toBe('SUCCESS'));
  await step(byId, async () => expect((await accepter(w.cfn.updateEvent('AcceptCollab', collab, cancels, cancels, AS_ACCEPTER))).response.Status).toBe('SUCCESS'));
  // By sender: found among the invitations received (the one accepted above is not pending any more; a redelivery finds it by its token).
  const bySenderProps = { SenderIdentifier: PRIMARY_ACCOUNT_ID, ConnectionType: 'SUBSIDIARY', WaitSeconds: '0' };
  await step(bySender, async () => {
    const d = await accepter(create('AcceptSub', bySenderProps));
    expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: subsidiary });
  });
  // After CloudFormation dropped the accepters' statements from the role, the cancel policy is all there is.
  await step(cancelling, async () => expect((await accepter(w.cfn.deleteEvent('AcceptCollab', collab, cancels, AS_ACCEPTER))).response.Status).toBe('SUCCESS'));
  expect(receiverOps()).toContain('CancelConnection');
  // Every action granted is one the handler calls.
  expect([...seen].sort()).toEqual([...new Set([...bySender, ...cancelling])].sort());
});

test('an unknown ResourceType fails with a clear reason; its Delete for the marker does nothing', async () => {
  const d = await w.send(w.cfn.createEvent('Other', { Catalog: 'Sandbox' }, { resourceType: 'Custom::SomethingElse' }));
  expect(d.response.Status).toBe('FAILED');
  expect(d.response.Reason).toContain('Unsupported ResourceType "Custom::SomethingElse"');
  const del = await w.send(w.cfn.deleteEvent('Other', d.response.PhysicalResourceId, { Catalog: 'Sandbox' }, { resourceType: 'Custom::SomethingElse' }));
  expect(del.response.Status).toBe('SUCCESS');
  expect(w.emulator.calls).toHaveLength(0);
});

test('an error whose server text quotes the inviter\'s name or e-mail: the reason carries only its structured parts, the logs neither', async () => {
  const id = await invite('Invite', 'SUBSIDIARY');
  w.emulator.inject({
    operation: 'AcceptConnectionInvitation',
    times: Infinity,
    error: { status: 400, name: 'ValidationException', reason: 'BUSINESS_VALIDATION_FAILED', message: `Invitation from ${DEFAULT_INVITER.name} <${DEFAULT_INVITER.email}> cannot be accepted` },
  });
  const logsBefore = w.logs.length;
  const d = await accepter(create('Accept', { InvitationIdentifier: id }));
  w.emulator.clearFaults();
  expect(d.response).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('AcceptConnectionInvitation failed: ValidationException (BUSINESS_VALIDATION_FAILED)') });
  for (const text of [d.body, ...w.logs.slice(logsBefore)]) {
    expect(text).not.toContain(DEFAULT_INVITER.email);
    expect(text).not.toContain(DEFAULT_INVITER.name);
    expect(text).not.toContain('cannot be accepted');
  }
});

test('privacy: the inviter\'s e-mail and name are in no log line, reason or Data of an accepter', () => {
  expect(bodies.length).toBeGreaterThan(10);
  for (const text of [...bodies, ...w.logs]) {
    expect(text).not.toContain(DEFAULT_INVITER.email);
    expect(text).not.toContain(DEFAULT_INVITER.name);
  }
});
