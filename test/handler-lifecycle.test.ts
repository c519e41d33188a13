/**
 * The handler's lifecycle over real HTTP: CloudFormation events from the driver, the
 * PartnerCentral emulator behind the endpoint variables.
 */
import { ResponseNotDeliveredError } from '../lambda/index';
import { deriveCancelToken, deriveCreateToken } from '../lambda/lifecycle/client-token';
import { ATTRIBUTE_KEYS } from '../src/contract';
import { props, SESSION_TOKEN, until, World } from './support/handler-harness';
import { LIST_ACTIONS, MANAGE_ACTIONS, SEND_ACTIONS } from '../src/private/provider-actions';

/** A receiver the emulator answers RECEIVER_PROFILE_NOT_FOUND for. */
const UNKNOWN_RECEIVER = 'pprofile-nosuchone';

let w: World;
beforeEach(async () => {
  // Virtual time: budgets, fences and backoff decide on the world's clock, whatever the machine's speed.
  w = await World.start({ emulator: { missingReceivers: [UNKNOWN_RECEIVER] }, virtualTime: true });
});
afterEach(async () => {
  await w.stop();
});

function fieldsOf(p: Record<string, string>) {
  return {
    Catalog: p.Catalog,
    ConnectionType: p.ConnectionType,
    Email: p.Email,
    Message: p.Message,
    Name: p.Name,
    ReceiverIdentifier: p.ReceiverIdentifier,
  };
}

