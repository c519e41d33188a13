/**
 * The ResponseURL's answer over its cap (64 KiB), for putResponse of lambda/cfn-response.ts
 * against a local server that floods: over the cap the answer is malformed, not read further,
 * the connection dropped and the PUT retried within the deadline (a 2xx is delivered as it is).
 */
import { MAX_PUT_ANSWER_BYTES, putResponse } from '../../lambda/cfn-response';
import { writeFlood } from '../../tools/emulator/faults';
import { LocalServer } from '../../tools/local-server';

const MB = 1024 * 1024;

describe('the ResponseURL\'s answer over the cap', () => {
  let server: LocalServer;
  let floods: number;
  let floodStatus: number;
  let received: number;
  const stored: string[] = [];
  beforeEach(async () => {
    floods = 1;
    floodStatus = 200;
    received = 0;
    stored.length = 0;
    server = await LocalServer.start('flooding ResponseURL', async (_req, res, body) => {
      received++;
      if (floods > 0) {
        floods--;
        if (floodStatus < 300) stored.push(body.toString('utf8'));
        res.writeHead(floodStatus, { 'content-type': 'application/xml' });
        await writeFlood(res, 50 * MB);
        return;
      }
      stored.push(body.toString('utf8'));
      res.writeHead(200);
      res.end();
    });
  });
  afterEach(async () => {
    await server.stop();
  });

  const runtime = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), random: () => 0 };
  const tuning = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, attemptTimeoutMs: 2_000 };

  test('a 2xx with a 50 MB body is delivered: the URL stored the body, the PUT is not repeated', async () => {
    const r = await putResponse(new URL(`${server.url}/response`), '{"Status":"SUCCESS"}', { deadline: Date.now() + 5_000, runtime, tuning });
    expect(r).toEqual({ delivered: true, attempts: 1, status: 200, retryable: false });
    expect(received).toBe(1);
    expect(stored).toEqual(['{"Status":"SUCCESS"}']);
  });

  test('a 5xx with a 50 MB body is malformed: the PUT is repeated, and delivered', async () => {
    floodStatus = 503;
    const r = await putResponse(new URL(`${server.url}/response`), '{"Status":"SUCCESS"}', { deadline: Date.now() + 5_000, runtime, tuning });
    expect(r).toMatchObject({ delivered: true, attempts: 2 });
    expect(stored).toEqual(['{"Status":"SUCCESS"}']);
  });

  test('a 4xx with a flood is malformed too (its status not trusted): retried', async () => {
    floodStatus = 403;
    const r = await putResponse(new URL(`${server.url}/response`), '{"Status":"SUCCESS"}', { deadline: Date.now() + 5_000, runtime, tuning });
    expect(r).toMatchObject({ delivered: true, attempts: 2 });
  });

  test('error floods on every attempt: not delivered, retryable, the cap named', async () => {
    floods = Infinity;
    floodStatus = 500;
    const r = await putResponse(new URL(`${server.url}/response`), '{"Status":"SUCCESS"}', { deadline: Date.now() + 5_000, runtime, tuning });
    expect(r).toEqual({ delivered: false, attempts: 3, status: 500, retryable: true, error: `HTTP 500 with a body over ${MAX_PUT_ANSWER_BYTES} bytes` });
  });
});
