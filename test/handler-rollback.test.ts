/**
 * Rollbacks of an Update that may have sent its new invitation: the rollback sweeps the failed
 * properties, so no invitation the stack moved past stays pending, and a same-receiver wording
 * change rolls back without a DUPLICATE_CONNECTION_INVITATION.
 */
import { props, World } from './support/handler-harness';

const CREATE = 'CreateConnectionInvitation';

let w: World;
beforeEach(async () => {
  // Virtual time: request timeouts, backoff and the create window run on the world's clock, so a
  // stalled machine times out no attempt and moves no request past its fence.
  w = await World.start({ virtualTime: true });
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
  expect(failed.response.Reason).toMatch(/The new invitation may have been created: the rollback cancels it\. With rollback disabled, deploying these properties again adopts it \(no second e-mail\); deleting the stack instead leaves it pending: cancel it in Partner Central\.$/);
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

describe('stacks kept without rollback (--no-rollback)', () => {
  const REFUSE = { operation: CREATE, times: Infinity, error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' } } as const;

  test('an Update from an unconfirmed- marker whose create may have been processed: its rollback sweeps the failed properties', async () => {
    const p0 = props();
    // 1. The Create fails, nothing sent; with rollback disabled the resource keeps its marker.
    w.emulator.inject(REFUSE);
    const marker = (await w.send(w.cfn.createEvent('Invite', p0))).response.PhysicalResourceId;
    expect(marker).toMatch(/^unconfirmed-/);
    w.emulator.clearFaults();
    w.elapse(10_000);
    // 2. A later deployment changes the receiver: its create is processed, its answer lost, then refused.
    const p1 = props({}, 'pprofile-other0000000');
    w.emulator.inject({ operation: CREATE, reset: true, after: true });
    w.emulator.inject(REFUSE);
    const upd = await w.send(w.cfn.updateEvent('Invite', marker, p1, p0));
    expect(upd.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: marker });
    expect(upd.response.Reason).toMatch(/The new invitation may have been created: the rollback cancels it\./);
    w.emulator.clearFaults();
    // 3. CloudFormation rolls the Update back: new = p0, old = p1, same marker.
    const rollback = await w.send(w.cfn.updateEvent('Invite', marker, p0, p1));
    expect(rollback.response.Status).toBe('SUCCESS');
    expect(states()).toEqual([[p1.ReceiverIdentifier, p1.Message, 'CANCELED'], [p0.ReceiverIdentifier, p0.Message, 'PENDING']]);
    expect(w.invitation(rollback.response.PhysicalResourceId).InvitationMessage).toBe(p0.Message);
  });

  test('an Update from a marker with unchanged properties adopts the invitation the failed Create made, and sweeps nothing', async () => {
    const p0 = props();
    w.emulator.inject({ operation: CREATE, reset: true, after: true });
    w.emulator.inject(REFUSE);
    const marker = (await w.send(w.cfn.createEvent('Invite', p0))).response.PhysicalResourceId;
    expect(marker).toMatch(/^unconfirmed-/);
    w.emulator.clearFaults();
    w.emulator.calls.length = 0;
    const upd = await w.send(w.cfn.updateEvent('Invite', marker, p0, p0));
    expect(upd.response.Status).toBe('SUCCESS');
    expect(w.operations()).toEqual([CREATE]);
    expect(w.statuses()).toEqual(['PENDING']);
  });

  async function failedUpdateKept() {
    const p0 = props();
    const a = await w.create('Invite', p0);
    const p1 = props({}, 'pprofile-other0000000');
    w.emulator.inject({ operation: CREATE, reset: true, after: true });
    w.emulator.inject(REFUSE);
    const upd = await w.send(w.cfn.updateEvent('Invite', a, p1, p0));
    expect(upd.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: a });
    expect(upd.response.Reason).toMatch(/With rollback disabled, deploying these properties again adopts it \(no second e-mail\); deleting the stack instead leaves it pending: cancel it in Partner Central\.$/);
    w.emulator.clearFaults();
    w.elapse(120_000);
    return { a, b: w.emulator.invitations()[1].Id, p0, p1 };
  }

  test('an Update that failed with its new invitation possibly created, kept without rollback, then deployed again: the new invitation is adopted, no second e-mail', async () => {
    const { a, b, p0, p1 } = await failedUpdateKept();
    const again = await w.send(w.cfn.updateEvent('Invite', a, p1, p0));
    expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: b });
    await w.send(w.cfn.deleteEvent('Invite', a, p0));
    expect(states()).toEqual([[p0.ReceiverIdentifier, p0.Message, 'CANCELED'], [p1.ReceiverIdentifier, p1.Message, 'PENDING']]);
  });

  test('the limit (window F): the same kept stack deleted instead leaves the failed Update\'s invitation pending, as its Reason says', async () => {
    const { a, p0, p1 } = await failedUpdateKept();
    const del = await w.send(w.cfn.deleteEvent('Invite', a, p0));
    expect(del.response.Status).toBe('SUCCESS');
    expect(states()).toEqual([[p0.ReceiverIdentifier, p0.Message, 'CANCELED'], [p1.ReceiverIdentifier, p1.Message, 'PENDING']]);
  });
});

test('the rollback right after a fast-failing same-receiver wording change (the cancel within the 2 s slack of its issue) sends the earlier wording, not the canceled original', async () => {
  w.emulator.setListLag(90); // FAST listLagMs is 100: inside the allowance
  const p0 = props();
  const a = await w.create('Invite', p0);
  const p1 = props({ Message: 'New words for the same partner.' });
  w.emulator.inject({ operation: CREATE, delayMs: 1 }); // the first create passes (refused: A is pending)
  w.emulator.inject({ operation: CREATE, reset: true, after: true }); // after the cancel of A: B is created, its answer lost
  w.emulator.inject({ operation: CREATE, times: Infinity, error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' } });
  const failedUpdate = await w.send(w.cfn.updateEvent('Invite', a, p1, p0));
  expect(failedUpdate.response.Status).toBe('FAILED');
  w.emulator.clearFaults();
  // No time passes: the rollback is issued within the slack of A's cancel.
  const rollback = await w.send(w.cfn.updateEvent('Invite', a, p0, p1));
  expect([rollback.response.Status, rollback.response.Reason]).toEqual(['SUCCESS', undefined]);
  const c = rollback.response.PhysicalResourceId;
  expect(c).not.toBe(a);
  expect(states()).toEqual([
    [p0.ReceiverIdentifier, p0.Message, 'CANCELED'],
    [p1.ReceiverIdentifier, p1.Message, 'CANCELED'],
    [p0.ReceiverIdentifier, p0.Message, 'PENDING'],
  ]);
  // A redelivery of the rollback finds the same live invitation: nothing more is sent.
  const again = await w.send(w.cfn.updateEvent('Invite', a, p0, p1));
  expect(again.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: c });
  expect(w.emulator.invitations()).toHaveLength(3);
});