describe('Create', () => {
  test('answers SUCCESS with the invitation id and every attribute as a string', async () => {
    const event = w.cfn.createEvent('Invite', props());
    const d = await w.send(event);
    const [inv] = w.emulator.invitations();
    expect(d.violations).toEqual([]);
    expect(d.response).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: inv.Id,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: 'Invite',
      Data: {
        Id: inv.Id,
        Arn: inv.Arn,
        Catalog: 'Sandbox',
        ConnectionType: 'OPPORTUNITY_COLLABORATION',
        Status: 'PENDING',
        CreatedAt: inv.CreatedAt,
        UpdatedAt: inv.UpdatedAt,
        ExpiresAt: inv.ExpiresAt,
        ConnectionId: '',
        OtherParticipantIdentifier: 'pprofile-0123456789abc',
        ParticipantType: 'SENDER',
        InviterEmail: inv.InviterEmail,
        InviterName: inv.InviterName,
      },
    });
    expect(Object.keys(d.response.Data!).sort()).toEqual([...ATTRIBUTE_KEYS].sort());
    expect(inv.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(d.headers['content-type']).toBe('');
    expect(d.headers['content-length']).toBe(String(d.bytes));
  });

  test('sends a SigV4 request for us-east-1 / partnercentral-account with host and the session token signed', async () => {
    await w.create('Invite', props());
    const [call] = w.emulator.calls;
    expect(call.signatureValid).toBe(true);
    expect(call.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(call.headers['x-amz-target']).toBe('PartnerCentralAccount.CreateConnectionInvitation');
    expect(call.headers['x-amz-security-token']).toBe(SESSION_TOKEN);
    // AWS_REGION is eu-central-1 in the handler's environment: the service is signed for us-east-1 anyway.
    expect(call.headers.authorization).toMatch(/Credential=AKIDEMULATOR\/\d{8}\/us-east-1\/partnercentral-account\/aws4_request/);
    const signed = /SignedHeaders=([^,]+)/.exec(call.headers.authorization as string)![1].split(';');
    expect(signed).toEqual(expect.arrayContaining(['host', 'content-type', 'x-amz-target', 'x-amz-date', 'x-amz-security-token']));
  });

  test('derives the ClientToken from the stack, the resource and the input', async () => {
    const p = props();
    await w.create('Invite', p);
    const input = w.emulator.calls[0].input as Record<string, string>;
    expect(input.ClientToken).toBe(deriveCreateToken(w.cfn.stackId, 'Invite', fieldsOf(p)));
    expect(input.ClientToken).toMatch(/^[0-9a-f]{64}$/);
  });

  test('the same event delivered twice creates one invitation', async () => {
    const event = w.cfn.createEvent('Invite', props());
    const d = await w.send(event, { duplicates: 1 });
    expect(d.invocations).toBe(2);
    const ids = w.cfn.puts(event.RequestId).map((p) => p.response?.PhysicalResourceId);
    expect(ids).toEqual([d.response.PhysicalResourceId, d.response.PhysicalResourceId]);
    expect(w.emulator.countCalls('CreateConnectionInvitation')).toBe(2);
    expect(w.emulator.invitations()).toHaveLength(1);
  });

  test("Lambda's retry after a failed invocation finds the invitation the first one created", async () => {
    // Every PUT of the first invocation fails: it throws so that Lambda invokes it again.
    w.cfn.failNextPuts(5, 500);
    const event = w.cfn.createEvent('Invite', props());
    const d = await w.send(event, { retries: 2 });
    expect(d.invocations).toBe(2);
    expect(d.handlerErrors).toEqual([expect.any(ResponseNotDeliveredError)]);
    expect(d.putAttempts).toBe(6);
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.emulator.countCalls('CreateConnectionInvitation')).toBe(2);
    expect(w.emulator.invitations()).toHaveLength(1);
    expect(d.response.PhysicalResourceId).toBe(w.emulator.invitations()[0].Id);
  });

  test("passes the user's ClientToken through", async () => {
    await w.create('Invite', props({ ClientToken: 'release-2024_q3' }));
    expect((w.emulator.calls[0].input as Record<string, string>).ClientToken).toBe('release-2024_q3');
  });

  test.each([
    ['an invalid e-mail', { Email: 'not-an-email' }, /^Invalid properties: Email must be a valid e-mail address \(got a value of 12 characters\)$/, 'not-an-email'],
    ['a long e-mail', { Email: `${'a'.repeat(330)}@example.com` }, /Email must be 1 to 320 characters long \(got 342\)/, 'aaaaaaaaaa@example.com'],
    ['a name with a newline', { Name: 'Pat\nExample' }, /Name must be printable characters \(no newlines, tabs or other control characters\) \(got a value of 11 characters\)/, 'Pat\nExample'],
    ['a message with a tab', { Message: 'Hello\tpartner' }, /Message must be printable characters and newlines .* \(got a value of 13 characters\)/, 'Hello\tpartner'],
    ['an empty message', { Message: '' }, /Message must be 1 to 256 characters long \(got 0\)/, undefined],
    ['a bad receiver', { ReceiverIdentifier: 'has space' }, /ReceiverIdentifier must be letters, digits and hyphens \(got "has space"\)/, undefined],
    ['SUBSIDIARY to a profile id', { ConnectionType: 'SUBSIDIARY' }, /ReceiverIdentifier must be a 12-digit AWS account id when the connection type is SUBSIDIARY/, undefined],
    ['an unknown connection type', { ConnectionType: 'FRIENDSHIP' }, /ConnectionType must be one of OPPORTUNITY_COLLABORATION, SUBSIDIARY \(got "FRIENDSHIP"\)/, undefined],
    ['a bad client token', { ClientToken: 'has.dots' }, /ClientToken must be letters, digits, hyphens and underscores \(got "has.dots"\)/, undefined],
  ] as const)('fails %s, naming the field and the rule, without calling the API', async (_what, override, reason, personal) => {
    const event = w.cfn.createEvent('Invite', props(override as Record<string, string>));
    const d = await w.send(event);
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toMatch(reason);
    expect(d.response.PhysicalResourceId).toBe(`create-failed-${event.RequestId}`);
    if (personal) expect(d.body).not.toContain(JSON.stringify(personal).slice(1, -1));
    expect(w.emulator.calls).toHaveLength(0);
  });

  test('fails a missing field and a non-string value, naming both', async () => {
    const p: Record<string, unknown> = { ...props(), Name: 42 };
    delete p.ReceiverIdentifier;
    const d = await w.send(w.cfn.createEvent('Invite', p as Record<string, string>));
    expect(d.response.Reason).toBe('Invalid properties: Name must be a string (got number); ReceiverIdentifier is required');
  });

  test('a stale derived token (the same input canceled earlier in this stack) creates a new invitation', async () => {
    const p = props();
    const first = await w.create('Invite', p);
    await w.send(w.cfn.deleteEvent('Invite', first, p));
    expect(w.invitation(first).Status).toBe('CANCELED');

    // Later, the resource is added back with the same properties.
    w.elapse(5_000);
    const again = w.cfn.createEvent('Invite', p);
    const d = await w.send(again, { duplicates: 1 });
    expect(d.response.Status).toBe('SUCCESS');
    const second = d.response.PhysicalResourceId;
    expect(second).not.toBe(first);
    expect(w.statuses()).toEqual(['CANCELED', 'PENDING']);
    const tokens = w.emulator.calls.filter((c) => c.operation === 'CreateConnectionInvitation').map((c) => (c.input as Record<string, string>).ClientToken);
    // Salted with the stale invitation's id, not with anything of this request.
    const salted = deriveCreateToken(w.cfn.stackId, 'Invite', fieldsOf(p), first);
    expect(tokens).toEqual([tokens[0], tokens[0], salted, tokens[0], salted]);

    // Another request with the same input (not a redelivery) derives the same chain: no new invitation.
    const third = await w.send(w.cfn.createEvent('Invite', p));
    expect(third.response.PhysicalResourceId).toBe(second);
    expect(w.statuses()).toEqual(['CANCELED', 'PENDING']);
  });

  test('follows a chain of stale invitations with the same input, one salted token per earlier invitation', async () => {
    const p = props();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await w.create('Invite', p);
      ids.push(id);
      await w.send(w.cfn.deleteEvent('Invite', id, p));
      w.elapse(5_000);
    }
    expect(new Set(ids).size).toBe(3);
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.createEvent('Invite', p));
    const fourth = d.response.PhysicalResourceId;
    expect(ids).not.toContain(fourth);
    const plain = deriveCreateToken(w.cfn.stackId, 'Invite', fieldsOf(p));
    const tokens = w.emulator.calls.map((c) => (c.input as Record<string, string>).ClientToken);
    expect(tokens).toEqual([plain, ...ids.map((id) => deriveCreateToken(w.cfn.stackId, 'Invite', fieldsOf(p), id))]);
    expect(w.statuses()).toEqual(['CANCELED', 'CANCELED', 'CANCELED', 'PENDING']);
  });

  test('gives up with what to do after more than 20 earlier invitations with the same input', async () => {
    const p = props();
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) {
      const id = await w.create('Invite', p);
      ids.push(id);
      w.emulator.setStatus(id, i % 2 === 0 ? 'CANCELED' : 'EXPIRED');
      w.elapse(5_000);
    }
    expect(new Set(ids).size).toBe(21);
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.createEvent('Invite', p));
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toBe(`Too many earlier invitations with these properties in this stack (more than 20, all canceled or expired, the last ${ids[20]}): `
      + 'change a property (for example the message) or set a clientToken to send a new invitation.');
    expect(w.operations()).toEqual(Array(21).fill('CreateConnectionInvitation'));
    expect(w.emulator.invitations()).toHaveLength(21);
  });

  test("a user's ClientToken that names a canceled invitation fails with what to do", async () => {
    const p = props({ ClientToken: 'launch' });
    const first = await w.create('Invite', p);
    await w.send(w.cfn.deleteEvent('Invite', first, p));
    w.elapse(5_000);
    const d = await w.send(w.cfn.createEvent('Invite', p));
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toBe(`ClientToken "launch" was already used for invitation ${first}, which is now CANCELED: set a new clientToken (or remove it) to send a new invitation.`);
    expect(w.emulator.invitations()).toHaveLength(1);
  });
});

