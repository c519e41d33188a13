/**
 * SigV4 as the emulator's envelope checks it on every request (tools/emulator/envelope.ts): the
 * 403s the official client reports by name, what must be signed, the signature's clock and the
 * session token.
 */
import { ListConnectionInvitationsCommand } from '@aws-sdk/client-partnercentral-account';
import { PARTNER_CENTRAL_REGION } from '../../src/api-constraints';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../tools/emulator/credentials';
import { SIGNING_REGION } from '../../tools/emulator/protocol';
import { client, failure, start, stopEmulators } from '../support/emulator-sdk';
import { emulatorClient, TEST_CREDENTIALS } from '../support/sdk-wire';
import { rawCall } from '../support/signed-http';

afterEach(stopEmulators);

test('the region the emulator checks signatures for is the library\'s (its own copy, held equal)', () => {
  expect(SIGNING_REGION).toBe(PARTNER_CENTRAL_REGION);
});

describe('authentication', () => {
  test.each<[string, Parameters<typeof emulatorClient>[1], string, RegExp]>([
    ['a wrong secret', { credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'wrong' } }, 'InvalidSignatureException', /signature does not match/],
    ['an unknown access key', { credentials: { ...TEST_CREDENTIALS, accessKeyId: 'AKIDOTHER' } }, 'UnrecognizedClientException', /access key id is not one the verifier knows/],
    ['a missing session token', { credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY } },
      'UnrecognizedClientException', /no session token/],
    ['another signing region', { region: 'eu-west-1' }, 'InvalidSignatureException', /region 'eu-west-1', expected 'us-east-1'/],
    ['another signing name', { signingName: 'partnercentral' } as never, 'InvalidSignatureException', /service 'partnercentral', expected 'partnercentral-account'/],
  ])('%s is a 403 the SDK reports by name', async (_name, overrides, errorName, reason) => {
    const emulator = await start();
    const err = await failure(client(emulator, overrides).send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' })));
    expect(err.name).toBe(errorName);
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toMatch(reason);
    expect(emulator.calls[0]).toMatchObject({ signatureValid: false, signatureReason: expect.stringMatching(reason), status: 403, errorName });
  });

  test('host must be signed', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { unsignedHeaders: ['host'] });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ __type: 'InvalidSignatureException', message: expect.stringMatching(/'host' header is not signed/) });
  });

  test('x-amz-date must be signed', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { unsignedHeaders: ['x-amz-date'] });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ __type: 'InvalidSignatureException', message: expect.stringMatching(/'x-amz-date' header is not signed/) });
  });

  test('UNSIGNED-PAYLOAD is refused: the body is always part of the signature', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ __type: 'InvalidSignatureException', message: expect.stringMatching(/x-amz-content-sha256 is UNSIGNED-PAYLOAD/) });
    expect(emulator.invitations()).toEqual([]);
  });

  test('a request without Authorization is 403 MissingAuthenticationTokenException', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { sign: false });
    expect(answer.status).toBe(403);
    expect(answer.json?.__type).toBe('MissingAuthenticationTokenException');
    expect(answer.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });

  test('a signature more than 15 minutes from the signature clock is refused', async () => {
    const emulator = await start();
    const answer = await rawCall(emulator.endpoint, { signingDate: new Date(Date.now() - 16 * 60_000) });
    expect(answer.status).toBe(403);
    expect(answer.json?.message).toMatch(/more than 15 minutes/);
    const fine = await rawCall(emulator.endpoint, { signingDate: new Date(Date.now() - 14 * 60_000) });
    expect(fine.status).toBe(200);
  });

  test('the state clock can be fixed in the past without breaking signatures; signatureClock opts into skew checks', async () => {
    const past = await start({ clock: () => Date.UTC(2020, 0, 1) });
    expect((await rawCall(past.endpoint)).status).toBe(200);
    const skewed = await start({ signatureClock: () => Date.UTC(2020, 0, 1) });
    expect((await rawCall(skewed.endpoint)).status).toBe(403);
  });

  test('a pinned session token must be the one sent', async () => {
    const emulator = await start({ credentials: { AKIDPIN: { secretAccessKey: 's', sessionToken: 'right' } } });
    const ok = await rawCall(emulator.endpoint, { credentials: { accessKeyId: 'AKIDPIN', secretAccessKey: 's', sessionToken: 'right' } });
    expect(ok.status).toBe(200);
    const wrong = await rawCall(emulator.endpoint, { credentials: { accessKeyId: 'AKIDPIN', secretAccessKey: 's', sessionToken: 'wrong' } });
    expect(wrong.status).toBe(403);
    expect(wrong.json?.__type).toBe('UnrecognizedClientException');
  });

  test('requireSessionToken: false accepts long-term credentials', async () => {
    const emulator = await start({ requireSessionToken: false });
    const r = await client(emulator, { credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY } })
      .send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
    expect(r.ConnectionInvitationSummaries).toEqual([]);
  });
});
