/**
 * The ClientTokens of lambda/lifecycle/client-token.ts: derived from the stack, the logical id and
 * the six fields, in a canonical JSON that does not depend on key order.
 */
import { sha256hex } from '../../../lambda/common/client-token';
import { canonicalFields, deriveCancelToken, deriveCreateToken } from '../../../lambda/lifecycle/client-token';
import { FIELDS } from '../../support/invitation-fields';

describe('client tokens', () => {
  test('derived tokens are 64 hex characters, valid ClientTokens, and depend on every input', () => {
    const base = deriveCreateToken('stack', 'Invite', FIELDS);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(base).toBe(sha256hex(`stack\nInvite\n${canonicalFields(FIELDS)}`));
    expect(deriveCreateToken('stack', 'Invite', { ...FIELDS })).toBe(base);
    expect(deriveCreateToken('stack2', 'Invite', FIELDS)).not.toBe(base);
    expect(deriveCreateToken('stack', 'Invite2', FIELDS)).not.toBe(base);
    for (const key of Object.keys(FIELDS) as Array<keyof typeof FIELDS>) {
      expect(deriveCreateToken('stack', 'Invite', { ...FIELDS, [key]: `${FIELDS[key]}x` })).not.toBe(base);
    }
    expect(deriveCreateToken('stack', 'Invite', FIELDS, 'request-1')).toBe(sha256hex(`stack\nInvite\n${canonicalFields(FIELDS)}\nrequest-1`));
    expect(deriveCancelToken('stack', 'Invite', 'pacinv-AAAAAAAAAAAAA')).toBe(sha256hex('stack\nInvite\npacinv-AAAAAAAAAAAAA\ncancel'));
  });

  test('the canonical JSON does not depend on key order and keeps only the six fields', () => {
    const reversed = Object.fromEntries(Object.entries({ ...FIELDS, ClientToken: 'x' }).reverse()) as typeof FIELDS;
    expect(canonicalFields(reversed)).toBe(canonicalFields(FIELDS));
    expect(canonicalFields(FIELDS)).toBe(
      '{"Catalog":"Sandbox","ConnectionType":"OPPORTUNITY_COLLABORATION","Email":"alliances@example.com","Message":"Hello","Name":"Pat","ReceiverIdentifier":"pprofile-1"}');
  });
});
