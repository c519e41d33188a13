import { checkField, CONNECTION_TYPES, INVITATION_STATUSES, PARTICIPANT_TYPES, parseInvitationArn, validateInvitationInput } from '../src/api-constraints';
import { Catalog } from '../src/catalog';
import { ConnectionType, InvitationStatus, ParticipantType } from '../src/enums';

test('the public ConnectionType enum spells exactly the API\'s connection types', () => {
  expect(Object.values(ConnectionType).sort()).toEqual([...CONNECTION_TYPES].sort());
  expect(Object.entries(ConnectionType).every(([key, value]) => key === value)).toBe(true);
});

test('the public InvitationStatus enum spells exactly the states the handler reads', () => {
  expect(Object.values(InvitationStatus).sort()).toEqual([...INVITATION_STATUSES].sort());
});

test('the public ParticipantType enum spells exactly the sides the handler lists and compares', () => {
  expect(Object.values(ParticipantType).sort()).toEqual([...PARTICIPANT_TYPES].sort());
});

describe('checkField', () => {
  test.each([
    ['Email', 'partner@example.com'],
    ['Email', `${'a'.repeat(64)}@${'b'.repeat(60)}.example.com`],
    ['Message', 'Hello,\nlet us co-sell.'],
    ['Message', 'é'.repeat(256)],
    ['Name', 'Zoë Example'],
    ['ReceiverIdentifier', 'pprofile-0123456789abc'],
    ['ClientToken', 'abc_DEF-123'],
    ['Catalog', 'Sandbox'],
    ['ConnectionType', 'SUBSIDIARY'],
  ] as const)('%s accepts %j', (field, value) => {
    expect(checkField(field, value)).toBeUndefined();
  });

  test.each([
    ['Email', 'not-an-email', /must be a valid e-mail address/],
    ['Email', `${'a'.repeat(310)}@example.com`, /must be 1 to 320 characters long \(got 322\)/],
    ['Message', 'x'.repeat(257), /must be 1 to 256 characters long \(got 257\)/],
    ['Message', 'tab\there', /must be printable characters and newlines/],
    ['Message', '', /must be 1 to 256/],
    ['Name', 'two\nlines', /must be printable characters \(no newlines/],
    ['Name', 'n'.repeat(81), /1 to 80/],
    ['ReceiverIdentifier', 'has space', /letters, digits and hyphens/],
    ['ClientToken', 'a'.repeat(65), /1 to 64/],
    ['ClientToken', 'no.dots', /underscores/],
    ['Catalog', 'Sand box', /letters, digits and hyphens/],
    ['ConnectionType', 'FRIENDSHIP', /one of OPPORTUNITY_COLLABORATION, SUBSIDIARY/],
  ] as const)('%s rejects %j', (field, value, rule) => {
    expect(checkField(field, value)?.rule).toMatch(rule);
  });
});

describe('validateInvitationInput', () => {
  test('SUBSIDIARY needs a 12-digit account id', () => {
    expect(validateInvitationInput({ ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: 'pprofile-1' })).toEqual([
      expect.objectContaining({ field: 'ReceiverIdentifier', rule: expect.stringMatching(/12-digit AWS account id/) }),
    ]);
    expect(validateInvitationInput({ ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: '123456789012' })).toEqual([]);
  });

  test('unknown members are skipped', () => {
    expect(validateInvitationInput({ ConnectionType: 'SUBSIDIARY' })).toEqual([]);
  });
});

test('parseInvitationArn', () => {
  expect(parseInvitationArn('arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-0123456789abc'))
    .toEqual({ catalog: 'Sandbox', id: 'pacinv-0123456789abc' });
  expect(parseInvitationArn('arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pacinv-0123456789abc')).toBeUndefined();
});

describe('Catalog', () => {
  test('of() returns the documented catalogs themselves, and keeps other names as given', () => {
    expect(Catalog.of('AWS')).toBe(Catalog.AWS);
    expect(Catalog.of('Sandbox')).toBe(Catalog.SANDBOX);
    expect(Catalog.of('Partner-Test').name).toBe('Partner-Test');
    expect(Catalog.of('sandbox')).not.toBe(Catalog.SANDBOX);
  });

  test('of() takes any name: the construct that uses the catalog checks it with its other props', () => {
    expect(Catalog.of('Sand box').name).toBe('Sand box');
  });
});
