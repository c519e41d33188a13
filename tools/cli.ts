/**
 * `cdk-partnercentral`: the command-line tool shipped with the library.
 */
const USAGE = 'usage: cdk-partnercentral rehearse [cdk.out]';

function main(argv: string[]): number {
  const [command] = argv;
  if (command === '--help' || command === '-h' || command === undefined) {
    console.log(USAGE);
    return command === undefined ? 2 : 0;
  }
  console.error(`unknown command: ${command}\n${USAGE}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
