/**
 * Rollbacks of an Update that may have sent its new invitation: the rollback sweeps the failed
 * properties, so no invitation the stack moved past stays pending, and a same-receiver wording
 * change rolls back without a DUPLICATE_CONNECTION_INVITATION.
 */
import { props, World } from './support/handler-harness';

const CREATE = 'CreateConnectionInvitation';

let w: World;
beforeEach(async () => {
  w = await World.start();
});
afterEach(async () => {
  await w.stop();
});

function states() {
  return w.emulator.invitations().map((i) => [i.OtherParticipantIdentifier, i.InvitationMessage, i.Status]);
}

test('a receiver change whose create was processed but never answered: the rollback cancels the new invitation and keeps the old one', async () => {
  const p1 = props();
  const p2 = props({}, 'pprofile-second0000000');
  const a = await w.create('Invite', p1);
  w.emulator.inject({ operation: CREATE, reset: true, after: true, times: Infinity });
  const failed = await w.send(w.cfn.updateEvent('Invite', a, p2, p1));
  expect(failed.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: a });
  expect(failed.response.Reason).toMatch(/The new invitation may have been created: the rollback cancels it\.$/);
  expect(states()).toEqual([[p1.ReceiverIdentifier, p1.Message, 'PENDING'], [p2.ReceiverIdentifier, p2.Message, 'PENDING']]);

  w.emulator.clearFaults();
  w.elapse(1_000);
  const rollback = await w.send(w.cfn.updateEvent('Invite', a, p1, p2));
  expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a });
  expect(states()).toEqual([[p1.ReceiverIdentifier, p1.Message, 'PENDING'], [p2.ReceiverIdentifier, p2.Message, 'CANCELED']]);
});

test('a same-receiver wording change whose second create was never answered: the rollback cancels it first, then restores the old wording', async () => {
  const p1 = props();
  const p2 = props({ Message: 'A new message.' });
  const a = await w.create('Invite', p1);
  // The first create is refused (A is pending), A is canceled, the second is processed but its answer lost.
  w.emulator.inject({ operation: CREATE, error: { status: 409, name: 'ConflictException', reason: 'DUPLICATE_CONNECTION_INVITATION', message: 'Pending invitation exists' } });
  w.emulator.inject({ operation: CREATE, reset: true, after: true, times: Infinity });
  const failed = await w.send(w.cfn.updateEvent('Invite', a, p2, p1));
  expect(failed.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: a });
  expect(states()).toEqual([[p1.ReceiverIdentifier, p1.Message, 'CANCELED'], [p2.ReceiverIdentifier, p2.Message, 'PENDING']]);

  w.emulator.clearFaults();
  w.elapse(5_000);
  const rollback = await w.send(w.cfn.updateEvent('Invite', a, p1, p2));
  expect(rollback.response.Status).toBe('SUCCESS');
  const c = rollback.response.PhysicalResourceId;
  expect(states()).toEqual([
    [p1.ReceiverIdentifier, p1.Message, 'CANCELED'],
    [p2.ReceiverIdentifier, p2.Message, 'CANCELED'],
    [p1.ReceiverIdentifier, p1.Message, 'PENDING'],
  ]);
  expect(w.invitation(c).Status).toBe('PENDING');
});

test('an ordinary Update does not sweep: the invitation carries the old properties', async () => {
  const p1 = props();
  const a = await w.create('Invite', p1);
  w.emulator.calls.length = 0;
  await w.send(w.cfn.updateEvent('Invite', a, props({}, 'pprofile-second0000000'), p1));
  expect(w.operations()).toEqual(['GetConnectionInvitation', CREATE]);
});

test('the sweep leaves another owner\'s pending invitation to the failed receiver alone', async () => {
  const p1 = props();
  const p2 = props({}, 'pprofile-second0000000');
  const a = await w.create('Invite', p1);
  // The failed update never reached the service; another stack invites the same receiver meanwhile.
  w.emulator.inject({ operation: CREATE, error: { status: 500, name: 'InternalServerException', message: 'Down' }, times: Infinity });
  const failed = await w.send(w.cfn.updateEvent('Invite', a, p2, p1));
  expect(failed.response.Status).toBe('FAILED');
  w.emulator.clearFaults();
  const other = await w.create('OtherStackInvite', { ...p2, Message: 'Their own words.' });
  w.elapse(1_000);
  const rollback = await w.send(w.cfn.updateEvent('Invite', a, p1, p2));
  expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a });
  expect(w.invitation(other).Status).toBe('PENDING');
  expect(w.invitation(a).Status).toBe('PENDING');
});
