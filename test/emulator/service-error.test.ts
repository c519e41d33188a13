/**
 * An error answer on the wire (tools/emulator/service-error.ts): the namespaced `__type`, Message
 * and Reason, and the `x-amzn-errortype` header with its suffix.
 */
import { start, stopEmulators } from '../support/emulator-sdk';
import { rawCall } from '../support/signed-http';

afterEach(stopEmulators);

describe('protocol checks', () => {
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
