/**
 * The boundaries of the house are checked by eslint (`import/no-restricted-paths` in
 * .projenrc.ts, with `no-restricted-syntax` and `no-restricted-imports` for the forms of import
 * that rule does not see), so a wrong import fails the test command. This suite shows that the
 * rules really refuse each forbidden direction and allow the permitted ones, by linting one
 * import as if it stood in a file of each folder; and that no file escapes them (by an
 * extension eslint does not lint, or by a comment that turns them off).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadESLint } from 'eslint';
import { lambdaModuleRows, layoutTreeModules } from './support/module-docs';

const ROOT = path.join(__dirname, '..');

/** The rules that keep the boundaries. */
const BOUNDARY_RULES = ['import/no-restricted-paths', 'no-restricted-syntax', 'no-restricted-imports'];

type Rules = Record<string, unknown>;
interface EslintConfig {
  readonly rules: Rules;
  readonly overrides: ReadonlyArray<{ readonly files: string[]; readonly rules?: Rules }>;
  readonly [key: string]: unknown;
}

/** The project's eslint configuration, generated from .projenrc.ts. */
function projectConfig(): EslintConfig {
  return JSON.parse(fs.readFileSync(path.join(ROOT, '.eslintrc.json'), 'utf8').replace(/^\/\/.*$/gm, ''));
}

/** Only the boundary rules of `rules`. */
function boundaryRules(rules: Rules = {}): Rules {
  return Object.fromEntries(Object.entries(rules).filter(([id]) => BOUNDARY_RULES.includes(id)));
}

/** The zones of import/no-restricted-paths. */
function zones(): Array<{ target: string | string[]; from: string | string[]; except?: string[] }> {
  return (projectConfig().rules['import/no-restricted-paths'] as [string, { zones: never[] }])[1].zones;
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
  ])('%s may not: %s', async (file, code) => {
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
  ])('%s may not: %s (%s)', async (file, code, rule) => {
    expect(await ruleIdsFor(file, code)).toContain(rule);
  });

  test('the compiled library (lib/) and the bundles (assets/) are zoned like the sources they come from', () => {
    // lib/ exists only after a compile, which the test command runs after jest: the import of
    // it cannot be resolved (so linted) here, so the zones themselves are checked.
    const froms = (target: string) => zones()
      .filter((z) => ([] as string[]).concat(z.target).includes(target))
      .flatMap((z) => ([] as string[]).concat(z.from));
    for (const target of ['./lambda', './src']) {
      expect(froms(target)).toEqual(expect.arrayContaining(['./lib', './assets']));
    }
  });

  test.each([
    ['lambda/index.ts', "import { RESOURCE_TYPE } from '../src/contract';"],
    ['lambda/index.ts', "import { FIELD_RULES } from '../src/api-constraints';"],
    ['src/catalog.ts', "import { Stack } from 'aws-cdk-lib';"],
    ['test/nag.test.ts', "import { rehearse } from '../tools/rehearsal/rehearse';"],
    ['bench/run.ts', "import { rehearse } from '../tools/rehearsal/rehearse';"],
    ['tools/emulator/validation.ts', "import { FIELD_RULES } from '../../src/api-constraints';"],
    ['src/contract.ts', "import { FIELD_RULES } from './api-constraints';"],
    ['src/catalog.ts', "import { InvitationProvider } from './invitation-provider';"],
    ['lambda/index.ts', "export const cdk = import('./json');"],
    ['tools/rehearsal/handler.ts', "const file = 'x';\nexport const mod = require(file);"],
    ['test/nag.test.ts', "export type S = import('aws-cdk-lib').Stack;"],
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

  test('no comment turns a boundary rule off', () => {
    // a named disable of a boundary rule, or a bare one (which disables every rule)
    const rule = BOUNDARY_RULES.map((id) => id.replace('/', '\\/')).join('|');
    const disable = new RegExp(`eslint-disable(?:-next-line|-line)?(?:\\s*(?:\\*\\/|$)|[^\\n]*(?:${rule}))|\\/\\*\\s*eslint\\s+[^\\n]*(?:${rule})`, 'm');
    const offending = SOURCE_DIRS.flatMap(filesUnder)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => disable.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offending).toEqual([]);
    // the pattern itself finds each form
    for (const comment of [
      '// eslint-disable-next-line import/no-restricted-paths',
      '/* eslint-disable no-restricted-syntax */',
      '// eslint-disable-line no-restricted-imports',
      '/* eslint-disable */',
      '// eslint-disable-next-line',
      '/* eslint import/no-restricted-paths: off */',
    ]) expect(disable.test(comment)).toBe(true);
    expect(disable.test('// eslint-disable-next-line @typescript-eslint/no-require-imports')).toBe(false);
  });
});

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
});