describe('Update', () => {
  test('unchanged properties: reads the invitation and answers fresh Data under the same id', async () => {
    const p = props();
    const id = await w.create('Invite', p);
    w.emulator.setStatus(id, 'ACCEPTED');
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.updateEvent('Invite', id, p, p));
    expect(d.response.Status).toBe('SUCCESS');
    expect(d.response.PhysicalResourceId).toBe(id);
    expect(d.response.Data).toMatchObject({ Id: id, Status: 'ACCEPTED', ConnectionId: w.invitation(id).ConnectionId });
    expect(w.operations()).toEqual(['GetConnectionInvitation']);
  });

  test('unchanged properties of an invitation that no longer exists: FAILED with what to do', async () => {
    const p = props();
    const d = await w.send(w.cfn.updateEvent('Invite', 'pacinv-AAAAAAAAAAAAA', p, p));
    expect(d.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA' });
    expect(d.response.Reason).toBe('Invitation pacinv-AAAAAAAAAAAAA no longer exists in catalog Sandbox. To send a new one, change a property of the resource (for example the message, or set a clientToken).');
  });

  test('a change of a pending invitation replaces it; the cleanup Delete cancels the old one', async () => {
    const oldProps = props();
    const newProps = props({}, 'pprofile-other');
    const oldId = await w.create('Invite', oldProps);
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.updateEvent('Invite', oldId, newProps, oldProps));
    const newId = d.response.PhysicalResourceId;
    expect(d.response.Status).toBe('SUCCESS');
    expect(newId).not.toBe(oldId);
    expect(d.response.Data).toMatchObject({ Id: newId, OtherParticipantIdentifier: 'pprofile-other', Status: 'PENDING' });
    // The new invitation exists before anything is canceled.
    expect(w.operations()).toEqual(['GetConnectionInvitation', 'CreateConnectionInvitation']);
    expect((w.emulator.calls[1].input as Record<string, string>).ClientToken).toBe(deriveCreateToken(w.cfn.stackId, 'Invite', fieldsOf(newProps)));

    const cleanup = await w.send(w.cfn.deleteEvent('Invite', oldId, oldProps));
    expect(cleanup.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: oldId });
    expect(w.invitation(oldId).Status).toBe('CANCELED');
    expect(w.invitation(newId).Status).toBe('PENDING');
  });

  test('rollback: the earlier properties sent to the new id bring back the original invitation, no third e-mail', async () => {
    const original = props();
    const changed = props({}, 'pprofile-other');
    const a = await w.create('Invite', original);
    const update = await w.send(w.cfn.updateEvent('Invite', a, changed, original));
    const b = update.response.PhysicalResourceId;
    expect(b).not.toBe(a);

    // The stack update fails elsewhere: CloudFormation rolls this resource back.
    const rollback = await w.send(w.cfn.updateEvent('Invite', b, original, changed));
    expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a, Data: expect.objectContaining({ Id: a, Status: 'PENDING' }) });
    // Rollback cleanup deletes the new invitation.
    await w.send(w.cfn.deleteEvent('Invite', b, changed));

    expect(w.emulator.invitations().map((i) => [i.Id, i.Status])).toEqual([[a, 'PENDING'], [b, 'CANCELED']]);
    expect(w.emulator.invitations()).toHaveLength(2);
  });

  test('a change of wording to the same receiver: the old pending one is canceled first (one pending per receiver)', async () => {
    const oldProps = props();
    const newProps = props({ Message: 'A new message.' });
    const oldId = await w.create('Invite', oldProps);
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.updateEvent('Invite', oldId, newProps, oldProps));
    const newId = d.response.PhysicalResourceId;
    expect(d.response.Status).toBe('SUCCESS');
    expect(newId).not.toBe(oldId);
    expect(w.emulator.calls.map((c) => `${c.operation} ${c.status}${c.errorReason ? ` ${c.errorReason}` : ''}`)).toEqual([
      'GetConnectionInvitation 200',
      'CreateConnectionInvitation 409 DUPLICATE_CONNECTION_INVITATION',
      'CancelConnectionInvitation 200',
      'CreateConnectionInvitation 200',
    ]);
    expect((w.emulator.calls[2].input as Record<string, string>).ClientToken).toBe(deriveCancelToken(w.cfn.stackId, 'Invite', oldId));
    expect(w.statuses()).toEqual(['CANCELED', 'PENDING']);

    // The cleanup Delete finds the old one canceled and does nothing.
    w.emulator.calls.length = 0;
    const cleanup = await w.send(w.cfn.deleteEvent('Invite', oldId, oldProps));
    expect(cleanup.response.Status).toBe('SUCCESS');
    expect(w.operations()).toEqual(['GetConnectionInvitation']);
  });

  test('rollback of a wording change: the original was canceled, so a new invitation with the old wording is sent', async () => {
    const original = props();
    const changed = props({ Message: 'A new message.' });
    const a = await w.create('Invite', original);
    const b = (await w.send(w.cfn.updateEvent('Invite', a, changed, original))).response.PhysicalResourceId;
    // Another resource fails; CloudFormation rolls back some seconds later.
    w.elapse(5_000);
    const rollback = await w.send(w.cfn.updateEvent('Invite', b, original, changed));
    const c = rollback.response.PhysicalResourceId;
    expect(rollback.response.Status).toBe('SUCCESS');
    expect(new Set([a, b, c]).size).toBe(3);
    await w.send(w.cfn.deleteEvent('Invite', b, changed));
    expect(w.emulator.invitations().map((i) => [i.Id, i.Status, i.InvitationMessage])).toEqual([
      [a, 'CANCELED', original.Message],
      [b, 'CANCELED', changed.Message],
      [c, 'PENDING', original.Message],
    ]);
  });

  test('rollback of a wording change issued right after it (within the 2 s slack of the cancel): the earlier wording is still sent', async () => {
    const original = props();
    const changed = props({ Message: 'A new message.' });
    const a = await w.create('Invite', original);
    const b = (await w.send(w.cfn.updateEvent('Invite', a, changed, original))).response.PhysicalResourceId;
    // Another resource fails at once; CloudFormation rolls back in the same second.
    const rollback = await w.send(w.cfn.updateEvent('Invite', b, original, changed));
    const c = rollback.response.PhysicalResourceId;
    expect(rollback.response.Status).toBe('SUCCESS');
    expect(new Set([a, b, c]).size).toBe(3);
    await w.send(w.cfn.deleteEvent('Invite', b, changed));
    expect(w.emulator.invitations().map((i) => [i.Id, i.Status, i.InvitationMessage])).toEqual([
      [a, 'CANCELED', original.Message],
      [b, 'CANCELED', changed.Message],
      [c, 'PENDING', original.Message],
    ]);
  });

  describe('after a rollback of a wording change (the live invitation carries a salted token)', () => {
    let original: Record<string, string>;
    let live: string;
    beforeEach(async () => {
      // A (original) -> wording change (A canceled first, B) -> back to the original wording:
      // the plain token names A, CANCELED, so the salted one makes C; the cleanups follow.
      original = props();
      const reworded = props({ Message: 'Second wording.' });
      const a = await w.create('Invite', original);
      const b = (await w.send(w.cfn.updateEvent('Invite', a, reworded, original))).response.PhysicalResourceId;
      await w.send(w.cfn.deleteEvent('Invite', a, original));
      w.elapse(5_000);
      live = (await w.send(w.cfn.updateEvent('Invite', b, original, reworded))).response.PhysicalResourceId;
      await w.send(w.cfn.deleteEvent('Invite', b, reworded));
      expect(w.statuses()).toEqual(['CANCELED', 'CANCELED', 'PENDING']);
      expect(w.invitation(live).InvitationMessage).toBe(original.Message);
    });

    test('a failed change to an unknown receiver, then its rollback: the live invitation is kept, nothing sent or canceled', async () => {
      const unknown = props({}, UNKNOWN_RECEIVER);
      const failed = await w.send(w.cfn.updateEvent('Invite', live, unknown, original));
      expect(failed.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: live });
      expect(w.invitation(live).Status).toBe('PENDING');

      const count = w.emulator.invitations().length;
      w.emulator.calls.length = 0;
      const rollback = await w.send(w.cfn.updateEvent('Invite', live, original, unknown));
      expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: live, Data: expect.objectContaining({ Id: live, Status: 'PENDING' }) });
      expect(w.invitation(live).Status).toBe('PENDING');
      expect(w.emulator.invitations()).toHaveLength(count);
      expect(w.operations()).not.toContain('CancelConnectionInvitation');
    });

    test('a change refused as invalid before any call, then its rollback: the live invitation is kept', async () => {
      const invalid = props({ Email: 'not-an-email' });
      const failed = await w.send(w.cfn.updateEvent('Invite', live, invalid, original));
      expect(failed.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: live });
      w.emulator.calls.length = 0;
      const rollback = await w.send(w.cfn.updateEvent('Invite', live, original, invalid));
      expect(rollback.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: live });
      expect(w.statuses()).toEqual(['CANCELED', 'CANCELED', 'PENDING']);
      expect(w.operations()).not.toContain('CancelConnectionInvitation');
    });
  });

  test('a change of catalog reads the current invitation in the old catalog and creates in the new one', async () => {
    const oldProps = props();
    const newProps = props({ Catalog: 'AWS' });
    const oldId = await w.create('Invite', oldProps);
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.updateEvent('Invite', oldId, newProps, oldProps));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.emulator.calls.map((c) => [c.operation, (c.input as Record<string, string>).Catalog])).toEqual([
      ['GetConnectionInvitation', 'Sandbox'],
      ['CreateConnectionInvitation', 'AWS'],
    ]);
    await w.send(w.cfn.deleteEvent('Invite', oldId, oldProps));
    expect(w.emulator.invitations().map((i) => [i.Catalog, i.Status])).toEqual([['Sandbox', 'CANCELED'], ['AWS', 'PENDING']]);
  });

  test('a change to an invitation of another receiver that is blocked by a duplicate fails (nothing canceled)', async () => {
    const oldProps = props();
    const other = props({}, 'pprofile-other');
    const oldId = await w.create('Invite', oldProps);
    await w.create('Elsewhere', other);
    const d = await w.send(w.cfn.updateEvent('Invite', oldId, other, oldProps));
    expect(d.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: oldId });
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation failed: ConflictException \(DUPLICATE_CONNECTION_INVITATION\): .*A pending invitation to this receiver/);
    expect(w.statuses()).toEqual(['PENDING', 'PENDING']);
  });

  test('ACCEPTED with a change of wording only keeps the invitation (no e-mail)', async () => {
    const oldProps = props();
    const id = await w.create('Invite', oldProps);
    w.emulator.setStatus(id, 'ACCEPTED');
    w.emulator.calls.length = 0;
    const newProps = props({ Message: 'Reworded.', Name: 'Pat B. Example', Email: 'pat@example.com', ClientToken: 'v2' });
    const d = await w.send(w.cfn.updateEvent('Invite', id, newProps, oldProps));
    expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id, Data: expect.objectContaining({ Id: id, Status: 'ACCEPTED' }) });
    expect(w.operations()).toEqual(['GetConnectionInvitation']);
    expect(w.emulator.invitations()).toHaveLength(1);
  });

  test('a wording change to the same receiver whose partner accepts between the Get and the create: the new invitation is canceled, the accepted one kept (window G)', async () => {
    const p0 = props();
    const a = await w.create('Invite', p0);
    const p1 = props({ Message: 'New words for the same partner.' });
    // The Update's create is held at the service; the partner accepts meanwhile, so the create
    // is not refused (A is no longer pending) and B is sent.
    w.emulator.calls.length = 0;
    w.emulator.inject({ operation: 'CreateConnectionInvitation', delayMs: 300 });
    const upd = w.send(w.cfn.updateEvent('Invite', a, p1, p0));
    // While the create is held: the emulator has received it (its hold is a longer timer than the polls).
    await until(() => w.emulator.countCalls('CreateConnectionInvitation') === 1, 'the held create');
    w.emulator.setStatus(a, 'ACCEPTED');
    const d = await upd;
    expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a, Data: expect.objectContaining({ Id: a, Status: 'ACCEPTED' }) });
    expect(w.operations()).toEqual(['GetConnectionInvitation', 'CreateConnectionInvitation', 'GetConnectionInvitation', 'CancelConnectionInvitation']);
    // B's e-mail went out (window G), but B does not stay pending beside the connection.
    expect(w.emulator.invitations().map((i) => [i.Id === a, i.InvitationMessage, i.Status])).toEqual([
      [true, p0.Message, 'ACCEPTED'],
      [false, p1.Message, 'CANCELED'],
    ]);
  });

  test('ACCEPTED with a different receiver creates a new invitation; the cleanup Delete leaves the accepted one alone', async () => {
    const oldProps = props();
    const id = await w.create('Invite', oldProps);
    w.emulator.setStatus(id, 'ACCEPTED');
    const newProps = props({}, 'pprofile-other');
    const d = await w.send(w.cfn.updateEvent('Invite', id, newProps, oldProps));
    expect(d.response.Status).toBe('SUCCESS');
    expect(d.response.PhysicalResourceId).not.toBe(id);
    w.emulator.calls.length = 0;
    await w.send(w.cfn.deleteEvent('Invite', id, oldProps));
    expect(w.operations()).toEqual(['GetConnectionInvitation']);
    expect(w.statuses()).toEqual(['ACCEPTED', 'PENDING']);
  });

  test.each(['REJECTED', 'EXPIRED', 'CANCELED'] as const)('%s plus a change sends a new invitation; the cleanup Delete does nothing', async (status) => {
    const oldProps = props();
    const id = await w.create('Invite', oldProps);
    w.emulator.setStatus(id, status);
    const newProps = props({ Message: 'Please reconsider.' });
    const d = await w.send(w.cfn.updateEvent('Invite', id, newProps, oldProps));
    expect(d.response.Status).toBe('SUCCESS');
    const newId = d.response.PhysicalResourceId;
    expect(newId).not.toBe(id);
    expect(w.invitation(newId).InvitationMessage).toBe('Please reconsider.');
    w.emulator.calls.length = 0;
    await w.send(w.cfn.deleteEvent('Invite', id, oldProps));
    expect(w.operations()).toEqual(['GetConnectionInvitation']);
    expect(w.statuses()).toEqual([status, 'PENDING']);
  });

  test('REJECTED plus a new clientToken only re-invites', async () => {
    const oldProps = props();
    const id = await w.create('Invite', oldProps);
    w.emulator.setStatus(id, 'REJECTED');
    const d = await w.send(w.cfn.updateEvent('Invite', id, props({ ClientToken: 'second-try' }), oldProps));
    expect(d.response.PhysicalResourceId).not.toBe(id);
    expect(w.statuses()).toEqual(['REJECTED', 'PENDING']);
  });

  test('going back to the properties of a REJECTED invitation adopts it: no e-mail to the partner who rejected', async () => {
    const original = props();
    const reworded = props({ Message: 'Second wording.' });
    const a = await w.create('Invite', original);
    w.emulator.setStatus(a, 'REJECTED');
    const b = (await w.send(w.cfn.updateEvent('Invite', a, reworded, original))).response.PhysicalResourceId;
    expect(b).not.toBe(a);

    const back = await w.send(w.cfn.updateEvent('Invite', b, original, reworded));
    expect(back.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a, Data: expect.objectContaining({ Id: a, Status: 'REJECTED' }) });
    // The cleanup Delete of the replaced id cancels the reworded invitation.
    await w.send(w.cfn.deleteEvent('Invite', b, reworded));
    expect(w.emulator.invitations().map((i) => [i.Id, i.Status])).toEqual([[a, 'REJECTED'], [b, 'CANCELED']]);
  });

  test("a user's ClientToken reused with changed properties fails with what to do", async () => {
    const oldProps = props({ ClientToken: 'launch' });
    const id = await w.create('Invite', oldProps);
    w.emulator.setStatus(id, 'REJECTED');
    const d = await w.send(w.cfn.updateEvent('Invite', id, props({ ClientToken: 'launch', Message: 'Changed.' }), oldProps));
    expect(d.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(d.response.Reason).toBe('CreateConnectionInvitation failed: ConflictException (CONFLICT_CLIENT_TOKEN): The ClientToken was already used with a different request. '
      + 'The clientToken was already used for an invitation with other properties: set a new clientToken (or remove it) when you change the invitation.');
  });

  test('a physical id that is not an invitation id behaves as Create, and sweeps the old properties nothing holds (a rollback of a failed Update from that id)', async () => {
    const p = props();
    const d = await w.send(w.cfn.updateEvent('Invite', 'create-failed-1234', p, props({ Message: 'Old.' })));
    expect(d.response.Status).toBe('SUCCESS');
    expect(d.response.PhysicalResourceId).toBe(w.emulator.invitations()[0].Id);
    expect(w.operations()).toEqual(['ListConnectionInvitations', 'CreateConnectionInvitation', 'ListConnectionInvitations']);
  });

  test('a physical id that is not an invitation id, properties unchanged: behaves as Create, no sweep', async () => {
    const p = props();
    const d = await w.send(w.cfn.updateEvent('Invite', 'create-failed-1234', p, p));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.operations()).toEqual(['CreateConnectionInvitation']);
  });

  test('invalid new properties fail under the current id without calling the API', async () => {
    const p = props();
    const id = await w.create('Invite', p);
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.updateEvent('Invite', id, props({ Email: 'nope' }), p));
    expect(d.response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: id });
    expect(d.response.Reason).toMatch(/^Invalid properties: Email must be a valid e-mail address/);
    expect(w.emulator.calls).toHaveLength(0);
  });

  test('a change when the current invitation is gone creates a new one, and sweeps the old properties it cannot compare', async () => {
    const d = await w.send(w.cfn.updateEvent('Invite', 'pacinv-AAAAAAAAAAAAA', props(), props({ Message: 'Old.' })));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.operations()).toEqual(['GetConnectionInvitation', 'ListConnectionInvitations', 'CreateConnectionInvitation', 'ListConnectionInvitations']);
  });
});

