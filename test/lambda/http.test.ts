/**
 * The hard timeout of lambda/http.ts: it runs on the timer it is given (the runtime's, so tests in
 * virtual time decide on their clock) or on a real one, it ends an exchange that gets no answer,
 * and it is cancelled exactly once by whatever settles the exchange first.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpRequest, NetworkError } from '../../lambda/http';

let server: http.Server;
let url: URL;
/** What the server does with the next request: answer it, or hold it open until the test ends. */
let mode: 'answer' | 'hold' = 'answer';
const held: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (mode === 'hold') held.push(res);
      else res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterEach(() => {
  mode = 'answer';
  for (const res of held.splice(0)) res.destroy();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A timer the test fires by hand: records each arming and each cancel. */
function handTimer() {
  const armed: { ms: number; expire: () => void }[] = [];
  let cancels = 0;
  return {
    armed,
    cancels: () => cancels,
    timer: (ms: number, expire: () => void) => {
      armed.push({ ms, expire });
      return () => { cancels++; };
    },
  };
}

const LIMITS = { timeoutMs: 250, maxBodyBytes: 1_000 };

test('an exchange that gets no answer ends when its timer says so, with a TimeoutError naming the limit', async () => {
  mode = 'hold';
  const t = handTimer();
  const pending = httpRequest(url, 'POST', {}, 'x', { ...LIMITS, timer: t.timer });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(t.armed.map((a) => a.ms)).toEqual([250]);
  t.armed[0].expire();
  const e = await pending.catch((err: unknown) => err);
  expect(e).toBeInstanceOf(NetworkError);
  expect(e).toMatchObject({ code: 'TimeoutError', message: 'no complete answer within 250 ms', staleSocket: false });
  expect(t.cancels()).toBe(1);
});

test('an answer cancels the timer once, and a late expiry changes nothing', async () => {
  const t = handTimer();
  const res = await httpRequest(url, 'POST', {}, 'x', { ...LIMITS, timer: t.timer });
  expect(res).toMatchObject({ status: 200, body: '{"ok":true}', oversized: false });
  expect(t.cancels()).toBe(1);
  t.armed[0].expire();
  expect(t.cancels()).toBe(1);
});

test('an answer over the cap cancels the timer once', async () => {
  const t = handTimer();
  const res = await httpRequest(url, 'POST', {}, 'x', { timeoutMs: 250, maxBodyBytes: 4, timer: t.timer });
  expect(res.oversized).toBe(true);
  expect(t.cancels()).toBe(1);
});

test('a refused connection cancels the timer once', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const t = handTimer();
  const e = await httpRequest(new URL(`http://127.0.0.1:${port}/`), 'POST', {}, 'x', { ...LIMITS, timer: t.timer }).catch((err: unknown) => err);
  expect(e).toMatchObject({ code: 'ECONNREFUSED' });
  expect(t.cancels()).toBe(1);
});

test('a timer that expires at once still ends the exchange with the timeout', async () => {
  mode = 'hold';
  const e = await httpRequest(url, 'POST', {}, 'x', { ...LIMITS, timer: (_ms, expire) => { expire(); return () => undefined; } })
    .catch((err: unknown) => err);
  expect(e).toMatchObject({ code: 'TimeoutError', message: 'no complete answer within 250 ms' });
});

test('a timeout of 0 ms arms the timer for 1 ms', async () => {
  const t = handTimer();
  await httpRequest(url, 'POST', {}, 'x', { timeoutMs: 0, maxBodyBytes: 1_000, timer: t.timer });
  expect(t.armed.map((a) => a.ms)).toEqual([1]);
});

test('without a timer, a real one ends an exchange that gets no answer', async () => {
  mode = 'hold';
  const e = await httpRequest(url, 'POST', {}, 'x', { timeoutMs: 30, maxBodyBytes: 1_000 }).catch((err: unknown) => err);
  expect(e).toMatchObject({ code: 'TimeoutError', message: 'no complete answer within 30 ms' });
});
