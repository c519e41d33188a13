import { CreateConnectionInvitationCommand, GetConnectionInvitationCommand, PartnerCentralAccountClient } from '@aws-sdk/client-partnercentral-account';
import { parseEmulatorArgs } from '../../tools/cli/emulator-args';
import { EMULATOR_USAGE, runEmulator } from '../../tools/cli/emulator-command';
import { AWS_CATALOG_QUOTAS } from '../../tools/emulator/quotas';
import { EmulatorProcess, startEmulatorProcess } from '../support/emulator-process';

describe('the emulator command', () => {
  test('parses its options: a free port, the AWS catalog quotas and no session token by default', () => {
    const defaults = { port: 0, quotas: { AWS: AWS_CATALOG_QUOTAS }, missingReceivers: [], requireSessionToken: false, quiet: false, help: false };
    expect(parseEmulatorArgs([])).toEqual(defaults);
    const args = ['--port', '4599', '--invitations-per-day=2', '--open-invitations', '3', '--require-session-token', '--quiet'];
    expect(parseEmulatorArgs(args)).toEqual({
      port: 4599,
      quotas: { AWS: { invitationsPerDay: 2, openInvitations: 3, activeConnections: 1000 } },
      missingReceivers: [],
      requireSessionToken: true,
      quiet: true,
      help: false,
    });
    expect(parseEmulatorArgs(['--no-quotas']).quotas).toEqual({});
    expect(parseEmulatorArgs(['--missing-receiver', '333333333333', '--missing-receiver=pprofile-Gone000000001']).missingReceivers)
      .toEqual(['333333333333', 'pprofile-Gone000000001']);
    expect(parseEmulatorArgs(['-h']).help).toBe(true);
  });

  test.each([
    [['--bogus'], /emulator: Unknown option '--bogus'/],
    [['--port'], /emulator: Option '--port <value>' argument missing/],
    [['--port', '70000'], /--port takes a whole number from 0 to 65535, got "70000"/],
    [['--invitations-per-day', 'many'], /--invitations-per-day takes a whole number from 0 to 1000000, got "many"/],
    [['--no-quotas', '--open-invitations', '5'], /--no-quotas and --open-invitations contradict each other/],
    [['cdk.out'], /emulator: Unexpected argument 'cdk.out'/],
    [['--missing-receiver', 'bob'], /--missing-receiver takes a 12-digit AWS account id or a partner profile id .*, got "bob"/],
  ])('%j is a usage error', async (argv, message) => {
    expect(() => parseEmulatorArgs(argv)).toThrow(message);
    const err: string[] = [];
    expect(await runEmulator(argv, { stdout: () => undefined, stderr: (t) => err.push(t) }, () => new Promise(() => undefined))).toBe(2);
    expect(err.join('')).toContain(EMULATOR_USAGE);
  });

  describe('as the shipped CLI', () => {
    let running: EmulatorProcess | undefined;
    afterEach(async () => {
      if (running && running.child.exitCode === null && running.child.signalCode === null) await running.stop('SIGKILL');
      running = undefined;
    });

    test('prints eval-able assignments, serves signed calls without a session token, and stops on SIGTERM', async () => {
      running = await startEmulatorProcess();
      const env = running.env;
      expect(env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT).not.toMatch(/:0$/);
      expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'AKIDEMULATOR', AWS_SECRET_ACCESS_KEY: 'emulator-secret', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' });
      expect(running.unset).toEqual(['AWS_SESSION_TOKEN']);
      expect(running.banner).toContain('# quotas: AWS catalog 50 invitations a day, 1000 open, 1000 active connections; Sandbox none');

      // The official SDK, configured from the banner alone: long-term keys, no session token.
      const client = new PartnerCentralAccountClient({
        endpoint: env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT,
        region: env.AWS_REGION,
        credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
        maxAttempts: 1,
      });
      try {
        const created = await client.send(new CreateConnectionInvitationCommand({
          Catalog: 'Sandbox',
          ClientToken: 'emulator-command-1',
          ConnectionType: 'OPPORTUNITY_COLLABORATION',
          Email: 'partner@example.com',
          Message: 'Shall we co-sell?',
          Name: 'Sam Partner',
          ReceiverIdentifier: 'pprofile-Receiver00001',
        }));
        expect(created).toMatchObject({ Catalog: 'Sandbox', Status: 'PENDING', ParticipantType: 'SENDER' });
        const got = await client.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: created.Id }));
        expect(got.Id).toBe(created.Id);
      } finally {
        client.destroy();
      }

      const ended = await running.stop('SIGTERM');
      expect(ended).toEqual({ code: 0, signal: null });
      expect(running.stderr()).toBe([
        'POST CreateConnectionInvitation 200',
        'POST GetConnectionInvitation 200',
        'emulator: stopped (SIGTERM)',
        '',
      ].join('\n'));
    });

    test('--missing-receiver makes a create to that receiver ResourceNotFoundException RECEIVER_PROFILE_NOT_FOUND, and only to it', async () => {
      running = await startEmulatorProcess(['--quiet', '--missing-receiver', 'pprofile-Gone000000001', '--missing-receiver', '333333333333']);
      expect(running.banner).toContain('# receivers that do not exist (RECEIVER_PROFILE_NOT_FOUND): pprofile-Gone000000001, 333333333333');
      const client = new PartnerCentralAccountClient({
        endpoint: running.env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT,
        region: 'us-east-1',
        credentials: { accessKeyId: running.env.AWS_ACCESS_KEY_ID, secretAccessKey: running.env.AWS_SECRET_ACCESS_KEY },
        maxAttempts: 1,
      });
      const invite = (ReceiverIdentifier: string, ConnectionType: 'OPPORTUNITY_COLLABORATION' | 'SUBSIDIARY') => client.send(new CreateConnectionInvitationCommand({
        Catalog: 'Sandbox',
        ClientToken: `missing-${ReceiverIdentifier}`,
        ConnectionType,
        Email: 'partner@example.com',
        Message: 'Shall we co-sell?',
        Name: 'Sam Partner',
        ReceiverIdentifier,
      }));
      try {
        await expect(invite('pprofile-Gone000000001', 'OPPORTUNITY_COLLABORATION'))
          .rejects.toMatchObject({ name: 'ResourceNotFoundException', Reason: 'RECEIVER_PROFILE_NOT_FOUND', $metadata: { httpStatusCode: 404 } });
        await expect(invite('333333333333', 'SUBSIDIARY')).rejects.toMatchObject({ Reason: 'RECEIVER_PROFILE_NOT_FOUND' });
        expect(await invite('pprofile-Receiver00001', 'OPPORTUNITY_COLLABORATION')).toMatchObject({ Status: 'PENDING' });
      } finally {
        client.destroy();
      }
      expect(await running.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    });

    test('serves on the --port asked for, refuses an unsigned session token when told to require one, and stops on SIGINT', async () => {
      running = await startEmulatorProcess(['--require-session-token', '--quiet', '--no-quotas']);
      const port = new URL(running.env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT).port;
      expect(running.env.AWS_SESSION_TOKEN).toBe('emulator-session');
      expect(running.banner).toContain('# quotas: none');
      const client = new PartnerCentralAccountClient({
        endpoint: running.env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT,
        region: 'us-east-1',
        credentials: { accessKeyId: running.env.AWS_ACCESS_KEY_ID, secretAccessKey: running.env.AWS_SECRET_ACCESS_KEY },
        maxAttempts: 1,
      });
      try {
        await expect(client.send(new GetConnectionInvitationCommand({ Catalog: 'Sandbox', Identifier: 'pacinv-0000000000000' })))
          .rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
      } finally {
        client.destroy();
      }
      expect(await running.stop('SIGINT')).toEqual({ code: 0, signal: null });
      expect(running.stderr()).toBe('emulator: stopped (SIGINT)\n');

      // The port is free again: a second emulator gets exactly it.
      running = await startEmulatorProcess(['--port', port, '--quiet']);
      expect(running.env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT).toBe(`http://127.0.0.1:${port}`);
      expect(await running.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    });
  });
});
