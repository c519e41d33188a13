/**
 * What the handler bundles, checked on its sources: of the packages, lambda/ imports only
 * Node.js and the SigV4 signer; and its pure modules (and the shared modules of src/) import
 * nothing that does I/O and reach no I/O, clock or randomness through a global. Which of the
 * project's folders lambda/ may import is eslint's to check (import/no-restricted-paths, see
 * test/house-rules.test.ts). Imports and globals are read as TypeScript parses the module, so no
 * layout of the text (two imports on a line, a quote in a comment) hides one.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { builtinsAllowedTo, packagesAllowedTo, srcModulesAllowedTo } from './support/eslint-config';
import { pureLambdaModules } from './support/module-docs';

const LAMBDA = path.join(__dirname, '..', 'lambda');
const SRC = path.join(__dirname, '..', 'src');

/**
 * The modules without I/O (decisions, policies, parsing, formatting): those lambda/README.md's
 * module table marks "Pure:", so the README and this check cannot disagree.
 */
const PURE = pureLambdaModules();

/**
 * The shared modules of src/ (pure, like lambda/'s own pure modules): those lambda/'s
 * import/no-restricted-paths allowlist names (SHARED_SRC of .projenrc.ts, in .eslintrc.json).
 */
const SHARED = srcModulesAllowedTo('./lambda').map((f) => path.join(__dirname, '..', f));
/**
 * The packages lambda/ may import (the signer, the one package the handler bundles): those its
 * import/no-restricted-paths allowlist names (LAMBDA_PACKAGES of .projenrc.ts, in .eslintrc.json).
 */
const PACKAGES = packagesAllowedTo('./lambda');
/**
 * The Node.js modules lambda/ may import: those import/no-nodejs-modules allows it (LAMBDA_BUILTINS
 * of .projenrc.ts, in .eslintrc.json), so the two checks cannot disagree; the pure modules are held to less (CRYPTO below).
 */
const BUILTINS = builtinsAllowedTo('lambda/**/*.ts');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** An import a module holds: its specifier, and whether it is of types only. */
interface Import {
  readonly spec: string;
  readonly typeOnly: boolean;
}

/** What a non-literal require() or import() reads as: no module of the project, so never allowed. */
const DYNAMIC = '<not a literal>';

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function literal(node: ts.Node | undefined): string {
  return node !== undefined && ts.isStringLiteralLike(node) ? node.text : DYNAMIC;
}

/** Whether an import declaration brings in types only (`import type`, or every name marked `type`). */
function importsTypesOnly(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named)
    && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/**
 * The imports of a module's text, in the order they appear, read from TypeScript's syntax tree:
 * import declarations, re-exports, `import x = require()`, require() and import() calls (a path
 * that is not a literal reads as DYNAMIC), and import('...') types (of types only).
 */
function importsIn(text: string): Import[] {
  const out: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      out.push({ spec: literal(node.moduleSpecifier), typeOnly: importsTypesOnly(node.importClause) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      out.push({ spec: literal(node.moduleSpecifier), typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      out.push({ spec: literal(node.moduleReference.expression), typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword
      || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      out.push({ spec: literal(node.arguments[0]), typeOnly: false });
    } else if (ts.isImportTypeNode(node)) {
      out.push({ spec: ts.isLiteralTypeNode(node.argument) ? literal(node.argument.literal) : DYNAMIC, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(text));
  return out;
}

/** The imports of a module (see importsIn). */
function importsOf(file: string): Import[] {
  return importsIn(fs.readFileSync(file, 'utf8'));
}

/**
 * The names a module's text takes from a module (`*` for a namespace, a default, a require() or
 * an import() of it, which reach all of it), by the name the module exports them under.
 */
function namesTakenFrom(text: string, spec: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && literal(node.moduleSpecifier) === spec) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      if (clause === undefined || clause.name !== undefined || (named !== undefined && ts.isNamespaceImport(named))) out.push('*');
      if (named !== undefined && ts.isNamedImports(named)) out.push(...named.elements.map((e) => (e.propertyName ?? e.name).text));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && literal(node.moduleSpecifier) === spec) {
      const clause = node.exportClause;
      if (clause === undefined || ts.isNamespaceExport(clause)) out.push('*');
      else out.push(...clause.elements.map((e) => (e.propertyName ?? e.name).text));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && literal(node.moduleReference.expression) === spec) {
      out.push('*');
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword
      || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) && literal(node.arguments[0]) === spec) {
      out.push('*');
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(text));
  return out;
}

/**
 * The globals through which a module could do I/O, read the clock, wait or draw randomness:
 * refused by name wherever the module's code (not its types) refers to them.
 */
const REFUSED_GLOBALS = new Set([
  'fetch', 'XMLHttpRequest', 'WebSocket',
  'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask',
  'performance', 'process', 'console', 'globalThis', 'global', 'require',
]);

/** Of `Date`, what a pure module may use: parsing and composing a given time, never the current one. */
const DATE_MEMBERS = new Set(['parse', 'UTC']);

/** Whether an identifier names something other than a variable the code reads (a member, a key, a label). */
function isNotAReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return true;
  if (ts.isQualifiedName(parent) && parent.right === id) return true;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)
    || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)
    || ts.isEnumMember(parent)) && parent.name === id) return true;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return true;
  return false;
}

