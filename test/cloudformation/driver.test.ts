import * as http from 'node:http';
import { CloudFormationDriver } from '../../tools/cloudformation/driver';
import type { CfnResponse, CloudFormationCustomResourceEvent, LambdaContextLike } from '../../tools/cloudformation/events';
import { MAX_RESPONSE_BYTES } from '../../tools/cloudformation/response-check';

/** PUTs a body to a URL the way a custom resource handler does; resolves with the status. */
async function put(url: string, body: string, headers: Record<string, string> = { 'content-type': '' }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PUT',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function success(event: CloudFormationCustomResourceEvent, extra: Partial<CfnResponse> = {}): CfnResponse {
  return {
    Status: 'SUCCESS',
    PhysicalResourceId: 'physical-id',
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    ...extra,
  };
}

let cfn: CloudFormationDriver;
beforeEach(async () => {
  cfn = await CloudFormationDriver.start({ stackName: 'DriverTest', region: 'eu-west-1' });
});
afterEach(async () => {
  await cfn.stop();
});

describe('events', () => {
  test('create, update and delete events carry what CloudFormation sends', () => {
    const create = cfn.createEvent('Invite', { Catalog: 'Sandbox' });
    expect(create).toEqual({
      RequestType: 'Create',
      ServiceToken: cfn.serviceToken,
      ResponseURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/cloudformation-custom-resource-response-euwest1\/.+\?.*X-Amz-Signature=[0-9a-f]{64}$/),
      StackId: cfn.stackId,
      RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ResourceType: 'Custom::PartnerCentralConnectionInvitation',
      LogicalResourceId: 'Invite',
      ResourceProperties: { ServiceToken: cfn.serviceToken, Catalog: 'Sandbox' },
    });
    expect(cfn.stackId).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:stack\/DriverTest\/[0-9a-f-]{36}$/);
    expect(cfn.serviceToken).toBe('arn:aws:lambda:eu-west-1:123456789012:function:DriverTest-ConnectionInvitationProvider');

    const update = cfn.updateEvent('Invite', 'pacinv-AAAAAAAAAAAAA', { Catalog: 'AWS' }, { Catalog: 'Sandbox' }, { requestId: 'r-1' });
    expect(update).toMatchObject({
      RequestType: 'Update',
      RequestId: 'r-1',
      PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA',
      ResourceProperties: { ServiceToken: cfn.serviceToken, Catalog: 'AWS' },
      OldResourceProperties: { ServiceToken: cfn.serviceToken, Catalog: 'Sandbox' },
    });
    const del = cfn.deleteEvent('Invite', 'pacinv-AAAAAAAAAAAAA', { Catalog: 'AWS' }, { resourceType: 'Custom::Other' });
    expect(del).toMatchObject({ RequestType: 'Delete', PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA', ResourceType: 'Custom::Other' });
    expect(del).not.toHaveProperty('OldResourceProperties');
  });

  test('every event gets its own secret ResponseURL', () => {
    const urls = new Set([1, 2, 3].map(() => cfn.createEvent('Invite', {}).ResponseURL));
    expect(urls.size).toBe(3);
  });
});

