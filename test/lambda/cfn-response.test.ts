/**
 * The response size guard of lambda/cfn-response.ts: a body under 4096 bytes (CloudFormation
 * rejects bodies over 4096), cut Reason first, then the Data values, never splitting a character.
 */
import * as fc from 'fast-check';
import { serializeResponse, truncateUtf8 } from '../../lambda/cfn-response';
import type { CfnResponseBody } from '../../lambda/types';
import { ATTRIBUTE_KEYS } from '../../src/contract';

describe('the response size guard', () => {
  const base: CfnResponseBody = {
    Status: 'FAILED',
    PhysicalResourceId: 'pacinv-AAAAAAAAAAAAA',
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/S/0b6c6a10-0000-0000-0000-000000000000',
    RequestId: '0b6c6a10-0000-0000-0000-000000000000',
    LogicalResourceId: 'Invite',
  };

  test('a small body is left alone', () => {
    const body = { ...base, Reason: 'short' };
    expect(serializeResponse(body)).toBe(JSON.stringify(body));
  });

  test('cuts the Reason first, marking the cut', () => {
    const out = JSON.parse(serializeResponse({ ...base, Reason: 'r'.repeat(10_000), Data: { Id: 'x' } })) as CfnResponseBody;
    expect(out.Data).toEqual({ Id: 'x' });
    expect(out.Reason).toMatch(/^r+ \[truncated\]$/);
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThan(4096);
  });

  test('then empties the Data values, keeping the keys', () => {
    const data = Object.fromEntries(ATTRIBUTE_KEYS.map((k) => [k, 'v'.repeat(400)]));
    const out = JSON.parse(serializeResponse({ ...base, Status: 'SUCCESS', Reason: 'x'.repeat(5_000), Data: data })) as CfnResponseBody;
    expect(Object.keys(out.Data!)).toEqual([...ATTRIBUTE_KEYS]);
    expect(Object.values(out.Data!).every((v) => v === '')).toBe(true);
    expect(out.Reason!.length).toBeGreaterThan(2_000);
  });

  test('property: any body serializes to valid JSON under 4096 bytes that keeps the Status', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 6_000, unit: 'binary' }), fc.string({ maxLength: 3_000, unit: 'grapheme' }));
    fc.assert(fc.property(
      fc.record({
        Status: fc.constantFrom('SUCCESS' as const, 'FAILED' as const),
        Reason: fc.option(text, { nil: undefined }),
        PhysicalResourceId: text,
        StackId: text,
        RequestId: text,
        LogicalResourceId: text,
        Data: fc.option(fc.dictionary(fc.string({ maxLength: 20 }), text, { maxKeys: 14 }), { nil: undefined }),
      }),
      (body) => {
        const clean = JSON.parse(JSON.stringify(body)) as CfnResponseBody;
        const out = serializeResponse(clean);
        expect(Buffer.byteLength(out)).toBeLessThan(4096);
        const parsed = JSON.parse(out) as CfnResponseBody;
        expect(parsed.Status).toBe(body.Status);
        expect(typeof parsed.PhysicalResourceId).toBe('string');
      }), { numRuns: 300 });
  });

  test('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('😀😀😀', 5)).toBe('😀');
    expect(truncateUtf8('é'.repeat(10), 5)).toBe('éé');
    expect(truncateUtf8('abc', 10)).toBe('abc');
    expect(truncateUtf8('abc', 0)).toBe('');
  });
});
