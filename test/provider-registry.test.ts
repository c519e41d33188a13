/**
 * What a stack's invitations and accepters register with its provider, and the rules between
 * them that the constructs report at synth time: one invitation per receiver, one accepter per
 * invitation, one log retention, a provider configured once, and the reservation warning's moment.
 */
import { Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AccepterProviderRequest, DEFAULT_LOG_RETENTION, ProviderRegistry, ProviderRequest, reservedIdProblem } from '../src/private/provider-registry';

const INVITATION: ProviderRequest = { catalog: 'Sandbox', connectionType: 'OPPORTUNITY_COLLABORATION', receiverIdentifier: 'pprofile-a' };
const ACCEPTER: AccepterProviderRequest = { catalog: 'Sandbox', bySender: false, cancelOnDelete: false, invitationKey: 'ci-1' };

describe('invitations', () => {
  test('a second invitation to the same receiver, catalog and connection type is refused, naming both', () => {
    const registry = new ProviderRegistry();
    registry.register('S/First', INVITATION);
    expect(registry.conflicts('S/Second', INVITATION)).toEqual([expect.stringMatching(
      /^S\/Second invites pprofile-a \(OPPORTUNITY_COLLABORATION, catalog Sandbox\) as S\/First already does/)]);
    expect(registry.conflicts('S/Other', { ...INVITATION, receiverIdentifier: 'pprofile-b' })).toEqual([]);
    expect(registry.conflicts('S/Other', { ...INVITATION, catalog: 'AWS' })).toEqual([]);
  });

  test('a receiver that is a token is never taken for another', () => {
    const registry = new ProviderRegistry();
    const receiverIdentifier = Token.asString({ Ref: 'Receiver' });
    registry.register('S/First', { ...INVITATION, receiverIdentifier });
    expect(registry.conflicts('S/Second', { ...INVITATION, receiverIdentifier })).toEqual([]);
  });

  test('invitations of a stack share one log retention', () => {
    const registry = new ProviderRegistry();
    registry.register('S/First', { ...INVITATION, logRetention: logs.RetentionDays.ONE_WEEK });
    expect(registry.conflicts('S/Second', { ...INVITATION, receiverIdentifier: 'b', logRetention: logs.RetentionDays.INFINITE }))
      .toEqual([expect.stringContaining('(never expire) differs from that of S/First (7 days)')]);
    expect(registry.conflicts('S/Second', { ...INVITATION, receiverIdentifier: 'b', logRetention: logs.RetentionDays.ONE_WEEK })).toEqual([]);
    expect(registry.retentionDays()).toBe(7);
  });

  test('a configured retention or log group wins over an invitation\'s', () => {
    const configured = new ProviderRegistry({ props: { logRetention: logs.RetentionDays.ONE_MONTH }, configuredAt: 'S/Provider' });
    expect(configured.conflicts('S/I', { ...INVITATION, logRetention: logs.RetentionDays.ONE_WEEK }))
      .toEqual([expect.stringContaining('differs from that of the provider configured at S/Provider (30 days)')]);
    expect(configured.retentionDays()).toBe(30);
    const ownGroup = new ProviderRegistry({ props: { logGroup: {} as logs.ILogGroup }, configuredAt: 'S/Provider' });
    expect(ownGroup.conflicts('S/I', { ...INVITATION, logRetention: logs.RetentionDays.ONE_WEEK }))
      .toEqual([expect.stringContaining('cannot apply: the stack\'s provider writes to the log group given to InvitationProvider.configure at S/Provider')]);
  });

  test('the default retention, and never expire', () => {
    expect(new ProviderRegistry().retentionDays()).toBe(DEFAULT_LOG_RETENTION);
    const forever = new ProviderRegistry({ props: { logRetention: logs.RetentionDays.INFINITE }, configuredAt: 'S/Provider' });
    expect(forever.retentionDays()).toBeUndefined();
  });
});

