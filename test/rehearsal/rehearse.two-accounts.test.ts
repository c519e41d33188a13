import * as fs from 'node:fs';
import { INVITATION_ID_PATTERN } from '../../src/api-constraints';
import { formatFailure, formatText } from '../../tools/cli/report';
import { REHEARSAL_ACCOUNT } from '../../tools/cloudformation/assembly';
import type { CfnTemplate } from '../../tools/cloudformation/template';
import type { RehearsalResult } from '../../tools/rehearsal/result';
import { accepter, expectNothingPersonal, HANDLER, inAccount, invitation, phase, PROVIDER, rehearseStacks } from '../support/rehearsal';

const PRIMARY = '444455556666';
const SELLER = '111122223333';
/** The partner profile id the sender invites; the receiver stack's accepter names the sender, so it is the receiver's. */
const IN_APP_PROFILE = 'pprofile-receiverapp01';
const OUTSIDE_PROFILE = 'pprofile-outsider00001';

/** The sender: a SUBSIDIARY invitation to the seller account, a co-sell one to the receiver's profile, one to a partner outside the app. */
const SENDER: CfnTemplate = {
  Resources: {
    ...PROVIDER,
    Subsidiary: invitation({ ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: SELLER }),
    CoSell: invitation({ ReceiverIdentifier: IN_APP_PROFILE }),
    Outside: invitation({ ReceiverIdentifier: OUTSIDE_PROFILE }),
  },
};

/** The receiver: accepts both of the sender's invitations to it, by sender. */
const RECEIVER: CfnTemplate = {
  Resources: {
    ...PROVIDER,
    AcceptSubsidiary: accepter({ SenderIdentifier: PRIMARY }, { Metadata: { 'aws:cdk:path': 'Receiver/AcceptSubsidiary/Resource/Default' } }),
    AcceptCoSell: accepter({ SenderIdentifier: PRIMARY, ConnectionType: 'OPPORTUNITY_COLLABORATION' }),
  },
  Outputs: {
    ConnectionId: { Value: { 'Fn::GetAtt': ['AcceptSubsidiary', 'ConnectionId'] } },
    Status: { Value: { 'Fn::GetAtt': ['AcceptSubsidiary', 'ConnectionTypeStatus'] } },
  },
};

describe('rehearsal of an app in two accounts', () => {
  let result: RehearsalResult;

  beforeAll(async () => {
    expect(fs.existsSync(HANDLER)).toBe(true);
    result = await rehearseStacks([['Sender', SENDER, [], inAccount(PRIMARY)], ['Receiver', RECEIVER, [], inAccount(SELLER)]]);
  });

  test('passes, each stack in its account', () => {
    expect(result.error).toBeUndefined();
    expect(result.stacks.map((s) => [s.displayName, s.account])).toEqual([['Sender', PRIMARY], ['Receiver', SELLER]]);
    expect(phase(result, 'deploy')).toEqual([
      ['Create', 'Sender/Subsidiary', 'SUCCESS'],
      ['Create', 'Sender/CoSell', 'SUCCESS'],
      ['Create', 'Sender/Outside', 'SUCCESS'],
      ['Create', 'Receiver/AcceptSubsidiary', 'SUCCESS'],
      ['Create', 'Receiver/AcceptCoSell', 'SUCCESS'],
    ]);
  });

  test('the receiver stack\'s handler signs as the receiver: it accepts what the sender\'s account sent it', () => {
    const sent = new Map(result.stacks[0].invitations.map((i) => [i.logicalId, i.invitationId]));
    const accepters = result.stacks[1].accepters;
    expect(accepters.map((a) => [a.logicalId, a.invitationId, a.invitationStatus, a.connectionStatus, a.otherParticipantAccountId])).toEqual([
      ['AcceptSubsidiary', sent.get('Subsidiary'), 'ACCEPTED', 'ACTIVE', PRIMARY],
      ['AcceptCoSell', sent.get('CoSell'), 'ACCEPTED', 'ACTIVE', PRIMARY],
    ]);
    // One connection between the two accounts, with both types.
    expect(accepters[0].connectionId).toMatch(/^pac-[A-Za-z0-9]{13}$/);
    expect(accepters[1].connectionId).toBe(accepters[0].connectionId);
    expect(result.stacks[1].outputs.map((o) => [o.name, o.value])).toEqual([['ConnectionId', accepters[0].connectionId], ['Status', 'ACTIVE']]);
  });

  test('the answers: accepted in the app, ignored outside it', () => {
    const connectionId = result.stacks[1].accepters[0].connectionId;
    expect(result.receiver).toBe('ignore');
    const rows = result.answers.map((a) => [a.logicalId, a.receiver, a.receiverInApp, a.accepter, a.answer, a.status,
      a.connectionId, a.connectionStatus]);
    expect(rows).toEqual([
      ['Subsidiary', SELLER, true, 'Receiver/AcceptSubsidiary', undefined, 'ACCEPTED', connectionId, 'ACTIVE'],
      ['CoSell', IN_APP_PROFILE, true, 'Receiver/AcceptCoSell', undefined, 'ACCEPTED', connectionId, 'ACTIVE'],
      ['Outside', OUTSIDE_PROFILE, false, undefined, 'ignore', 'PENDING', undefined, undefined],
    ]);
  });

  test('the sender\'s stack reacts: the accepted invitations are kept by the replacement and left by the Delete; the accepters leave the connection', () => {
    const update = result.events.filter((e) => e.phase === 'update');
    expect(update.map((e) => [e.logicalId, e.physicalId === e.responsePhysicalId, e.invitationStatus])).toEqual([['CoSell', true, 'ACCEPTED']]);
    expect(result.events.filter((e) => e.phase === 'destroy').map((e) => [`${e.stack}/${e.logicalId}`, e.status, e.invitationStatus])).toEqual([
      ['Receiver/AcceptCoSell', 'SUCCESS', 'ACCEPTED'],
      ['Receiver/AcceptSubsidiary', 'SUCCESS', 'ACCEPTED'],
      ['Sender/Outside', 'SUCCESS', 'CANCELED'],
      ['Sender/CoSell', 'SUCCESS', 'ACCEPTED'],
      ['Sender/Subsidiary', 'SUCCESS', 'ACCEPTED'],
    ]);
  });

  test('the report shows the accounts, who answered, and the connection', () => {
    const text = formatText(result);
    const connectionId = result.stacks[1].accepters[0].connectionId;
    expect(text).toContain(`  accounts: Sender in ${PRIMARY}; Receiver in ${SELLER}\n`);
    expect(text).toMatch(/^ {2}Receiver +accepter AcceptSubsidiary +pacinv-\w{13} +ACCEPTED +arn:aws:partnercentral:/m);
    expect(text).toContain('\nReceivers (who answered each invitation after the deploy)\n');
    expect(text).toMatch(/^ {2}INVITATION +ID +RECEIVER +ANSWERED BY +STATUS +CONNECTION$/m);
    expect(text).toMatch(new RegExp(`^ {2}Sender/Subsidiary +pacinv-\\w{13} +${SELLER} +Receiver/AcceptSubsidiary +ACCEPTED +${connectionId} SUBSIDIARY ACTIVE$`, 'm'));
    expect(text).toMatch(new RegExp(`^ {2}Sender/Outside +pacinv-\\w{13} +${OUTSIDE_PROFILE} +outside the app: --receiver ignore +PENDING +-$`, 'm'));
    expect(text).toContain('  next: ACCEPTED: an Update of Email, Name or Message keeps it');
    expect(text).toMatch(/\nRehearsal passed: 2 stacks, 3 invitations created, 2 accepted, 0 replaced, 1 canceled, 0 retained\. Nothing was sent to AWS\.\n$/);
    expectNothingPersonal(text);
    expectNothingPersonal(JSON.stringify(result));
  });
});

