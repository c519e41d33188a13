/**
 * The handler as it ships: the esbuild bundle in `assets/` (built by `npx projen bundle`, which
 * `npx projen test` runs first), driven through create, update and delete with the production
 * entry point, which reads its configuration from process.env; loaded alone, as Lambda loads it
 * (no node_modules beside it); and built from lambda/, the shared modules of src/ and the
 * signer's packages only (whatever path or trick an import took), requiring from outside only
 * the Node.js modules lambda/ may import.
 */
import { execFileSync, execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Handler, HandlerDeps } from '../lambda/index';
import { HANDLER_ASSET_NAME } from '../src/contract';
import { builtinsAllowedTo, packagesAllowedTo, srcModulesAllowedTo } from './support/eslint-config';
import { FAST, handlerEnv, props, SECRETS, World } from './support/handler-harness';

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'assets', HANDLER_ASSET_NAME, 'index.js');
/** The shared modules of src/ that the handler bundles: those lambda/ may import (its allowlist in .eslintrc.json, SHARED_SRC of .projenrc.ts). */
const SHARED = srcModulesAllowedTo('./lambda');
/** The packages the handler bundles: those lambda/ may import (its allowlist in .eslintrc.json, LAMBDA_PACKAGES of .projenrc.ts). */
const PACKAGES = packagesAllowedTo('./lambda');
/** The Node.js modules lambda/ may import: those import/no-nodejs-modules allows it (LAMBDA_BUILTINS of .projenrc.ts, in .eslintrc.json). */
const BUILTINS = builtinsAllowedTo('lambda/**/*.ts');

interface BundledModule {
  readonly handler: Handler;
  readonly createHandler: (deps?: HandlerDeps) => Handler;
}

const bundled = require(BUNDLE) as BundledModule;

let w: World;
let lines: string[];
const saved = { ...process.env };
beforeEach(async () => {
  w = await World.start();
  Object.assign(process.env, handlerEnv(w.emulator.endpoint));
  lines = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.map(String).join(' ')); });
});
afterEach(async () => {
  jest.restoreAllMocks();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  await w.stop();
});

