import { PARTNER_PROFILE_ID_PATTERN } from '../../src/api-constraints';
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../../src/contract';
import { PRIMARY_ACCOUNT_ID } from '../../tools/emulator/accounts';
import { PlannedResource, rehearsalAccounts } from '../../tools/rehearsal/accounts';

const sent = (account: string, connectionType: string, receiver: string): PlannedResource => ({
  account, type: RESOURCE_TYPE, props: { ConnectionType: connectionType, ReceiverIdentifier: receiver },
});
const accepts = (account: string, connectionType: string, sender: string): PlannedResource => ({
  account, type: ACCEPTER_RESOURCE_TYPE, props: { ConnectionType: connectionType, SenderIdentifier: sender },
});

describe('the accounts a rehearsal plays', () => {
  test('one per stack account, with its own key; one per receiver outside the app', () => {
    const { appAccounts, emulatorAccounts } = rehearsalAccounts(['444455556666', '444455556666', '111122223333'], [
      sent('444455556666', 'SUBSIDIARY', '111122223333'),
      sent('444455556666', 'SUBSIDIARY', '999988887777'),
      sent('444455556666', 'OPPORTUNITY_COLLABORATION', 'pprofile-outsider00001'),
    ]);
    expect(appAccounts).toEqual(['444455556666', '111122223333']);
    expect(emulatorAccounts.map((a) => a.accountId).slice(0, 3)).toEqual(['444455556666', '111122223333', '999988887777']);
    expect(emulatorAccounts).toHaveLength(4);
    // the partner outside the app gets a made-up account with the profile it was invited by
    expect(emulatorAccounts[3].partnerProfileId).toBe('pprofile-outsider00001');
    expect(emulatorAccounts[3].accountId).toMatch(/^\d{12}$/);
    expect(new Set(emulatorAccounts.map((a) => a.accessKeyId)).size).toBe(4);
    expect(new Set(emulatorAccounts.map((a) => a.partnerProfileId)).size).toBe(4);
    for (const a of emulatorAccounts) expect(a.partnerProfileId).toMatch(PARTNER_PROFILE_ID_PATTERN);
  });

  test('an accepter naming its sender for co-selling takes the profile that sender invites', () => {
    const { emulatorAccounts } = rehearsalAccounts(['444455556666', '111122223333'], [
      sent('444455556666', 'OPPORTUNITY_COLLABORATION', 'pprofile-receiverapp01'),
      accepts('111122223333', 'OPPORTUNITY_COLLABORATION', '444455556666'),
    ]);
    expect(emulatorAccounts.map((a) => [a.accountId, a.partnerProfileId === 'pprofile-receiverapp01'])).toEqual([
      ['444455556666', false],
      ['111122223333', true],
    ]);
  });

  test('the emulator\'s primary account is reused, not added again; the same plan gives the same accounts', () => {
    const plan = [sent(PRIMARY_ACCOUNT_ID, 'SUBSIDIARY', '111122223333')];
    const first = rehearsalAccounts([PRIMARY_ACCOUNT_ID], plan);
    expect(first.appAccounts).toEqual([PRIMARY_ACCOUNT_ID]);
    expect(first.emulatorAccounts.map((a) => a.accountId)).toEqual(['111122223333']);
    expect(rehearsalAccounts([PRIMARY_ACCOUNT_ID], plan)).toEqual(first);
  });
});
