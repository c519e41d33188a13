/**
 * The `emulator` command of the `cdk-partnercentral` CLI: serves the local PartnerCentral
 * Account API (tools/emulator/) on 127.0.0.1 until SIGINT or SIGTERM, and prints the endpoint
 * and the credentials as shell assignments that boto3, the AWS CLI and the AWS SDK for
 * JavaScript read unchanged.
 */
import { parseCommandArgs } from './command-args';
import { EmulatorArgs, parseEmulatorArgs } from './emulator-args';
import type { Io } from './rehearse-command';
import { PARTNER_CENTRAL_REGION } from '../../src/api-constraints';
import { PRIMARY_ACCOUNT_ID, PRIMARY_PARTNER_PROFILE_ID } from '../emulator/accounts';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../emulator/credentials';
import { AWS_CATALOG_QUOTAS } from '../emulator/quotas';
import { PartnerCentralEmulator } from '../emulator/server';

/** The second account the command serves: the receiver of the primary account's invitations. */
export const RECEIVER_ACCOUNT = {
  accountId: '222222222222',
  partnerProfileId: 'pprofile-Receiver00001',
  accessKeyId: 'AKIDRECEIVER',
  secretAccessKey: 'receiver-secret',
} as const;

/** The help text of `cdk-partnercentral emulator`. */
export const EMULATOR_USAGE = `usage: cdk-partnercentral emulator [options]

Serves a local PartnerCentral Account API (AWS JSON 1.0, SigV4 checked, region us-east-1) on
127.0.0.1 until interrupted (Ctrl-C or SIGTERM), for trying scripts and clients offline: nothing
is sent to AWS. It prints the endpoint and credentials as shell assignments to stdout; eval them
(or copy them) where the client runs. Each request is logged to stderr (method, operation,
status, error; never inputs or credentials).

options:
  --port <n>                    the TCP port (default: a free one, printed)
  --invitations-per-day <n>     the AWS catalog's daily invitation quota (default: ${AWS_CATALOG_QUOTAS.invitationsPerDay})
  --open-invitations <n>        the AWS catalog's open invitation quota (default: ${AWS_CATALOG_QUOTAS.openInvitations})
  --active-connections <n>      the AWS catalog's active connection quota (default: ${AWS_CATALOG_QUOTAS.activeConnections})
  --no-quotas                   enforce no quota in any catalog (the Sandbox catalog has none anyway)
  --missing-receiver <id>       a receiver (account id or partner profile id) that does not exist: creating
                                an invitation to it is ResourceNotFoundException RECEIVER_PROFILE_NOT_FOUND
                                (repeatable)
  --require-session-token       refuse requests without a signed session token (as Lambda's are)
  --quiet                       do not log the requests
  -h, --help                    print this help

exit status: 0 when stopped by SIGINT or SIGTERM; 1 when the port cannot be had; 2 on a usage error.`;

/** Resolves with the name of the first stop signal the process receives. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** What the command prints once listening: eval-able assignments, and comments for the rest. */
export function emulatorBanner(endpoint: string, args: EmulatorArgs): string {
  const aws = args.quotas.AWS;
  const quotas = aws
    ? `AWS catalog ${aws.invitationsPerDay} invitations a day, ${aws.openInvitations} open, ${aws.activeConnections} active connections; Sandbox none`
    : 'none';
  return [
    '# cdk-partnercentral emulator: a local PartnerCentral Account API (nothing goes to AWS); Ctrl-C stops it',
    `export AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT=${endpoint}`,
    `export AWS_ACCESS_KEY_ID=${DEFAULT_ACCESS_KEY_ID}`,
    `export AWS_SECRET_ACCESS_KEY=${DEFAULT_SECRET_ACCESS_KEY}`,
    `export AWS_REGION=${PARTNER_CENTRAL_REGION}`,
    `export AWS_DEFAULT_REGION=${PARTNER_CENTRAL_REGION}`,
    ...(args.requireSessionToken ? ['export AWS_SESSION_TOKEN=emulator-session'] : ['unset AWS_SESSION_TOKEN']),
    `# these credentials act as account ${PRIMARY_ACCOUNT_ID} (partner profile ${PRIMARY_PARTNER_PROFILE_ID}), the sender`,
    `# account ${RECEIVER_ACCOUNT.accountId} (partner profile ${RECEIVER_ACCOUNT.partnerProfileId}) receives, to accept or reject: `
      + `AWS_ACCESS_KEY_ID=${RECEIVER_ACCOUNT.accessKeyId} AWS_SECRET_ACCESS_KEY=${RECEIVER_ACCOUNT.secretAccessKey}`,
    ...(args.missingReceivers.length > 0 ? [`# receivers that do not exist (RECEIVER_PROFILE_NOT_FOUND): ${args.missingReceivers.join(', ')}`] : []),
    `# quotas: ${quotas}`,
    '',
  ].join('\n');
}

/**
 * Runs `cdk-partnercentral emulator` and returns the exit status once stopped.
 *
 * @param argv the arguments after `emulator`
 * @param io where to write
 * @param until resolves when the emulator should stop (default: the first SIGINT or SIGTERM)
 */
export async function runEmulator(argv: readonly string[], io: Io, until: () => Promise<string> = stopSignal): Promise<number> {
  const args = parseCommandArgs(argv, parseEmulatorArgs, EMULATOR_USAGE, io);
  if (typeof args === 'number') return args;
  // Listen for the signal before listening on the port, so that a stop sent once the banner is out is never missed.
  const stop = until();
  let emulator: PartnerCentralEmulator;
  try {
    emulator = await PartnerCentralEmulator.start({
      port: args.port,
      quotas: args.quotas,
      requireSessionToken: args.requireSessionToken,
      missingReceivers: args.missingReceivers,
      accounts: [RECEIVER_ACCOUNT],
      log: args.quiet ? undefined : (line) => io.stderr(`${line}\n`),
    });
  } catch (e) {
    io.stderr(`emulator: cannot listen on 127.0.0.1:${args.port}: ${(e as Error).message}\n`);
    return 1;
  }
  io.stdout(emulatorBanner(emulator.endpoint, args));
  const signal = await stop;
  await emulator.stop();
  io.stderr(`emulator: stopped (${signal})\n`);
  return 0;
}
