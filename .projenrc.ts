import { execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { awscdk, Component, javascript, JsonFile } from 'projen';

/**
 * The oldest aws-cdk-lib this library supports, and the one its tests run against.
 *
 * 2.177.0 is the first release that has everything the library needs
 * (`CustomResource.serviceTimeout`, the `nodejs22.x` runtime) and that the
 * dev tools agree on: `@aws-cdk/integ-tests-alpha@2.177.0-alpha.0` wants
 * `^2.177.0` and `cdk-nag@2.38.2` wants `^2.176.0`.
 */
const CDK_VERSION = '2.177.0';
/**
 * The floor's constructs (also the minimum of the peer dependency): the one aws-cdk-go v2.177.0
 * requires. The Go package is built against it; with constructs-go 10.5 the floor's `awslambda`
 * no longer compiles (an ambiguous `With` selector), and the public API names `awslambda` types.
 */
const CONSTRUCTS_VERSION = '10.4.2';
/** The floor's cdk-nag, for the nag tests. */
const NAG_VERSION = '2.38.2';

/*
 * The releases users run today: the tests of everything that loads aws-cdk-lib also run against
 * them (`.matrix/current/`), so a change in a newer aws-cdk-lib or cdk-nag shows before a user
 * meets it. jsii still compiles against the floor above. Raise these to the newest releases
 * (`npm view aws-cdk-lib version`) and run `npx projen`, which rewrites .matrix/current/package-lock.json.
 */
/** The newest aws-cdk-lib on the registry. */
const CURRENT_CDK_VERSION = '2.276.0';
/** The newest constructs, which that aws-cdk-lib accepts (`^10.5.0`). */
const CURRENT_CONSTRUCTS_VERSION = '10.8.1';
/** The newest cdk-nag 2: checks through Aspects, suppressions in resource metadata (what the library writes). */
const CURRENT_NAG2_VERSION = '2.38.2';
/** The newest cdk-nag 3 (wants aws-cdk-lib `^2.257.0`): a policy validation plugin, acknowledgements through `Validations`. */
const CURRENT_NAG3_VERSION = '3.0.2';

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
  constructsVersion: CONSTRUCTS_VERSION,
  jsiiVersion: '~6.0.0',
  // The library and the rehearsal CLI run on the user's machine; the handler runs on Lambda's Node.js 22+.
  minNodeVersion: '20.0.0',
  lambdaAutoDiscover: false,
  integrationTestAutoDiscover: false,
  sampleCode: false,

  // The jsii targets besides JavaScript, built by `npx projen package-all` (jsii-pacmak) and
  // smoke-tested the way their users install them by test/languages/ (README: "Other languages").
  // .NET is not declared: NuGet is out of reach of the project's machines, so it cannot be built here.
  publishToPypi: {
    // PyPI's name is the npm name; the module is its Python spelling (PEP 8: lower case, underscores).
    distName: 'cdk-partnercentral',
    module: 'cdk_partnercentral',
  },
  publishToMaven: {
    // The io.github.<GitHub organisation> namespace, the one Maven Central verifies by the repository's
    // organisation; the artifact is the npm name. Java packages cannot hold a hyphen: the JLS turns it
    // into an underscore.
    mavenGroupId: 'io.github.cdk-partnercentral',
    mavenArtifactId: 'cdk-partnercentral',
    javaPackage: 'io.github.cdk_partnercentral',
  },
  publishToGo: {
    // Go modules are fetched from a repository: the jsii convention is a second repository of the
    // organisation, named after the library with `-go`, that the release pushes the generated code to.
    moduleName: 'github.com/cdk-partnercentral/cdk-partnercentral-go',
    packageName: 'cdkpartnercentral',
  },

  // The project's CI is `.ci/run`; releases are cut by hand for now.
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      // The handler tests start real HTTP servers; the default 5 s is tight on a loaded 2-core box.
      // (A global option: it applies to every project of the test matrix below.)
      testTimeout: 30_000,
      // One worker per core: jest's default keeps one core for itself (one worker on a 2-core
      // machine), but most suites wait on local HTTP servers and child processes, not the CPU.
      maxWorkers: '100%',
    },
  },

  devDeps: [
    // bundled into the handler by esbuild (never a runtime dependency of the library)
    '@smithy/signature-v4@^5.7.5',
    // the bundler of the handler and the CLI (a build tool, never bundled)
    'esbuild@^0.28.2',
    // tests, rehearsal, benchmarks (the first two sign requests the way the SDK does, in tests only)
    '@smithy/protocol-http@^5.6.2',
    '@aws-crypto/sha256-js@^5.2.0',
    '@aws-sdk/client-partnercentral-account@^3.1086.0',
    'fast-check@^4.11.0',
    `@aws-cdk/integ-tests-alpha@${CDK_VERSION}-alpha.0`,
    '@aws-cdk/integ-runner@^2.197.10',
    'aws-cdk@^2.1148.1',
    `cdk-nag@${NAG_VERSION}`,
  ],
});

