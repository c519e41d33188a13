/**
 * The marker of an unconfirmed create (lambda/lifecycle/physical-id.ts), which round-trips its
 * window.
 */
import { parseUnconfirmedMarker, unconfirmedMarker } from '../../../lambda/lifecycle/physical-id';

describe('physical ids', () => {
  test('the marker of an unconfirmed create round-trips its window', () => {
    expect(unconfirmedMarker(1_700_000_000_400, 1_700_000_012_100)).toBe('unconfirmed-1700000000-1700000013');
    expect(parseUnconfirmedMarker('unconfirmed-1700000000-1700000013')).toEqual({ from: 1_700_000_000, to: 1_700_000_013 });
    expect(parseUnconfirmedMarker('unconfirmed-20-10')).toBeUndefined();
    expect(parseUnconfirmedMarker('unconfirmed-1')).toBeUndefined();
  });
});
