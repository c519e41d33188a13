/**
 * Bounded I/O: every answer body the handler reads has a size cap (1 MiB for the API, 64 KiB for
 * the ResponseURL). Over it the answer is malformed: not read further, the connection dropped,
 * the attempt retried within the deadline; memory stays bounded whatever the server sends.
 * The ResponseURL's cap is played on putResponse itself: test/lambda/cfn-response.flood.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { MAX_ANSWER_BYTES } from '../lambda/api/call';
import { HANDLER_ASSET_NAME } from '../src/contract';
import { FAST, handlerEnv, props, World } from './support/handler-harness';

const MB = 1024 * 1024;
const BUNDLE = path.join(__dirname, '..', 'assets', HANDLER_ASSET_NAME, 'index.js');
/** The function's memory (src/private/provider.ts). */
const FUNCTION_MEMORY_KIB = 256 * 1024;

describe('an API answer over the cap', () => {
  let w: World;
  beforeEach(async () => {
    // Virtual time: request timeouts and backoff run on the world's clock, so a stalled machine
    // times out no attempt and every retry is the one the flood caused.
    w = await World.start({ virtualTime: true });
  });
  afterEach(async () => {
    await w.stop();
  });

  test.each([
    ['chunked', false],
    ['announced in content-length', true],
  ])('one flood of 50 MB (%s) on a Get is retried, and the update answered', async (_what, announceLength) => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.emulator.inject({ operation: 'GetConnectionInvitation', floodBytes: 50 * MB, announceLength });
    const d = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));
    expect(d.response.Status).toBe('SUCCESS');
    const lines = w.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.kind === 'api' && l.operation === 'GetConnectionInvitation');
    expect(lines.map((l) => [l.status, l.errorName])).toEqual([[200, 'InvalidResponse'], [200, undefined]]);
  });

  test('a flood on every Get fails the update clearly before the deadline, naming the cap', async () => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.emulator.inject({ operation: 'GetConnectionInvitation', floodBytes: 50 * MB, times: Infinity });
    const d = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toContain(`HTTP 200 with a body over ${MAX_ANSWER_BYTES} bytes`);
    expect(d.handlerErrors).toEqual([]);
  });

  test('an error status with a flood is malformed too: its name is not trusted, the attempt is retried', async () => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.emulator.inject({ operation: 'GetConnectionInvitation', floodBytes: 50 * MB, floodStatus: 400 });
    const d = await w.send(w.cfn.updateEvent('Invitation', id, properties, properties));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.emulator.countCalls('GetConnectionInvitation')).toBe(2);
  });

  test('a create processed and then flooded is retried with its ClientToken: one invitation', async () => {
    w.emulator.inject({ operation: 'CreateConnectionInvitation', floodBytes: 50 * MB, after: true });
    const d = await w.send(w.cfn.createEvent('Invitation', props()));
    expect(d.response.Status).toBe('SUCCESS');
    expect(w.emulator.invitations()).toHaveLength(1);
    expect(d.response.PhysicalResourceId).toBe(w.emulator.invitations()[0].Id);
  });
});

describe('memory stays within the function\'s, in the shipped bundle', () => {
  let w: World;
  let child: ChildProcess;
  beforeEach(async () => {
    // Real time: the subject is the bundle in another process, on the real clock with the
    // production timeouts; the world's own handler, which makes the invitation, gets a 1.5 s
    // request timeout (far above any exchange on 127.0.0.1) and a 10 s create window.
    w = await World.start({ deps: { retry: { requestTimeoutMs: 1_500 }, fence: { ...FAST.fence, createWindowMs: 10_000 } } });
    child = spawn(process.execPath, ['-e', BUNDLE_RUNNER], {
      env: { PATH: process.env.PATH, ...handlerEnv(w.emulator.endpoint), HANDLER_BUNDLE: BUNDLE },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
  });
  afterEach(async () => {
    child.kill();
    await w.stop();
  });

  /** Runs one invocation in the child; resolves with its peak resident memory in KiB. */
  function inChild(event: unknown, remainingMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      child.once('message', (m: { error?: string; maxRssKiB: number }) => (m.error ? reject(new Error(m.error)) : resolve(m.maxRssKiB)));
      child.send({ event, remainingMs });
    });
  }

  test.each([50, 600])('a flood of %i MB on every Get: FAILED, no ERR_STRING_TOO_LONG, peak memory under 256 MB', async (mb) => {
    const properties = props();
    const id = await w.create('Invitation', properties);
    w.emulator.inject({ operation: 'GetConnectionInvitation', floodBytes: mb * MB, times: Infinity });
    let peakKiB = 0;
    const d = await w.cfn.send(async (event, context) => {
      peakKiB = await inChild(event, context.getRemainingTimeInMillis());
    }, w.cfn.updateEvent('Invitation', id, properties, properties), { timeoutMs: 4_000, retries: 0 });
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toContain(`body over ${MAX_ANSWER_BYTES} bytes`);
    expect(d.handlerErrors).toEqual([]);
    expect(w.emulator.countCalls('GetConnectionInvitation')).toBeGreaterThan(1);
    expect(peakKiB).toBeGreaterThan(0);
    // Not a speed or size goal (the benchmarks have no flood figure): a correctness bound against
    // growth with the answer. The 600 MB flood is more than the function's memory, so a reader
    // that buffered or grew with it would cross the bound; the bound is the whole function's
    // memory, far above what a reader that stops at MAX_ANSWER_BYTES needs on any machine.
    expect(peakKiB).toBeLessThan(FUNCTION_MEMORY_KIB);
  });
});

/**
 * The child that runs the bundle as Lambda would, one invocation per message, and reports its
 * peak resident memory (KiB) after each: Linux's VmHWM, the peak of its own address space.
 * Not `maxRSS` of process.resourceUsage(), which Linux carries over from the parent through
 * fork and exec: a child of a jest worker that had grown past 256 MB reported the worker's peak
 * (263,044 KiB here, where the child's own is about 60,000). maxRSS only where there is no /proc.
 */
const BUNDLE_RUNNER = `
const { handler } = require(process.env.HANDLER_BUNDLE);
const peakKiB = () => {
  let status;
  try { status = require('fs').readFileSync('/proc/self/status', 'utf8'); } catch { return process.resourceUsage().maxRSS; }
  const hwm = /^VmHWM:\\s+(\\d+) kB$/m.exec(status);
  if (!hwm) throw new Error('/proc/self/status has no VmHWM line');
  return Number(hwm[1]);
};
process.on('message', async (m) => {
  const deadline = Date.now() + m.remainingMs;
  let error;
  try {
    await handler(m.event, { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) });
  } catch (e) {
    error = String((e && e.message) || e);
  }
  let maxRssKiB = 0;
  try {
    maxRssKiB = peakKiB();
  } catch (e) {
    error = error || String(e.message);
  }
  process.send({ error, maxRssKiB });
});
`;