describe('accepters', () => {
  test('an invitation is accepted once', () => {
    const registry = new ProviderRegistry();
    expect(registry.hasAccepters).toBe(false);
    registry.registerAccepter('S/A', ACCEPTER);
    expect(registry.hasAccepters).toBe(true);
    expect(registry.accepterConflicts('S/B', ACCEPTER)).toEqual(['S/B accepts the invitation that S/A already accepts: '
      + 'an invitation is accepted once, so declare one accepter per invitation']);
    expect(registry.accepterConflicts('S/B', { ...ACCEPTER, invitationKey: 'ci-2' })).toEqual([]);
  });

  test('the policy inputs hold each catalog once, and the sender searches apart', () => {
    const registry = new ProviderRegistry();
    registry.register('S/I', INVITATION);
    registry.register('S/J', { ...INVITATION, receiverIdentifier: 'pprofile-b' });
    registry.registerAccepter('S/A', ACCEPTER);
    registry.registerAccepter('S/B', { ...ACCEPTER, catalog: 'AWS', bySender: true, invitationKey: 'by-sender' });
    expect(registry.policyInputs({ logGroupArn: 'g', logStreamsArn: 'g:*', inVpc: false })).toEqual({
      logGroupArn: 'g',
      logStreamsArn: 'g:*',
      inVpc: false,
      invitationCatalogs: ['Sandbox'],
      accepterCatalogs: ['Sandbox', 'AWS'],
      senderSearchCatalogs: ['AWS'],
    });
  });
});

describe('the provider\'s configuration', () => {
  test('configured once, before the first invitation or accepter', () => {
    expect(new ProviderRegistry({ props: {}, configuredAt: 'S/Provider' }).configurationProblems())
      .toEqual([expect.stringMatching(/^the stack's provider was already configured at S\/Provider/)]);
    const byInvitation = new ProviderRegistry();
    byInvitation.register('S/I', INVITATION);
    expect(byInvitation.configurationProblems()).toEqual([expect.stringContaining('made with the defaults for the invitation S/I')]);
    const byAccepter = new ProviderRegistry();
    byAccepter.registerAccepter('S/A', ACCEPTER);
    expect(byAccepter.configurationProblems()).toEqual([expect.stringContaining('made with the defaults for the accepter S/A')]);
  });

  test('the reservation is outnumbered once, by the one beyond it, invitations and accepters alike', () => {
    const registry = new ProviderRegistry({ props: { reservedConcurrentExecutions: 2 }, configuredAt: 'S/Provider' });
    const moments: Array<number | undefined> = [];
    registry.register('S/I', INVITATION);
    moments.push(registry.justOutnumberedReservation());
    registry.registerAccepter('S/A', ACCEPTER);
    moments.push(registry.justOutnumberedReservation());
    registry.register('S/J', { ...INVITATION, receiverIdentifier: 'pprofile-b' });
    moments.push(registry.justOutnumberedReservation());
    registry.registerAccepter('S/B', { ...ACCEPTER, invitationKey: 'ci-2' });
    moments.push(registry.justOutnumberedReservation());
    expect(moments).toEqual([undefined, undefined, 2, undefined]);
  });

  test('no reservation, or a token, never warns', () => {
    const token = new ProviderRegistry({ props: { reservedConcurrentExecutions: Token.asNumber({ Ref: 'R' }) }, configuredAt: 'S/P' });
    token.register('S/I', INVITATION);
    token.register('S/J', { ...INVITATION, receiverIdentifier: 'pprofile-b' });
    expect(token.justOutnumberedReservation()).toBeUndefined();
  });
});

test('the provider\'s id, held by another construct or another copy of the library', () => {
  expect(reservedIdProblem('S/P', false)).toBe('S/P is reserved for the connection invitation provider, but another construct has that id');
  expect(reservedIdProblem('S/P', true)).toMatch(/another copy of cdk-partnercentral in this app: install one copy.*npm ls cdk-partnercentral/);
});