// jsii ~6.0 compiles with TypeScript 6.0: pin the same minor for tsc, ts-jest and eslint.
project.deps.removeDependency('typescript');
project.addDevDeps('typescript@~6.0.3');
// Node types of the oldest runtime the code meets: the handler runs on Lambda's Node.js 22.
project.deps.removeDependency('@types/node');
project.addDevDeps('@types/node@^22');


// The Go module that jsii-pacmak writes requires, besides aws-cdk-go at the floor, the Go twins of
// aws-cdk-lib's own jsii dependencies at the versions installed here. npm would take the newest
// @aws-cdk/asset-awscli-v1 2.2.x, whose Go twin the Go module proxy may not serve; the floor's own
// minimum (what aws-cdk-go v2.177.0 requires itself) is served. The library never loads it (it is the
// AWS CLI layer of aws-eks and lambda-layer-awscli).
// cdk-nag 2.38.2 (a dev dependency, for the nag tests) asks for constructs ^10.5.1, above the floor's
// 10.4.2 that the Go package needs (see CONSTRUCTS_VERSION); it runs on the floor's constructs in the tests.
project.package.addField('overrides', {
  '@aws-cdk/asset-awscli-v1': '2.2.208',
  'cdk-nag': { constructs: '$constructs' },
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

// --- The boundaries of the house, checked by eslint (part of the test command) -------------
// What eslint skips skips every rule below. projen's defaults ignore *.generated.ts, *.d.ts and
// any folder named coverage, names a module of src/ or lambda/ may take (and a linted module may
// re-export it), so they are dropped. Left: JavaScript (*.js: no script of the sources is one,
// which house rules check, and eslint lints only .ts here), node_modules folders and the root's
// coverage report (/coverage/, which git ignores too). test/house-rules.test.ts checks that eslint
// ignores no .ts file of the project.
const eslintIgnores = project.eslint!.ignorePatterns;
for (const pattern of ['*.generated.ts', '*.d.ts', 'coverage']) {
  const at = eslintIgnores.indexOf(pattern);
  if (at < 0) throw new Error(`projen's eslint ignores no longer include ${pattern}: check what it ignores now`);
  eslintIgnores.splice(at, 1);
}
eslintIgnores.push('/coverage/');
// Each zone is an allowlist: a folder imports only what its zone excepts from the whole project
// (anything else of the project, a folder added later included, is refused). lambda/ and src/
// name their packages one by one (a package is a folder of ./node_modules like any other, and its
// files may import what they like, tools/ included); the oracles take any package.
// lambda/ (the handler) imports only lambda/, the pure shared modules of src/ and the signer's
// package, never aws-cdk-lib (nor constructs, cdk-nag, nor any package it does not bundle); the
// shared modules import only each other (what they import is bundled into the handler); src/
// imports only src/, aws-cdk-lib and constructs (its peer dependencies); a node_modules folder
// inside lambda/ or src/ (ignored by git, so a local one) is refused by both; the emulator and
// the CloudFormation event shapes, independent oracles of the handler, import only the emulator,
// tools/local-server.ts, the shared modules and packages (never lambda/, nor the rehearsal, which
// drives it); examples/, the app a user writes, imports only examples/, the library's public entry
// (src/index.ts) and aws-cdk-lib and constructs; tools/ is imported only by tools/ (its CLI entry),
// test/ and bench/. Node.js's own modules resolve to no file, so no zone sees them: for lambda/
// and src/, import/no-nodejs-modules names them instead (LAMBDA_BUILTINS, SRC_BUILTINS below).
// The compiled library (lib/), the bundles (assets/) and a second install (.matrix/) are outside
// every allowlist.
// test/house-rules.test.ts checks that every top-level folder of TypeScript is a target of these
// zones (or test/, bench/, tools/), so a new folder needs a decision.
const SHARED_SRC = ['./src/api-constraints.ts', './src/contract.ts'];
/**
 * The oracles of CloudFormation's side under tools/cloudformation/: the event shapes and their
 * builders, what CloudFormation rejects in a response, the host of the ResponseURLs (S3's side)
 * and the ResponseURL itself (which the builders fill in). Each says at its top that it is an
 * independent oracle (test/house-rules.test.ts).
 */
const CFN_ORACLES = ['events', 'event-builders', 'response-check', 'response-host', 'response-url'].map((name) => `./tools/cloudformation/${name}.ts`);
/**
 * The files of the oracles, tools/local-server.ts (the HTTP server under the emulator and the
 * ResponseURL host) and examples/, as eslint's globs: the loader rules of lambda/ and src/ apply
 * to them too, so their zones see every load.
 */
const ORACLE_FILES = ['tools/emulator/**/*.ts', 'tools/local-server.ts', ...CFN_ORACLES.map((file) => file.replace(/^\.\//, ''))];
/**
 * The packages lambda/ imports: the signer, the one package the handler bundles. test/handler-imports.test.ts
 * (lambda/'s imports) and test/handler-bundle.test.ts (the bundle's inputs) read them from the zone in .eslintrc.json.
 */
const LAMBDA_PACKAGES = ['./node_modules/@smithy/signature-v4'];
/** The packages src/ imports: the library's peer dependencies. */
const SRC_PACKAGES = ['./node_modules/aws-cdk-lib', './node_modules/constructs'];
/** The packages examples/ imports: those of an app that uses the library (which it imports as src/index.ts). */
const EXAMPLES_PACKAGES = ['./node_modules/aws-cdk-lib', './node_modules/constructs'];
/** The folders (and root files) of TypeScript that may not import tools/ (tools/, test/ and bench/ may). */
const NOT_TOOLS_IMPORTERS = ['./src', './lambda', './examples', './projenrc', './.projenrc.ts'];
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', {
    zones: [
      {
        target: './lambda',
        from: '.',
        except: ['./lambda', ...SHARED_SRC, ...LAMBDA_PACKAGES],
        message: 'lambda/ is bundled into the handler: it imports only lambda/, the pure shared modules of src/ (api-constraints, contract), Node.js\'s crypto, http and https and the signer (@smithy/signature-v4), never aws-cdk-lib, constructs, cdk-nag or another package.',
      },
      {
        target: SHARED_SRC,
        from: '.',
        except: SHARED_SRC,
        message: 'The modules src/ shares with lambda/ are bundled into the handler: they import only each other (api-constraints, contract), no package and no module of Node.js.',
      },
      {
        target: './lambda/accepter',
        from: './lambda/lifecycle',
        message: 'lambda/accepter/ is the accepter\'s: it imports nothing of the invitation\'s lambda/lifecycle/; what both types need lives in lambda/common/.',
      },
      {
        target: './lambda/lifecycle',
        from: './lambda/accepter',
        message: 'lambda/lifecycle/ is the invitation\'s: it imports nothing of the accepter\'s lambda/accepter/; what both types need lives in lambda/common/.',
      },
      {
        target: './lambda/common',
        from: ['./lambda/lifecycle', './lambda/accepter'],
        message: 'lambda/common/ holds what both resource types share: it imports neither type\'s folder (lambda/lifecycle/, lambda/accepter/).',
      },
      {
        target: ['./lambda', './src'],
        from: ['./lambda/node_modules', './src/node_modules'],
        message: 'lambda/ and src/ import no package from a node_modules folder of their own: it is no dependency of the project, and what its files import no zone sees.',
      },
      {
        target: ['./tools/emulator', './tools/cloudformation/events.ts'],
        from: '.',
        except: ['./tools/emulator', './tools/local-server.ts', ...SHARED_SRC, './node_modules'],
        message: 'The emulator and the CloudFormation event shapes are independent oracles of the handler: they import only the emulator, tools/local-server.ts, the shared modules of src/ and packages (never lambda/, nor the rehearsal).',
      },
      {
        target: './tools/cloudformation/event-builders.ts',
        from: '.',
        except: ['./tools/cloudformation/events.ts', './tools/cloudformation/response-url.ts', ...SHARED_SRC, './node_modules'],
        message: 'The CloudFormation event builders are CloudFormation\'s side, an independent oracle of the handler: they import only the event shapes (events.ts), the ResponseURL request (response-url.ts), the shared modules of src/ and packages (never lambda/).',
      },
      {
        target: ['./tools/cloudformation/response-check.ts', './tools/cloudformation/response-host.ts', './tools/cloudformation/response-url.ts'],
        from: '.',
        except: ['./tools/cloudformation/events.ts', './tools/cloudformation/response-check.ts', './tools/cloudformation/response-url.ts', './tools/local-server.ts', ...SHARED_SRC, './node_modules'],
        message: 'The ResponseURL, its host (S3\'s side) and what CloudFormation rejects in a response are independent oracles of the handler: they import only each other, the event shapes (events.ts), tools/local-server.ts, the shared modules of src/ and packages (never lambda/, the emulator, nor the rehearsal).',
      },
      {
        target: './tools/local-server.ts',
        from: '.',
        except: ['./node_modules'],
        message: 'tools/local-server.ts, the HTTP server under the emulator and the ResponseURL host, imports nothing of the project (only Node.js\'s modules and packages): what it imported, both oracles would reach.',
      },
      {
        target: './src',
        from: '.',
        except: ['./src', ...SRC_PACKAGES],
        message: 'src/ is the library: it imports only src/, Node.js\'s path and its peer dependencies aws-cdk-lib and constructs (never lambda/, which ships as a bundle, nor tools/, examples/, bench/, test/, lib/, assets/ or another package).',
      },
      {
        target: './examples',
        from: '.',
        except: ['./examples', './src/index.ts', ...EXAMPLES_PACKAGES],
        message: 'examples/ is the app a user writes: it imports only examples/, the library through its public entry (src/index.ts, which an app outside this repository imports as cdk-partnercentral), aws-cdk-lib and constructs.',
      },
      {
        target: NOT_TOOLS_IMPORTERS,
        from: './tools',
        message: 'Only the CLI entry (tools/cli.ts), test/ and bench/ import tools/.',
      },
    ],
  }],
});
// No comment turns a rule off: eslint ignores its directive comments (eslint-disable in all its
// forms, a block comment of rule settings), so an exception is written here, or not at all.
project.eslint!.config.noInlineConfig = true;
// The handler bundles its one package (@smithy/signature-v4), a dev dependency; the benchmarks
// measure the SDK's client, also one.
project.eslint?.allowDevDeps('lambda/**');
project.eslint?.allowDevDeps('bench/**');
// Modules that load a file whose path is known only at run time: the shipped bundle, the
// matrix's second aws-cdk-lib, the model's generated plays, the rehearsal's handler.
project.eslint?.addOverride({
  files: ['bench/shipped-handler.ts', 'test/handler-bundle.test.ts', 'test/model/play.ts', 'test/support/matrix.ts', 'tools/rehearsal/handler.ts'],
  rules: { '@typescript-eslint/no-require-imports': 'off' },
});
// Forms of import that import/no-restricted-paths does not see, refused where its zones apply
// (a rule of no-restricted-syntax that an override sets replaces the one above it, so each
// override lists every selector that applies to its files).
const IMPORT_EQUALS = {
  selector: 'TSImportEqualsDeclaration[moduleReference.type="TSExternalModuleReference"]',
  message: 'Use `import ... from`: the boundary rule (import/no-restricted-paths) does not see `import x = require(...)`.',
};
const IMPORT_TYPE = {
  selector: 'TSImportType',
  message: 'Use `import type ... from`: the boundary rule (import/no-restricted-paths) does not see `import(\'...\')` types.',
};
/** Where the loader rules below apply, as their messages name it: ORACLE_FILES are the oracles. */
const GUARDED = 'lambda/, src/, examples/ and the oracles';
/**
 * Names through which code reaches a module loader (or runs code that could): getPrototypeOf,
 * the two getOwnPropertyDescriptor forms and __proto__ reach a function's prototype, whose
 * constructor property is the Function constructor (or AsyncFunction); Reflect reads a member by
 * a name given as an argument (Reflect.get(fn, 'con' + 'structor')), which no selector reads.
 */
const LOADERS = 'mainModule|globalThis|eval|getBuiltinModule|createRequire|dlopen|_load|binding|getPrototypeOf|getOwnPropertyDescriptors|getOwnPropertyDescriptor|__proto__|Reflect';
/**
 * Loader names that are also everyday words of a CDK app (`mainFields: ['module', 'main']`,
 * `{ global: true }`), refused only as references to the variable: no object that code here can
 * name holds the module wrapper's `module` or the global object under these names (globalThis,
 * process[k] and the rest are refused above), so their strings, keys and member names load nothing.
 */
const LOADER_WORDS = 'module|global';
/** Identifiers that are names of members, keys or types' qualified parts, not references to a variable. */
const NOT_A_REFERENCE = [
  'MemberExpression[computed=false] > Identifier.property',
  ':matches(Property, PropertyDefinition, MethodDefinition, TSPropertySignature, TSMethodSignature)[computed=false] > Identifier.key',
  'TSQualifiedName > Identifier.right',
].join(', ');
const RUNTIME_LOADS = [
  {
    // at a module's top level (and in an arrow function there) arguments are those of the
    // CommonJS module wrapper (exports, require, module, __filename, __dirname): arguments[1] is require
    selector: `Identifier[name="arguments"]:not(${NOT_A_REFERENCE})`,
    message: `${GUARDED} never use arguments: at a module\'s top level they are the module wrapper\'s, and arguments[1] is require, whose loads the boundary rule does not see.`,
  },
  {
    // import() of any path: a literal one is seen by the boundary rule, but not by the purity
    // check of lambda/'s pure modules (test/handler-imports.test.ts), and nothing needs a lazy load
    selector: 'ImportExpression',
    message: `${GUARDED} import statically (import ... from), never with import(): the boundary rule and the purity check of the pure modules read static imports.`,
  },
  {
    // `require` only as `require('literal')`: as a value (`const load = require`), a member
    // (`module.require`, `require.main`) or with a computed path, the boundary rule does not see what it loads
    selector: 'Identifier[name="require"]:not(CallExpression[arguments.0.type="Literal"] > Identifier.callee)',
    message: `${GUARDED} use require only as require(\'a literal path\'), which the boundary rule checks.`,
  },
  {
    selector: `Identifier[name=/^(${LOADERS})$/]`,
    message: `${GUARDED} never reach a module loader by hand (module, mainModule, globalThis, eval, ...): the boundary rule does not see what it loads.`,
  },
  {
    selector: `Identifier[name=/^(${LOADER_WORDS})$/]:not(${NOT_A_REFERENCE})`,
    message: `${GUARDED} never reach a module loader by hand (module, global): the boundary rule does not see what it loads.`,
  },
  {
    // the loader's names as strings: a computed member (module['require']), Reflect.get(process, 'mainModule'), a key in a variable
    selector: `:matches(Literal[value=/^(require|constructor|${LOADERS})$/], TemplateElement[value.cooked=/^(require|constructor|${LOADERS})$/])`,
    message: `${GUARDED} never name a module loader in a string (a computed member, Reflect.get): the boundary rule does not see what it loads.`,
  },
  {
    // a name joined from strings ('con' + 'structor') is one no selector here reads (an index
    // computed from numbers, view[i + 1], is not refused)
    selector: 'MemberExpression[computed=true] > BinaryExpression.property:has(Literal[value=/./], TemplateLiteral)',
    message: `${GUARDED} never read a member by a name joined from strings: the boundary rule does not see what it reaches.`,
  },
  {
    // a computed key of an object or a destructuring ({ ['con' + 'structor']: F } = fn) built by
    // joining or a template: the destructuring reads the member the key names
    selector: 'Property[computed=true] > :matches(BinaryExpression, TemplateLiteral).key',
    message: `${GUARDED} never name a computed key by joining strings or by a template: a destructuring with it reads a member the boundary rule does not see.`,
  },
  {
    // strings joined anywhere inside a computed member or key: fn[k = 'con' + 'structor'],
    // fn[['con' + 'structor'][0]], { [('con' + 'structor')]: F }
    selector: ':matches(MemberExpression[computed=true] > *.property, Property[computed=true] > *.key) :matches(BinaryExpression[operator="+"] > Literal[raw=/^[\'"]/], AssignmentExpression[operator="+="] > Literal[raw=/^[\'"]/], TemplateLiteral)',
    message: `${GUARDED} never join strings inside a computed member or key: the name it builds is one the boundary rule does not see.`,
  },
  {
    selector: 'MemberExpression[computed=true] > TemplateLiteral.property',
    message: `${GUARDED} never read a member by a template name: the boundary rule does not see what it reaches.`,
  },
  {
    // `process` only as `process.<name>` (process.env): a computed member (process[k]), a copy
    // (const p = process) or an argument (Reflect.get(process, k)) reaches any member, mainModule too
    selector: `Identifier[name="process"]:not(MemberExpression[computed=false] > Identifier.object, ${NOT_A_REFERENCE})`,
    message: `${GUARDED} use process only as process.<name> (process.env): through a computed member, a copy or an argument, the boundary rule does not see what it reaches (mainModule).`,
  },
  {
    // the name constructor spelled whole outside a string: a function, class, variable, parameter,
    // enum member (E[0] is its name), static method or import named constructor, whose .name (or
    // the enum's reverse mapping) is the string that reads any function's constructor (a class's
    // constructor, type members and the member read, refused by constructorRead, stay)
    selector: 'Identifier[name="constructor"]:not(MethodDefinition[kind="constructor"] > Identifier.key, TSDeclareMethod[kind="constructor"] > Identifier.key, :matches(TSPropertySignature, TSMethodSignature)[computed=false] > Identifier.key, MemberExpression[computed=false] > Identifier.property)',
    message: `${GUARDED} never name anything constructor (a function, class, variable, enum member): its .name, or the enum\'s reverse mapping, is the string that reads any function\'s constructor, the Function constructor.`,
  },
  {
    // a regex's .source is its pattern as a string: /constructor/.source
    selector: `Literal[regex.pattern=/(require|constructor|${LOADERS})/]`,
    message: `${GUARDED} never name a module loader in a regex: its .source is the string.`,
  },
  {
    // the Function constructor by its global name, in any position (called, constructed, passed to Reflect.construct, stored)
    selector: `Identifier[name="Function"]:not(${NOT_A_REFERENCE})`,
    message: `${GUARDED} never name the Function constructor: it runs code the boundary rule does not see.`,
  },
  {
    // any function's .constructor is the Function constructor (or AsyncFunction, GeneratorFunction):
    // no member read, destructuring key or property key named constructor (class constructors are method definitions)
    selector: 'Property[key.name="constructor"]',
    message: `${GUARDED} never name a key constructor (a destructuring or a property key): any function\'s constructor is the Function constructor, which runs code the boundary rule does not see.`,
  },
];
/**
 * The member read .constructor, refused in lambda/, src/, examples/ and the oracles (and its string, by the selector of
 * the loader's names above); `allowName` lets it be read only for its .name.
 */
function constructorRead(allowName: boolean) {
  return {
    selector: allowName
      ? 'MemberExpression[property.name="constructor"]:not(MemberExpression[computed=false][property.name="name"] > MemberExpression.object)'
      : 'MemberExpression[property.name="constructor"]',
    message: `${GUARDED} never read .constructor${allowName ? ' other than for its .name' : ''}: any function's constructor is the Function constructor, which runs code the boundary rule does not see.`,
  };
}
project.eslint?.addRules({ 'no-restricted-syntax': ['error', IMPORT_EQUALS] });
project.eslint?.addOverride({
  files: ['lambda/**/*.ts', 'src/**/*.ts', 'tools/**/*.ts', 'examples/**/*.ts'],
  rules: { 'no-restricted-syntax': ['error', IMPORT_EQUALS, IMPORT_TYPE] },
});
/** The rules of lambda/, src/, examples/ and the oracles; `constructorName` lets .constructor be read for its .name. */
function runtimeBoundaryRules(constructorName: boolean) {
  return {
    'no-restricted-syntax': ['error', IMPORT_EQUALS, IMPORT_TYPE, ...RUNTIME_LOADS, constructorRead(constructorName)],
    'no-restricted-imports': ['error', {
      paths: ['module', 'node:module'].map((name) => ({
        name,
        message: `${GUARDED} never load modules by hand (createRequire): the boundary rule does not see what it loads.`,
      })),
      patterns: [
        {
          // the zones see where such a path resolves, so a path to a package they allow (or into
          // an allowed package's own node_modules) passes them; TypeScript and esbuild may resolve it otherwise
          regex: 'node_modules',
          message: `${GUARDED} import a package by its name, never by a path through a node_modules folder: the allowlists name packages, and such a path reaches past them.`,
        },
        {
          // a package name followed by .. climbs out of that package into another (or out of node_modules)
          regex: '^[^.].*/\\.\\.(/|$)',
          message: `${GUARDED} import a package by its name and a path inside it, never one that climbs out of it (..): the allowlists name packages, and such a path reaches past them.`,
        },
      ],
    }],
    // a reference directive brings in files and types that no import, so no zone, names
    '@typescript-eslint/triple-slash-reference': ['error', { path: 'never', types: 'never', lib: 'never' }],
  };
}
// The oracles (and tools/local-server.ts under them) and examples/ are held to the same rules:
// their zones too see only static imports, so a createRequire, a require alias or an import() of
// a computed path would reach lambda/ (or, from examples/, tools/ and src/private/) unseen.
project.eslint?.addOverride({
  files: ['lambda/**/*.ts', 'src/**/*.ts', ...ORACLE_FILES, 'examples/**/*.ts'],
  rules: runtimeBoundaryRules(false),
});
// The one exception: these modules name a value's class by `.constructor.name` (a string, which
// loads nothing): runtime-types.ts in the type problems it reports ("an instance of Stack"),
// provider.ts to know the provider of another copy of the library. Every other form of
// .constructor stays refused in them too.
project.eslint?.addOverride({
  files: ['src/private/runtime-types.ts', 'src/private/provider.ts'],
  rules: runtimeBoundaryRules(true),
});
/** Each of `names`, Node.js modules, as both its names: bare and with the node: scheme. */
function bothForms(names: string[]): string[] {
  return names.flatMap((name) => [name, `node:${name}`]);
}
// Node.js's own modules resolve to no file, so the zones do not see them: import/no-nodejs-modules
// names those each folder may import, what it imports today. A new one (child_process, fs, vm,
// worker_threads: each runs, reads or loads what no zone sees) is a decision written here.
/**
 * The Node.js modules lambda/ imports: crypto (the signer's HMAC, the client token's hash), http
 * and https (the transport; http's types for the API's errors). test/handler-imports.test.ts
 * reads this list from .eslintrc.json and holds the pure modules to less: node:crypto only in
 * common/client-token.ts, and only its createHash.
 */
const LAMBDA_BUILTINS = bothForms(['crypto', 'http', 'https']);
/** The Node.js modules src/ imports: path (the provider's path to the handler bundle). The shared modules import none. */
const SRC_BUILTINS = bothForms(['path']);
/** The Node.js modules examples/ imports: none (an app declares stacks; what runs is the library's). */
const EXAMPLES_BUILTINS: string[] = [];
// each folder's allowlist of Node.js modules (a later override wins for the files it names: the
// shared modules of src/ import none)
for (const [files, allow] of [
  [['lambda/**/*.ts'], LAMBDA_BUILTINS],
  [['src/**/*.ts'], SRC_BUILTINS],
  [SHARED_SRC.map((file) => file.replace(/^\.\//, '')), []],
  [['examples/**/*.ts'], EXAMPLES_BUILTINS],
] as const) {
  project.eslint?.addOverride({ files: [...files], rules: { 'import/no-nodejs-modules': ['error', { allow: [...allow] }] } });
}
// No comment of TypeScript's turns a check off (or on): @ts-nocheck and @ts-ignore would silence
// the compile-time checks the house relies on (InvitationFieldNamesComplete of src/contract.ts),
// and @ts-expect-error, which no code needs, as well; a @ts-check changes nothing in a .ts file.
project.eslint?.addRules({
  '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-check': true, 'ts-expect-error': true }],
});

// --- The handler bundle: built before compile and before tests, shipped in the package -----
// The folder is HANDLER_ASSET_NAME of src/contract.ts, where the provider and the CLI look for the
// bundle; this file imports nothing of src/, so it keeps this copy, and test/handler-bundle.test.ts
// fails when the bundle task writes anywhere else.
const HANDLER_OUT = 'assets/connection-invitation-handler/index.js';
// The CLI's file is CLI_BUNDLE_PATH of tools/cli-bundle.ts, where the tests and benchmarks run it;
// this file imports nothing of tools/, so it keeps this copy, and test/cli-bundle.test.ts fails when
// the bundle task, the bin or .ci/check-pack.js name another file.
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
// Every package jsii-pacmak writes embeds the npm tarball, which must hold the handler (and the CLI):
// each package task bundles first, so that none can pack a tree without assets/ or with a stale bundle.
for (const target of ['js', 'python', 'java', 'go']) {
  project.tasks.tryFind(`package:${target}`)!.prependSpawn(bundle);
}

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
// The example is synthesized with the current aws-cdk-lib of the test matrix (what a new app
// runs, weak cross-stack references included), against the library's sources.
project.addTask('rehearse', {
  description: 'Synthesize the example app with the current aws-cdk-lib and play its deployment offline against the PartnerCentral emulator',
  steps: [
    { spawn: bundle.name },
    { spawn: 'matrix:install' },
    { exec: 'cdk synth --quiet', cwd: 'examples', env: { NODE_OPTIONS: '--require ../.matrix/use-current.js' } },
    { exec: `node ${CLI_OUT} rehearse examples/cdk.out` },
  ],
});

// --- The Python, Java and Go packages, installed and used as their users do ----------------
// After `npx projen package-all` (jsii-pacmak): needs python3 with venv, a JDK 17 with Maven, Go,
// and PyPI, Maven Central and the Go module proxy. Not part of the test command, which needs
// only Node.js; `.ci/run` runs it in its package step (test/languages/run.ts says what it checks).
project.addTask('smoke:languages', {
  description: 'Install the Python, Java and Go packages of dist/ as users do, synthesize the smoke app, compare with TypeScript, rehearse',
  // ts-node only transpiles: the typecheck task type-checks test/.
  env: { TS_NODE_TRANSPILE_ONLY: '1' },
  steps: [
    { spawn: bundle.name },
    { exec: 'ts-node --project test/tsconfig.json test/languages/run.ts', receiveArgs: true },
  ],
});

// --- Benchmarks: print numbers, never assert times, not part of the test command ----------
project.addTask('bench', {
  description: 'Run the benchmarks, print the table and write bench/results.json (a BENCH_ONLY subset: bench/results.partial.json)',
  steps: [
    { spawn: bundle.name },
    { exec: 'ts-node --project bench/tsconfig.json bench/run.ts' },
  ],
});

// --- The model-based test, further: more histories, a random seed -------------------------
// `npx projen test` plays the model's fixed-seed histories; this plays MODEL_RUNS of them (default
// 2000) from MODEL_SEED (random when unset) and prints the seed and the shrunk failing history.
project.addTask('model', {
  description: 'Play MODEL_RUNS histories of the model-based test from MODEL_SEED (random when unset); prints the seed and any shrunk failure',
  env: { MODEL_EXPLORE: '1' },
  steps: [
    { spawn: bundle.name },
    { exec: 'jest --selectProjects floor --coverage=false test/model.test.ts' },
  ],
});

// --- Test matrix: the floor, and the releases users run today ------------------------------
// Every suite runs against the floor (root node_modules). The suites that load aws-cdk-lib (directly
// or through src/, examples/ or tools/) also run against the current aws-cdk-lib, once with each
// cdk-nag major, installed in .matrix/current/ and swapped in by jest's moduleNameMapper. One jest
// run, one project per cell. test/matrix.test.ts checks that each cell loads what it declares, and
// test/matrix-suites.test.ts that CDK_SUITES names every suite that loads aws-cdk-lib.
const CDK_SUITES = [
  'cfn-lint', 'connection-invitation', 'connection-invitation-accepter', 'construct-boundary', 'daily-quota', 'examples', 'invitation-events', 'invitation-provider', 'matrix', 'nag', 'nag-acknowledge', 'nag-compliance', 'node-runtime', 'provider-policy', 'provider-registry',
  'new-app', 'synth-hygiene',
];
// A dot folder on purpose: jsii-docgen documents against every `.jsii` a glob finds under the
// project (dot folders excepted) and would pick the current aws-cdk-lib over the floor for API.md.
const MATRIX_DIR = '.matrix/current';

new JsonFile(project, `${MATRIX_DIR}/package.json`, {
  obj: {
    name: 'cdk-partnercentral-matrix-current',
    private: true,
    description: 'The current aws-cdk-lib, constructs and both cdk-nag majors the tests also run against (see .projenrc.ts)',
    dependencies: {
      'aws-cdk-lib': CURRENT_CDK_VERSION,
      'constructs': CURRENT_CONSTRUCTS_VERSION,
      'cdk-nag': CURRENT_NAG2_VERSION,
      // An npm alias, so that one install holds both majors.
      'cdk-nag-3': `npm:cdk-nag@${CURRENT_NAG3_VERSION}`,
    },
  },
});

/**
 * Keeps .matrix/current/package-lock.json (written by npm, committed) in step with the package.json
 * above: after a version change, `npx projen` asks npm for the new lockfile (no install).
 */
class MatrixLockfile extends Component {
  public postSynthesize(): void {
    const dir = path.join(this.project.outdir, MATRIX_DIR);
    const read = (file: string) => fs.existsSync(path.join(dir, file)) ? JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) : undefined;
    // npm sorts the lockfile's copy of the dependencies: compare them as sorted entries.
    const entries = (deps?: Record<string, string>) => JSON.stringify(Object.entries(deps ?? {}).sort(([a], [b]) => a.localeCompare(b)));
    if (entries(read('package-lock.json')?.packages?.['']?.dependencies) === entries(read('package.json').dependencies)) return;
    this.project.logger.info(`Updating ${MATRIX_DIR}/package-lock.json`);
    execSync('npm install --package-lock-only --ignore-scripts --no-audit --no-fund', { cwd: dir, stdio: 'inherit' });
  }
}
new MatrixLockfile(project);

const matrixInstall = project.addTask('matrix:install', {
  description: `Install ${MATRIX_DIR} (npm ci) unless its node_modules already matches its lockfile`,
  exec: `node .matrix/install.js ${MATRIX_DIR}`,
});

type MatrixPackage = 'aws-cdk-lib' | 'constructs' | 'cdk-nag';
/** One cell: its suites (all when omitted), and for each package the folder it loads and the version found there. */
interface MatrixCell {
  readonly name: string;
  readonly suites?: string[];
  readonly packages: Record<MatrixPackage, { readonly dir: string; readonly version: string }>;
}
/** A cell on the current aws-cdk-lib, with the cdk-nag installed in `nagDir` of .matrix/current/node_modules. */
function currentCell(name: string, nagDir: string, nagVersion: string): MatrixCell {
  return {
    name,
    suites: CDK_SUITES,
    packages: {
      'aws-cdk-lib': { dir: `${MATRIX_DIR}/node_modules/aws-cdk-lib`, version: CURRENT_CDK_VERSION },
      'constructs': { dir: `${MATRIX_DIR}/node_modules/constructs`, version: CURRENT_CONSTRUCTS_VERSION },
      'cdk-nag': { dir: `${MATRIX_DIR}/node_modules/${nagDir}`, version: nagVersion },
    },
  };
}
const CELLS: MatrixCell[] = [
  {
    name: 'floor',
    packages: {
      'aws-cdk-lib': { dir: 'node_modules/aws-cdk-lib', version: CDK_VERSION },
      'constructs': { dir: 'node_modules/constructs', version: CONSTRUCTS_VERSION },
      'cdk-nag': { dir: 'node_modules/cdk-nag', version: NAG_VERSION },
    },
  },
  currentCell('current-nag2', 'cdk-nag', CURRENT_NAG2_VERSION),
  currentCell('current-nag3', 'cdk-nag-3', CURRENT_NAG3_VERSION),
];

// With `projects`, jest reads per-project options (test files, transform, mappings, coverage
// filters) only from each project: they move from the top level into every cell. Global options
// (testTimeout, reporters, coverage collection and reporting, --ci) stay at the top level.
const jestConfig = project.jest!.config;
const transform = jestConfig.transform;
for (const key of ['testMatch', 'transform', 'testPathIgnorePatterns', 'clearMocks', 'coveragePathIgnorePatterns']) {
  delete jestConfig[key];
}
jestConfig.projects = CELLS.map((cell) => {
  // Each package that does not come from the root node_modules is mapped to its folder, for every
  // importer: the tests, src/, and the packages themselves (cdk-nag's own `require('aws-cdk-lib')`).
  const mapped = Object.entries(cell.packages).filter(([name, { dir }]) => dir !== `node_modules/${name}`);
  return {
    displayName: cell.name,
    testMatch: cell.suites ? cell.suites.map((s) => `<rootDir>/test/${s}.test.ts`) : ['<rootDir>/test/**/*.test.ts'],
    transform,
    testPathIgnorePatterns: ['/node_modules/'],
    clearMocks: true,
    coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
    // Read by test/support/matrix.ts, and checked by test/matrix.test.ts against what loads.
    globals: { MATRIX_CELL: { name: cell.name, packages: cell.packages } },
    ...(mapped.length > 0 ? {
      moduleNameMapper: Object.fromEntries(mapped.map(([name, { dir }]) => [`^${name}(/.*)?$`, `<rootDir>/${dir}$1`])),
    } : {}),
  };
});

// The tests assert templates explicitly and keep no jest snapshots: no task may rewrite any.
project.tasks.removeTask('test:update');

// Tests need the bundle (one suite drives it), type-checking (ts-jest only transpiles) and the
// current releases of the test matrix.
project.testTask.prependSpawn(typecheck);
project.testTask.prependSpawn(bundle);
project.testTask.prependSpawn(matrixInstall);
project.testTask.spawn(rosetta);
project.testTask.spawn(integ);

project.gitignore.exclude('/assets/', 'cdk.out/', '/test/*.snapshot/asset.*', '/rosetta/*.tabl.json', '.jsii.tabl.json');
// A BENCH_ONLY subset writes its figures beside the committed full-run bench/results.json.
project.gitignore.exclude('/bench/results.partial.json');
// A worktree that links the main checkout's dependencies has node_modules as a symlink, which
// projen's `node_modules/` (directories only) does not match.
project.gitignore.exclude('/node_modules');
project.npmignore?.include('/assets/');
project.npmignore?.exclude('/lambda/', '/tools/', '/.ci/', '/examples/', '/bench/', '/rosetta/', '/.matrix/', 'tsconfig.json');

project.synth();
