import { awscdk, javascript, JsonFile } from 'projen';

/**
 * The oldest aws-cdk-lib this library supports, and the one its tests run against.
 *
 * 2.177.0 is the first release that has everything the library needs
 * (`CustomResource.serviceTimeout`, the `nodejs22.x` runtime) and that the
 * dev tools agree on: `@aws-cdk/integ-tests-alpha@2.177.0-alpha.0` wants
 * `^2.177.0` and `cdk-nag@2.38.2` wants `^2.176.0`.
 */
const CDK_VERSION = '2.177.0';

/** Folders of TypeScript that are not part of the jsii API but are linted and type-checked. */
const EXTRA_TS_DIRS = ['lambda', 'tools', 'examples', 'bench'];

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-partnercentral',
  description: 'AWS CDK constructs for AWS Partner Central: declare connection invitations in code, deploy them with cdk deploy.',
  keywords: ['aws-cdk', 'cdk', 'awscdk', 'partner-central', 'partnercentral', 'aws-partner-network', 'custom-resource'],
  author: 'cdk-partnercentral developers',
  authorAddress: 'cdk-partnercentral@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-partnercentral/cdk-partnercentral.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  license: 'Apache-2.0',
  stability: 'experimental',

  cdkVersion: CDK_VERSION,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',
  // The library and the rehearsal CLI run on the user's machine; the handler runs on Lambda's Node.js 22+.
  minNodeVersion: '20.0.0',
  lambdaAutoDiscover: false,
  integrationTestAutoDiscover: false,
  sampleCode: false,

  // The project's CI is `.ci/run`; releases are cut by hand for now.
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The handler tests start real HTTP servers; the default 5 s is tight on a loaded 2-core box.
      testTimeout: 30_000,
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
    },
  },

  devDeps: [
    // bundled into the handler (never runtime dependencies of the library)
    '@smithy/signature-v4@^5.7.5',
    '@smithy/protocol-http@^5.6.2',
    '@aws-crypto/sha256-js@^5.2.0',
    'esbuild@^0.28.2',
    // tests, rehearsal, benchmarks
    '@aws-sdk/client-partnercentral-account@^3.1086.0',
    'fast-check@^4.11.0',
    `@aws-cdk/integ-tests-alpha@${CDK_VERSION}-alpha.0`,
    '@aws-cdk/integ-runner@^2.197.10',
    'aws-cdk@^2.1148.1',
    'cdk-nag@2.38.2',
  ],
});

// jsii ~6.0 compiles with TypeScript 6.0: pin the same minor for tsc, ts-jest and eslint.
project.deps.removeDependency('typescript');
project.addDevDeps('typescript@~6.0.3');
// Node types of the oldest runtime the code meets: the handler runs on Lambda's Node.js 22.
project.deps.removeDependency('@types/node');
project.addDevDeps('@types/node@^22');

// --- Python name reserved; only the JS package is built here -------------------------------
project.package.file.addOverride('jsii.targets.python', {
  distName: 'cdk-partnercentral',
  module: 'cdk_partnercentral',
});

// --- TypeScript outside src/: its own tsconfig so tsc and eslint check it ------------------
for (const dir of EXTRA_TS_DIRS) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', types: ['node'] },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
  });
  project.eslint?.addLintPattern(dir);
}

// --- The handler bundle: built before compile and before tests, shipped in the package -----
const HANDLER_OUT = 'assets/connection-invitation-handler/index.js';
const CLI_OUT = 'assets/cli/cdk-partnercentral.js';
const bundle = project.addTask('bundle', {
  description: 'Bundle the custom resource handler and the rehearsal CLI with esbuild',
  steps: [
    {
      // `--main-fields=module,main`: take the ES modules of @smithy/signature-v4, so esbuild can
      // tree-shake the @smithy/core barrels it imports (about 40 KB instead of 170 KB).
      exec: `esbuild lambda/index.ts --bundle --platform=node --target=node22 --format=cjs --main-fields=module,main --minify --legal-comments=none --outfile=${HANDLER_OUT}`,
    },
    {
      // The CLI runs on the user's machine (Node.js 20 or newer), so it targets node20.
      exec: `esbuild tools/cli.ts --bundle --platform=node --target=node20 --format=cjs --legal-comments=none --banner:js="#!/usr/bin/env node" --outfile=${CLI_OUT}`,
    },
  ],
});
project.package.addBin({ 'cdk-partnercentral': CLI_OUT });
project.preCompileTask.spawn(bundle);

