/**
 * The `rehearse` command of the `cdk-partnercentral` CLI: its usage, and a run from the
 * arguments to the report and the exit status.
 */
import { parseCommandArgs } from './command-args';
import { parseRehearseArgs } from './rehearse-args';
import { formatFailure, formatJson, formatText } from './report';
import { DEFAULT_TIMEOUT_MS } from '../rehearsal/options';
import { rehearse } from '../rehearsal/rehearse';
import type { RehearsalResult } from '../rehearsal/result';

/** The help text of `cdk-partnercentral rehearse`. */
export const REHEARSE_USAGE = `usage: cdk-partnercentral rehearse [cdk.out] [options]

Plays the deployment of a synthesized CDK app's connection invitations and accepters offline:
CloudFormation's part (create in dependency order, outputs and exports, a replacement, delete in
reverse order) against the library's real handler and a local PartnerCentral emulator, each stack
in its own account (its env.account, or a default one). Nothing is sent to AWS. Run cdk synth
first; cdk.out is the default assembly directory.

options:
  --parameter [Stack:]Name=Value  a value for a template parameter (repeatable; without Stack:,
                                  every stack that declares the parameter)
  --receiver accept|reject|ignore|expire
                                  what the receivers outside the app do with their invitations
                                  after the deploy (default: ignore, they stay PENDING); receivers
                                  in the app answer with its accepters
  --no-update                     do not show the replacement (an Update with a changed message)
  --no-destroy                    do not delete the stacks at the end
  --handler <file>                the handler bundle to run (default: the one in this package)
  --timeout <seconds>             the longest the handler may take per event (default: ${DEFAULT_TIMEOUT_MS / 1000})
  --json                          print the result as JSON
  --verbose                       print the handler's log lines and the emulator's requests to stderr
  -h, --help                      print this help

exit status: 0 when the rehearsal passed; 1 when it failed (a value that cannot be resolved
offline, a FAILED response, a handler that would not use the emulator); 2 on a usage error.`;

/** Where the command writes. */
export interface Io {
  /** Writes to standard output (the report, or the JSON). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (usage errors, the failure, `--verbose` lines). */
  readonly stderr: (text: string) => void;
}

/**
 * Runs `cdk-partnercentral rehearse` and returns the exit status.
 *
 * @param argv the arguments after `rehearse`
 * @param io where to write
 */
export async function runRehearse(argv: readonly string[], io: Io): Promise<number> {
  const args = parseCommandArgs(argv, parseRehearseArgs, REHEARSE_USAGE, io);
  if (typeof args === 'number') return args;
  const result: RehearsalResult = await rehearse({
    assemblyDir: args.assemblyDir,
    parameters: args.parameters,
    update: args.update,
    destroy: args.destroy,
    receiver: args.receiver,
    handlerPath: args.handlerPath,
    timeoutMs: args.timeoutMs,
    trace: args.verbose ? (line) => io.stderr(`${line}\n`) : undefined,
  });
  if (args.json) {
    io.stdout(formatJson(result));
  } else {
    const text = formatText(result);
    io.stdout(text);
    const failure = formatFailure(result);
    if (failure) io.stderr(text ? `\n${failure}` : failure);
  }
  return result.ok ? 0 : 1;
}
