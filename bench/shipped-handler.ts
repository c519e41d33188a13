/**
 * Runs the shipped handler bundle in this process against the emulator, as Lambda would run
 * it: its endpoint and credentials come from the environment, its log lines go to stdout
 * (captured and counted here, so the benchmark's own report stays readable).
 */
import * as path from 'path';
import { invitationProperties } from './apps';
import type { RetryTuning } from '../lambda/retry';
import { HANDLER_ASSET_NAME } from '../src/contract';
import { CloudFormationDriver } from '../tools/cloudformation/driver';
import type { CustomResourceHandler } from '../tools/cloudformation/events';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../tools/emulator/credentials';
import { PartnerCentralEmulator } from '../tools/emulator/server';

/** The shipped bundle, as `npx projen bundle` writes it. */
export const SHIPPED_BUNDLE = path.join(__dirname, '..', 'assets', HANDLER_ASSET_NAME, 'index.js');

/** The session token the benchmarks hand the handler and the SDK client (any value verifies). */
export const BENCH_SESSION_TOKEN = 'bench-session-token';

/** The credentials the emulator accepts, in the SDK's shape. */
export const BENCH_CREDENTIALS = {
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
  sessionToken: BENCH_SESSION_TOKEN,
};


/** What the shipped bundle exports: the Lambda entry, and the factory behind it. */
export interface ShippedModule {
  readonly handler: CustomResourceHandler;
  readonly createHandler: (deps: { retry?: Partial<RetryTuning> }) => CustomResourceHandler;
}

/** Loads the shipped bundle afresh (new keep-alive agents, no signer kept: a cold start) and returns its exports. */
export function loadShippedModule(): ShippedModule {
  delete require.cache[require.resolve(SHIPPED_BUNDLE)];
  const mod = require(SHIPPED_BUNDLE) as { handler?: unknown; createHandler?: unknown };
  if (typeof mod.handler !== 'function') throw new Error(`${SHIPPED_BUNDLE} does not export a handler function`);
  if (typeof mod.createHandler !== 'function') throw new Error(`${SHIPPED_BUNDLE} does not export createHandler`);
  return mod as ShippedModule;
}

/** Loads the shipped bundle afresh and returns its `handler` export. */
export function loadShippedHandler(): CustomResourceHandler {
  return loadShippedModule().handler;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * The Lambda environment of a handler the benchmarks run: its endpoint override, the credentials
 * the emulator accepts, and the function's own region (`AWS_REGION`, which Lambda sets: the
 * stack's region, any one; the handler calls Partner Central in its one region whatever it is).
 */
export function handlerEnvironment(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: endpoint,
    AWS_ACCESS_KEY_ID: BENCH_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: BENCH_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: BENCH_CREDENTIALS.sessionToken,
    AWS_REGION: 'us-east-1',
  };
}

/**
 * Runs `fn` with the Lambda environment pointing at `emulator` and console output captured;
 * restores both afterwards. Resolves with `fn`'s result and the number of lines captured.
 */
export async function withHandlerEnvironment<T>(
  emulator: PartnerCentralEmulator,
  fn: () => Promise<T>,
): Promise<{ result: T; logLines: number }> {
  const env = handlerEnvironment(emulator.endpoint);
  const savedEnv: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    savedEnv[k] = process.env[k];
    process.env[k] = v;
  }
  const savedConsole = CONSOLE_METHODS.map((m) => console[m]);
  let logLines = 0;
  for (const m of CONSOLE_METHODS) console[m] = () => { logLines++; };
  try {
    const result = await fn();
    return { result, logLines };
  } finally {
    CONSOLE_METHODS.forEach((m, i) => { console[m] = savedConsole[i]; });
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Whether the shipped handler answers a plain Create with SUCCESS against an unthrottled
 * emulator; the reason when it does not (the benchmarks that drive it are then skipped).
 */
export async function probeShippedHandler(): Promise<string | undefined> {
  let handler: CustomResourceHandler;
  try {
    handler = loadShippedHandler();
  } catch (e) {
    return (e as Error).message;
  }
  const emulator = await PartnerCentralEmulator.start();
  const driver = await CloudFormationDriver.start({ stackName: 'BenchProbe' });
  try {
    const { result } = await withHandlerEnvironment(emulator, async () => {
      try {
        const d = await driver.send(handler, driver.createEvent('Probe', invitationProperties(0)), { timeoutMs: 10_000, retries: 0 });
        return d.response.Status === 'SUCCESS' ? undefined : `the shipped handler answered ${d.response.Status} to a plain Create`;
      } catch (e) {
        return `the shipped handler did not answer a plain Create: ${(e as Error).message}`;
      }
    });
    return result;
  } finally {
    await driver.stop();
    await emulator.stop();
  }
}
