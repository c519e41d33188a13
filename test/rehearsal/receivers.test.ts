import { runRehearse } from '../../tools/cli/rehearse-command';
import type { RehearsalResult } from '../../tools/rehearsal/result';
import { expectNothingPersonal, HANDLER, inAccount, inTempDir, invitation, PROVIDER, writeAssembly } from '../support/rehearsal';

/** One stack whose two invitations go to receivers outside the app: a partner profile and an account. */
const SENDER = {
  Resources: {
    ...PROVIDER,
    CoSell: invitation({ ReceiverIdentifier: 'pprofile-outsider00001' }),
    Subsidiary: invitation({ ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: '999988887777' }),
  },
};

/** Runs `rehearse --receiver <answer>` twice, as text and as --json. */
async function run(answer: string): Promise<{ code: number; text: string; result: RehearsalResult }> {
  return inTempDir(async (dir) => {
    writeAssembly(dir, [['Sender', SENDER, [], inAccount('444455556666')]]);
    const out: string[] = [];
    const json: string[] = [];
    const err: string[] = [];
    const code = await runRehearse([dir, '--handler', HANDLER, '--receiver', answer], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(err.join('')).toBe('');
    expect(await runRehearse([dir, '--handler', HANDLER, '--receiver', answer, '--json'], { stdout: (t) => json.push(t), stderr: () => undefined })).toBe(code);
    return { code, text: out.join(''), result: JSON.parse(json.join('')) as RehearsalResult };
  });
}

describe('rehearse --receiver: what receivers outside the app answer, and how the sender\'s stack reacts', () => {
  test.each([
    // answer, the invitations' status after it, whether the replacement keeps the invitation, the status the Deletes leave
    ['accept', 'ACCEPTED', true, ['ACCEPTED', 'ACCEPTED']],
    ['reject', 'REJECTED', false, ['REJECTED', 'CANCELED']],
    ['expire', 'EXPIRED', false, ['EXPIRED', 'CANCELED']],
    ['ignore', 'PENDING', false, ['CANCELED', 'CANCELED']],
  ] as const)('--receiver %s', async (answer, status, kept, deleted) => {
    const { code, text, result } = await run(answer);
    expect(code).toBe(0);
    expect(result.receiver).toBe(answer);

    // The answer, played as each receiver's account.
    expect(result.answers.map((a) => [a.logicalId, a.receiverInApp, a.answer, a.status])).toEqual([
      ['CoSell', false, answer, status],
      ['Subsidiary', false, answer, status],
    ]);
    for (const a of result.answers) {
      if (answer === 'accept') {
        // The receiver's own AcceptConnectionInvitation made a connection the sender sees.
        expect(a.connectionId).toMatch(/^pac-[A-Za-z0-9]{13}$/);
        expect(a.connectionStatus).toBe('ACTIVE');
      } else {
        expect(a.connectionId).toBeUndefined();
      }
    }
    const [coSell] = result.stacks[0].invitations;
    expect(text).toMatch(new RegExp(`^ {2}Sender/CoSell +${coSell.invitationId} +pprofile-outsider00001 +outside the app: --receiver ${answer} +${status} +${answer === 'accept' ? `${result.answers[0].connectionId} OPPORTUNITY_COLLABORATION ACTIVE` : '-'}$`, 'm'));
    expect(text).toMatch(new RegExp(`^ {2}next: ${status}: `, 'm'));

    // The sender's next Update (the replacement of CoSell's message) and the Deletes.
    const [update] = result.events.filter((e) => e.phase === 'update');
    expect(update.physicalId).toBe(coSell.invitationId);
    expect(update.responsePhysicalId === coSell.invitationId).toBe(kept);
    expect(update.note).toBe(`Message changed; ${kept ? 'updated in place' : 'replaced by a new invitation'}`);
    if (kept) expect(update.invitationStatus).toBe('ACCEPTED');
    const cleanup = result.events.filter((e) => e.phase === 'cleanup');
    expect(cleanup.map((e) => [e.physicalId, e.invitationStatus])).toEqual(kept ? [] : [[coSell.invitationId, answer === 'ignore' ? 'CANCELED' : status]]);
    expect(result.events.filter((e) => e.phase === 'destroy').map((e) => [e.logicalId, e.status, e.invitationStatus])).toEqual([
      ['Subsidiary', 'SUCCESS', deleted[0]],
      ['CoSell', 'SUCCESS', deleted[1]],
    ]);
    expectNothingPersonal(text);
  });
});
