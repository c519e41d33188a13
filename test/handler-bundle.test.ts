/**
 * The handler as it ships: the esbuild bundle in `assets/` (built by `npx projen bundle`, which
 * `npx projen test` runs first), driven through create, update and delete with the production
 * entry point, which reads its configuration from process.env.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Handler, HandlerDeps } from '../lambda/index';
import { FAST, handlerEnv, props, SECRETS, World } from './support/handler-harness';

const BUNDLE = path.join(__dirname, '..', 'assets', 'connection-invitation-handler', 'index.js');

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
  const handler = bundled.createHandler({ ...FAST, env: () => handlerEnv(w.emulator.endpoint), log: () => undefined });
  w.emulator.inject({ operation: 'CreateConnectionInvitation', reset: true, after: true });
  const ok = await w.cfn.send(handler, w.cfn.createEvent('Invite', props()), { timeoutMs: 4_000, retries: 0 });
  expect(ok.response.Status).toBe('SUCCESS');
  expect(w.emulator.invitations()).toHaveLength(1);

  const bad = await w.cfn.send(handler, w.cfn.createEvent('Bad', props({ Email: 'nope' })), { timeoutMs: 4_000, retries: 0 });
  expect(bad.response.Reason).toBe('Invalid properties: Email must be a valid e-mail address (got a value of 4 characters)');
});
