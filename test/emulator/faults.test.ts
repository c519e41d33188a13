/**
 * The faults a test injects into the emulator (tools/emulator/faults.ts): API errors, delays,
 * resets before and after processing, hangs and raw pages, matched in FIFO order after
 * authentication, as the official client and raw HTTP see them.
 */
import { CreateConnectionInvitationCommand, InternalServerException, ListConnectionInvitationsCommand } from '@aws-sdk/client-partnercentral-account';
import type { RawFault } from '../../tools/emulator/faults';
import { client, CREATE, failure, start, stopEmulators } from '../support/emulator-sdk';
import { TEST_CREDENTIALS } from '../support/sdk-wire';
import { rawCall } from '../support/signed-http';

afterEach(stopEmulators);

describe('faults', () => {
  test('an error fault answers with that API error before processing, then counts down', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'CreateConnectionInvitation', times: 2, error: { status: 500, name: 'InternalServerException', message: 'try later' } });
    const pc = client(emulator);
    await pc.send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' }));
    for (let i = 0; i < 2; i++) {
      const err = await failure(pc.send(new CreateConnectionInvitationCommand(CREATE)));
      expect(err).toBeInstanceOf(InternalServerException);
      expect(err.$fault).toBe('server');
      expect(err.message).toBe('try later');
    }
    expect(emulator.invitations()).toEqual([]);
    await pc.send(new CreateConnectionInvitationCommand(CREATE));
    expect(emulator.calls.map((c) => [c.operation, c.status, c.fault])).toEqual([
      ['ListConnectionInvitations', 200, undefined],
      ['CreateConnectionInvitation', 500, 'error'],
      ['CreateConnectionInvitation', 500, 'error'],
      ['CreateConnectionInvitation', 200, undefined],
    ]);
  });

  test('the SDK retries an injected 500 and succeeds', async () => {
    const emulator = await start();
    emulator.inject({ error: { status: 500, name: 'InternalServerException' } });
    const r = await client(emulator, { maxAttempts: 3 }).send(new CreateConnectionInvitationCommand(CREATE));
    expect(r.$metadata.attempts).toBe(2);
    expect(emulator.countCalls('CreateConnectionInvitation')).toBe(2);
  });

  test('error faults carry Reason and extra members', async () => {
    const emulator = await start();
    emulator.inject({ error: { status: 429, name: 'ThrottlingException', extra: { ServiceCode: 'sc', QuotaCode: 'qc' } } });
    emulator.inject({ error: { status: 403, name: 'AccessDeniedException', reason: 'ACCESS_DENIED' } });
    const first = await rawCall(emulator.endpoint);
    expect(first.json).toEqual({ __type: 'com.amazonaws.partnercentralaccount#ThrottlingException', Message: 'Injected ThrottlingException', ServiceCode: 'sc', QuotaCode: 'qc' });
    const second = await rawCall(emulator.endpoint);
    expect(second.status).toBe(403);
    expect(second.json).toMatchObject({ Reason: 'ACCESS_DENIED' });
  });

  test('faults match by operation in FIFO order, and clearFaults drops them', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'GetConnectionInvitation', rawStatus: 503 });
    emulator.inject({ rawStatus: 502 });
    emulator.inject({ rawStatus: 504 });
    expect((await rawCall(emulator.endpoint)).status).toBe(502);
    expect((await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.GetConnectionInvitation', body: {} })).status).toBe(503);
    emulator.clearFaults();
    expect((await rawCall(emulator.endpoint)).status).toBe(200);
    expect(() => emulator.inject({ rawStatus: 500, times: 0 })).toThrow(/positive/);
  });

  test('a delay fault answers normally after the delay', async () => {
    const emulator = await start();
    emulator.inject({ delayMs: 250 });
    const answer = await rawCall(emulator.endpoint);
    expect(answer.status).toBe(200);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(240);
    expect(emulator.calls[0].fault).toBe('delay');
  });

  test('a reset fault drops the connection before anything happens', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'CreateConnectionInvitation', reset: true });
    const answer = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.CreateConnectionInvitation', body: CREATE });
    expect(answer.status).toBe(0);
    expect(answer.error).toBe('ECONNRESET');
    expect(emulator.invitations()).toEqual([]);
    expect(emulator.calls[0]).toMatchObject({ status: 0, fault: 'reset' });
  });

  test('a reset-after fault processes the request, then drops the connection: the create landed unheard', async () => {
    const emulator = await start();
    emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
    const answer = await rawCall(emulator.endpoint, { target: 'PartnerCentralAccount.CreateConnectionInvitation', body: CREATE });
    expect(answer.error).toBe('ECONNRESET');
    expect(emulator.invitations()).toHaveLength(1);
    expect(emulator.calls[0]).toMatchObject({ status: 0, fault: 'reset-after' });
    // The retry with the same ClientToken finds it.
    const retry = await client(emulator).send(new CreateConnectionInvitationCommand(CREATE));
    expect(retry.Id).toBe(emulator.invitations()[0].Id);
  });

  test('the SDK sees a reset as a network error', async () => {
    const emulator = await start();
    emulator.inject({ reset: true });
    const err = await failure(client(emulator).send(new ListConnectionInvitationsCommand({ Catalog: 'Sandbox' })));
    expect(err.message).toMatch(/ECONNRESET/);
    expect(err.$metadata.httpStatusCode).toBeUndefined();
  });

  test('a hang fault never answers, and stop() still ends promptly', async () => {
    const emulator = await start();
    emulator.inject({ hang: true });
    const answer = await rawCall(emulator.endpoint, { timeoutMs: 300 });
    expect(answer.timedOut).toBe(true);
    expect(emulator.calls[0]).toMatchObject({ status: 0, fault: 'hang' });
    emulator.inject({ hang: true });
    const hung = rawCall(emulator.endpoint);
    while (emulator.calls.length < 2) await new Promise((r) => setTimeout(r, 10));
    // stop() ends the hung exchange instead of waiting for it: the client sees the reset, and
    // the request is recorded as never answered.
    await emulator.stop();
    expect(emulator.calls[1]).toMatchObject({ status: 0, fault: 'hang' });
    expect(await hung).toMatchObject({ status: 0, error: 'ECONNRESET' });
  });

  test.each<[string, RawFault, number, string]>([
    ['an HTML gateway page', { rawStatus: 502, rawBody: '<html><body>Bad Gateway</body></html>' }, 502, 'text/html'],
    ['a plain-text page', { rawStatus: 503, rawBody: 'Service Unavailable' }, 503, 'text/plain'],
    ['an empty body', { rawStatus: 504 }, 504, 'text/plain'],
  ])('a raw fault answers %s', async (_name, fault, status, contentType) => {
    const emulator = await start();
    emulator.inject(fault);
    const answer = await rawCall(emulator.endpoint);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe(contentType);
    expect(answer.body).toBe(fault.rawBody ?? '');
    expect(answer.json).toBeUndefined();
  });

  test('faults come after authentication: a bad signature is refused, the fault still waits', async () => {
    const emulator = await start();
    emulator.inject({ rawStatus: 502 });
    expect((await rawCall(emulator.endpoint, { credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'x' } })).status).toBe(403);
    expect((await rawCall(emulator.endpoint)).status).toBe(502);
  });
});
