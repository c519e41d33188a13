import {
  AWS_ACCOUNT_ID_PATTERN, CONNECTION_ARN_MAX_LENGTH, CONNECTION_ARN_PATTERN, CONNECTION_ID_PATTERN, INVITATION_ARN_MAX_LENGTH,
  INVITATION_ARN_PATTERN, INVITATION_ID_PATTERN, parseConnectionArn, parseInvitationArn, PARTNER_CENTRAL_REGION,
} from '../../src/api-constraints';
import { ACCEPTER_ATTRIBUTE_KEYS, ACCEPTER_RESOURCE_TYPE, ATTRIBUTE_KEYS, RESOURCE_TYPE } from '../../src/contract';
import { REHEARSAL_ACCOUNT } from '../../tools/cloudformation/assembly';
import { standInAccepterState, standInFor, standInState } from '../../tools/rehearsal/stand-in';

/** Logical ids of several kinds, each by a short name: the stand-in's id is made from the logical id. */
const LOGICAL_IDS: ReadonlyArray<readonly [string, string]> = [
  ['a plain one', 'Invitation'], ['a hashed one', 'SubsidiaryInvitationB7A2F1C3'], ['one letter', 'A'], ['the empty one', ''],
  ['255 characters', 'x'.repeat(255)], ['one with a slash', 'accepted/Invitation'], ['non-ASCII', '\u00dcberInvitation'],
];
/** The catalogs the ARN patterns take (letters only), and none (the default catalog). */
const CATALOGS: ReadonlyArray<{ Catalog?: string }> = [{ Catalog: 'AWS' }, { Catalog: 'Sandbox' }, {}];
const CASES = LOGICAL_IDS.flatMap(([name, logicalId]) => CATALOGS.map((props) => [name, props.Catalog ?? 'the default catalog', logicalId, props] as const));

describe("the rehearsal's stand-in of an invitation", () => {
  test.each(CASES)('%s logical id, %s: its id and ARN are in the shapes of the API and parse back', (_name, _catalog, logicalId, props) => {
    const { physicalId, attributes } = standInState(logicalId, props);
    const catalog = props.Catalog ?? 'AWS';
    expect(physicalId).toMatch(INVITATION_ID_PATTERN);
    expect(attributes.Id).toBe(physicalId);
    expect(attributes.Arn).toMatch(INVITATION_ARN_PATTERN);
    expect(attributes.Arn.length).toBeLessThanOrEqual(INVITATION_ARN_MAX_LENGTH);
    expect(attributes.Arn.split(':')[3]).toBe(PARTNER_CENTRAL_REGION);
    expect(parseInvitationArn(attributes.Arn)).toEqual({ catalog, id: physicalId });
    expect(attributes.Catalog).toBe(catalog);
    expect(Object.keys(attributes)).toEqual([...ATTRIBUTE_KEYS]);
  });

  test('is the same for the same logical id and differs between logical ids', () => {
    expect(standInState('Invitation', {})).toEqual(standInState('Invitation', {}));
    const ids = LOGICAL_IDS.map(([, logicalId]) => standInState(logicalId, {}).physicalId);
    expect(new Set(ids).size).toBe(LOGICAL_IDS.length);
  });
});

describe("the rehearsal's stand-in of an accepter", () => {
  test.each(CASES)('%s logical id, %s: its connection and invitation ids and ARNs are in the shapes of the API and parse back', (_name, _catalog, logicalId, props) => {
    const { physicalId, attributes } = standInAccepterState(logicalId, props);
    const catalog = props.Catalog ?? 'AWS';
    expect(attributes.ConnectionId).toMatch(CONNECTION_ID_PATTERN);
    expect(attributes.ConnectionArn).toMatch(CONNECTION_ARN_PATTERN);
    expect(attributes.ConnectionArn.length).toBeLessThanOrEqual(CONNECTION_ARN_MAX_LENGTH);
    expect(attributes.ConnectionArn.split(':')[3]).toBe(PARTNER_CENTRAL_REGION);
    expect(parseConnectionArn(attributes.ConnectionArn)).toEqual({ catalog, id: attributes.ConnectionId });
    expect(attributes.InvitationId).toMatch(INVITATION_ID_PATTERN);
    expect(attributes.InvitationId).toBe(physicalId);
    expect(parseInvitationArn(attributes.InvitationArn)).toEqual({ catalog, id: attributes.InvitationId });
    expect(attributes.OtherParticipantAccountId).toMatch(AWS_ACCOUNT_ID_PATTERN);
    expect(Object.keys(attributes)).toEqual([...ACCEPTER_ATTRIBUTE_KEYS]);
  });

  test('names the sender by its account id when it is one, and the rehearsal account otherwise', () => {
    expect(standInAccepterState('Accepter', { SenderIdentifier: '444455556666' }).attributes.OtherParticipantAccountId).toBe('444455556666');
    expect(standInAccepterState('Accepter', { SenderIdentifier: 'pprofile-0123456789abc' }).attributes.OtherParticipantAccountId).toBe(REHEARSAL_ACCOUNT);
    expect(standInAccepterState('Accepter', {}).attributes.OtherParticipantAccountId).toBe(REHEARSAL_ACCOUNT);
  });

  test('stands for a connection apart from the invitation of the same logical id', () => {
    expect(standInAccepterState('Same', {}).physicalId).not.toBe(standInState('Same', {}).physicalId);
  });
});

test('standInFor plays the accepter for its resource type and the invitation for the other', () => {
  expect(standInFor(ACCEPTER_RESOURCE_TYPE, 'R', { Catalog: 'Sandbox' })).toEqual(standInAccepterState('R', { Catalog: 'Sandbox' }));
  expect(standInFor(RESOURCE_TYPE, 'R', { Catalog: 'Sandbox' })).toEqual(standInState('R', { Catalog: 'Sandbox' }));
});