describe('Delete', () => {
  test('cancels a pending invitation with a deterministic ClientToken', async () => {
    const p = props();
    const id = await w.create('Invite', p);
    w.emulator.calls.length = 0;
    const event = w.cfn.deleteEvent('Invite', id, p);
    const d = await w.send(event);
    expect(d.response).toEqual({ Status: 'SUCCESS', PhysicalResourceId: id, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: 'Invite' });
    expect(w.operations()).toEqual(['GetConnectionInvitation', 'CancelConnectionInvitation']);
    expect(w.emulator.calls[1].input).toEqual({ Catalog: 'Sandbox', Identifier: id, ClientToken: deriveCancelToken(w.cfn.stackId, 'Invite', id) });
    expect(w.invitation(id).Status).toBe('CANCELED');
  });

  test.each(['ACCEPTED', 'REJECTED', 'EXPIRED', 'CANCELED'] as const)('leaves a %s invitation alone', async (status) => {
    const p = props();
    const id = await w.create('Invite', p);
    w.emulator.setStatus(id, status);
    w.emulator.calls.length = 0;
    const d = await w.send(w.cfn.deleteEvent('Invite', id, p));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.operations()).toEqual(['GetConnectionInvitation']);
    expect(w.invitation(id).Status).toBe(status);
  });

  test('an invitation that does not exist (404) is already deleted', async () => {
    const d = await w.send(w.cfn.deleteEvent('Invite', 'pacinv-AAAAAAAAAAAAA', props()));
    expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA' });
  });

  test.each(['create-failed-0b6c6a10', 'pacinv-short', 'something-else'])('a physical id that is not an invitation id (%s) needs no API call', async (id) => {
    const d = await w.send(w.cfn.deleteEvent('Invite', id, props()));
    expect(d.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: id });
    expect(w.emulator.calls).toHaveLength(0);
  });

  test('never calls CancelConnection', async () => {
    const p = props();
    const id = await w.create('Invite', p);
    w.emulator.setStatus(id, 'ACCEPTED');
    await w.send(w.cfn.deleteEvent('Invite', id, p));
    expect(w.emulator.calls.map((c) => c.target)).not.toContain('PartnerCentralAccount.CancelConnection');
    expect(w.invitation(id).Status).toBe('ACCEPTED');
  });
});

