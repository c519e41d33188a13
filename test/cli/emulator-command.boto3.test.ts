/**
 * boto3 as a second real client of the emulator, through `cdk-partnercentral emulator` as the
 * README documents it: every emulated operation and the errors a client meets, parsed by boto3
 * into its answers and modeled exceptions (test/support/boto3-emulator-drive.py). boto3 is a
 * Python package; where python3 or boto3 is missing the test says so by name and is skipped,
 * except in CI (`CI=true`), where it fails.
 */
import { execFile, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { RECEIVER_ACCOUNT } from '../../tools/cli/emulator-command';
import { PRIMARY_ACCOUNT_ID } from '../../tools/emulator/accounts';
import { EmulatorProcess, startEmulatorProcess } from '../support/emulator-process';

const DRIVE = path.join(__dirname, '..', 'support', 'boto3-emulator-drive.py');

/** boto3's version, or why it cannot be used. */
function boto3Version(): { version: string } | { missing: string } {
  const run = spawnSync('python3', ['-c', 'import boto3, botocore; print(boto3.__version__)'], { encoding: 'utf8' });
  if (run.error) return { missing: 'python3 is not installed' };
  if (run.status !== 0) return { missing: `boto3 is not installed (pip install boto3): ${run.stderr.trim().split('\n').pop()}` };
  return { version: run.stdout.trim() };
}

/** Runs the drive script against a running emulator command with the environment its banner printed. */
function drive(emulator: EmulatorProcess): Promise<Record<string, any>> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  for (const name of emulator.unset) delete env[name];
  Object.assign(env, emulator.env, {
    RECEIVER_ACCESS_KEY_ID: RECEIVER_ACCOUNT.accessKeyId,
    RECEIVER_SECRET_ACCESS_KEY: RECEIVER_ACCOUNT.secretAccessKey,
    AWS_CONFIG_FILE: os.devNull,
    AWS_SHARED_CREDENTIALS_FILE: os.devNull,
  });
  return new Promise((resolve, reject) => {
    execFile('python3', [DRIVE], { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${DRIVE} failed: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, any>);
    });
  });
}

/** A timestamp as the drive script prints a datetime boto3 parsed. */
const PARSED_TIME = { datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/) };

const boto3 = boto3Version();
if ('missing' in boto3 && process.env.CI !== 'true') {
  console.warn(`${boto3.missing}: the emulator was NOT driven with boto3; CI=true makes this a failure`);
  test.skip(`${boto3.missing}: the emulator was NOT driven with boto3`, () => undefined);
} else {
  describe(`the emulator command, driven by boto3 ${'version' in boto3 ? boto3.version : '(missing)'}`, () => {
    let emulator: EmulatorProcess | undefined;
    afterAll(async () => {
      if (emulator && emulator.child.exitCode === null && emulator.child.signalCode === null) await emulator.stop('SIGKILL');
    });

    test('every operation answers and every error parses into its modeled exception with its Reason', async () => {
      if ('missing' in boto3) throw new Error(`${boto3.missing}: CI needs it to drive the emulator with boto3`);
      emulator = await startEmulatorProcess(['--invitations-per-day', '1']);
      const out = await drive(emulator);

      const [a, b, c] = out.created;
      expect(a).toEqual({
        Catalog: 'Sandbox',
        Id: expect.stringMatching(/^pacinv-[A-Za-z0-9]{13}$/),
        Arn: `arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/${a.Id}`,
        ConnectionType: 'OPPORTUNITY_COLLABORATION',
        CreatedAt: PARSED_TIME,
        UpdatedAt: PARSED_TIME,
        ExpiresAt: PARSED_TIME,
        OtherParticipantIdentifier: RECEIVER_ACCOUNT.partnerProfileId,
        ParticipantType: 'SENDER',
        Status: 'PENDING',
        InvitationMessage: 'Shall we co-sell? (1)',
        InviterEmail: 'sender@example.com',
        InviterName: 'Emulated Sender',
      });
      expect(b).toMatchObject({ ConnectionType: 'SUBSIDIARY', OtherParticipantIdentifier: RECEIVER_ACCOUNT.accountId });
      expect(out.replayed).toBe(a.Id);
      expect(out.get).toEqual(a);

      // ListConnectionInvitations a page at a time: by hand with NextToken, and with boto3's paginator.
      expect(out.pages).toEqual([[a.Id, b.Id], [c.Id]]);
      expect(out.page_tokens).toEqual([true, false]);
      expect(out.summary_keys).toEqual(['Arn', 'Catalog', 'ConnectionType', 'CreatedAt', 'ExpiresAt', 'Id', 'OtherParticipantIdentifier', 'ParticipantType', 'Status', 'UpdatedAt']);
      expect(out.can_paginate).toBe(true);
      expect(out.paginated).toEqual([a.Id, b.Id, c.Id]);
      expect(out.received).toEqual([[a.Id, 'RECEIVER', PRIMARY_ACCOUNT_ID], [b.Id, 'RECEIVER', PRIMARY_ACCOUNT_ID]]);

      expect(out.canceled).toBe('CANCELED');
      expect(out.rejected).toBe('REJECTED');
      expect(out.accepted).toMatchObject({
        Catalog: 'Sandbox',
        Id: expect.stringMatching(/^pac-[A-Za-z0-9]{13}$/),
        OtherParticipantAccountId: PRIMARY_ACCOUNT_ID,
        UpdatedAt: PARSED_TIME,
        ConnectionTypes: { OPPORTUNITY_COLLABORATION: { Status: 'ACTIVE', CreatedAt: PARSED_TIME } },
      });
      expect(out.connection).toMatchObject({
        Id: out.accepted.Id,
        OtherParticipantAccountId: RECEIVER_ACCOUNT.accountId,
        ConnectionTypes: { OPPORTUNITY_COLLABORATION: { OtherParticipant: { PartnerProfile: { Id: RECEIVER_ACCOUNT.partnerProfileId } } } },
      });
      expect(out.connections).toEqual([out.accepted.Id]);
      expect(out.connection_canceled).toBe('CANCELED');

      const modeled = (code: string, status: number, reason: string): Record<string, unknown> => ({
        code, status, reason, details: null, modeled: code,
      });
      expect(out.errors).toEqual({
        validation: {
          code: 'ValidationException',
          status: 400,
          reason: 'REQUEST_VALIDATION_FAILED',
          details: [{ FieldValidationError: { Name: 'Email', Message: expect.any(String), Code: 'INVALID_STRING_FORMAT' } }],
          modeled: 'ValidationException',
        },
        conflict: modeled('ConflictException', 409, 'DUPLICATE_CONNECTION_INVITATION'),
        token_conflict: modeled('ConflictException', 409, 'CONFLICT_CLIENT_TOKEN'),
        not_found: modeled('ResourceNotFoundException', 404, 'CONNECTION_INVITATION_NOT_FOUND'),
        state: modeled('ConflictException', 409, 'INCOMPATIBLE_CONNECTION_INVITATION_STATE'),
        receiver_only: modeled('ConflictException', 409, 'INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER'),
        connection_not_found: modeled('ResourceNotFoundException', 404, 'CONNECTION_NOT_FOUND'),
        quota: modeled('ServiceQuotaExceededException', 402, 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY'),
        // Not in the model: boto3 raises its generic ClientError with the code of the header.
        signature: {
          code: 'InvalidSignatureException', status: 403, reason: null, details: null, modeled: 'ClientError',
        },
      });

      expect(await emulator.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      expect(emulator.stderr()).toContain('POST CreateConnectionInvitation 402 ServiceQuotaExceededException LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY\n');
    });
  });
}
