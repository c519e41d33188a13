/**
 * The rehearsal shows the AWS catalog's daily invitation quota up front: how many invitations
 * the app sends there and the quota (Partner Central's quota page: 50 a day), and the rehearsal's
 * emulator enforces it, so an app beyond it fails as its deployment on one day would.
 */
import { dailyQuotaLine, formatFailure, formatText } from '../../tools/cli/report';
import type { CfnResource } from '../../tools/cloudformation/template';
import { rehearse } from '../../tools/rehearsal/rehearse';
import { HANDLER, inAccount, invitation, PROVIDER, tempDirFor, writeAssembly } from '../support/rehearsal';

/** An invitation in the AWS catalog to the i-th made-up receiver. */
function awsInvitation(i: number): CfnResource {
  return invitation({ Catalog: 'AWS', ReceiverIdentifier: `pprofile-Quota${String(i).padStart(8, '0')}` });
}

describe('the daily invitation quota in the rehearsal', () => {
  const dir = tempDirFor('each');

  test('counts the AWS-catalog invitations of every stack (any spelling), not the Sandbox ones, and says so under the title', async () => {
    writeAssembly(dir(), [
      ['First', { Resources: { ...PROVIDER, One: awsInvitation(1), Sand: invitation({}) } }],
      ['Second', { Resources: { ...PROVIDER, Two: invitation({ Catalog: 'aws', ReceiverIdentifier: 'pprofile-Quota00000002' }) } }, ['First']],
    ]);
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER, update: false });
    expect(result.ok).toBe(true);
    expect(result.dailyQuota).toEqual({ catalog: 'AWS', invitations: 2, mostInOneAccount: 2, perDay: 50 });
    const lines = formatText(result).split('\n');
    expect(lines[1]).toBe('Daily quota: the app sends 2 connection invitations in the AWS catalog, where Partner Central allows 50 a day '
      + '(the Sandbox catalog\'s quota is not documented)');
  });

  test('an app of 51 AWS-catalog invitations is told up front, and its rehearsal fails on the 51st as one day\'s deployment would', async () => {
    const resources: Record<string, CfnResource> = { ...PROVIDER };
    for (let i = 1; i <= 51; i++) resources[`Invite${String(i).padStart(2, '0')}`] = awsInvitation(i);
    writeAssembly(dir(), [['Many', { Resources: resources }]]);
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER, update: false });
    expect(result.dailyQuota).toEqual({ catalog: 'AWS', invitations: 51, mostInOneAccount: 51, perDay: 50 });
    expect(result.ok).toBe(false);
    const text = formatText(result);
    expect(text.split('\n')[1]).toBe(dailyQuotaLine({ catalog: 'AWS', invitations: 51, mostInOneAccount: 51, perDay: 50 }));
    expect(text.split('\n')[1]).toMatch(
      /: deployed on one day, invitation 51 of that account and those after it fail with ServiceQuotaExceededException \(LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY\); spread them/);
    expect(result.stacks[0].invitations).toHaveLength(50);
    expect(formatFailure(result)).toMatch(/^Rehearsal failed: Many\/Invite51: Create FAILED: CreateConnectionInvitation failed: ServiceQuotaExceededException \(LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY\)/);
    // CloudFormation rolls the stack back: the 50 created are deleted (canceled).
    expect(result.events.filter((e) => e.phase === 'rollback' && e.invitationStatus === 'CANCELED')).toHaveLength(50);
  });

  test('counts per account, as the quota is: stacks in two accounts each send their own', async () => {
    writeAssembly(dir(), [
      ['Here', { Resources: { ...PROVIDER, One: awsInvitation(1), Two: awsInvitation(2) } }, [], inAccount('444455556666')],
      ['There', { Resources: { ...PROVIDER, Three: awsInvitation(3) } }, [], inAccount('111122223333')],
    ]);
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER, update: false });
    expect(result.ok).toBe(true);
    expect(result.dailyQuota).toEqual({ catalog: 'AWS', invitations: 3, mostInOneAccount: 2, perDay: 50 });
  });

  test('the line warns only when one account goes beyond the quota, and names how many that account sends', () => {
    const base = 'Daily quota: the app sends 60 connection invitations in the AWS catalog, where Partner Central allows 50 a day '
      + '(the Sandbox catalog\'s quota is not documented)';
    expect(dailyQuotaLine({ catalog: 'AWS', invitations: 60, mostInOneAccount: 30, perDay: 50 })).toBe(base);
    expect(dailyQuotaLine({ catalog: 'AWS', invitations: 60, mostInOneAccount: 51, perDay: 50 })).toBe(`${base} (51 from one account): deployed on one day, `
      + 'invitation 51 of that account and those after it fail with ServiceQuotaExceededException (LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY); '
      + 'spread them over several days or ask for a higher quota');
    expect(dailyQuotaLine({ catalog: 'AWS', invitations: 1, mostInOneAccount: 1, perDay: 50 })).toMatch(/^Daily quota: the app sends 1 connection invitation in /);
  });

  test('an app whose properties do not resolve offline has no count', async () => {
    writeAssembly(dir(), [['Unresolved', { Resources: { ...PROVIDER, Bad: invitation({ Catalog: { 'Fn::GetAtt': ['Nowhere', 'Catalog'] } }) } }]]);
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
    expect(result.ok).toBe(false);
    expect(result.dailyQuota).toBeUndefined();
    expect(formatText(result)).not.toContain('Daily quota');
  });
});
