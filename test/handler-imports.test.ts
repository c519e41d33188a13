/**
 * What the handler bundles, checked on its sources: of the packages, lambda/ imports only
 * Node.js and the SigV4 signer; and its pure modules import nothing that does I/O. Which of the
 * project's folders lambda/ may import is eslint's to check (import/no-restricted-paths, see
 * test/house-rules.test.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packagesAllowedTo } from './support/eslint-config';
import { pureLambdaModules } from './support/module-docs';

const LAMBDA = path.join(__dirname, '..', 'lambda');
const SRC = path.join(__dirname, '..', 'src');

/**
 * The modules without I/O (decisions, policies, parsing, formatting): those lambda/README.md's
 * module table marks "Pure:", so the README and this check cannot disagree.
 */
const PURE = pureLambdaModules();

/** The shared modules of src/ (pure, like lambda/'s own pure modules). */
const SHARED = [path.join(SRC, 'api-constraints.ts'), path.join(SRC, 'contract.ts')];
/**
 * The packages lambda/ may import (the signer, the one package the handler bundles): those its
 * import/no-restricted-paths allowlist names (LAMBDA_PACKAGES of .projenrc.ts, in .eslintrc.json).
 */
const PACKAGES = packagesAllowedTo('./lambda');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The specifiers a module imports, with whether the import is of types only: static imports and
 * re-exports, require('...') and import('...') of a literal path (eslint refuses any other path).
 */
function importsOf(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = fs.readFileSync(file, 'utf8');
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?from\s+)?'([^']+)';/gm)) {
    out.push({ spec: m[2], typeOnly: m[1] !== undefined });
  }
  for (const m of text.matchAll(/\b(?:require|import)\(\s*'([^']+)'\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

function resolve(file: string, spec: string): string {
  return `${path.resolve(path.dirname(file), spec)}.ts`;
}

const FILES = sources(LAMBDA);

test('importsOf reads every form of import a module can hold: static, re-export, require() and import()', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handler-imports-'));
  try {
    const file = path.join(dir, 'probe.ts');
    fs.writeFileSync(file, [
      "import { a } from './static';",
      "import type { T } from './types';",
      "export { b } from './reexport';",
      "export const c = require('./required');",
      "export const d = import('../http');",
      "export const e = async () => import( './lazy' );",
    ].join('\n'));
    expect(importsOf(file)).toEqual([
      { spec: './static', typeOnly: false },
      { spec: './types', typeOnly: true },
      { spec: './reexport', typeOnly: false },
      { spec: './required', typeOnly: false },
      { spec: '../http', typeOnly: false },
      { spec: './lazy', typeOnly: false },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the pure modules lambda/README.md marks exist', () => {
  const names = FILES.map((f) => path.relative(LAMBDA, f).split(path.sep).join('/'));
  expect(PURE.length).toBeGreaterThan(20);
  expect(names).toEqual(expect.arrayContaining(PURE));
});

test.each(FILES.map((f) => [path.relative(LAMBDA, f), f]))('%s imports no package but Node.js and the signer', (_name, file) => {
  const packages = importsOf(file).filter(({ spec }) => !spec.startsWith('.') && !spec.startsWith('node:') && !PACKAGES.includes(spec));
  expect(packages).toEqual([]);
});

test.each(PURE)('%s imports only pure modules', (name) => {
  const file = path.join(LAMBDA, name);
  const impure = importsOf(file).filter(({ spec, typeOnly }) => {
    if (typeOnly || spec === 'node:crypto') return false;
    if (!spec.startsWith('.')) return true;
    const target = resolve(file, spec);
    if (SHARED.includes(target)) return false;
    return !PURE.includes(path.relative(LAMBDA, target).split(path.sep).join('/'));
  });
  expect(impure).toEqual([]);
});
