/**
 * The synth-time warning when an app would send more AWS-catalog invitations than Partner
 * Central's daily quota (50 per account, its quota page), counted by account across the app's stacks.
 */
import { Annotations as CdkAnnotations, App, CfnParameter, Lazy, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Catalog, ConnectionInvitation, ConnectionType } from '../src';
import { AWS_DAILY_INVITATION_QUOTA } from '../src/api-constraints';
import { DAILY_QUOTA_WARNING } from '../src/private/daily-quota';
import { countsAgainstDailyQuota } from '../src/private/daily-quota-catalog';

function invite(stack: Stack, i: number, catalog?: Catalog): ConnectionInvitation {
  return new ConnectionInvitation(stack, `Invitation${i}`, {
    catalog,
    connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
    receiverIdentifier: `pprofile-${String(i).padStart(13, '0')}`,
    email: 'alliances@example.com',
    name: 'Pat Example',
    message: 'Let us co-sell on opportunities.',
  });
}

/** The quota warnings of a stack, as `[path, message]`. */
function quotaWarnings(stack: Stack): [string, string][] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(DAILY_QUOTA_WARNING))
    .map((m) => [m.id, String(m.entry.data)]);
}

describe('the daily invitation quota', () => {
  test('is the AWS catalog\'s documented 50 a day', () => {
    expect(AWS_DAILY_INVITATION_QUOTA).toBe(50);
  });

  test('warns once, on the invitation beyond the quota, when the app\'s stacks together send more than 50 in the AWS catalog', () => {
    const app = new App();
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    for (let i = 0; i < 30; i++) invite(first, i);
    for (let i = 30; i < 52; i++) invite(second, i, i % 2 === 0 ? Catalog.AWS : Catalog.of('aws'));
    expect(quotaWarnings(first)).toEqual([]);
    const warnings = quotaWarnings(second);
    expect(warnings).toHaveLength(1);
    const [path, message] = warnings[0];
    expect(path).toBe('/Second/Invitation50');
    expect(message).toContain('The app sends 52 connection invitations in the AWS catalog from stacks whose account is not known at synth time');
    expect(message).toContain('LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY');
    expect(message).toContain(`[ack: ${DAILY_QUOTA_WARNING}]`);
  });

  test('counts the invitations of stacks in stages of the same account, or of unknown accounts, together', () => {
    for (const account of ['111111111111', undefined]) {
      const app = new App();
      const stacks = ['Beta', 'Prod'].map((name) => new Stack(new Stage(app, name, { env: { account } }), 'Invitations'));
      stacks.forEach((stack, s) => { for (let i = 0; i < 26; i++) invite(stack, s * 26 + i); });
      expect(quotaWarnings(stacks[0])).toEqual([]);
      const warnings = quotaWarnings(stacks[1]);
      expect(warnings.map(([path]) => path)).toEqual(['/Prod/Invitations/Invitation50']);
      expect(warnings[0][1]).toContain(account === undefined ? 'from stacks whose account is not known' : `from account ${account},`);
    }
  });

  test('counts each account against its own quota: stacks or stages in separate accounts do not add up', () => {
    const app = new App();
    const stacks = [
      new Stack(app, 'First', { env: { account: '111111111111', region: 'us-east-1' } }),
      new Stack(app, 'Second', { env: { account: '222222222222', region: 'us-east-1' } }),
      ...['Beta', 'Prod'].map((name, s) => new Stack(new Stage(app, name, { env: { account: `33333333333${s}` } }), 'Invitations')),
    ];
    stacks.forEach((stack, s) => { for (let i = 0; i < 30; i++) invite(stack, s * 30 + i); });
    for (let i = 120; i < 141; i++) invite(stacks[1], i);
    for (const stack of [stacks[0], stacks[2], stacks[3]]) expect(quotaWarnings(stack)).toEqual([]);
    const warnings = quotaWarnings(stacks[1]);
    expect(warnings.map(([path]) => path)).toEqual(['/Second/Invitation140']);
    expect(warnings[0][1]).toContain('The app sends 51 connection invitations in the AWS catalog from account 222222222222,');
  });

  test('does not warn at exactly 50, nor count the Sandbox catalog or a token catalog', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    for (let i = 0; i < 50; i++) invite(stack, i);
    for (let i = 50; i < 60; i++) invite(stack, i, Catalog.SANDBOX);
    invite(stack, 60, Catalog.of(new CfnParameter(stack, 'Catalog').valueAsString));
    expect(quotaWarnings(stack)).toEqual([]);
  });

  test('does not count an invitation removed from the tree', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    for (let i = 0; i < 51; i++) invite(stack, i);
    stack.node.tryRemoveChild('Invitation7');
    expect(quotaWarnings(stack)).toEqual([]);
  });

  test('can be acknowledged on the stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    for (let i = 0; i < 51; i++) invite(stack, i);
    CdkAnnotations.of(stack).acknowledgeWarning(DAILY_QUOTA_WARNING, 'deployed over two days');
    expect(quotaWarnings(stack)).toEqual([]);
  });
});

describe('countsAgainstDailyQuota: the rule of the warning and of the rehearsal\'s count', () => {
  test.each(['AWS', 'aws', 'Aws'])('%s counts (catalog names ignore case)', (catalog) => {
    expect(countsAgainstDailyQuota(catalog)).toBe(true);
  });

  test.each([
    ['Sandbox', 'Sandbox'],
    ['a token', Lazy.string({ produce: () => 'AWS' })],
    ['a parameter', new CfnParameter(new Stack(), 'Catalog').valueAsString],
    ['no catalog', undefined],
    ['a value that is not a string', { Ref: 'Catalog' }],
    ['a name that only contains aws', 'AWSX'],
  ])('%s does not count', (_name, catalog) => {
    expect(countsAgainstDailyQuota(catalog)).toBe(false);
  });
});