describe('a Create whose outcome is unknown', () => {
  test('answers FAILED with a marker, and the Delete that follows cancels what it created', async () => {
    // Every attempt is processed but its answer is lost.
    w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true, times: Infinity });
    const p = props();
    const before = Math.floor(w.now() / 1000);
    const d = await w.send(w.cfn.createEvent('Invite', p), { timeoutMs: 2_500 });
    const after = Math.ceil(w.now() / 1000);
    expect(d.response.Status).toBe('FAILED');
    const marker = d.response.PhysicalResourceId;
    const m = /^unconfirmed-(\d+)-(\d+)$/.exec(marker);
    expect(m).not.toBeNull();
    // The request's create window: from its issue (less the clock slack) to its create fence
    // (plus the slack), in whole seconds.
    expect(Number(m![1])).toBeGreaterThanOrEqual(before - 1);
    expect(Number(m![2])).toBeLessThanOrEqual(after + 1);
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation timed out after \d+ attempts in [\d.]+ s, last error: ECONNRESET .*The invitation may have been created/);
    const [orphan] = w.emulator.invitations();
    expect(orphan.Status).toBe('PENDING');
    expect(w.emulator.invitations()).toHaveLength(1);

    w.emulator.clearFaults();
    w.emulator.calls.length = 0;
    const del = await w.send(w.cfn.deleteEvent('Invite', marker, p));
    expect(del.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: marker });
    // A cancel does not end the sweep: once the window has settled it lists again (the first
    // match may have been another owner's, whose end lets a late delivery send this one's).
    expect(w.operations()).toEqual(['ListConnectionInvitations', 'GetConnectionInvitation', 'CancelConnectionInvitation', 'ListConnectionInvitations']);
    expect(w.emulator.calls[0].input).toEqual({
      Catalog: 'Sandbox',
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      MaxResults: 100,
      OtherParticipantIdentifiers: ['pprofile-0123456789abc'],
      ParticipantType: 'SENDER',
      Status: 'PENDING',
    });
    expect(w.invitation(orphan.Id).Status).toBe('CANCELED');
  });

  test.each([
    ['elements that are not records', (s: unknown[]) => s.map((x) => JSON.stringify(x))],
    ['summaries without CreatedAt', (s: unknown[]) => s.map((x) => ({ ...(x as object), CreatedAt: undefined }))],
    ['summaries with an unreadable CreatedAt', (s: unknown[]) => s.map((x) => ({ ...(x as object), CreatedAt: 'yesterday' }))],
    ['summaries without Status', (s: unknown[]) => s.map((x) => ({ ...(x as object), Status: undefined }))],
    ['summaries without an invitation id', (s: unknown[]) => s.map((x) => ({ ...(x as object), Id: 'not-an-id' }))],
  ])('a List page with %s is an unreadable answer, retried: the marker Delete still cancels the invitation, never takes it for nothing to do', async (_what, spoil) => {
    const p = props();
    // The create is processed, its answer lost, then refused: the Create answers its marker.
    w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
    w.emulator.inject({ operation: 'CreateConnectionInvitation', times: Infinity, error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' } });
    const created = await w.send(w.cfn.createEvent('Invite', p));
    expect(created.response.PhysicalResourceId).toMatch(/^unconfirmed-/);
    w.emulator.clearFaults();
    w.elapse(5_000); // the window has settled: the Delete sweeps once
    w.emulator.inject({ operation: 'ListConnectionInvitations', rewrite: (o) => ({ ...o, ConnectionInvitationSummaries: spoil(o.ConnectionInvitationSummaries as unknown[]) }) });
    w.emulator.calls.length = 0;
    const del = await w.send(w.cfn.deleteEvent('Invite', created.response.PhysicalResourceId, p));
    expect(del.response.Status).toBe('SUCCESS');
    expect(w.operations()).toEqual(['ListConnectionInvitations', 'ListConnectionInvitations', 'GetConnectionInvitation', 'CancelConnectionInvitation']);
    expect(w.statuses()).toEqual(['CANCELED']);
  });

  test('the service spells the receiver in another case: the marker sweep still proves and cancels its own invitation', async () => {
    const p = props({}, 'pprofile-0123456789ABC');
    w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
    w.emulator.inject({ operation: 'CreateConnectionInvitation', times: Infinity, error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' } });
    const created = await w.send(w.cfn.createEvent('Invite', p));
    expect(created.response.PhysicalResourceId).toMatch(/^unconfirmed-/);
    w.emulator.clearFaults();
    w.elapse(5_000);
    const lower = (o: Record<string, unknown>) => ({ ...o, OtherParticipantIdentifier: String(o.OtherParticipantIdentifier).toLowerCase() });
    w.emulator.inject({ operation: 'ListConnectionInvitations', times: Infinity, rewrite: (o) => ({ ...o, ConnectionInvitationSummaries: (o.ConnectionInvitationSummaries as Array<Record<string, unknown>>).map(lower) }) });
    w.emulator.inject({ operation: 'GetConnectionInvitation', times: Infinity, rewrite: lower });
    const del = await w.send(w.cfn.deleteEvent('Invite', created.response.PhysicalResourceId, p));
    expect(del.response.Status).toBe('SUCCESS');
    expect(w.statuses()).toEqual(['CANCELED']);
  });

  test('a List page that stays malformed fails the marker Delete clearly, the invitation left pending', async () => {
    const p = props();
    w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
    w.emulator.inject({ operation: 'CreateConnectionInvitation', times: Infinity, error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED' } });
    const created = await w.send(w.cfn.createEvent('Invite', p));
    w.emulator.clearFaults();
    w.elapse(5_000);
    w.emulator.inject({ operation: 'ListConnectionInvitations', times: Infinity, rewrite: (o) => ({ ...o, ConnectionInvitationSummaries: (o.ConnectionInvitationSummaries as unknown[]).map((x) => ({ ...(x as object), CreatedAt: undefined })) }) });
    const del = await w.send(w.cfn.deleteEvent('Invite', created.response.PhysicalResourceId, p));
    expect(del.response.Status).toBe('FAILED');
    expect(del.response.Reason).toMatch(/^ListConnectionInvitations /);
    expect(w.statuses()).toEqual(['PENDING']);
  });

  test('the marker Delete leaves pending invitations created outside its window alone', async () => {
    const p = props();
    const id = await w.create('Invite', p);
    const longAgo = Math.floor(w.now() / 1000) - 3600;
    const d = await w.send(w.cfn.deleteEvent('Invite', `unconfirmed-${longAgo}-${longAgo + 60}`, p));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.invitation(id).Status).toBe('PENDING');
  });

  test('a marker Delete with invalid properties succeeds without calls (nothing could have been sent)', async () => {
    const now = Math.floor(w.now() / 1000);
    const d = await w.send(w.cfn.deleteEvent('Invite', `unconfirmed-${now}-${now}`, props({ Email: 'broken' })));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.emulator.calls).toHaveLength(0);
  });

  test('a Create that was only ever throttled answers the marker of its window (another delivery may have sent it), without saying this one may have', async () => {
    w.emulator.inject({ operation: 'CreateConnectionInvitation', error: { status: 429, name: 'ThrottlingException', message: 'Rate exceeded' }, times: Infinity });
    const event = w.cfn.createEvent('Invite', props());
    const d = await w.send(event, { timeoutMs: 2_000 });
    expect(d.response.PhysicalResourceId).toMatch(/^unconfirmed-\d+-\d+$/);
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation timed out after \d+ attempts in [\d.]+ s, last error: ThrottlingException: Rate exceeded$/);
  });
});

test('the handler calls only what the provider grants invitations; a Delete only what stays granted once the stack has none', async () => {
  const names = (actions: string[]) => new Set(actions.map((a) => a.replace(/^partnercentral:/, '')));
  // The role always holds the manage and list statements; the send statement only while the stack has invitations,
  // so a cleanup Delete after the last invitation left the stack has the first two only.
  const sending = names([...SEND_ACTIONS, ...MANAGE_ACTIONS, ...LIST_ACTIONS]);
  const deleting = names([...MANAGE_ACTIONS, ...LIST_ACTIONS]);
  const seen = new Set<string>();
  const step = async (allowed: Set<string>, run: () => Promise<unknown>) => {
    w.emulator.calls.length = 0;
    await run();
    expect(w.operations().filter((op) => !allowed.has(op))).toEqual([]);
    for (const op of w.operations()) seen.add(op);
  };

  const p = props();
  let id = '';
  await step(sending, async () => {
    id = await w.create('Invite', p);
  });
  await step(sending, async () => expect((await w.send(w.cfn.updateEvent('Invite', id, p, p))).response.Status).toBe('SUCCESS'));
  const next = props({ Message: 'Let us co-sell on more opportunities.' });
  let replacement = '';
  await step(sending, async () => {
    const u = await w.send(w.cfn.updateEvent('Invite', id, next, p));
    expect(u.response.Status).toBe('SUCCESS');
    replacement = u.response.PhysicalResourceId;
  });
  await step(deleting, async () => expect((await w.send(w.cfn.deleteEvent('Invite', id, p))).response.Status).toBe('SUCCESS'));
  await step(deleting, async () => expect((await w.send(w.cfn.deleteEvent('Invite', replacement, next))).response.Status).toBe('SUCCESS'));
  // A Create whose outcome is unknown, and the marker Delete that finds and cancels what it sent.
  w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true, times: Infinity });
  let marker = '';
  await step(sending, async () => {
    const d = await w.send(w.cfn.createEvent('Other', props({}, 'pprofile-0123456789abd')), { timeoutMs: 2_500 });
    expect(d.response.Status).toBe('FAILED');
    marker = d.response.PhysicalResourceId;
  });
  w.emulator.clearFaults();
  await step(deleting, async () => expect((await w.send(w.cfn.deleteEvent('Other', marker, props({}, 'pprofile-0123456789abd')))).response.Status).toBe('SUCCESS'));
  expect(w.statuses()).toEqual(['CANCELED', 'CANCELED', 'CANCELED']);
  // Every action granted is one the handler calls.
  expect([...seen].sort()).toEqual([...sending].sort());
});
