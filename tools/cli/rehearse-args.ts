/**
 * The arguments of `cdk-partnercentral rehearse`, parsed.
 */
import type { ParameterValue } from '../rehearsal/options';
import { RECEIVER_ANSWERS } from '../rehearsal/receivers';
import type { ReceiverAnswer } from '../rehearsal/result';

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
  /** `--receiver`: what receivers outside the app answer (default `ignore`). */
  readonly receiver: ReceiverAnswer;
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
  let receiver: ReceiverAnswer = 'ignore';
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
      case '--receiver': {
        const v = value();
        const answer = RECEIVER_ANSWERS.find((a) => a === v);
        if (answer === undefined) throw new Error(`--receiver takes ${RECEIVER_ANSWERS.slice(0, -1).join(', ')} or ${RECEIVER_ANSWERS[RECEIVER_ANSWERS.length - 1]}, got ${JSON.stringify(v)}`);
        receiver = answer;
        break;
      }
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
    receiver,
    ...(handlerPath !== undefined ? { handlerPath } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    json,
    verbose,
    help,
  };
}
