/**
 * Where the build writes the `cdk-partnercentral` CLI (tools/cli.ts, bundled), relative to the
 * package's root: the package's `bin`, what the tests, the smoke tests and the benchmarks run.
 * `.projenrc.ts` imports nothing of tools/, so it keeps its own copy (`CLI_OUT`), and
 * test/cli-bundle.test.ts fails when the bundle task, package.json's `bin` or `.ci/check-pack.js`
 * name another file.
 */
export const CLI_BUNDLE_PATH = 'assets/cli/cdk-partnercentral.js';
