/**
 * The tests' reference of the wire (test/support/sdk-wire.ts): serializeWithSdk captures what the
 * official client sends, for every operation.
 */
import { CreateConnectionInvitationCommand } from '@aws-sdk/client-partnercentral-account';
import { client, CREATE, start, stopEmulators } from './emulator-sdk';
import { serializeWithSdk, TEST_CREDENTIALS } from './sdk-wire';

afterEach(stopEmulators);

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
