/**
 * The accepter decision suites' invitation (test/lambda/accepter/*.test.ts): its id, and the
 * invitation as its receiver reads it, with members changed by `over`.
 */
export const ID = 'pacinv-0123456789abc';
export const received = (over: Record<string, unknown> = {}) => ({
  Id: ID, ParticipantType: 'RECEIVER', ConnectionType: 'SUBSIDIARY', Status: 'PENDING', UpdatedAt: '2026-01-01T00:00:10.000Z', ...over,
});