describe('send', () => {
  test('a handler that answers once is invoked once and its response is delivered', async () => {
    // The function's clock stands still, so the remaining time is the whole timeout on any machine.
    await cfn.stop();
    cfn = await CloudFormationDriver.start({ stackName: 'DriverTest', region: 'eu-west-1', functionClock: () => 1_700_000_000_000 });
    const contexts: LambdaContextLike[] = [];
    const remaining: number[] = [];
    const event = cfn.createEvent('Invite', { Catalog: 'Sandbox' });
    const delivery = await cfn.send(async (e, context) => {
      contexts.push(context);
      remaining.push(context.getRemainingTimeInMillis());
      await put(e.ResponseURL, JSON.stringify(success(e, { Data: { Id: 'x' } })));
    }, event, { timeoutMs: 5_000 });

    expect(delivery.response).toEqual(success(event, { Data: { Id: 'x' } }));
    expect(delivery.invocations).toBe(1);
    expect(delivery.putAttempts).toBe(1);
    expect(delivery.violations).toEqual([]);
    expect(delivery.oversize).toBe(false);
    expect(delivery.headers['content-type']).toBe('');
    expect(delivery.bytes).toBe(Buffer.byteLength(delivery.body));
    expect(contexts[0].functionName).toBe('DriverTest-ConnectionInvitationProvider');
    expect(remaining[0]).toBeGreaterThanOrEqual(5_000);
    expect(remaining[0]).toBeLessThanOrEqual(5_000);
  });

  test('a handler that throws twice then answers is invoked three times with the same event', async () => {
    const seen: Array<{ event: CloudFormationCustomResourceEvent; awsRequestId: string }> = [];
    const event = cfn.createEvent('Invite', { Catalog: 'Sandbox' });
    const delivery = await cfn.send(async (e, context) => {
      seen.push({ event: e, awsRequestId: context.awsRequestId });
      if (seen.length < 3) throw new Error(`boom ${seen.length}`);
      await put(e.ResponseURL, JSON.stringify(success(e)));
    }, event, { timeoutMs: 5_000 });

    expect(delivery.invocations).toBe(3);
    expect(delivery.response.Status).toBe('SUCCESS');
    expect(delivery.handlerErrors.map((e) => (e as Error).message)).toEqual(['boom 1', 'boom 2']);
    expect(seen.every((s) => s.event === event && s.awsRequestId === seen[0].awsRequestId)).toBe(true);
  });

  test('a handler that always throws is tried 1 + retries times and the send rejects', async () => {
    let calls = 0;
    const event = cfn.createEvent('Invite', {});
    await expect(cfn.send(async () => {
      calls++;
      throw new Error('always');
    }, event, { timeoutMs: 200, retries: 1 })).rejects.toThrow(/No response was stored .* of the last of 2 invocation\(s\) .*last handler error: always/);
    expect(calls).toBe(2);
  });

  test('a handler that never answers makes the send reject after the timeout', async () => {
    const event = cfn.createEvent('Invite', {});
    let context: LambdaContextLike | undefined;
    await expect(cfn.send((_e, c) => {
      context = c;
      return new Promise(() => undefined);
    }, event, { timeoutMs: 300, retries: 0 }))
      .rejects.toThrow(/No response was stored for RequestId .* within 300 ms of the last of 1 invocation\(s\) \(0 PUT attempt\(s\).*Task timed out after 300 ms/);
    // the function clock (here the real one) reached the deadline before the send gave up
    expect(context?.getRemainingTimeInMillis()).toBe(0);
  });

  test('a timed-out invocation is retried like any failure', async () => {
    let calls = 0;
    const event = cfn.createEvent('Invite', {});
    const delivery = await cfn.send(async (e) => {
      calls++;
      if (calls === 1) return new Promise(() => undefined);
      return put(e.ResponseURL, JSON.stringify(success(e)));
    }, event, { timeoutMs: 200 });
    expect(delivery.invocations).toBe(2);
    expect((delivery.handlerErrors[0] as Error).message).toBe('Task timed out after 200 ms');
  });

  test('a handler that resolves without answering is not retried, and the send rejects', async () => {
    let calls = 0;
    await expect(cfn.send(async () => {
      calls++;
    }, cfn.createEvent('Invite', {}), { timeoutMs: 150 })).rejects.toThrow(/last of 1 invocation/);
    expect(calls).toBe(1);
  });

  test('PUT failures are answered with S3 errors, and a handler that retries gets through', async () => {
    cfn.failNextPuts(2, 503);
    const statuses: number[] = [];
    const event = cfn.createEvent('Invite', {});
    const delivery = await cfn.send(async (e) => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const status = await put(e.ResponseURL, JSON.stringify(success(e)));
        statuses.push(status);
        if (status === 200) return;
      }
      throw new Error('gave up');
    }, event, { timeoutMs: 5_000 });

    expect(statuses).toEqual([503, 503, 200]);
    expect(delivery.putAttempts).toBe(3);
    expect(delivery.invocations).toBe(1);
    expect(cfn.puts(event.RequestId).map((p) => p.status)).toEqual([503, 503, 200]);
  });

  test('duplicate deliveries invoke the handler again after success; the first stored response wins', async () => {
    let calls = 0;
    const event = cfn.createEvent('Invite', {});
    const delivery = await cfn.send(async (e) => {
      calls++;
      await put(e.ResponseURL, JSON.stringify(success(e, { PhysicalResourceId: `id-${calls}` })));
    }, event, { timeoutMs: 5_000, duplicates: 1 });
    expect(delivery.invocations).toBe(2);
    expect(delivery.putAttempts).toBe(2);
    expect(delivery.response.PhysicalResourceId).toBe('id-1');
  });

  describe('on a function clock, a PUT made at or after the deadline is no answer (Lambda stops the function there)', () => {
    let now = 1_700_000_000_000;
    beforeEach(async () => {
      await cfn.stop();
      now = 1_700_000_000_000;
      cfn = await CloudFormationDriver.start({ stackName: 'DriverTest', region: 'eu-west-1', functionClock: () => now });
    });

    test.each([
      ['at the deadline', 5_000],
      ['after it', 9_000],
    ])('a PUT %s is recorded with its function time, the invocation timed out, and the send rejects', async (_when, ms) => {
      const event = cfn.createEvent('Invite', {});
      await expect(cfn.send(async (e) => {
        now += ms;
        await put(e.ResponseURL, JSON.stringify(success(e)));
      }, event, { timeoutMs: 5_000, retries: 0 })).rejects.toThrow(
        /\(1 PUT attempt\(s\) reached the ResponseURL, 1 stored one\(s\) made after the deadline on the function clock; last handler error: Task timed out after 5000 ms\)/);
      expect(cfn.puts(event.RequestId)).toEqual([expect.objectContaining({ status: 200, functionTime: now })]);
      expect(cfn.responseFor(event.RequestId)).toBeDefined();
    });

    test('a PUT a millisecond before the deadline is the answer', async () => {
      const event = cfn.createEvent('Invite', {});
      const delivery = await cfn.send(async (e) => {
        now += 4_999;
        await put(e.ResponseURL, JSON.stringify(success(e)));
      }, event, { timeoutMs: 5_000, retries: 0 });
      expect(delivery.response.Status).toBe('SUCCESS');
      expect(delivery.handlerErrors).toEqual([]);
    });

    test('a late PUT of a timed-out invocation is no answer, the retry\'s PUT in its own time is', async () => {
      let calls = 0;
      const event = cfn.createEvent('Invite', {});
      const delivery = await cfn.send(async (e) => {
        calls++;
        if (calls === 1) now += 6_000;
        await put(e.ResponseURL, JSON.stringify(success(e, { PhysicalResourceId: `id-${calls}` })));
      }, event, { timeoutMs: 5_000, retries: 1 });
      expect(delivery.invocations).toBe(2);
      expect(delivery.putAttempts).toBe(2);
      expect(delivery.response.PhysicalResourceId).toBe('id-2');
    });
  });
});

