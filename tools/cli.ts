/**
 * `cdk-partnercentral`: the command-line tool shipped with the library (bundled with esbuild
 * into `assets/cli/cdk-partnercentral.js`, next to the handler bundle it runs).
 */
import { REHEARSE_USAGE, runRehearse } from './rehearse-cli';

const USAGE = `usage: cdk-partnercentral <command> [options]

commands:
  rehearse [cdk.out]   play the deployment of a synthesized app's connection invitations offline,
                       against a local PartnerCentral emulator (see: cdk-partnercentral rehearse --help)`;

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${rest[0] === 'rehearse' ? REHEARSE_USAGE : USAGE}\n`);
    return 0;
  }
  if (command === undefined) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  if (command === 'rehearse') return runRehearse(rest, io);
  io.stderr(`unknown command: ${command}\n\n${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`cdk-partnercentral: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
