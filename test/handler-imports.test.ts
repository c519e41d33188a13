/**
 * What the handler bundles, checked on its sources: of the packages, lambda/ imports only
 * Node.js and the SigV4 signer; and its pure modules (and the shared modules of src/) import
 * nothing that does I/O and use no global but the few that do no I/O, read no clock, arm no
 * timer and draw no randomness (an allowlist, each global found by TypeScript's checker). Which of the
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
 * The globals a pure module may use, and nothing else: what the pure modules and the shared
 * modules use today, none of which does I/O, reads the clock, waits or draws randomness
 * (`structuredClone`, `Promise`, `Intl`, `crypto`, `performance`, a timer... are not here, so a
 * module that starts using one fails until it is judged and added). `Date` and `Math` are not
 * here either: MEMBER_ONLY says what of them a pure module may use.
 */
const ALLOWED_GLOBALS = new Set([
  'Array', 'Error', 'Infinity', 'JSON', 'Map', 'Number', 'Object', 'RegExp', 'Set', 'String',
  'TextDecoder', 'URL', 'Uint8Array', 'parseInt', 'undefined',
]);

/**
 * The globals a pure module may use only in part, each by the use at `node` (the identifier)
 * that is allowed: of `Date`, parsing and composing a given time (`Date.parse`, `Date.UTC`, and
 * `new Date(x)` of one argument that is no spread, whose methods then read that time), never
 * the current one (`Date.now()`, `new Date()`, `Date()`) nor by composing a local time (`new Date(y, m, d)`);
 * of `Math`, any member but `random`. Any other use (an alias, a computed member, an argument) is refused.
 * Where this stops: the methods of a Date (and `Date.parse` of a text with no offset,
 * `toLocaleString` of a number) may still read the machine's time zone and locale, which this
 * check does not follow by type; on Lambda the time zone is UTC, so it shows only elsewhere.
 */
const MEMBER_ONLY: Record<string, (node: ts.Identifier) => boolean> = {
  Date: (node) => {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return ['parse', 'UTC'].includes(parent.name.text);
    return ts.isNewExpression(parent) && parent.expression === node && parent.arguments?.length === 1 && !ts.isSpreadElement(parent.arguments[0]);
  },
  Math: (node) => ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node && node.parent.name.text !== 'random',
};

/** Whether an identifier names something other than a variable the code reads (a member, a key, a label, an imported name). */
function isNotAReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return true;
  if (ts.isQualifiedName(parent) && parent.right === id) return true;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)
    || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)
    || ts.isEnumMember(parent)) && parent.name === id) return true;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return true;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent) || ts.isMetaProperty(parent)) return true;
  // the name a module exports (`import { createHash as h } from 'node:crypto'`): the import checks above judge it
  if (ts.isImportSpecifier(parent) && parent.propertyName === id) return true;
  if (ts.isExportSpecifier(parent) && parent.parent.parent.moduleSpecifier !== undefined) return true;
  return false;
}

/**
 * Whether a type node is also code: an ExpressionWithTypeArguments is a type node to TypeScript's
 * API, but outside `implements` and an interface's `extends` its expression runs (a class's
 * `extends Error`, an instantiation expression `setTimeout<[]>`). No other type node holds code.
 */
function runsAtRunTime(node: ts.TypeNode): node is ts.ExpressionWithTypeArguments {
  if (!ts.isExpressionWithTypeArguments(node)) return false;
  const parent = node.parent;
  return !(ts.isHeritageClause(parent) && (parent.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(parent.parent)));
}

/**
 * The compiler options lambda/ compiles with (lambda/tsconfig.json: TypeScript's lib and
 * @types/node), so a global resolves here as it does in the handler's compile.
 */
const OPTIONS: ts.CompilerOptions = (() => {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(LAMBDA, 'tsconfig.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  });
  if (parsed === undefined) throw new Error('lambda/tsconfig.json did not parse');
  return { ...parsed.options, noEmit: true };
})();

/** The library files (TypeScript's lib, @types/node), parsed once for every program below. */
const LIBRARY_FILES = new Map<string, ts.SourceFile | undefined>();

/**
 * A program over the files `files` and the texts `texts` (by the made-up paths they are given),
 * with a checker that resolves each identifier: a text is read as a module of its own (an
 * `export {}` is added at its end, so no line moves), so its declarations stay its own.
 */
function programOver(files: readonly string[], texts: ReadonlyMap<string, string>): ts.Program {
  const host = ts.createCompilerHost(OPTIONS, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    const text = texts.get(name);
    if (text !== undefined) return ts.createSourceFile(name, `${text}\nexport {};`, version, true, ts.ScriptKind.TS);
    if (files.includes(name)) return read(name, version, onError);
    if (!LIBRARY_FILES.has(name)) LIBRARY_FILES.set(name, read(name, version, onError));
    return LIBRARY_FILES.get(name);
  };
  return ts.createProgram([...files, ...texts.keys()], OPTIONS, host);
}

/** Whether a node is declared with `declare` (`declare const x: T`, `declare global { ... }`). */
function isDeclared(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/** Whether a node is in an ambient context: in a declaration file, or inside something declared with `declare`. */
function isAmbient(node: ts.Node): boolean {
  for (let n: ts.Node = node; !ts.isSourceFile(n); n = n.parent) if (isDeclared(n)) return true;
  return node.getSourceFile().isDeclarationFile;
}

/**
 * Whether a symbol is a global: it has no declaration in the project's own code, that is none,
 * or one in TypeScript's lib or a package's types (@types/node), or one in an ambient context
 * (`declare const crypto: ...`, `declare global`), which states a value the code does not make.
 */
function isGlobal(program: ts.Program, symbol: ts.Symbol | undefined): boolean {
  const declarations = symbol?.declarations ?? [];
  return declarations.length === 0 || declarations.some((d) => {
    const file = d.getSourceFile();
    return program.isSourceFileDefaultLibrary(file) || program.isSourceFileFromExternalLibrary(file)
      || file.fileName.split('/').includes('node_modules') || isAmbient(d);
  });
}

/**
 * The names of the variables the JavaScript TypeScript emits for a module reads or declares
 * (its types erased by the compiler itself, whatever syntax held them).
 */
function emittedNames(text: string): Set<string> {
  const js = ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext } }).outputText;
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && !isNotAReference(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('module.js', js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS));
  return names;
}

