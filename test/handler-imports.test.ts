/**
 * The handler's boundaries, checked on its sources: lambda/ imports only itself, Node.js, the
 * SigV4 signer it bundles and the pure shared modules of src/ (never aws-cdk-lib, tools/ or the
 * rest of src/); and the pure modules of lambda/ import nothing that does I/O.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LAMBDA = path.join(__dirname, '..', 'lambda');
const SRC = path.join(__dirname, '..', 'src');

/** The modules without I/O: decisions, policies, parsing, formatting. */
const PURE = [
  'api/errors.ts', 'budget.ts', 'json.ts', 'retry.ts', 'scrub.ts', 'types.ts',
  'lifecycle/client-token.ts', 'lifecycle/decide-create.ts', 'lifecycle/decide-delete.ts', 'lifecycle/decide-update.ts',
  'lifecycle/failure.ts', 'lifecycle/outcome.ts', 'lifecycle/physical-id.ts', 'lifecycle/properties.ts',
];

/** What lambda/ may import from outside itself. */
const SHARED = [path.join(SRC, 'api-constraints.ts'), path.join(SRC, 'contract.ts')];
const PACKAGES = ['@smithy/signature-v4'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The specifiers a module imports, with whether the import is of types only. */
function importsOf(file: string): Array<{ spec: string; typeOnly: boolean }> {
  const text = fs.readFileSync(file, 'utf8');
  const out: Array<{ spec: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?from\s+)?'([^']+)';/gm)) {
    out.push({ spec: m[2], typeOnly: m[1] !== undefined });
  }
  for (const m of text.matchAll(/\brequire\(\s*'([^']+)'\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

function resolve(file: string, spec: string): string {
  return `${path.resolve(path.dirname(file), spec)}.ts`;
}

const FILES = sources(LAMBDA);

test('the pure modules named here exist', () => {
  const names = FILES.map((f) => path.relative(LAMBDA, f).split(path.sep).join('/'));
  expect(names).toEqual(expect.arrayContaining(PURE));
});

test.each(FILES.map((f) => [path.relative(LAMBDA, f), f]))('%s imports only lambda/, Node.js, the signer and the shared modules of src/', (_name, file) => {
  const outside = importsOf(file).filter(({ spec }) => {
    if (spec.startsWith('node:') || PACKAGES.includes(spec)) return false;
    if (!spec.startsWith('.')) return true;
    const target = resolve(file, spec);
    return !target.startsWith(LAMBDA + path.sep) && !SHARED.includes(target);
  });
  expect(outside).toEqual([]);
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