/**
 * The globals a module's text uses that a pure module may not (REFUSED_GLOBALS; of `Date` only
 * `Date.parse`, `Date.UTC` and `new Date(x)` with an argument; of `Math` any member but
 * `random`), each as `name:line`. Types are not read: they do nothing at run time.
 */
function refusedGlobalsIn(text: string): string[] {
  const source = parse(text);
  const out: string[] = [];
  const refuse = (what: string, node: ts.Node): void => {
    out.push(`${what}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
  };
  const visit = (node: ts.Node): void => {
    const extendsAClass = ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(node.parent)
      && node.parent.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent.parent);
    if ((ts.isTypeNode(node) && !extendsAClass) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    if (ts.isIdentifier(node) && !isNotAReference(node)) {
      const parent = node.parent;
      const member = ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
      if (REFUSED_GLOBALS.has(node.text)) {
        refuse(member === undefined ? node.text : `${node.text}.${member}`, node);
      } else if (node.text === 'Date') {
        const constructedFrom = ts.isNewExpression(parent) && parent.expression === node && (parent.arguments?.length ?? 0) > 0;
        if (!constructedFrom && !(member !== undefined && DATE_MEMBERS.has(member))) {
          refuse(member !== undefined ? `Date.${member}` : ts.isNewExpression(parent) ? 'new Date()' : 'Date', node);
        }
      } else if (node.text === 'Math' && (member === undefined || member === 'random')) {
        refuse(member === undefined ? 'Math' : 'Math.random', node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function resolve(file: string, spec: string): string {
  return `${path.resolve(path.dirname(file), spec)}.ts`;
}

const FILES = sources(LAMBDA);

/** A module's path under lambda/, with forward slashes. */
function lambdaName(file: string): string {
  return path.relative(LAMBDA, file).split(path.sep).join('/');
}

/**
 * The modules of lambda/ that do I/O, each with what it does: every other module is marked
 * `Pure:` in lambda/README.md. A module whose mark is dropped is in neither list, and the check
 * below fails instead of silently exempting it.
 */
const NOT_PURE: Record<string, string> = {
  'index.ts': 'the entry: reads the clock and the environment, wires the executors, logs',
  'log.ts': 'writes the log lines',
  'http.ts': 'the HTTP exchange, its connections and timers',
  'cfn-response.ts': 'the PUT of the response to the ResponseURL',
  'api/call.ts': 'sends the API calls, sleeps between attempts, logs each',
  'api/client.ts': 'the API operations, through call.ts',
  'api/signer.ts': "the signer package, which reads the system's clock",
  'lifecycle/create.ts': 'the executor of a Create: calls the API',
  'lifecycle/update.ts': 'the executor of an Update: calls the API',
  'lifecycle/delete.ts': 'the executor of a Delete: calls the API',
  'lifecycle/sweep.ts': 'lists, reads and cancels through the API',
  'lifecycle/invitations.ts': 'the API actions the executors share',
  'accepter/create.ts': "the accepter's executor of a Create: calls the API",
  'accepter/update.ts': "the accepter's executor of an Update: calls the API",
  'accepter/delete.ts': "the accepter's executor of a Delete: calls the API",
  'accepter/accept.ts': "the accepter's API actions, and its wait between listings",
};

/**
 * The pure modules that may import node:crypto, and the names each may take from it: hashing
 * only (deterministic), never randomUUID or randomBytes.
 */
const CRYPTO: Record<string, readonly string[]> = {
  'common/client-token.ts': ['createHash'],
};

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

test('importsOf reads imports as TypeScript does: two on one line, a quote in a comment, import-equals, import() types, a path that is not a literal', () => {
  expect(importsIn([
    "import { ACCEPTER_WAIT_SHARE } from '../../src/contract'; import { httpRequest } from '../http';",
    "import { request } /* the 'transport' */ from '../http';",
    'import {',
    "  put, // it's the PUT",
    "} from '../cfn-response';",
    "import type { A } from './a'; import { type B, type C } from './bc'; import { type D, e } from './de';",
    "import './side-effect';",
    "import eq = require('./equals');",
    "export * from './star';",
    "export type { F } from './f';",
    "type G = import('./g').G;",
    'const h = require(`./h`);',
    'const i = import(name);',
    "// import { j } from './in-a-comment';",
    "const k = \"import { l } from './in-a-string'\";",
  ].join('\n'))).toEqual([
    { spec: '../../src/contract', typeOnly: false },
    { spec: '../http', typeOnly: false },
    { spec: '../http', typeOnly: false },
    { spec: '../cfn-response', typeOnly: false },
    { spec: './a', typeOnly: true },
    { spec: './bc', typeOnly: true },
    { spec: './de', typeOnly: false },
    { spec: './side-effect', typeOnly: false },
    { spec: './equals', typeOnly: false },
    { spec: './star', typeOnly: false },
    { spec: './f', typeOnly: true },
    { spec: './g', typeOnly: true },
    { spec: './h', typeOnly: false },
    { spec: DYNAMIC, typeOnly: false },
  ]);
});

test('namesTakenFrom: the names taken from a module, * for all of it', () => {
  expect(namesTakenFrom("import { createHash, randomUUID as id } from 'node:crypto';", 'node:crypto')).toEqual(['createHash', 'randomUUID']);
  expect(namesTakenFrom("import * as c from 'node:crypto';", 'node:crypto')).toEqual(['*']);
  expect(namesTakenFrom("import c from 'node:crypto';", 'node:crypto')).toEqual(['*']);
  expect(namesTakenFrom("const c = require('node:crypto');", 'node:crypto')).toEqual(['*']);
  expect(namesTakenFrom("export { randomBytes } from 'node:crypto';", 'node:crypto')).toEqual(['randomBytes']);
  expect(namesTakenFrom("import { createHash } from './crypto';", 'node:crypto')).toEqual([]);
});

test.each([
  ["void fetch('http://127.0.0.1:9/');", 'fetch:1'],
  ['const x = new XMLHttpRequest();', 'XMLHttpRequest:1'],
  ["const w = new WebSocket('ws://h');", 'WebSocket:1'],
  ['setTimeout(() => undefined, 1);', 'setTimeout:1'],
  ['setInterval(() => undefined, 1);', 'setInterval:1'],
  ['setImmediate(() => undefined);', 'setImmediate:1'],
  ['queueMicrotask(() => undefined);', 'queueMicrotask:1'],
  ['export const t = Date.now();', 'Date.now:1'],
  ['export const t = new Date();', 'new Date():1'],
  ['export const t = new Date;', 'new Date():1'],
  ['export const t = Date();', 'Date:1'],
  ["export const t = Date['now']();", 'Date:1'],
  ['const D = Date;', 'Date:1'],
  ['export const t = performance.now();', 'performance.now:1'],
  ['export const r = Math.random();', 'Math.random:1'],
  ['const M = Math;', 'Math:1'],
  ['export const s = Number(process.env.PC_SAFETY_MS ?? 1);', 'process.env:1'],
  ['export const o = { process };', 'process:1'],
  ["console.log('x');", 'console.log:1'],
  ['export const g = globalThis.fetch;', 'globalThis.fetch:1'],
  ['export const g = global;', 'global:1'],
  ["export const m = require('node:http');", 'require:1'],
  ['export class Late extends (globalThis as any).Error {}', 'globalThis:1'],
])('refusedGlobalsIn refuses %s', (text, refused) => {
  expect(refusedGlobalsIn(text)).toEqual([refused]);
});

test('refusedGlobalsIn allows what the pure modules use: a given time parsed or composed, Math but random, the names in members, keys and types', () => {
  expect(refusedGlobalsIn([
    "const a = Date.parse('2026-01-01T00:00:00Z');",
    'const b = Date.UTC(2026, 0, 1);',
    'const c = new Date(b * 1000).toISOString();',
    'const d = Math.min(1, Math.floor(2.5), Math.max(a, b));',
    'const e = { fetch: 1, process: 2, console: 3 }.fetch;',
    'interface H { setTimeout(): void; process: string; date: Date }',
    'type P = typeof process;',
    'function f(x: Date): Date { return x; }',
    'export class Failure extends Error {}',
  ].join('\n'))).toEqual([]);
});

test('the pure modules lambda/README.md marks exist', () => {
  const names = FILES.map((f) => path.relative(LAMBDA, f).split(path.sep).join('/'));
  expect(PURE.length).toBeGreaterThan(20);
  expect(names).toEqual(expect.arrayContaining(PURE));
});

test('every module of lambda/ is marked Pure: in lambda/README.md or is one of the modules that do I/O, never both', () => {
  const names = FILES.map(lambdaName).sort();
  expect(PURE.filter((name) => name in NOT_PURE)).toEqual([]);
  expect(names.filter((name) => !PURE.includes(name) && !(name in NOT_PURE))).toEqual([]);
  expect(Object.keys(NOT_PURE).filter((name) => !names.includes(name))).toEqual([]);
});

test('the pure modules that may take hashing from node:crypto are pure modules', () => {
  expect(Object.keys(CRYPTO).filter((name) => !PURE.includes(name))).toEqual([]);
});

test('node:crypto, which the pure modules of CRYPTO take, is one of the Node.js modules eslint lets lambda/ import', () => {
  expect(Object.keys(CRYPTO).length).toBeGreaterThan(0);
  expect(BUILTINS).toContain('node:crypto');
});

test.each(FILES.map((f) => [path.relative(LAMBDA, f), f]))('%s imports no package but the Node.js modules eslint allows and the signer', (_name, file) => {
  const packages = importsOf(file).filter(({ spec }) => !spec.startsWith('.') && !BUILTINS.includes(spec) && !PACKAGES.includes(spec));
  expect(packages).toEqual([]);
});

test.each(PURE)('%s imports only pure modules', (name) => {
  const file = path.join(LAMBDA, name);
  const impure = importsOf(file).filter(({ spec, typeOnly }) => {
    if (typeOnly || (spec === 'node:crypto' && name in CRYPTO)) return false;
    if (!spec.startsWith('.')) return true;
    const target = resolve(file, spec);
    if (SHARED.includes(target)) return false;
    return !PURE.includes(path.relative(LAMBDA, target).split(path.sep).join('/'));
  });
  expect(impure).toEqual([]);
});

test.each(Object.entries(CRYPTO))('%s takes only hashing from node:crypto', (name, allowed) => {
  const taken = namesTakenFrom(fs.readFileSync(path.join(LAMBDA, name), 'utf8'), 'node:crypto');
  expect(taken.filter((n) => !allowed.includes(n))).toEqual([]);
});

test.each(SHARED.map((f) => [path.relative(SRC, f), f]))('src/%s (shared with lambda/) imports only the other shared modules and types, no node: module', (_name, file) => {
  const outside = importsOf(file).filter(({ spec, typeOnly }) => !typeOnly && !(spec.startsWith('.') && SHARED.includes(resolve(file, spec))));
  expect(outside).toEqual([]);
});

test.each([...PURE.map((name) => [`lambda/${name}`, path.join(LAMBDA, name)]), ...SHARED.map((f) => [`src/${path.relative(SRC, f)}`, f])])(
  '%s reaches no I/O, clock, timer or randomness through a global', (_name, file) => {
    expect(refusedGlobalsIn(fs.readFileSync(file, 'utf8'))).toEqual([]);
  });
