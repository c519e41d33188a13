/**
 * The first step of every command of the CLI: parse its arguments, or answer for it when they
 * decide the outcome (a usage error, or `--help`).
 */
import type { Io } from './rehearse-command';

/**
 * Parses a command's arguments with `parse`. Returns them, or the exit status when the command
 * should stop here: 2 with the error and the usage on standard error when `parse` throws, 0 with
 * the usage on standard output when they ask for help.
 */
export function parseCommandArgs<A extends { readonly help: boolean }>(
  argv: readonly string[],
  parse: (argv: readonly string[]) => A,
  usage: string,
  io: Io,
): A | number {
  let args: A;
  try {
    args = parse(argv);
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  return args;
}