/**
 * The globals a source file of `program` uses that a pure module may not, each as `name:line`
 * (`name.member:line` when it is read for a member): every identifier the code (not its types)
 * reads that resolves to a global must be in ALLOWED_GLOBALS, or in MEMBER_ONLY and used as it
 * allows. A variable the emitted JavaScript names that this walk never read as code (a type
 * node that holds code, of a kind the walk does not know) is refused as `unread:name`.
 */
function refusedGlobalsOf(program: ts.Program, source: ts.SourceFile): string[] {
  const checker = program.getTypeChecker();
  const out: string[] = [];
  const read = new Set<string>();
  const refuse = (what: string, node: ts.Node): void => {
    out.push(`${what}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node)) {
      if (runsAtRunTime(node)) visit(node.expression);
      return;
    }
    // a type, and what an ambient declaration (`declare ...`) states, make no code
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || isDeclared(node)) return;
    if (ts.isIdentifier(node) && !isNotAReference(node)) {
      read.add(node.text);
      const parent = node.parent;
      const symbol = ts.isShorthandPropertyAssignment(parent) && parent.name === node
        ? checker.getShorthandAssignmentValueSymbol(parent) : checker.getSymbolAtLocation(node);
      const partly = Object.prototype.hasOwnProperty.call(MEMBER_ONLY, node.text) ? MEMBER_ONLY[node.text] : undefined;
      if (isGlobal(program, symbol) && !ALLOWED_GLOBALS.has(node.text) && !(partly?.(node) ?? false)) {
        const member = ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : undefined;
        const constructed = ts.isNewExpression(parent) && parent.expression === node;
        refuse(member !== undefined ? `${node.text}.${member}`
          : constructed && node.text === 'Date' ? `new Date(${(parent.arguments?.length ?? 0) === 0 ? '' : '...'})` : node.text, node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const name of emittedNames(source.text)) if (!read.has(name)) out.push(`unread:${name}`);
  return out;
}

/** `make()`, made once, on first use (a program takes a second to check). */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The refusals of refusedGlobalsOf in each of `texts` (each read as a module of its own), from one program. */
function refusedGlobalsInEach(texts: readonly string[]): string[][] {
  const names = new Map(texts.map((text, i) => [path.join(__dirname, `purity-probe-${i}.ts`), text]));
  const program = programOver([], names);
  return [...names.keys()].map((name) => refusedGlobalsOf(program, program.getSourceFile(name)!));
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

/** Each text, a module of its own, and what refusedGlobalsOf refuses in it. */
const REFUSED: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["void fetch('http://127.0.0.1:9/');", ['fetch:1']],
  ['const x = new XMLHttpRequest();', ['XMLHttpRequest:1']],
  ["const w = new WebSocket('ws://h');", ['WebSocket:1']],
  ['setTimeout(() => undefined, 1);', ['setTimeout:1']],
  ['setInterval(() => undefined, 1);', ['setInterval:1']],
  ['setImmediate(() => undefined);', ['setImmediate:1']],
  ['queueMicrotask(() => undefined);', ['queueMicrotask:1']],
  ['export const t = Date.now();', ['Date.now:1']],
  ['export const t = new Date();', ['new Date():1']],
  ['export const t = new Date;', ['new Date():1']],
  ['export const t = Date();', ['Date:1']],
  ["export const t = Date['now']();", ['Date:1']],
  ['const D = Date;', ['Date:1']],
  ['export const t = performance.now();', ['performance.now:1']],
  ['export const r = Math.random();', ['Math.random:1']],
  ["export const r = Math['random']();", ['Math:1']],
  ['const M = Math;', ['Math:1']],
  ['export const s = Number(process.env.PC_SAFETY_MS ?? 1);', ['process.env:1']],
  ['export const o = { process };', ['process:1']],
  ["console.log('x');", ['console.log:1']],
  ['export const g = globalThis.fetch;', ['globalThis.fetch:1']],
  ['export const g = global;', ['global:1']],
  ["export const m = require('node:http');", ['require:1']],
  ['export class Late extends (globalThis as any).Error {}', ['globalThis:1']],
  // the clock: a spread of no arguments is `new Date()` at run time; several read the local time zone
  ['export const now = (): number => new Date(...([] as [])).getTime();', ['new Date(...):1']],
  ['export const day = (): number => new Date(2026, 0, 1).getTime();', ['new Date(...):1']],
  // the clock through Intl, which formats the current instant
  ["export const today = (): string => new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format();", ['Intl.DateTimeFormat:1']],
  ['export const today = (): string => Intl.DateTimeFormat().format();', ['Intl.DateTimeFormat:1']],
  // randomness through the global Web Crypto object
  ['export const token = (): string => crypto.randomUUID();', ['crypto.randomUUID:1']],
  ['export const bytes = (b: Uint8Array): Uint8Array => crypto.getRandomValues(b);', ['crypto.getRandomValues:1']],
  // timers: one AbortSignal arms, one reached through an instantiation expression (a type node to TypeScript's API)
  ['export const deadline = (ms: number): AbortSignal => AbortSignal.timeout(ms);', ['AbortSignal.timeout:1']],
  ['const later = setTimeout<[]>; export const arm = (f: () => void): unknown => later(f, 1);', ['setTimeout:1']],
  ['const tick = setInterval<[]>; export const every = (f: () => void): unknown => tick(f, 1);', ['setInterval:1']],
  ['export const t = Date.now<[]>;', ['Date.now:1']],
  // a blocking wait, and the clock through an event's time stamp
  ['export const sleep = (v: Int32Array, ms: number): string => Atomics.wait(v, 0, 0, ms);', ['Atomics.wait:1']],
  ["export const stamp = (): number => new Event('x').timeStamp;", ['Event:1']],
  // no I/O, but not used by a pure module today: a global outside ALLOWED_GLOBALS needs a decision
  ['export const copy = <T>(x: T): T => structuredClone(x);', ['structuredClone:1']],
  // a global stated by the module itself is still a global
  ['declare const crypto: { randomUUID(): string }; export const t = crypto.randomUUID();', ['crypto.randomUUID:1']],
  ['declare global { var clock: () => number } export const t = clock();', ['clock:1']],
  // an undeclared name resolves to nothing of the project
  ['export const t = (): unknown => undeclared;', ['undeclared:1']],
];

/** What the pure modules use: a given time parsed or composed, Math but random, the allowed globals, the names in members, keys and types. */
const ALLOWED = [
  "const a = Date.parse('2026-01-01T00:00:00Z');",
  'const b = Date.UTC(2026, 0, 1);',
  'const c = new Date(b * 1000).toISOString();',
  'const d = Math.min(1, Math.floor(2.5), Math.max(a, b));',
  'const e = { fetch: 1, process: 2, console: 3 }.fetch;',
  'interface H { setTimeout(): void; process: string; date: Date; clock: typeof performance }',
  'type P = typeof process;',
  'function f(x: Date): Date { return x; }',
  'export class Failure extends Error {}',
  'class Timed implements Partial<AbortSignal> {}',
  "const g = [Array.isArray([]), JSON.stringify({}), Number('1'), Object.keys({}), String(1), parseInt('1', 10), -Infinity, undefined];",
  "const h = [new Map(), new Set(), new RegExp('x'), new URL('https://h/'), Uint8Array.from([1]), new TextDecoder('utf-8')];",
  'const { fetch: i = 1 } = { fetch: 2 };',
  'const Date = { now: () => 0 }; export const j = Date.now();',
  'export { a, b, c, d, e, f, g, h, i, Timed };',
].join('\n');

const PROBES = lazy(() => refusedGlobalsInEach([...REFUSED.map(([text]) => text), ALLOWED]));

test.each(REFUSED.map(([text, refused], i) => [text, refused, i] as const))('refusedGlobalsOf refuses %s', (_text, refused, i) => {
  expect(PROBES()[i]).toEqual(refused);
});

test('refusedGlobalsOf allows what the pure modules use', () => {
  expect(PROBES()[REFUSED.length]).toEqual([]);
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

/** The pure modules of lambda/ and the shared modules of src/, in one program. */
const PURE_CODE = lazy(() => {
  const files = [...PURE.map((name) => path.join(LAMBDA, name)), ...SHARED];
  return { files, program: programOver(files, new Map()) };
});

test.each([...PURE.map((name) => [`lambda/${name}`, path.join(LAMBDA, name)]), ...SHARED.map((f) => [`src/${path.relative(SRC, f)}`, f])])(
  '%s reaches no I/O, clock, timer or randomness through a global', (_name, file) => {
    const { program } = PURE_CODE();
    expect(refusedGlobalsOf(program, program.getSourceFile(file)!)).toEqual([]);
  });
