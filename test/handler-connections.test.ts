/**
 * Connections: the handler keeps its connections alive and reuses them, within an invocation
 * and across the invocations of a warm function, for the API and for the response PUT; a
 * connection the server closed while the function was frozen costs one retry at once, on a
 * fresh connection, and never a duplicate create or a lost answer. Counted at the servers.
 */
import { props, World } from './support/handler-harness';

let w: World;
/** The waits the handler asked for: a stale connection is retried without one. */
let sleeps: readonly number[];

beforeEach(async () => {
  w = await World.start({
    // Virtual time: request and PUT timeouts run on the world's clock, so a stalled machine
    // times out no attempt (a timed-out attempt's retry would open one more connection).
    virtualTime: true,
    deps: {
      runtime: {
        // The top draw: every backoff waits (a zero draw would skip its sleep).
        random: () => 0.999999,
      },
    },
  });
  // Every wait the handler makes is on the world's clock, which records it.
  sleeps = w.waits;
});

afterEach(async () => {
  await w.stop();
});

/** The API log lines of the handler (one per attempt). */
function apiLines(): Array<Record<string, unknown>> {
  return w.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.kind === 'api');
}

describe('connections are reused', () => {
  test('a whole life (create, unchanged update, delete) runs on one API connection and one ResponseURL connection', async () => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    const update = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));
    expect(update.response.Status).toBe('SUCCESS');
    const del = await w.send(w.cfn.deleteEvent('Invitation', id, properties));
    expect(del.response.Status).toBe('SUCCESS');

    expect(w.operations()).toEqual(['CreateConnectionInvitation', 'GetConnectionInvitation', 'GetConnectionInvitation', 'CancelConnectionInvitation']);
    expect(w.emulator.connectionsAccepted).toBe(1);
    expect(w.cfn.puts()).toHaveLength(3);
    expect(w.cfn.connectionsAccepted).toBe(1);
  });

  test('connections the servers closed between invocations are replaced: the next event is answered without a backoff', async () => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.emulator.closeIdleConnections();
    w.cfn.closeIdleConnections();
    const update = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));

    expect(update.response.Status).toBe('SUCCESS');
    expect(w.emulator.calls.map((c) => c.status)).toEqual([200, 200]);
    expect(w.emulator.connectionsAccepted).toBe(2);
    expect(w.cfn.connectionsAccepted).toBe(2);
    expect(update.putAttempts).toBe(1);
    // Whether the close reached the client before its next request (a new connection at once) or
    // after (a reset, retried at once), no wait was spent on it.
    expect(sleeps).toEqual([]);
  });
});

describe('a connection gone stale while the function was frozen', () => {
  test('on the API: one retry at once on a fresh connection, the update answered', async () => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.emulator.staleConnections();
    const update = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));

    expect(update.response.Status).toBe('SUCCESS');
    // The stale attempt never reached the emulator's logic: it was reset before being read.
    expect(w.operations()).toEqual(['CreateConnectionInvitation', 'GetConnectionInvitation']);
    expect(apiLines().map((l) => [l.operation, l.status, l.errorName])).toEqual([
      ['CreateConnectionInvitation', 200, undefined],
      ['GetConnectionInvitation', 0, 'ECONNRESET'],
      ['GetConnectionInvitation', 200, undefined],
    ]);
    expect(sleeps).toEqual([]);
    expect(w.emulator.connectionsAccepted).toBe(2);
  });

  test('on a create: one retry at once, one invitation, never a duplicate', async () => {
    await w.create('First', props({}, 'pprofile-0000000000001'));
    w.emulator.staleConnections();
    const d = await w.send(w.cfn.createEvent('Second', props({}, 'pprofile-0000000000002')));

    expect(d.response.Status).toBe('SUCCESS');
    expect(w.emulator.invitations().map((i) => i.OtherParticipantIdentifier)).toEqual(['pprofile-0000000000001', 'pprofile-0000000000002']);
    expect(w.operations()).toEqual(['CreateConnectionInvitation', 'CreateConnectionInvitation']);
    expect(sleeps).toEqual([]);
  });

  test('a reused connection reset after the create was processed: the retry at once carries the same ClientToken and gets the same invitation', async () => {
    await w.create('First', props({}, 'pprofile-0000000000001'));
    // On the reused connection the client cannot tell this from a stale one.
    w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
    const d = await w.send(w.cfn.createEvent('Second', props({}, 'pprofile-0000000000002')));

    expect(d.response.Status).toBe('SUCCESS');
    const creates = w.emulator.calls.filter((c) => c.operation === 'CreateConnectionInvitation').slice(1);
    expect(creates.map((c) => c.fault ?? c.status)).toEqual(['reset-after', 200]);
    const [first, second] = creates.map((c) => (c.input as Record<string, unknown>).ClientToken);
    expect(second).toBe(first);
    expect(w.emulator.invitations().filter((i) => i.OtherParticipantIdentifier === 'pprofile-0000000000002')).toHaveLength(1);
    expect(d.response.PhysicalResourceId).toBe(w.emulator.invitations()[1].Id);
    expect(sleeps).toEqual([]);
  });

  test('a second failure of the same call is not taken for a stale connection: it backs off', async () => {
    await w.create('First', props({}, 'pprofile-0000000000001'));
    w.emulator.staleConnections();
    // The retry at once runs on a fresh connection; its failure is an ordinary one.
    w.emulator.inject({ operation: 'CreateConnectionInvitation', error: { status: 503, name: 'ServiceUnavailable' } });
    const d = await w.send(w.cfn.createEvent('Second', props({}, 'pprofile-0000000000002')));

    expect(d.response.Status).toBe('SUCCESS');
    expect(sleeps).toHaveLength(1);
    expect(apiLines().slice(1).map((l) => l.status)).toEqual([0, 503, 200]);
  });

  test('an answer that is not HTTP on a reused connection is not a stale connection: it backs off', async () => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.emulator.inject({ operation: 'GetConnectionInvitation', garble: true });
    const update = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));

    expect(update.response.Status).toBe('SUCCESS');
    const gets = apiLines().filter((l) => l.operation === 'GetConnectionInvitation');
    expect(gets.map((l) => l.status)).toEqual([0, 200]);
    expect(String(gets[0].errorName)).toMatch(/^HPE_/);
    // The garbled answer came on the create's kept-alive connection, yet the retry waited.
    expect(w.emulator.connectionsAccepted).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  test('on the response PUT: one retry at once on a fresh connection, the answer not lost', async () => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.cfn.staleConnections();
    const update = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));

    expect(update.response.Status).toBe('SUCCESS');
    expect(update.invocations).toBe(1);
    // The stale PUT was reset before the driver read it: one PUT stored, on a second connection.
    expect(update.putAttempts).toBe(1);
    expect(w.cfn.connectionsAccepted).toBe(2);
    expect(sleeps).toEqual([]);
    const event = w.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestType === 'Update');
    expect(event).toMatchObject({ outcome: 'SUCCESS', responseStatus: 200, responseAttempts: 2 });
  });
});