describe('response validation', () => {
  test.each([
    ['a wrong content-type', (e: CloudFormationCustomResourceEvent) => [JSON.stringify(success(e)), { 'content-type': 'application/json' }] as const,
      /content-type is 'application\/json', expected an empty value/],
    ['no content-type', (e: CloudFormationCustomResourceEvent) => [JSON.stringify(success(e)), {}] as const, /no content-type header/],
    ['a body that is not JSON', () => ['not json', { 'content-type': '' }] as const, /the body is not JSON/],
    ['a bad Status', (e: CloudFormationCustomResourceEvent) => [JSON.stringify({ ...success(e), Status: 'OK' }), { 'content-type': '' }] as const,
      /Status is "OK", expected SUCCESS or FAILED/],
    ['an empty PhysicalResourceId', (e: CloudFormationCustomResourceEvent) => [JSON.stringify(success(e, { PhysicalResourceId: '' })), { 'content-type': '' }] as const,
      /PhysicalResourceId is missing or empty/],
    ['a RequestId from another event', (e: CloudFormationCustomResourceEvent) => [JSON.stringify(success(e, { RequestId: 'other' })), { 'content-type': '' }] as const,
      /RequestId does not echo/],
    ['a StackId from another stack', (e: CloudFormationCustomResourceEvent) => [JSON.stringify(success(e, { StackId: 'other' })), { 'content-type': '' }] as const,
      /StackId does not echo/],
    ['a LogicalResourceId from another resource', (e: CloudFormationCustomResourceEvent) =>
      [JSON.stringify(success(e, { LogicalResourceId: 'Other' })), { 'content-type': '' }] as const, /LogicalResourceId does not echo/],
  ])('records %s as a violation', async (_name, make, violation) => {
    const event = cfn.createEvent('Invite', {});
    const [body, headers] = make(event);
    const delivery = await cfn.send(async (e) => {
      await put(e.ResponseURL, body, { ...headers });
    }, event, { timeoutMs: 5_000 });
    expect(delivery.violations.join('\n')).toMatch(violation);
  });

  test('a body over 4096 bytes is stored but flagged oversize', async () => {
    const event = cfn.createEvent('Invite', {});
    const delivery = await cfn.send(async (e) => {
      const base = JSON.stringify(success(e, { Data: { Big: '' } }));
      await put(e.ResponseURL, JSON.stringify(success(e, { Data: { Big: 'x'.repeat(MAX_RESPONSE_BYTES + 1 - base.length) } })));
    }, event, { timeoutMs: 5_000 });
    expect(delivery.bytes).toBe(MAX_RESPONSE_BYTES + 1);
    expect(delivery.oversize).toBe(true);
    expect(delivery.violations.join('\n')).toMatch(/4097 bytes, over CloudFormation's 4096-byte limit/);
  });

  test('a body of exactly 4096 bytes is accepted', async () => {
    const event = cfn.createEvent('Invite', {});
    const delivery = await cfn.send(async (e) => {
      const base = JSON.stringify(success(e, { Data: { Big: '' } }));
      await put(e.ResponseURL, JSON.stringify(success(e, { Data: { Big: 'x'.repeat(MAX_RESPONSE_BYTES - base.length) } })));
    }, event, { timeoutMs: 5_000 });
    expect(delivery.bytes).toBe(MAX_RESPONSE_BYTES);
    expect(delivery.oversize).toBe(false);
    expect(delivery.violations).toEqual([]);
  });

  test('an altered ResponseURL is refused like S3 refuses a bad presigned URL', async () => {
    const event = cfn.createEvent('Invite', {});
    const tampered = event.ResponseURL.replace(/X-Amz-Signature=[0-9a-f]{4}/, 'X-Amz-Signature=0000');
    expect(await put(tampered, JSON.stringify(success(event)))).toBe(403);
    const other = event.ResponseURL.replace('%7CInvite%7C', '%7COther%7C');
    expect(await put(other, JSON.stringify(success(event)))).toBe(403);
    expect(cfn.puts().map((p) => p.violations[0])).toEqual([
      expect.stringMatching(/not a ResponseURL the driver issued/),
      expect.stringMatching(/not a ResponseURL the driver issued/),
    ]);
    expect(cfn.responseFor(event.RequestId)).toBeUndefined();
    // A refused URL belongs to no RequestId: the event's own PUTs do not include them.
    expect(cfn.puts(event.RequestId)).toEqual([]);
    expect(await put(event.ResponseURL, JSON.stringify(success(event)))).toBe(200);
    expect(cfn.puts(event.RequestId).map((p) => p.status)).toEqual([200]);
    expect(cfn.puts().map((p) => p.status)).toEqual([403, 403, 200]);
  });

  test('a POST or a chunked PUT is refused', async () => {
    const event = cfn.createEvent('Invite', {});
    const status = (method: string, chunked: boolean) => new Promise<number>((resolve, reject) => {
      const req = http.request(event.ResponseURL, { method, headers: { 'content-type': '' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      if (chunked) req.write('{}');
      req.end(chunked ? undefined : '{}');
    });
    expect(await status('POST', false)).toBe(405);
    expect(await status('PUT', true)).toBe(411);
    expect(cfn.puts(event.RequestId).map((p) => p.violations[0])).toEqual([
      'method POST, expected PUT',
      expect.stringMatching(/no Content-Length header/),
    ]);
  });
});

test('stop ends a send that is still waiting', async () => {
  const pending = cfn.send(() => new Promise(() => undefined), cfn.createEvent('Invite', {}), { timeoutMs: 60_000, retries: 0 });
  await new Promise((r) => setTimeout(r, 50));
  await cfn.stop();
  await expect(pending).rejects.toThrow(/No response was stored/);
  // afterEach stops it again; that must be harmless.
  cfn = await CloudFormationDriver.start();
});