test('the bundle is small, self-contained and exports the entry point', () => {
  const size = fs.statSync(BUNDLE).size;
  expect(size).toBeLessThan(150 * 1024);
  const text = fs.readFileSync(BUNDLE, 'utf8');
  expect(text).not.toMatch(/require\("aws-cdk-lib/);
  expect(text).not.toMatch(/require\("@smithy\//);
  expect(typeof bundled.handler).toBe('function');
  expect(typeof bundled.createHandler).toBe('function');
});

test('create, replacing update, cleanup delete and delete through the shipped entry point', async () => {
  const send = (e: Parameters<World['send']>[0]) => w.cfn.send(bundled.handler, e, { timeoutMs: 20_000, retries: 0 });
  const oldProps = props();
  const created = await send(w.cfn.createEvent('Invite', oldProps));
  expect(created.violations).toEqual([]);
  const a = created.response.PhysicalResourceId;
  expect(created.response).toMatchObject({ Status: 'SUCCESS', Data: expect.objectContaining({ Id: a, Status: 'PENDING' }) });

  const unchanged = await send(w.cfn.updateEvent('Invite', a, oldProps, oldProps));
  expect(unchanged.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a });

  const newProps = props({}, 'pprofile-other');
  const updated = await send(w.cfn.updateEvent('Invite', a, newProps, oldProps));
  const b = updated.response.PhysicalResourceId;
  expect(updated.response.Status).toBe('SUCCESS');
  expect(b).not.toBe(a);

  const cleanup = await send(w.cfn.deleteEvent('Invite', a, oldProps));
  expect(cleanup.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: a });
  const deleted = await send(w.cfn.deleteEvent('Invite', b, newProps));
  expect(deleted.response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: b });

  expect(w.emulator.invitations().map((i) => [i.Id, i.Status])).toEqual([[a, 'CANCELED'], [b, 'CANCELED']]);
  expect(w.emulator.calls.every((c) => c.signatureValid)).toBe(true);

  const all = lines.join('\n');
  expect(lines.filter((l) => JSON.parse(l).kind === 'event')).toHaveLength(5);
  for (const secret of [SECRETS.email, SECRETS.name, SECRETS.message, SECRETS.secretKey, SECRETS.sessionToken, 'X-Amz-Signature']) {
    expect(all).not.toContain(secret);
  }
});

test('the bundled factory survives a lost answer and a validation failure', async () => {
  // Virtual time for the factory's fast settings: its request timeouts and backoff run on the
  // world's clock, so a stalled machine times out no attempt. (The shipped entry point above
  // keeps real time: it runs on the real clock with the production timeouts, seconds long.)
  await w.stop();
  w = await World.start({ virtualTime: true });
  const handler = bundled.createHandler({ ...FAST, env: () => handlerEnv(w.emulator.endpoint), log: () => undefined, runtime: w.runtime });
  w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
  const ok = await w.cfn.send(handler, w.cfn.createEvent('Invite', props()), { timeoutMs: 4_000, retries: 0 });
  expect(ok.response.Status).toBe('SUCCESS');
  expect(w.emulator.invitations()).toHaveLength(1);

  const bad = await w.cfn.send(handler, w.cfn.createEvent('Bad', props({ Email: 'nope' })), { timeoutMs: 4_000, retries: 0 });
  expect(bad.response.Reason).toBe('Invalid properties: Email must be a valid e-mail address (got a value of 4 characters)');
});

test('the bundle loads alone, with no package beside it, and exports the entry point', () => {
  // Lambda's runtime has no node_modules: a module the bundle requires instead of holding fails here
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handler-bundle-'));
  try {
    fs.copyFileSync(BUNDLE, path.join(dir, 'index.js'));
    const env = { PATH: process.env.PATH ?? '' };
    const out = execFileSync(process.execPath, ['-e', 'process.stdout.write(typeof require(process.argv[1]).handler)', path.join(dir, 'index.js')], { cwd: dir, env, encoding: 'utf8' });
    expect(out).toBe('function');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The packages `name` depends on, itself included, as npm installed them here. */
function packageClosure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
  for (const dep of Object.keys(manifest.dependencies ?? {})) packageClosure(dep, seen);
  return seen;
}

/** The bundle task's esbuild command of the handler, as .projen/tasks.json (made from .projenrc.ts) has it. */
function handlerBundleCommand(): string {
  const task = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks.bundle;
  return task.steps.map((s: { exec?: string }) => s.exec ?? '').find((e: string) => e.startsWith('esbuild lambda/index.ts '));
}

test('the bundle task writes the handler into the folder the provider and the CLI load it from', () => {
  // HANDLER_OUT of .projenrc.ts is the kept copy of HANDLER_ASSET_NAME (.projenrc.ts imports nothing of src/)
  expect(handlerBundleCommand()).toMatch(new RegExp(` --outfile=assets/${HANDLER_ASSET_NAME}/index\\.js(?: |$)`));
});

/** What esbuild's metafile says of the handler's bundle: its inputs, and what each output requires from outside it. */
interface Metafile {
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, { readonly imports: readonly BundleImport[] }>;
}

/** A module an output of esbuild's requires (external: from outside the bundle). */
interface BundleImport {
  readonly path: string;
  readonly kind: string;
  readonly external?: boolean;
}

/**
 * The metafile of the bundle task's own esbuild command, built into a temporary folder (the
 * shipped bundle is left as it is).
 */
function handlerMetafile(): Metafile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'handler-inputs-'));
  try {
    const command = handlerBundleCommand();
    expect(command).toMatch(/--outfile=\S+/);
    const meta = path.join(dir, 'meta.json');
    const esbuild = path.join(ROOT, 'node_modules', '.bin', 'esbuild');
    const args = command.replace(/^esbuild /, '').replace(/--outfile=\S+/, `--outfile=${path.join(dir, 'index.js')}`);
    execSync(`${esbuild} ${args} --metafile=${meta} --log-level=error`, { cwd: ROOT, stdio: 'pipe' });
    return JSON.parse(fs.readFileSync(meta, 'utf8')) as Metafile;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the bundle is built from lambda/, the shared modules of src/ and the signer\'s packages only', () => {
  // esbuild names each input by its real path, so a symlink under lambda/ shows as the module it points to
  const inputs = Object.keys(handlerMetafile().inputs)
    .map((i) => path.relative(ROOT, fs.realpathSync(path.resolve(ROOT, i))).split(path.sep).join('/'));
  expect(inputs).toContain('lambda/index.ts');
  const packages = new Set(PACKAGES.flatMap((p) => [...packageClosure(p)]));
  const packageOf = (f: string) => {
    const rest = f.slice(f.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  };
  const allowed = (f: string) => f.includes('node_modules/')
    ? packages.has(packageOf(f))
    : (f.startsWith('lambda/') || SHARED.includes(f));
  expect(inputs.filter((f) => !allowed(f))).toEqual([]);
});

test('the bundle requires from outside itself only the Node.js modules eslint lets lambda/ import', () => {
  // esbuild leaves Node.js's modules out of the inputs (on --platform=node they are external), so
  // a file of any kind that requires one (a .cjs with require("child_process")) passes the test
  // above: the output's external imports name them. These are the bundle's, not the sources':
  // eslint's list judges what lambda/ imports, this what the bundle keeps from everything it
  // holds, the signer's packages included, whose files eslint never reads (they import fs, os,
  // path, stream and zlib too, which the bundle drops unused; of theirs it keeps node:crypto,
  // already in the list, so the bundle needs no module lambda/ may not import). What code builds
  // at run time (a require reached through the Function constructor) is no import and shows in
  // no metafile.
  const outputs = Object.values(handlerMetafile().outputs);
  expect(outputs).toHaveLength(1);
  const imports = outputs.flatMap((o) => o.imports);
  expect(imports.filter((i) => i.external !== true)).toEqual([]);
  expect(imports.map((i) => i.path)).toContain('node:https');
  expect([...new Set(imports.map((i) => i.path))].filter((p) => !BUILTINS.includes(p))).toEqual([]);
});
