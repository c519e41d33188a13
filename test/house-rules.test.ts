/**
 * The boundaries of the house are checked by eslint (`import/no-restricted-paths` in
 * .projenrc.ts, with `no-restricted-syntax` and `no-restricted-imports` for the forms of import
 * that rule does not see, `import/no-nodejs-modules` for Node.js's modules, which resolve to no
 * file, and `@typescript-eslint/ban-ts-comment` so no comment turns the compiler's checks off),
 * so a wrong import fails the test command. This suite shows that the
 * rules really refuse each forbidden direction and allow the permitted ones, by linting one
 * import as if it stood in a file of each folder; and that no file escapes them (by an
 * extension eslint does not lint, a comment or a second eslint configuration that turns them
 * off, a symlink that hides another folder's module, or a folder the zones do not know); and
 * that the oracles reach no module of the handler, not even through another module.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadESLint } from 'eslint';
import * as ts from 'typescript';
import { allowlistOf, projectConfig, type Rules, zones } from './support/eslint-config';
import { lambdaModuleRows, layoutTreeModules, modulePathsNamed } from './support/module-docs';

const ROOT = path.join(__dirname, '..');

/** The rules that keep the boundaries. */
const BOUNDARY_RULES = [
  'import/no-restricted-paths', 'no-restricted-syntax', 'no-restricted-imports', '@typescript-eslint/triple-slash-reference',
  'import/no-nodejs-modules', '@typescript-eslint/ban-ts-comment',
];

/** The second install of the test matrix, which some imports below reach (so it must be there to be resolved). */
const MATRIX_MODULES = '.matrix/current/node_modules';

/**
 * Throws, naming the task that installs it, when `code` imports from the matrix's install and it
 * is missing: the import would not resolve, so the boundary rule would report nothing and the
 * case would fail without saying why.
 */
function requireMatrixInstallFor(code: string): void {
  const pkg = new RegExp(`${MATRIX_MODULES.replace(/\./g, '\\.')}/((?:@[^/']+/)?[^/']+)`).exec(code)?.[1];
  if (pkg !== undefined && !fs.existsSync(path.join(ROOT, MATRIX_MODULES, pkg, 'package.json'))) {
    throw new Error(`${MATRIX_MODULES}/${pkg} is not installed, so this import cannot be resolved and checked: run \`npx projen matrix:install\``);
  }
}

/** Only the boundary rules of `rules`. */
function boundaryRules(rules: Rules = {}): Rules {
  return Object.fromEntries(Object.entries(rules).filter(([id]) => BOUNDARY_RULES.includes(id)));
}

/**
 * The project's eslint configuration with only the boundary rules (at the top and in the
 * overrides that set them): they need no type information, so the linter parses without the
 * TypeScript project service, which would cost seconds per folder.
 */
function boundaryConfig(): Record<string, unknown> {
  const config = projectConfig();
  const rule = config.rules['import/no-restricted-paths'] as unknown[] | undefined;
  if (rule?.[0] !== 'error') throw new Error('.eslintrc.json has no import/no-restricted-paths error rule');
  return {
    ...config,
    parserOptions: { ecmaVersion: 2018, sourceType: 'module' },
    rules: boundaryRules(config.rules),
    overrides: config.overrides
      .map((o) => ({ files: o.files, rules: boundaryRules(o.rules) }))
      .filter((o) => Object.keys(o.rules).length > 0),
  };
}

/** One linter for the suite. */
const linter = loadESLint({ useFlatConfig: false })
  .then((LegacyESLint) => new LegacyESLint({ cwd: ROOT, useEslintrc: false, baseConfig: boundaryConfig() as never }));

