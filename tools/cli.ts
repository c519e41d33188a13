/**
 * `cdk-partnercentral`: the command-line tool shipped with the library (bundled with esbuild
 * into `assets/cli/cdk-partnercentral.js`, next to the handler bundle it runs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EMULATOR_USAGE, runEmulator } from './cli/emulator-command';
import { REHEARSE_USAGE, runRehearse } from './cli/rehearse-command';

const USAGE = `usage: cdk-partnercentral <command> [options]

commands:
  rehearse [cdk.out]   play the deployment of a synthesized app's connection invitations offline,
                       against a local PartnerCentral emulator (see: cdk-partnercentral rehearse --help)
  emulator             serve the local PartnerCentral emulator on 127.0.0.1 for your own scripts and
                       clients, until interrupted (see: cdk-partnercentral emulator --help)

options:
  --version            print the version of the installed cdk-partnercentral package
  -h, --help           print this help`;

/**
 * The version of the package the CLI ships in: the bundle is `<package>/assets/cli/`, so its
 * `package.json` is two directories up.
 */
function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  const version = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'string' || version === '') throw new Error(`${file} has no version`);
  return version;
}

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(`${rest[0] === 'rehearse' ? REHEARSE_USAGE : rest[0] === 'emulator' ? EMULATOR_USAGE : USAGE}\n`);
    return 0;
  }
  if (command === '--version') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (command === undefined) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  if (command === 'rehearse') return runRehearse(rest, io);
  if (command === 'emulator') return runEmulator(rest, io);
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
