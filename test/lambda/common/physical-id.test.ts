/**
 * The physical ids of lambda/common/physical-id.ts: the id of a failed create is never an
 * invitation id, nor the invitation's marker of an unconfirmed create.
 */
import * as fc from 'fast-check';
import { createFailedId } from '../../../lambda/common/physical-id';
import { parseUnconfirmedMarker } from '../../../lambda/lifecycle/physical-id';
import { INVITATION_ID_PATTERN } from '../../../src/api-constraints';

describe('physical ids', () => {
  test('property: a failed-create id is never an invitation id nor a marker', () => {
    fc.assert(fc.property(fc.string(), (requestId) => {
      const id = createFailedId(requestId);
      expect(INVITATION_ID_PATTERN.test(id)).toBe(false);
      expect(parseUnconfirmedMarker(id)).toBeUndefined();
      expect(id.length).toBeGreaterThan(0);
    }));
  });
});