describe('the order of a sender and its accepter', () => {
  test('a stack without env.account plays the default account: an accepter naming it finds its invitation', async () => {
    const sender: CfnTemplate = { Resources: { ...PROVIDER, Subsidiary: invitation({ ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: SELLER }) } };
    const receiver: CfnTemplate = { Resources: { ...PROVIDER, Accept: accepter({ SenderIdentifier: REHEARSAL_ACCOUNT }) } };
    const result = await rehearseStacks([['Sender', sender], ['Receiver', receiver, [], inAccount(SELLER)]], { update: false });
    expect(result.error).toBeUndefined();
    expect(result.stacks.map((s) => s.account)).toEqual([REHEARSAL_ACCOUNT, SELLER]);
    expect(result.stacks[1].accepters[0]).toMatchObject({
      invitationId: result.stacks[0].invitations[0].invitationId,
      otherParticipantAccountId: REHEARSAL_ACCOUNT,
    });
  });

  test('an accepter deployed before its sender fails after its bounded wait, saying to deploy the sender first', async () => {
    // In the app's order, with nothing that orders them otherwise: the receiver's stack comes first.
    const result = await rehearseStacks([['Receiver', RECEIVER, [], inAccount(SELLER)], ['Sender', SENDER, [], inAccount(PRIMARY)]]);
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'failed', stack: 'Receiver', resource: 'AcceptSubsidiary (AcceptSubsidiary)' });
    expect(result.error!.message).toMatch(/^Receiver\/AcceptSubsidiary \(AcceptSubsidiary\): Create FAILED: No pending SUBSIDIARY invitation from 444455556666 was received \(waited 1 s\): deploy the sender's stack first/);
    expect(phase(result, 'deploy')).toEqual([['Create', 'Receiver/AcceptSubsidiary', 'FAILED']]);
    expect(result.stacks.map((s) => [s.displayName, s.deployed])).toEqual([['Receiver', false]]);
    expect(formatFailure(result)).toContain('deploy the sender\'s stack first');
    expect(result.events.filter((e) => e.phase === 'rollback').map((e) => [e.logicalId, e.status])).toEqual([['AcceptSubsidiary', 'SUCCESS']]);
    expect(result.stacks[0].invitations).toEqual([]);
    expect(INVITATION_ID_PATTERN.test(result.events[0].responsePhysicalId ?? '')).toBe(false);
  });
});
