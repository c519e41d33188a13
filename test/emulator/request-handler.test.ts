/**
 * The request checks before an operation runs (tools/emulator/request-handler.ts, with the
 * envelope's method, path, content type and target): each refusal's status and error type.
 */
import { start, stopEmulators } from '../support/emulator-sdk';
import { rawCall } from '../support/signed-http';

afterEach(stopEmulators);

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
});
