/**
 * The test matrix (.projenrc.ts, `CDK_SUITES`) runs every suite that loads aws-cdk-lib, constructs
 * or cdk-nag, directly or through src/, tools/, examples/ or test/support/, in the current cells
 * too. A new suite of that kind must join the list; this suite (no aws-cdk-lib) runs on the floor only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const MATRIX_PACKAGES = new Set(['aws-cdk-lib', 'constructs', 'cdk-nag']);

/**
 * Module specifiers a file loads at run time, read from its syntax tree, so that code quoted in a
 * string (a lint case, say) loads nothing: imports and re-exports that are not type-only, and
 * `require('...')` calls. `import type`, `export type` and `import x = require()` of types load nothing
 * more than the value form would, so the latter counts like `require`.
 */
function specifiers(file: string, source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !node.importClause?.isTypeOnly) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression) && !node.isTypeOnly) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require'
      && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return found;
}

/** The packages (by name) a file loads, following relative imports through the repository's own TypeScript. */
function packagesLoadedBy(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  for (const spec of specifiers(file, fs.readFileSync(file, 'utf8'))) {
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
  expect(specifiers('case.ts', "import type { App } from 'aws-cdk-lib';\nimport {\n  a,\n} from './x';\nexport * from 'constructs';"))
    .toEqual(['./x', 'constructs']);
  // Code quoted in a string (a lint case of the house rules) loads nothing; real requires do.
  expect(specifiers('case.ts', "const lintCase = \"import cdk = require('aws-cdk-lib');\";\nconst m = require('cdk-nag');\nimport x = require('constructs');"))
    .toEqual(['cdk-nag', 'constructs']);
});
