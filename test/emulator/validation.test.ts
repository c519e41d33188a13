/**
 * The emulator's input validation (tools/emulator/validation.ts) as the official client meets it:
 * one ValidationException naming every member, never echoing a value; required members, the
 * ClientToken among them; the Identifier of Get and Cancel.
 */
import { CancelConnectionInvitationCommand, CreateConnectionInvitationCommand, GetConnectionInvitationCommand, ValidationException } from '@aws-sdk/client-partnercentral-account';
import { checkConnectionIdentifier, checkIdentifier, type ValidationErrorDetail } from '../../tools/emulator/validation';
import { client, CREATE, failure, start, stopEmulators } from '../support/emulator-sdk';
import { rawCall } from '../support/signed-http';

afterEach(stopEmulators);

test.each([
  ['an invitation', checkIdentifier, 'pacinv-0123456789abc', 'Identifier must be a connection invitation id (pacinv- and 13 letters or digits)'],
  ['a connection', checkConnectionIdentifier, 'pac-0123456789abc', 'Identifier must be a connection id (pac- and 13 letters or digits)'],
])('the Identifier of %s is its id: the prefix and 13 letters or digits, named in the message', (_name, check, id, message) => {
  const details: ValidationErrorDetail[] = [];
  expect(check({ Identifier: id }, details)).toBe(id);
  for (const bad of [id.slice(0, -1), `${id}d`, `${id.slice(0, -1)}_`]) expect(check({ Identifier: bad }, details)).toBeUndefined();
  expect(details).toEqual(Array(3).fill({ FieldValidationError: { Name: 'Identifier', Message: message, Code: 'INVALID_STRING_FORMAT' } }));
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
});
