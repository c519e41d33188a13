/**
 * The test matrix (.projenrc.ts, `CDK_SUITES`) runs every suite that loads aws-cdk-lib, constructs
 * or cdk-nag, directly or through src/, tools/, examples/ or test/support/, in the current cells
 * too. A new suite of that kind must join the list; this suite (no aws-cdk-lib) runs on the floor only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const MATRIX_PACKAGES = new Set(['aws-cdk-lib', 'constructs', 'cdk-nag']);

/** Module specifiers a file loads at run time (`import type` and `export type` load nothing). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (m[1] === undefined) found.push(m[2]);
  }
  for (const m of source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

/** The packages (by name) a file loads, following relative imports through the repository's own TypeScript. */
function packagesLoadedBy(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
    if (spec.startsWith('.')) {
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (target) packagesLoadedBy(target, seen).forEach((p) => packages.add(p));
    } else if (!spec.startsWith('node:')) {
      const parts = spec.split('/');
      packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return packages;
}

function suiteNames(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return suiteNames(full);
    return entry.name.endsWith('.test.ts') ? [path.relative(path.join(ROOT, 'test'), full).replace(/\.test\.ts$/, '')] : [];
  });
}

test('every suite that loads aws-cdk-lib, constructs or cdk-nag runs in every cell of the matrix', () => {
  const needed = suiteNames(path.join(ROOT, 'test'))
    .filter((suite) => [...packagesLoadedBy(path.join(ROOT, 'test', `${suite}.test.ts`))].some((p) => MATRIX_PACKAGES.has(p)))
    .sort();

  const jest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).jest as { projects: { displayName: string; testMatch: string[] }[] };
  for (const cell of jest.projects.filter((p) => p.displayName !== 'floor')) {
    const listed = cell.testMatch.map((m) => m.replace(/^<rootDir>\/test\//, '').replace(/\.test\.ts$/, '')).sort();
    expect({ cell: cell.displayName, suites: listed }).toEqual({ cell: cell.displayName, suites: needed });
  }
});

test('the import scan sees through src/ and skips type-only imports', () => {
  expect([...packagesLoadedBy(path.join(ROOT, 'src', 'index.ts'))]).toContain('aws-cdk-lib');
  expect(specifiers("import type { App } from 'aws-cdk-lib';\nimport {\n  a,\n} from './x';\nexport * from 'constructs';"))
    .toEqual(['./x', 'constructs']);
});
