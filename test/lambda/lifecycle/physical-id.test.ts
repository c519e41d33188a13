/**
 * The physical ids of lambda/lifecycle/physical-id.ts: the marker of an unconfirmed create and
 * the id of a failed create, neither of which is an invitation id.
 */
import * as fc from 'fast-check';
import { createFailedId, parseUnconfirmedMarker, unconfirmedMarker } from '../../../lambda/lifecycle/physical-id';
import { INVITATION_ID_PATTERN } from '../../../src/api-constraints';

describe('physical ids', () => {
  test('the marker of an unconfirmed create round-trips its window', () => {
    expect(unconfirmedMarker(1_700_000_000_400, 1_700_000_012_100)).toBe('unconfirmed-1700000000-1700000013');
    expect(parseUnconfirmedMarker('unconfirmed-1700000000-1700000013')).toEqual({ from: 1_700_000_000, to: 1_700_000_013 });
    expect(parseUnconfirmedMarker('unconfirmed-20-10')).toBeUndefined();
    expect(parseUnconfirmedMarker('unconfirmed-1')).toBeUndefined();
  });

  test('property: a failed-create id is never an invitation id nor a marker', () => {
    fc.assert(fc.property(fc.string(), (requestId) => {
      const id = createFailedId(requestId);
      expect(INVITATION_ID_PATTERN.test(id)).toBe(false);
      expect(parseUnconfirmedMarker(id)).toBeUndefined();
      expect(id.length).toBeGreaterThan(0);
    }));
  });
});
