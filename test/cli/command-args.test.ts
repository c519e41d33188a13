/**
 * The first step of every command (tools/cli/command-args.ts): the arguments, or the exit status
 * with the usage on the right stream.
 */
import { parseCommandArgs } from '../../tools/cli/command-args';

interface Args { readonly help: boolean; readonly port?: number }

function parse(argv: readonly string[]): Args {
  if (argv.includes('--bad')) throw new Error('unknown option --bad');
  return { help: argv.includes('--help'), port: argv.includes('--port') ? 1 : undefined };
}

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const result = parseCommandArgs(argv, parse, 'usage: cmd [--port]', { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { result, out: out.join(''), err: err.join('') };
}

test('parsed arguments are returned, nothing is written', () => {
  expect(run(['--port'])).toEqual({ result: { help: false, port: 1 }, out: '', err: '' });
});

test('a usage error: status 2, the error and the usage on standard error', () => {
  expect(run(['--bad'])).toEqual({ result: 2, out: '', err: 'unknown option --bad\n\nusage: cmd [--port]\n' });
});

test('--help: status 0, the usage on standard output', () => {
  expect(run(['--help'])).toEqual({ result: 0, out: 'usage: cmd [--port]\n', err: '' });
});
