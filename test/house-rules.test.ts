/**
 * The boundaries of the house are checked by eslint (`import/no-restricted-paths` in
 * .projenrc.ts), so a wrong import fails the test command. This suite shows that the rule
 * really refuses each forbidden direction and allows the permitted ones, by linting one import
 * as if it stood in a file of each folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadESLint } from 'eslint';

const ROOT = path.join(__dirname, '..');

/**
 * The project's eslint configuration (generated from .projenrc.ts) with only the boundary rule:
 * the rule needs no type information, so the linter parses without the TypeScript project
 * service, which would cost seconds per folder.
 */
function boundaryConfig(): Record<string, unknown> {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, '.eslintrc.json'), 'utf8').replace(/^\/\/.*$/gm, ''));
  const rule = config.rules['import/no-restricted-paths'];
  if (rule?.[0] !== 'error') throw new Error('.eslintrc.json has no import/no-restricted-paths error rule');
  return {
    ...config,
    parserOptions: { ecmaVersion: 2018, sourceType: 'module' },
    rules: { 'import/no-restricted-paths': rule },
    overrides: [],
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
  ])('%s may not: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('import/no-restricted-paths');
  });

  test.each([
    ['lambda/index.ts', "import { RESOURCE_TYPE } from '../src/contract';"],
    ['lambda/index.ts', "import { FIELD_RULES } from '../src/api-constraints';"],
    ['src/catalog.ts', "import { Stack } from 'aws-cdk-lib';"],
    ['test/nag.test.ts', "import { rehearse } from '../tools/rehearsal/rehearse';"],
    ['bench/run.ts', "import { rehearse } from '../tools/rehearsal/rehearse';"],
    ['tools/emulator/validation.ts', "import { FIELD_RULES } from '../../src/api-constraints';"],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).not.toContain('import/no-restricted-paths');
  });
});
