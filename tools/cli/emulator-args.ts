/**
 * The arguments of `cdk-partnercentral emulator`, parsed (node's `util.parseArgs`, strict).
 */
import { parseArgs } from 'node:util';
import { AWS_ACCOUNT_ID_PATTERN, PARTNER_PROFILE_ID_ALLOWED, PARTNER_PROFILE_ID_PATTERN } from '../../src/api-constraints';
import type { CatalogQuotas } from '../emulator/quotas';
import { AWS_CATALOG_QUOTAS } from '../emulator/quotas';

/** The parsed arguments of `emulator`. */
export interface EmulatorArgs {
  /** `--port`: the TCP port on 127.0.0.1, 0 for a free one. */
  readonly port: number;
  /** The quotas per catalog: the AWS catalog's documented ones, as the flags change them. */
  readonly quotas: Readonly<Record<string, CatalogQuotas>>;
  /**
   * `--missing-receiver` (repeatable): receiver identifiers that do not exist, so that creating an
   * invitation to one is 404 ResourceNotFoundException RECEIVER_PROFILE_NOT_FOUND.
   */
  readonly missingReceivers: readonly string[];
  /** `--require-session-token`: refuse requests without a signed `x-amz-security-token`. */
  readonly requireSessionToken: boolean;
  /** `--quiet`: no log line per request on stderr. */
  readonly quiet: boolean;
  /** `-h` or `--help`. */
  readonly help: boolean;
}

/** A whole number from `min` to `max`, or a usage error naming the flag. */
function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new Error(`--${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

/**
 * Parses the arguments that follow `emulator`.
 *
 * @throws Error with a usage message on an unknown option, a missing or bad value, or an argument
 */
export function parseEmulatorArgs(argv: readonly string[]): EmulatorArgs {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'port': { type: 'string' },
        'no-quotas': { type: 'boolean' },
        'invitations-per-day': { type: 'string' },
        'open-invitations': { type: 'string' },
        'active-connections': { type: 'string' },
        'missing-receiver': { type: 'string', multiple: true },
        'require-session-token': { type: 'boolean' },
        'quiet': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    // node's message, first sentence: "Unknown option '--x'", "Option '--port <value>' argument missing", ...
    throw new Error(`emulator: ${(e as Error).message.split('. ')[0]}`);
  }
  const str = (flag: string): string | undefined => values[flag] as string | undefined;
  const quota = (flag: string, fallback: number | undefined): number | undefined => {
    const text = str(flag);
    return text === undefined ? fallback : wholeNumber(flag, text, 0, 1_000_000);
  };
  const limits: CatalogQuotas = {
    invitationsPerDay: quota('invitations-per-day', AWS_CATALOG_QUOTAS.invitationsPerDay),
    openInvitations: quota('open-invitations', AWS_CATALOG_QUOTAS.openInvitations),
    activeConnections: quota('active-connections', AWS_CATALOG_QUOTAS.activeConnections),
  };
  const quotaFlags = ['invitations-per-day', 'open-invitations', 'active-connections'].filter((f) => str(f) !== undefined);
  const missingReceivers = (values['missing-receiver'] as string[] | undefined) ?? [];
  for (const r of missingReceivers) {
    if (!AWS_ACCOUNT_ID_PATTERN.test(r) && !PARTNER_PROFILE_ID_PATTERN.test(r)) {
      throw new Error(`emulator: --missing-receiver takes a 12-digit AWS account id or a partner profile id (${PARTNER_PROFILE_ID_ALLOWED}), got ${JSON.stringify(r)}`);
    }
  }
  if (values['no-quotas'] && quotaFlags.length > 0) throw new Error(`emulator: --no-quotas and --${quotaFlags[0]} contradict each other`);
  return {
    port: str('port') === undefined ? 0 : wholeNumber('port', str('port')!, 0, 65535),
    quotas: values['no-quotas'] ? {} : { AWS: limits },
    missingReceivers,
    requireSessionToken: values['require-session-token'] === true,
    quiet: values.quiet === true,
    help: values.help === true,
  };
}
