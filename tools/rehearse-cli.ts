/**
 * The `rehearse` command of the `cdk-partnercentral` CLI: argument parsing and output.
 */
import { DEFAULT_TIMEOUT_MS, ParameterValue } from './rehearsal/options';
import { rehearse } from './rehearsal/rehearse';
import type { RehearsalResult } from './rehearsal/result';
import { formatFailure, formatJson, formatText } from './rehearse-report';

/** The help text of `cdk-partnercentral rehearse`. */
export const REHEARSE_USAGE = `usage: cdk-partnercentral rehearse [cdk.out] [options]

Plays the deployment of a synthesized CDK app's connection invitations offline: CloudFormation's
part (create in dependency order, outputs and exports, a replacement, delete in reverse order)
against the library's real handler and a local PartnerCentral emulator. Nothing is sent to AWS.
Run cdk synth first; cdk.out is the default assembly directory.

options:
  --parameter [Stack:]Name=Value  a value for a template parameter (repeatable; without Stack:,
                                  every stack that declares the parameter)
  --no-update                     do not show the replacement (an Update with a changed message)
  --no-destroy                    do not delete the stacks at the end
  --handler <file>                the handler bundle to run (default: the one in this package)
  --timeout <seconds>             the longest the handler may take per event (default: ${DEFAULT_TIMEOUT_MS / 1000})
  --json                          print the result as JSON
  --verbose                       print the handler's log lines and the emulator's requests to stderr
  -h, --help                      print this help

exit status: 0 when the rehearsal passed; 1 when it failed (a value that cannot be resolved
offline, a FAILED response, a handler that would not use the emulator); 2 on a usage error.`;

/** The parsed arguments of `rehearse`. */
export interface RehearseArgs {
  /** The cloud assembly directory (default `cdk.out`). */
  readonly assemblyDir: string;
  /** `--parameter` values, in order. */
  readonly parameters: ParameterValue[];
  /** False with `--no-update`. */
  readonly update: boolean;
  /** False with `--no-destroy`. */
  readonly destroy: boolean;
  /**
   * `--handler`.
   *
   * @default - the handler bundle shipped next to the CLI
   */
  readonly handlerPath?: string;
  /**
   * `--timeout`, in milliseconds.
   *
   * @default - DEFAULT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /** `--json`. */
  readonly json: boolean;
  /** `--verbose`. */
  readonly verbose: boolean;
  /** `-h` or `--help`. */
  readonly help: boolean;
}

/** Where the command writes. */
export interface Io {
  /** Writes to standard output (the report, or the JSON). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error (usage errors, the failure, `--verbose` lines). */
  readonly stderr: (text: string) => void;
}

/**
 * Parses `[Stack:]Name=Value`.
 *
 * @throws Error when the text has no `=` or no name
 */
export function parseParameter(text: string): ParameterValue {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq);
  const colon = key.lastIndexOf(':');
  const name = colon < 0 ? key : key.slice(colon + 1);
  if (eq < 0 || name === '') throw new Error(`--parameter takes [Stack:]Name=Value, got ${JSON.stringify(text)}`);
  return { ...(colon > 0 ? { stack: key.slice(0, colon) } : {}), name, value: text.slice(eq + 1) };
}

/**
 * Parses the arguments that follow `rehearse`.
 *
 * @throws Error with a usage message on an unknown option or a missing value
 */
export function parseRehearseArgs(argv: readonly string[]): RehearseArgs {
  const parameters: ParameterValue[] = [];
  const positional: string[] = [];
  let update = true;
  let destroy = true;
  let json = false;
  let verbose = false;
  let help = false;
  let handlerPath: string | undefined;
  let timeoutMs: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help': help = true; break;
      case '--json': json = true; break;
      case '--verbose': verbose = true; break;
      case '--no-update': update = false; break;
      case '--no-destroy': destroy = false; break;
      case '--handler': handlerPath = value(); break;
      case '--parameter': parameters.push(parseParameter(value())); break;
      case '--timeout': {
        const v = value();
        const seconds = Number(v);
        if (!/^\d+(\.\d+)?$/.test(v) || seconds <= 0) throw new Error(`--timeout takes a number of seconds, got ${JSON.stringify(v)}`);
        timeoutMs = Math.round(seconds * 1000);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') throw new Error(`unknown option ${flag}`);
        positional.push(arg);
    }
  }
  if (positional.length > 1) throw new Error(`rehearse takes one assembly directory, got ${positional.length}: ${positional.join(' ')}`);
  return {
    assemblyDir: positional[0] ?? 'cdk.out',
    parameters,
    update,
    destroy,
    ...(handlerPath !== undefined ? { handlerPath } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    json,
    verbose,
    help,
  };
}

/**
 * Runs `cdk-partnercentral rehearse` and returns the exit status.
 *
 * @param argv the arguments after `rehearse`
 * @param io where to write
 */
export async function runRehearse(argv: readonly string[], io: Io): Promise<number> {
  let args: RehearseArgs;
  try {
    args = parseRehearseArgs(argv);
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${REHEARSE_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${REHEARSE_USAGE}\n`);
    return 0;
  }
  const result: RehearsalResult = await rehearse({
    assemblyDir: args.assemblyDir,
    parameters: args.parameters,
    update: args.update,
    destroy: args.destroy,
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
