/**
 * The reasons the library gives cdk-nag (src/private/nag-reasons.ts), shown to users in cdk-nag's
 * reports: each one cdk-nag accepts, each telling its findings apart from the others', and each
 * naming the actions and ARN patterns the provider's policies really have
 * (src/private/provider-actions.ts).
 */
import * as reasons from '../src/private/nag-reasons';
import {
  ACCEPT_ACTIONS, CANCEL_CONNECTION_ACTIONS, CANCEL_READ_ACTIONS, MANAGE_ACTIONS, READ_CONNECTION_ACTIONS, UNSCOPED_ACTIONS,
} from '../src/private/provider-actions';

const { NETWORK_INTERFACE_REASON, ...WHOLE } = reasons;
const WHOLE_REASONS = Object.entries(WHOLE);

/** The Partner Central operations a text names (`GetConnectionInvitation`), as IAM actions. */
function partnerCentralActionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\b(?:Create|Get|List|Cancel|Accept)Connection(?:Invitation)?s?\b/g)].map((m) => `partnercentral:${m[0]}`))].sort();
}

const sorted = (...lists: string[][]) => [...new Set(lists.flat())].sort();

describe('every reason', () => {
  // A suppression is found by its reason (addAccepterNagSuppressions inserts after the invitation ARNs').
  test('is a text of its own', () => {
    expect(new Set(Object.values(reasons)).size).toBe(Object.keys(reasons).length);
  });

  // cdk-nag 2 refuses a suppression whose reason is shorter than 10 characters; the library writes its metadata without cdk-nag's check.
  test.each(WHOLE_REASONS)('%s: one line of whole sentences, long enough for cdk-nag', (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(10);
    expect(text).toMatch(/^[A-Z][^\n]*\.$/);
    expect(text).not.toMatch(/\s{2}|\s$/);
  });

  test('the network interface sentence reads as one more sentence of PARTNER_CENTRAL_REASON', () => {
    expect(NETWORK_INTERFACE_REASON).toMatch(/^ [A-Z][^\n]*\.$/);
    expect(`${reasons.PARTNER_CENTRAL_REASON}${NETWORK_INTERFACE_REASON}`).not.toMatch(/\s{2}|\.\./);
  });
});

describe('the actions and ARNs each reason names', () => {
  test.each<[keyof typeof reasons, string[]]>([
    ['PARTNER_CENTRAL_REASON', UNSCOPED_ACTIONS],
    ['INVITATION_ARNS_REASON', sorted(MANAGE_ACTIONS, ACCEPT_ACTIONS)],
    ['CONNECTION_ARNS_REASON', sorted(READ_CONNECTION_ACTIONS, CANCEL_CONNECTION_ACTIONS)],
    ['CANCEL_ARNS_REASON', sorted(CANCEL_READ_ACTIONS, CANCEL_CONNECTION_ACTIONS)],
  ])('%s names the Partner Central actions of its statements', (name, actions) => {
    expect(partnerCentralActionsIn(reasons[name])).toEqual(sorted(actions));
  });

  test('no other reason names a Partner Central action', () => {
    for (const name of ['DLQ_REASON', 'INLINE_POLICY_REASON', 'CANCEL_POLICY_REASON', 'NETWORK_INTERFACE_REASON', 'LOG_STREAMS_REASON'] as const) {
      expect([name, partnerCentralActionsIn(reasons[name])]).toEqual([name, []]);
    }
  });

  test.each<[keyof typeof reasons, string[]]>([
    ['INVITATION_ARNS_REASON', ['catalog/<catalog>/connection-invitation/*']],
    ['CONNECTION_ARNS_REASON', ['catalog/<catalog>/connection/*']],
    ['CANCEL_ARNS_REASON', ['catalog/*/connection-invitation/*', 'catalog/*/connection/*']],
    ['LOG_STREAMS_REASON', ['log streams', 'log group']],
    ['DLQ_REASON', ['dead-letter queue', 'ResponseURL', 'e-mail address, name and message']],
    ['NETWORK_INTERFACE_REASON', ['AWSLambdaVPCAccessExecutionRole', 'no resource-level scope for Describe']],
  ])('%s names what its findings are about', (name, words) => {
    for (const w of words) expect(reasons[name]).toContain(w);
  });
});
