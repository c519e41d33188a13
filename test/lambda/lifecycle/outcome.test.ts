/**
 * The attributes of an outcome (lambda/lifecycle/outcome.ts): every key of the contract, numbers
 * as ISO timestamps, objects dropped.
 */
import { toData } from '../../../lambda/lifecycle/outcome';
import { ATTRIBUTE_KEYS } from '../../../src/contract';

describe('attributes', () => {
  test('every key present; numbers as ISO timestamps; objects dropped', () => {
    const data = toData({ Id: 'pacinv-AAAAAAAAAAAAA', CreatedAt: 1_700_000_000, UpdatedAt: '2024-01-01T00:00:00Z', Status: { weird: true } });
    expect(Object.keys(data)).toEqual([...ATTRIBUTE_KEYS]);
    expect(data).toMatchObject({ Id: 'pacinv-AAAAAAAAAAAAA', CreatedAt: '2023-11-14T22:13:20.000Z', UpdatedAt: '2024-01-01T00:00:00Z', Status: '', ExpiresAt: '' });
  });
});