const typecheck = project.addTask('typecheck', {
  description: 'Type-check the code that jsii does not compile (handler, tools, tests)',
  steps: EXTRA_TS_DIRS.concat(['test']).map((dir) => ({ exec: `tsc --noEmit -p ${dir}/tsconfig.json` })),
});

// README snippets must compile: jsii-rosetta in strict mode against the compiled assembly.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
const rosetta = project.addTask('rosetta', {
  description: 'Compile the README\'s TypeScript snippets with jsii-rosetta (strict, with rosetta/default.ts-fixture)',
  steps: [
    { spawn: project.compileTask.name },
    { exec: 'jsii-rosetta extract --strict --compile --fail .jsii' },
  ],
});

// --- Integration test: snapshot verified offline, deployed only with credentials ----------
const INTEG = 'integ-runner --directory test --language typescript --parallel-regions us-east-1';
// ts-node only transpiles: the typecheck task already type-checks test/ (about 45 s saved per run).
const integEnv = { TS_NODE_PROJECT: 'test/tsconfig.json', TS_NODE_TRANSPILE_ONLY: '1' };
const integ = project.addTask('integ', {
  description: 'Verify the committed integ snapshot (no deployment)',
  env: integEnv,
  steps: [{ spawn: bundle.name }, { exec: INTEG }],
});
// --force: rewrite even when only asset hashes changed (the verification ignores those).
project.addTask('integ:snapshot', {
  description: 'Rewrite the integ snapshot from the current code without deploying (review the diff)',
  env: integEnv,
  steps: [{ spawn: bundle.name }, { exec: `${INTEG} --dry-run --update-on-failed --force` }],
});
project.addTask('integ:update', {
  description: 'Deploy the integ test with real AWS credentials, assert, destroy, and update the snapshot',
  env: integEnv,
  steps: [{ spawn: bundle.name }, { exec: `${INTEG} --update-on-failed --force` }],
});

// --- The offline rehearsal of the example app (the README's main command) -----------------
project.addTask('rehearse', {
  description: 'Synthesize the example app and play its deployment offline against the PartnerCentral emulator',
  steps: [
    { spawn: bundle.name },
    { exec: 'cdk synth --quiet', cwd: 'examples' },
    { exec: `node ${CLI_OUT} rehearse examples/cdk.out` },
  ],
});

// --- Benchmarks: print numbers, never assert times, not part of the test command ----------
project.addTask('bench', {
  description: 'Run the benchmarks, print the table and write bench/results.json',
  steps: [
    { spawn: bundle.name },
    { exec: 'ts-node --project bench/tsconfig.json bench/run.ts' },
  ],
});

// The tests assert templates explicitly and keep no jest snapshots: no task may rewrite any.
project.tasks.removeTask('test:update');

// Tests need the bundle (one suite drives it) and type-checking (ts-jest only transpiles).
project.testTask.prependSpawn(typecheck);
project.testTask.prependSpawn(bundle);
project.testTask.spawn(rosetta);
project.testTask.spawn(integ);

project.gitignore.exclude('/assets/', 'cdk.out/', '/test/*.snapshot/asset.*', '/rosetta/*.tabl.json', '.jsii.tabl.json');
project.npmignore?.include('/assets/');
project.npmignore?.exclude('/lambda/', '/tools/', '/.ci/', '/examples/', '/bench/', '/rosetta/', 'tsconfig.json');

project.synth();