/** The eslint rule ids an import gets when it stands at the top of `file`. */
async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const eslint = await linter;
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  test.each([
    ['lambda/index.ts', "import { Catalog } from '../src/catalog';"],
    ['lambda/index.ts', "import { Stack } from 'aws-cdk-lib';"],
    ['lambda/index.ts', "import { Construct } from 'constructs';"],
    ['lambda/index.ts', "import { main } from '../tools/cli';"],
    ['src/catalog.ts', "import { handler } from '../lambda/index';"],
    ['src/catalog.ts', "import { cli } from '../tools/cli';"],
    ['src/contract.ts', "import { Stack } from 'aws-cdk-lib';"],
    ['src/api-constraints.ts', "import { Construct } from 'constructs';"],
    ['examples/stacks.ts', "import { rehearse } from '../tools/rehearsal/rehearse';"],
    ['src/catalog.ts', "import { everyMemberApp } from '../test/support/apps';"],
    ['lambda/index.ts', "import { main } from '../examples/stacks';"],
    ['lambda/index.ts', "import { NagSuppressions } from 'cdk-nag';"],
    ['lambda/api/client.ts', "import { AwsSolutionsChecks } from 'cdk-nag';"],
    ['src/contract.ts', "import { NagSuppressions } from 'cdk-nag';"],
    ['tools/emulator/server.ts', "import { handler } from '../../lambda/index';"],
    ['tools/emulator/store.ts', "import { FIELD_LIMITS } from '../../lambda/types';"],
    ['tools/cloudformation/events.ts', "import type { CfnRequestBase } from '../../lambda/types';"],
    ['tools/cloudformation/event-builders.ts', "import { RESOURCE_TYPE } from '../../lambda/types';"],
    // a shared module that imports another module of src/ brings it into the handler bundle
    // (lambda/index.ts imports src/contract): this one would bring all of aws-cdk-lib
    ['src/contract.ts', "export { InvitationProvider } from './invitation-provider';"],
    ['src/api-constraints.ts', "import { Catalog } from './catalog';"],
    ['src/contract.ts', "import { ConnectionInvitation } from './connection-invitation';"],
    // the bundled CLI is another copy of tools/ (the compiled lib/ is checked below: it exists only after a compile)
    ['lambda/index.ts', "export * from '../assets/cli/cdk-partnercentral.js';"],
    ['src/catalog.ts', "export * from '../assets/cli/cdk-partnercentral.js';"],
    // the zones are allowlists: what they do not name is refused, not allowed
    ['lambda/index.ts', "import { Stack } from '../.matrix/current/node_modules/aws-cdk-lib';"],
    ['src/contract.ts', "import { Stack } from '../.matrix/current/node_modules/aws-cdk-lib';"],
    ['src/catalog.ts', "import { Stack } from '../.matrix/current/node_modules/aws-cdk-lib';"],
    ['lambda/index.ts', "import '../.projenrc';"],
    ['lambda/index.ts', "import '../.ci/check-pack.js';"],
    ['lambda/index.ts', "import '../.matrix/use-current.js';"],
    ['src/catalog.ts', "import '../.matrix/use-current.js';"],
    ['src/contract.ts', "import '../.ci/check-pack.js';"],
    ['src/api-constraints.ts', "import '../lambda/index';"],
    // the oracles stay away from the rehearsal, which imports the handler's modules
    ['tools/emulator/hostile.ts', "import { redact } from '../rehearsal/redaction';"],
    ['tools/cloudformation/events.ts', "export type * from '../rehearsal/result';"],
    ['tools/cloudformation/events.ts', "export type { CfnRequestBase } from '../../lambda/types';"],
    // tools/ is imported only by tools/, test/ and bench/
    ['.projenrc.ts', "import { main } from './tools/cli';"],
    // lambda/ and src/ name their packages: any other package (whose files may import tools/) is refused
    ['lambda/index.ts', "import * as fc from 'fast-check';"],
    ['lambda/api/signer.ts', "import { Sha256 } from '@aws-crypto/sha256-js';"],
    ['src/catalog.ts', "import * as fc from 'fast-check';"],
    ['src/catalog.ts', "import { NagSuppressions } from 'cdk-nag';"],
    ['src/contract.ts', "import { SignatureV4 } from '@smithy/signature-v4';"],
    // each resource type's folder is its own: what both need is in lambda/common/, which needs neither
    ['lambda/accepter/create.ts', "import { readProperties } from '../lifecycle/properties';"],
    ['lambda/accepter/accept.ts', "import { deriveCreateToken } from '../lifecycle/client-token';"],
    ['lambda/lifecycle/create.ts', "import { readAccepterProperties } from '../accepter/properties';"],
    ['lambda/common/failure.ts', "import { createFailureOf } from '../lifecycle/failure';"],
    ['lambda/common/outcome.ts', "import { accepterData } from '../accepter/data';"],
    // a path through node_modules or out of a package reaches a package by where it resolves (the
    // forms the zone does not see are refused by no-restricted-imports, below)
    ['lambda/index.ts', "import { Stack } from '../node_modules/aws-cdk-lib';"],
    ['lambda/index.ts', "import { Stack } from '@smithy/signature-v4/../../aws-cdk-lib';"],
    ['lambda/index.ts', "import { Role } from '@smithy/signature-v4/../../aws-cdk-lib/aws-iam';"],
    ['src/catalog.ts', "import { SignatureV4 } from 'aws-cdk-lib/../@smithy/signature-v4';"],
    // examples/ is the app a user writes: the library only through its public entry, and the app's packages
    ['examples/stacks.ts', "import { InvitationProvider } from '../src/invitation-provider';"],
    ['examples/stacks.ts', "import { FIELD_RULES } from '../src/api-constraints';"],
    ['examples/stacks.ts', "import { handler } from '../lambda/index';"],
    ['examples/stacks.ts', "import { NagSuppressions } from 'cdk-nag';"],
    ['examples/stacks.ts', "import { everyMemberApp } from '../test/support/apps';"],
    ['examples/app.ts', "import '../.matrix/use-current.js';"],
    ['examples/app.ts', "import { Stack } from '../.matrix/current/node_modules/aws-cdk-lib';"],
    // the ResponseURL, its host and the response check are oracles too: never the handler's limit
    // or code, even re-exported through the ResponseURL, which the event builders import
    ['tools/cloudformation/response-check.ts', "import { MAX_RESPONSE_BYTES } from '../../lambda/cfn-response';"],
    ['tools/cloudformation/response-url.ts', "export { MAX_RESPONSE_BYTES } from '../../lambda/cfn-response';"],
    ['tools/cloudformation/response-host.ts', "import { handler } from '../../lambda/index';"],
    ['tools/cloudformation/response-host.ts', "import { envelope } from '../emulator/envelope';"],
    ['tools/cloudformation/response-url.ts', "import { redact } from '../rehearsal/redaction';"],
    ['tools/local-server.ts', "import { handler } from '../lambda/index';"],
    ['tools/local-server.ts', "import { Store } from './emulator/store';"],
  ])('%s may not: %s', async (file, code) => {
    requireMatrixInstallFor(code);
    expect(await ruleIdsFor(file, code)).toContain('import/no-restricted-paths');
  });

  test.each([
    // TypeScript's import-equals form, which import/no-restricted-paths does not visit
    ['lambda/index.ts', "import cdk = require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/index.ts', "import t = require('../tools/cli');", 'no-restricted-syntax'],
    ['src/contract.ts', "import c = require('./catalog');", 'no-restricted-syntax'],
    ['examples/stacks.ts', "import r = require('../tools/rehearsal/rehearse');", 'no-restricted-syntax'],
    // import('...') types, which it does not visit either: the oracles would read the handler's types
    ['tools/cloudformation/events.ts', "export type Base = import('../../lambda/types').CfnRequestBase;", 'no-restricted-syntax'],
    ['tools/emulator/store.ts', "export type L = typeof import('../../lambda/index').handler;", 'no-restricted-syntax'],
    ['examples/stacks.ts', "export type R = import('../tools/rehearsal/result').InvitationRow;", 'no-restricted-syntax'],
    ['lambda/index.ts', "export type S = import('aws-cdk-lib').Stack;", 'no-restricted-syntax'],
    ['src/contract.ts', "export type P = import('./invitation-provider').InvitationProvider;", 'no-restricted-syntax'],
    // runtime loads it cannot follow
    ['lambda/index.ts', "import { createRequire } from 'node:module';\nexport const cdk = createRequire(__filename)('aws-cdk-lib');", 'no-restricted-imports'],
    ['src/contract.ts', "import * as m from 'module';\nexport const cdk = m.createRequire(__filename)('aws-cdk-lib');", 'no-restricted-imports'],
    ['lambda/index.ts', "export const cdk = module.require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/index.ts', "const name = 'aws-cdk-lib';\nexport const cdk = import(name);", 'no-restricted-syntax'],
    ['lambda/index.ts', 'export const cdk = import(`aws-cdk-${"lib"}`);', 'no-restricted-syntax'],
    ['src/catalog.ts', "const name = '../lambda/index';\nexport const h = require(name);", 'no-restricted-syntax'],
    // import() of a literal path too: a pure module could load the transport lazily
    ['lambda/accepter/decide-create.ts', "export const http = import('../http');", 'no-restricted-syntax'],
    ['lambda/index.ts', "export const json = import('./json');", 'no-restricted-syntax'],
    ['src/contract.ts', "export const catalog = import('./catalog');", 'no-restricted-syntax'],
    // the loader reached another way than a call of require with a literal path
    ['lambda/log.ts', "const load = require;\nexport const cdkLib: unknown = load('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = process.mainModule?.require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = require.main?.require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = eval('require')('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = (globalThis as any).require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = module['require']('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = process['mainModule']?.require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = (process as any)[`mainModule`].require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = (() => 0).constructor('return require')()('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = process.getBuiltinModule('module').createRequire(__filename)('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = new Function('return require')()('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = ({}).constructor.constructor('return require')()('aws-cdk-lib');", 'no-restricted-syntax'],
    ['src/contract.ts', "const load = require;\nexport const cdkLib: unknown = load('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const cdkLib: unknown = (Reflect.get(process, 'mainModule') as NodeJS.Module).require('aws-cdk-lib');", 'no-restricted-syntax'],
    ['lambda/log.ts', "const key = 'mainModule';\nexport const main: unknown = (process as never)[key];", 'no-restricted-syntax'],
    ['src/catalog.ts', "export const h: unknown = require.main?.require('../lambda/index');", 'no-restricted-syntax'],
    // the Function constructor held in a variable or passed on, and any function's .constructor
    ['lambda/log.ts', "const { constructor: F } = (() => 0) as unknown as { constructor: (s: string) => () => unknown };\nexport const cdkLib: unknown = F('return process.mainModule.require(\"aws-cdk-lib\")')();", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const f: unknown = Reflect.construct(Function, ['return 1']);", 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const F = Function;', 'no-restricted-syntax'],
    ['src/catalog.ts', 'export const run = (make: (f: unknown) => unknown) => make(Function);', 'no-restricted-syntax'],
    ['lambda/log.ts', 'const AsyncFunction = (async () => {}).constructor;\nexport const f: unknown = AsyncFunction;', 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const AsyncFunction: unknown = Object.getPrototypeOf(async () => {}).constructor;', 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const c: unknown = (() => 0)?.constructor;', 'no-restricted-syntax'],
    ['lambda/log.ts', "export const c: unknown = (() => 0)['constructor'];", 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const c = (f: { constructor: unknown }) => { const { constructor } = f; return constructor; };', 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const o = { constructor: Object };', 'no-restricted-syntax'],
    ['src/contract.ts', 'export const f = (construct: object) => construct.constructor.name;', 'no-restricted-syntax'],
    ['src/catalog.ts', 'export const f = (construct: object) => construct.constructor.name;', 'no-restricted-syntax'],
    // the exception of .constructor.name (see .projenrc.ts) lets no other form of .constructor through
    ['src/private/provider.ts', "export const f = (construct: object) => (construct.constructor as (s: string) => unknown)('return 1');", 'no-restricted-syntax'],
    ['src/private/runtime-types.ts', 'export const F = (value: object) => value.constructor;', 'no-restricted-syntax'],
    ['src/private/runtime-types.ts', 'export const F = (value: object) => value.constructor.name.constructor;', 'no-restricted-syntax'],
    // process only as process.<name>
    ['lambda/log.ts', "export const main: unknown = (process as never)['main' + 'Module'];", 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const member = (k: string): unknown => (process as unknown as Record<string, unknown>)[k];', 'no-restricted-syntax'],
    ['lambda/log.ts', 'const p = process;\nexport const env = p.env;', 'no-restricted-syntax'],
    ['src/catalog.ts', 'export const member = (k: string): unknown => Reflect.get(process, k);', 'no-restricted-syntax'],
    // reference directives, which bring in files and types that no import names
    ['lambda/log.ts', '/// <reference path="../tools/cli.ts" />\nexport const x = 1;', '@typescript-eslint/triple-slash-reference'],
    ['lambda/log.ts', '/// <reference types="aws-cdk-lib" />\nexport const x = 1;', '@typescript-eslint/triple-slash-reference'],
    ['src/catalog.ts', '/// <reference lib="dom" />\nexport const x = 1;', '@typescript-eslint/triple-slash-reference'],
    // arguments: at a module's top level, those of the CommonJS module wrapper, of which [1] is require
    ['lambda/log.ts', "export const cdkLib: unknown = arguments[1]('aws-cdk-lib');", 'no-restricted-syntax'],
    ['src/catalog.ts', "const load = () => arguments[1];\nexport const cdkLib: unknown = load()('aws-cdk-lib');", 'no-restricted-syntax'],
    ['src/contract.ts', 'export function count() { return arguments.length; }', 'no-restricted-syntax'],
    // a path through a node_modules folder, or out of a package, that the zones let through (it resolves to an allowed package)
    ['src/catalog.ts', "import { Stack } from '../node_modules/aws-cdk-lib';", 'no-restricted-imports'],
    ['src/catalog.ts', "export * from '../node_modules/constructs';", 'no-restricted-imports'],
    ['lambda/api/signer.ts', "import { SignatureV4 } from '../../node_modules/@smithy/signature-v4';", 'no-restricted-imports'],
    ['lambda/api/signer.ts', "import type { SignatureV4 } from '@smithy/signature-v4/node_modules/x';", 'no-restricted-imports'],
    ['src/catalog.ts', "import { Construct } from 'aws-cdk-lib/../constructs';", 'no-restricted-imports'],
    ['lambda/index.ts', "import { Stack } from '@smithy/signature-v4/../../aws-cdk-lib';", 'no-restricted-imports'],
    // Node.js's modules resolve to no file (no zone sees them): each folder names those it may import
    ['lambda/index.ts', "import * as fs from 'node:fs';", 'import/no-nodejs-modules'],
    ['lambda/index.ts', "import * as fs from 'fs';", 'import/no-nodejs-modules'],
    ['lambda/index.ts', "import { readFile } from 'node:fs/promises';", 'import/no-nodejs-modules'],
    ['lambda/index.ts', "import { execSync } from 'node:child_process';", 'import/no-nodejs-modules'],
    ['lambda/log.ts', "export const vm: unknown = require('vm');", 'import/no-nodejs-modules'],
    ['lambda/index.ts', "export { Worker } from 'node:worker_threads';", 'import/no-nodejs-modules'],
    ['lambda/index.ts', "import * as path from 'node:path';", 'import/no-nodejs-modules'],
    ['src/contract.ts', "import { createHash } from 'node:crypto';", 'import/no-nodejs-modules'],
    ['src/contract.ts', "import * as path from 'path';", 'import/no-nodejs-modules'],
    ['src/api-constraints.ts', "import * as path from 'node:path';", 'import/no-nodejs-modules'],
    ['src/catalog.ts', "import * as fs from 'node:fs';", 'import/no-nodejs-modules'],
    ['src/catalog.ts', "import { request } from 'node:https';", 'import/no-nodejs-modules'],
    ['src/private/provider.ts', "import { execSync } from 'child_process';", 'import/no-nodejs-modules'],
    ['examples/stacks.ts', "import { execSync } from 'node:child_process';", 'import/no-nodejs-modules'],
    ['examples/app.ts', "import * as fs from 'fs';", 'import/no-nodejs-modules'],
    // the oracles and examples/ are under the loader rules too: their zones see only static imports
    ['tools/emulator/server.ts', "import { createRequire } from 'node:module';\nexport const h: unknown = createRequire(__filename)('../../lambda/index');", 'no-restricted-imports'],
    ['tools/emulator/store.ts', "export const r: unknown = module.require('../../lambda/cfn-response');", 'no-restricted-syntax'],
    ['tools/emulator/validation.ts', "const req = require;\nexport const h: unknown = req('../../lambda/http');", 'no-restricted-syntax'],
    ['tools/emulator/server.ts', "const spec = '../../lambda/retry';\nexport const lazy = (): Promise<unknown> => import(spec);", 'no-restricted-syntax'],
    ['tools/emulator/sigv4-verify.ts', "export const h: unknown = process.mainModule?.require('../../lambda/index');", 'no-restricted-syntax'],
    ['tools/emulator/model.ts', "export const h: unknown = (() => 0).constructor('return require')()('../../lambda/index');", 'no-restricted-syntax'],
    ['tools/cloudformation/events.ts', "export const h: unknown = module.require('../../lambda/types');", 'no-restricted-syntax'],
    ['tools/cloudformation/event-builders.ts', "const name = '../../lambda/types';\nexport const h: unknown = require(name);", 'no-restricted-syntax'],
    ['tools/cloudformation/response-check.ts', "export const h = import('../../lambda/cfn-response');", 'no-restricted-syntax'],
    ['tools/cloudformation/response-host.ts', "import { createRequire } from 'module';\nexport const h = createRequire;", 'no-restricted-imports'],
    ['tools/cloudformation/response-url.ts', "export const h: unknown = eval('require')('../../lambda/cfn-response');", 'no-restricted-syntax'],
    ['tools/local-server.ts', "export const h: unknown = (globalThis as any).require('../lambda/index');", 'no-restricted-syntax'],
    ['examples/stacks.ts', "import { createRequire } from 'node:module';\nexport const r: unknown = createRequire(__filename)('../tools/rehearsal/rehearse');", 'no-restricted-imports'],
    ['examples/stacks.ts', "export const p: unknown = module.require('../src/private/provider');", 'no-restricted-syntax'],
    ['examples/app.ts', 'export const lazy = (p: string): Promise<unknown> => import(p);', 'no-restricted-syntax'],
    ['examples/app.ts', "const load = require;\nexport const cli: unknown = load('../tools/cli');", 'no-restricted-syntax'],
    // a function's prototype, whose constructor is the Function constructor (or AsyncFunction), and a member name joined from strings
    ['src/catalog.ts', 'export const p: object = Object.getPrototypeOf(async () => undefined);', 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const d = (f: object) => Object.getOwnPropertyDescriptors(f);', 'no-restricted-syntax'],
    ['lambda/log.ts', "export const d = (f: object) => Object.getOwnPropertyDescriptor(f, 'x');", 'no-restricted-syntax'],
    ['src/catalog.ts', 'export const p = (f: { __proto__: unknown }) => f.__proto__;', 'no-restricted-syntax'],
    ['tools/emulator/store.ts', "export const p = Reflect.get(Object, 'getPrototypeOf');", 'no-restricted-syntax'],
    ['src/catalog.ts', "export const F = ((() => 0) as unknown as Record<string, unknown>)['con' + 'structor'];", 'no-restricted-syntax'],
    ['examples/stacks.ts', 'export const g: unknown = global;', 'no-restricted-syntax'],
    ['lambda/log.ts', 'export const e: unknown = module.exports;', 'no-restricted-syntax'],
    ['examples/stacks.ts', "const half = 'structor';\nexport const F = ((() => 0) as unknown as Record<string, unknown>)[`con` + half];", 'no-restricted-syntax'],
    // a computed key or member whose name is joined inside it, and Reflect, which reads a member by a name given as an argument
    ['lambda/log.ts', "const { ['con' + 'structor']: F } = (() => 0) as unknown as Record<string, unknown>;\nexport const f = F;", 'no-restricted-syntax'],
    ['src/catalog.ts', "const { [`con${''}structor`]: F } = (() => 0) as unknown as Record<string, unknown>;\nexport const f = F;", 'no-restricted-syntax'],
    ['tools/emulator/store.ts', "let k = '';\nexport const f = ((() => 0) as unknown as Record<string, unknown>)[k = 'con' + 'structor'];\nexport const g = k;", 'no-restricted-syntax'],
    ['examples/stacks.ts', "export const f = ((() => 0) as unknown as Record<string, unknown>)[['con' + 'structor'][0]];", 'no-restricted-syntax'],
    ['lambda/log.ts', "let k = 'con';\nexport const f = ((() => 0) as unknown as Record<string, unknown>)[k += 'structor'];", 'no-restricted-syntax'],
    ['lambda/log.ts', "export const f = (o: object): unknown => Reflect.get(o, 'con' + 'structor');", 'no-restricted-syntax'],
    // the name constructor spelled whole outside a string: a regex's .source, a function's .name, an enum's reverse mapping
    ['lambda/retry.ts', 'export const f = ((() => 0) as unknown as Record<string, unknown>)[/constructor/.source];', 'no-restricted-syntax'],
    ['src/catalog.ts', 'const { [/constructor/.source]: F } = (() => 0) as unknown as Record<string, unknown>;\nexport const f = F;', 'no-restricted-syntax'],
    ['lambda/retry.ts', 'function constructor(): void {}\nexport const f = ((() => 0) as unknown as Record<string, unknown>)[constructor.name];', 'no-restricted-syntax'],
    ['examples/stacks.ts', 'enum Names { constructor }\nexport const f = ((() => 0) as unknown as Record<string, unknown>)[Names[0]];', 'no-restricted-syntax'],
    ['tools/emulator/store.ts', 'export const f = ((() => 0) as unknown as Record<string, unknown>)[/mainModule/.source];', 'no-restricted-syntax'],
    // no comment of TypeScript's turns its checks off (InvitationFieldNamesComplete of src/contract.ts is one)
    ['src/contract.ts', '// @ts-nocheck\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
    ['lambda/index.ts', '// @ts-ignore\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
    ['lambda/index.ts', '/* @ts-ignore */\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
    ['tools/cli.ts', '// @ts-expect-error: a description\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
    ['test/nag.test.ts', '// @ts-expect-error\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
    ['examples/stacks.ts', '// @ts-nocheck\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
    ['bench/run.ts', '// @ts-ignore\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
    ['.projenrc.ts', '// @ts-nocheck\nexport const x: number = \'x\';', '@typescript-eslint/ban-ts-comment'],
  ])('%s may not: %s (%s)', async (file, code, rule) => {
    expect(await ruleIdsFor(file, code)).toContain(rule);
  });

  test('the compiled library (lib/), the bundles (assets/) and the second install (.matrix/) are outside the allowlists of lambda/ and src/', () => {
    // lib/ exists only after a compile, which the test command runs after jest: the import of
    // it cannot be resolved (so linted) here, so the zones themselves are checked.
    for (const target of ['./lambda', './src']) {
      const allowlist = allowlistOf(target);
      expect(allowlist?.except).toBeDefined();
      const allowed = allowlist!.except!.map((e) => path.join(ROOT, e));
      for (const other of ['lib', 'assets', '.matrix', 'tools', 'test']) {
        expect(allowed.filter((a) => !path.relative(a, path.join(ROOT, other, 'x.js')).startsWith('..'))).toEqual([]);
      }
    }
  });

  test.each(['lambda', 'src'])('a package in a node_modules folder inside %s/, whose file imports tools/, is refused', async (dir) => {
    // such a folder is ignored by git (so no test of tracked files sees it) and its files are not
    // linted; the resolver finds it before the root node_modules
    const name = `house-rules-probe-${process.pid}`;
    const pkg = path.join(ROOT, dir, 'node_modules', name);
    const created = !fs.existsSync(path.join(ROOT, dir, 'node_modules'));
    fs.mkdirSync(pkg, { recursive: true });
    try {
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
      fs.writeFileSync(path.join(pkg, 'index.js'), "module.exports = require('../../../tools/cli');\n");
      const importer = dir === 'lambda' ? 'lambda/index.ts' : 'src/catalog.ts';
      expect(await ruleIdsFor(importer, `import * as p from '${name}';\nexport const x = p;`)).toContain('import/no-restricted-paths');
    } finally {
      fs.rmSync(created ? path.join(ROOT, dir, 'node_modules') : pkg, { recursive: true, force: true });
    }
  });

  test.each([
    ['lambda/index.ts', "import { RESOURCE_TYPE } from '../src/contract';"],
    ['lambda/accepter/create.ts', "import { failed } from '../common/outcome';"],
    ['lambda/lifecycle/create.ts', "import { failed } from '../common/outcome';"],
    ['lambda/common/failure.ts', "import { reasonAdvice } from './reasons';"],
    ['lambda/common/failure.ts', "import { ApiError } from '../api/errors';"],
    ['lambda/index.ts', "import { onCreate } from './lifecycle/create';"],
    ['lambda/index.ts', "import { onAccepterCreate } from './accepter/create';"],
    ['lambda/index.ts', "import { FIELD_RULES } from '../src/api-constraints';"],
    ['src/catalog.ts', "import { Stack } from 'aws-cdk-lib';"],
    ['test/nag.test.ts', "import { rehearse } from '../tools/rehearsal/rehearse';"],
    ['bench/run.ts', "import { rehearse } from '../tools/rehearsal/rehearse';"],
    ['tools/emulator/validation.ts', "import { FIELD_RULES } from '../../src/api-constraints';"],
    ['src/contract.ts', "import { FIELD_RULES } from './api-constraints';"],
    ['src/catalog.ts', "import { InvitationProvider } from './invitation-provider';"],
    ['lambda/index.ts', "import { request } from 'node:https';"],
    ['lambda/api/signer.ts', "import { SignatureV4 } from '@smithy/signature-v4';"],
    ['lambda/index.ts', "export const m = require('./json');"],
    ['src/catalog.ts', "import { Construct } from 'constructs';"],
    ['src/contract.ts', "export { FIELD_RULES } from './api-constraints';"],
    ['tools/emulator/server.ts', "import { FIELD_RULES } from '../../src/api-constraints';"],
    ['tools/emulator/server.ts', "import { listen } from '../local-server';"],
    ['tools/emulator/server.ts', "import { Store } from './store';"],
    ['tools/cli.ts', "import { rehearse } from './rehearsal/rehearse';"],
    ['src/private/provider.ts', 'export const f = (construct: object) => construct.constructor.name;'],
    ['src/private/runtime-types.ts', 'export const f = (value: object) => value.constructor?.name;'],
    ['lambda/api/errors.ts', 'export class E extends Error {\n  constructor(message: string) { super(message); }\n}\nexport const isE = (e: unknown) => e instanceof E;'],
    ['lambda/config.ts', 'export const region = process.env.AWS_REGION;\nexport const read = (name: string) => process.env[name];'],
    ['lambda/config.ts', 'export const read = (env: Record<string, string | undefined>, name: string) => env[name];'],
    ['lambda/types.ts', 'export interface Shape { readonly constructor: string; readonly Function: string; readonly process: string }\nexport const f = (s: Shape) => [s.Function, s.process];'],
    ['src/private/provider.ts', "import * as lambda from 'aws-cdk-lib/aws-lambda';\nexport const isFunction = (x: unknown): x is lambda.Function => x instanceof lambda.Function;"],
    ['src/catalog.ts', "import * as path from 'path';\nexport const p = path.join;"],
    ['lambda/http.ts', "import { request } from 'node:https';\nexport const r = request;"],
    ['src/catalog.ts', '// a comment that names process, Function and constructor\nexport const x = 1;'],
    ['tools/rehearsal/handler.ts', "const file = 'x';\nexport const mod = require(file);"],
    ['test/nag.test.ts', "export type S = import('aws-cdk-lib').Stack;"],
    ['lambda/types.ts', 'export interface A { readonly arguments: string }\nexport const f = (a: A) => a.arguments;\nexport const o = { arguments: 1 };'],
    ['lambda/common/client-token.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash;"],
    ['lambda/api/signer.ts', "import { createHmac } from 'crypto';\nexport const h = createHmac;"],
    ['lambda/http.ts', "import * as http from 'http';\nexport const a = http.Agent;"],
    ['lambda/api/errors.ts', "import type * as http from 'node:http';\nexport type H = http.IncomingHttpHeaders;"],
    ['src/private/provider.ts', "import * as path from 'node:path';\nexport const p = path.join;"],
    ['lambda/api/signer.ts', "import { SignatureV4 } from '@smithy/signature-v4';\nexport const s = SignatureV4;"],
    ['src/catalog.ts', "import { Role } from 'aws-cdk-lib/aws-iam';\nexport const r = Role;"],
    ['src/contract.ts', "export const s = '// @ts-nocheck';"],
    ['src/contract.ts', '/* @ts-nocheck (TypeScript reads this pragma only in a line comment) */\nexport const x = 1;'],
    ['examples/stacks.ts', "import { Catalog } from '../src';\nexport const c = Catalog;"],
    ['examples/stacks.ts', "import { Catalog } from '../src/index';\nexport const c = Catalog;"],
    ['examples/stacks.ts', "import * as iam from 'aws-cdk-lib/aws-iam';\nimport { Construct } from 'constructs';\nexport const x = [iam, Construct];"],
    ['examples/app.ts', "import { PartnerConsumerStack } from './stacks';\nexport const s = PartnerConsumerStack;"],
    ['tools/cloudformation/response-host.ts', "import { checkResponse } from './response-check';\nimport { issueResponseUrl } from './response-url';\nimport type { CfnResponse } from './events';\nimport { LocalServer } from '../local-server';\nexport const x = [checkResponse, issueResponseUrl, LocalServer];\nexport type R = CfnResponse;"],
    ['tools/cloudformation/response-check.ts', "import type { IssuedUrl } from './response-url';\nexport type U = IssuedUrl;"],
    ['tools/cloudformation/event-builders.ts', "import type { ResponseUrlRequest } from './response-url';\nexport type U = ResponseUrlRequest;"],
    ['tools/emulator/server.ts', 'export const uptime = () => process.hrtime.bigint();\nexport const at = (headers: string[], i: number) => headers[i + 1];'],
    ['lambda/fold.ts', 'export const last = (s: string, at: number, n: number) => s[at + n - 1];'],
    ['lambda/fold.ts', "export const pick = (rows: string[][], i: number) => rows[(i + 1) * 2][0] + 'x';\nexport const o = { ['Name']: 1, [String(2)]: 'a' + 'b' };"],
    // the loader words of a CDK app's settings, as strings, keys and member names (not as references)
    ['examples/stacks.ts', "export const bundling = { mainFields: ['module', 'main'], format: 'esm', global: true };\nexport const g = bundling.global;"],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toEqual([]);
  });
});

/** Every file under `dir` (relative to the root), outside node_modules. */
/**
 * The files of `dir` that are the project's own: those git tracks or would track (not ignored),
 * so build outputs such as examples/cdk.out or lib/ are not taken for sources.
 */
function filesUnder(dir: string): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', dir], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && fs.existsSync(path.join(ROOT, f)));
}

const SOURCE_DIRS = ['src', 'lambda', 'tools', 'bench', 'examples'];

describe('no file escapes the boundary rules', () => {
  test('every script under src/, lambda/, tools/, bench/ and examples/ is a .ts file (eslint lints only those)', () => {
    const scripts = SOURCE_DIRS.flatMap(filesUnder).filter((f) => /\.[cm]?[jt]sx?$/.test(f));
    expect(scripts.length).toBeGreaterThan(100);
    expect(scripts.filter((f) => !f.endsWith('.ts') || f.endsWith('.d.ts'))).toEqual([]);
  });

  test('eslint ignores no .ts file of the project (an ignore pattern would turn every rule off for it)', async () => {
    // the project's own eslint, as the lint task runs it (.eslintrc.json, its ignorePatterns included)
    const LegacyESLint = await loadESLint({ useFlatConfig: false });
    const eslint = new LegacyESLint({ cwd: ROOT });
    const sources = [...SOURCE_DIRS, 'test', 'projenrc'].flatMap(filesUnder).filter((f) => f.endsWith('.ts')).concat('.projenrc.ts');
    expect(sources.length).toBeGreaterThan(300);
    const ignored: string[] = [];
    for (const f of sources) if (await eslint.isPathIgnored(path.join(ROOT, f))) ignored.push(f);
    expect(ignored).toEqual([]);
    // names that projen's default patterns ignore (*.generated.ts, *.d.ts, a folder named coverage)
    const names = ['src/zz.generated.ts', 'lambda/zz.generated.ts', 'src/zz.d.ts', 'lambda/api/zz.d.ts', 'src/coverage/zz.ts', 'lambda/coverage/zz.ts', 'tools/emulator/zz.generated.ts', 'examples/zz.generated.ts'];
    const namesIgnored: string[] = [];
    for (const f of names) if (await eslint.isPathIgnored(path.join(ROOT, f))) namesIgnored.push(f);
    expect(namesIgnored).toEqual([]);
  });

  test.each([
    ['src/zz.generated.ts', "import { main } from '../tools/cli';"],
    ['lambda/zz.generated.ts', "import { Stack } from 'aws-cdk-lib';"],
    ['src/coverage/zz.ts', "import { main } from '../../tools/cli';"],
  ])('a module named as a generated or coverage file is linted (%s: %s)', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('import/no-restricted-paths');
  });

  test.each([
    ['lambda/http.ts', "/* eslint-disable -- the transport's own conventions */\nexport { OPERATIONS } from '../tools/emulator/model';"],
    ['lambda/index.ts', "// eslint-disable-next-line -- reason\nimport { Stack } from 'aws-cdk-lib';"],
    ['lambda/index.ts', "import { Stack } from 'aws-cdk-lib'; // eslint-disable-line"],
    ['lambda/index.ts', "/* eslint import/no-restricted-paths: off */\nimport { Stack } from 'aws-cdk-lib';"],
    ['lambda/index.ts', "/* eslint-disable import/no-restricted-paths */\nimport { Stack } from 'aws-cdk-lib';"],
  ])('no comment turns a rule off (%s: %j)', async (file, code) => {
    // eslint ignores every directive comment (noInlineConfig, set in .projenrc.ts)
    expect(projectConfig().noInlineConfig).toBe(true);
    expect(await ruleIdsFor(file, code)).toContain('import/no-restricted-paths');
  });

  test('the sources carry no eslint directive comment (eslint would ignore it)', () => {
    const directive = /\/[*/]\s*(?:eslint(?:-disable|-enable)?(?:-next-line|-line)?|global|globals|exported)(?=[\s*]|$)/m;
    const offending = projectFiles()
      .filter((f) => f.endsWith('.ts') && f !== 'test/house-rules.test.ts')
      .filter((f) => directive.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offending).toEqual([]);
    for (const comment of ['/* eslint-disable -- reason */', '// eslint-disable-next-line -- reason', '// eslint-disable-line', '/* eslint no-console: off */', '/*eslint-enable*/', '/* global require */']) {
      expect(directive.test(comment)).toBe(true);
    }
  });

  test('the root .eslintrc.json is the only eslint configuration (house rules lint without the others)', () => {
    const files = projectFiles();
    const configs = files.filter((f) => /^(?:\.eslintrc(?:\..*)?|eslint\.config\..*|\.eslintignore)$/.test(path.basename(f)));
    expect(configs).toEqual(['.eslintrc.json']);
    const nested = files
      .filter((f) => path.basename(f) === 'package.json' && f !== 'package.json')
      .filter((f) => 'eslintConfig' in JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(nested).toEqual([]);
    expect('eslintConfig' in JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))).toBe(false);
  });

  test('no source file is a symlink (it would bring another folder\'s module in under a name of this one)', () => {
    const tracked = execFileSync('git', ['ls-files', '--stage'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.startsWith('120000 '))
      .map((l) => l.split('\t')[1]);
    expect(tracked).toEqual([]);
    const untracked = [...SOURCE_DIRS, 'test', 'projenrc'].flatMap(filesUnder)
      .filter((f) => fs.lstatSync(path.join(ROOT, f)).isSymbolicLink());
    expect(untracked).toEqual([]);
  });

  test('every top-level folder of TypeScript is known to the zones and linted', () => {
    // tools/, test/ and bench/ may import tools/; every other folder is a target of the zone that
    // refuses it, so a new folder cannot import tools/ (or be imported from lambda/) by default
    const tsFiles = projectFiles().filter((f) => f.endsWith('.ts'));
    const topLevel = [...new Set(tsFiles.map((f) => (f.includes('/') ? f.split('/')[0] : f)))].sort();
    const toolsZone = zones().find((z) => z.from === './tools');
    const known = [...([] as string[]).concat(toolsZone?.target ?? []).map((t) => t.replace(/^\.\//, '')), 'tools', 'test', 'bench'];
    expect(topLevel.filter((d) => !known.includes(d))).toEqual([]);
    const eslintTask = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks.eslint;
    const linted: string[] = eslintTask.steps[0].execArgs;
    expect(topLevel.filter((d) => !linted.includes(d))).toEqual([]);
  });
});

/**
 * Every module a program reaches from `roots`, type-only imports and re-exports included
 * (TypeScript's own resolution, as the compiler follows them), as real paths relative to the root.
 */
function reachedFrom(roots: string[]): string[] {
  const program = ts.createProgram(roots.map((r) => path.join(ROOT, r)), {
    noEmit: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, types: [], noLib: true, skipLibCheck: true,
  });
  return program.getSourceFiles()
    .map((sf) => path.relative(ROOT, fs.realpathSync(sf.fileName)).split(path.sep).join('/'))
    .filter((f) => !f.startsWith('..') && !f.includes('node_modules/'));
}

/** The oracles of CloudFormation's side (CFN_ORACLES of .projenrc.ts). */
const CFN_ORACLES = ['events', 'event-builders', 'response-check', 'response-host', 'response-url'].map((name) => `tools/cloudformation/${name}.ts`);

describe('the oracles reach no module of the handler', () => {
  test('the emulator and CloudFormation\'s side reach, through every import, only the emulator, the oracles of tools/cloudformation/, tools/local-server.ts and the shared modules of src/', () => {
    const reached = reachedFrom(['tools/emulator/server.ts', ...CFN_ORACLES]);
    expect(reached).toEqual(expect.arrayContaining(['tools/emulator/server.ts', ...CFN_ORACLES, 'tools/local-server.ts', 'src/api-constraints.ts']));
    const allowed = (f: string) => f.startsWith('tools/emulator/') || [...CFN_ORACLES, 'tools/local-server.ts', 'src/api-constraints.ts', 'src/contract.ts'].includes(f);
    expect(reached.filter((f) => !allowed(f))).toEqual([]);
  });

  test('the ResponseURL, its host and the response check reach no module of the emulator', () => {
    const reached = reachedFrom(['tools/cloudformation/response-check.ts', 'tools/cloudformation/response-host.ts', 'tools/cloudformation/response-url.ts']);
    expect(reached.filter((f) => f.startsWith('tools/emulator/'))).toEqual([]);
  });

  test('each oracle says at its top that it is an independent oracle', () => {
    const oracles = [...filesUnder('tools/emulator').filter((f) => f.endsWith('.ts')), ...CFN_ORACLES];
    expect(oracles.length).toBeGreaterThan(20);
    const firstDocComment = (f: string) => (/\/\*\*([\s\S]*?)\*\//.exec(fs.readFileSync(path.join(ROOT, f), 'utf8'))?.[1] ?? '').replace(/\n\s*\*/g, ' ');
    expect(oracles.filter((f) => !/independent\s+oracle/i.test(firstDocComment(f)))).toEqual([]);
  });
});

/** Every file of the project's own (tracked or not ignored). */
function projectFiles(): string[] {
  return filesUnder('.');
}

describe('the layout is documented', () => {
  test.each([
    ['CONTRIBUTING.md', ['src', 'tools'], () => layoutTreeModules()],
    ['lambda/README.md', ['lambda'], () => lambdaModuleRows().flatMap((r) => r.modules.map((m) => `lambda/${m}`))],
  ])('%s names every module of %j by its path', (_doc, dirs, named) => {
    const documented = new Set(named());
    const modules = dirs.flatMap(filesUnder).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    expect(modules.length).toBeGreaterThan(10);
    expect(modules.filter((f) => !documented.has(f))).toEqual([]);
  });

  test.each([
    ['CONTRIBUTING.md', () => [...modulePathsNamed('CONTRIBUTING.md'), ...layoutTreeModules().filter((f) => /^(src|tools)\//.test(f))]],
    ['lambda/README.md', () => modulePathsNamed('lambda/README.md')],
  ])('%s names no module that is not there', (_doc, named) => {
    const names = named();
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((f) => !fs.existsSync(path.join(ROOT, f)))).toEqual([]);
  });
});
