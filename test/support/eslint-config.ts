/**
 * The project's eslint configuration as .projenrc.ts generates it (`.eslintrc.json`), read by the
 * suites that check the boundaries it draws.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

export type Rules = Record<string, unknown>;
export interface EslintConfig {
  readonly rules: Rules;
  readonly overrides: ReadonlyArray<{ readonly files: string[]; readonly rules?: Rules }>;
  readonly [key: string]: unknown;
}

/** One zone of import/no-restricted-paths. */
export interface RestrictedPathZone {
  readonly target: string | string[];
  readonly from: string | string[];
  readonly except?: string[];
}

/** The project's eslint configuration, generated from .projenrc.ts. */
export function projectConfig(): EslintConfig {
  return JSON.parse(fs.readFileSync(path.join(ROOT, '.eslintrc.json'), 'utf8').replace(/^\/\/.*$/gm, ''));
}

/** The zones of import/no-restricted-paths. */
export function zones(): RestrictedPathZone[] {
  return (projectConfig().rules['import/no-restricted-paths'] as [string, { zones: never[] }])[1].zones;
}

/** The zone that is `target`'s allowlist: it refuses the whole project (`from: '.'`) but what it excepts. */
export function allowlistOf(target: string): RestrictedPathZone | undefined {
  return zones().find((z) => ([] as string[]).concat(z.target).includes(target) && z.from === '.');
}

/** The packages the allowlist of `target` names (its exceptions under `./node_modules/`), by package name. */
export function packagesAllowedTo(target: string): string[] {
  const prefix = './node_modules/';
  return (allowlistOf(target)?.except ?? []).filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length));
}

/**
 * The Node.js modules import/no-nodejs-modules lets the files of `files` (an override's one
 * pattern, such as `lambda/**\/*.ts`) import: LAMBDA_BUILTINS or SRC_BUILTINS of .projenrc.ts.
 */
export function builtinsAllowedTo(files: string): string[] {
  const override = projectConfig().overrides
    .find((o) => o.files.length === 1 && o.files[0] === files && o.rules?.['import/no-nodejs-modules'] !== undefined);
  if (override === undefined) throw new Error(`.eslintrc.json has no import/no-nodejs-modules override for ${files}`);
  return (override.rules!['import/no-nodejs-modules'] as [string, { allow?: string[] }])[1].allow ?? [];
}

/**
 * The modules of src/ the allowlist of `target` names (its exceptions under `./src/`), as paths
 * from the project's root (`src/contract.ts`): for `./lambda`, the shared modules of src/
 * (SHARED_SRC of .projenrc.ts).
 */
export function srcModulesAllowedTo(target: string): string[] {
  return (allowlistOf(target)?.except ?? []).filter((e) => e.startsWith('./src/')).map((e) => e.slice('./'.length));
}
