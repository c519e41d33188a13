import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  checkField, connectionArn, CONNECTION_ID_PATTERN, CONNECTION_TYPES, FIELD_RULES, INVITATION_ID_PATTERN, INVITATION_STATUSES, PARTICIPANT_TYPES,
  invitationArn, PARTNER_CENTRAL_REGION, PARTNER_PROFILE_ID_PATTERN, parseConnectionArn, parseInvitationArn, validateInvitationInput,
} from '../src/api-constraints';
import { Catalog } from '../src/catalog';
import { ConnectionType, InvitationStatus, ParticipantType } from '../src/enums';

const ROOT = path.join(__dirname, '..');

/** The library's sources and the READMEs: where its doc comments, messages and docs show example ARNs and ids. */
function documented(): Array<[string, string]> {
  const walk = (dir: string): string[] => fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));
  return [...walk('src'), 'README.md', 'lambda/README.md'].map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]);
}

/**
 * The doc comment in `file` of the member `readonly member` (or, for `@param member`, that
 * parameter's line), its lines joined with single spaces.
 */
function docOf(file: string, member: string): string {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const m = member.startsWith('@param ')
    ? new RegExp(`${member} ([^\\n]*)`).exec(text)
    : new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*readonly ${member}\\??:`).exec(text);
  if (!m) throw new Error(`${file} documents no ${member}`);
  return m[1].replace(/^\s*\* ?/gm, '').replace(/\s+/g, ' ');
}

/** The README's Limits paragraph: its field limits, lines joined with single spaces. */
function readmeLimits(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Limits');
  return readme.slice(start, readme.indexOf('\n\n', readme.indexOf('- Field limits', start))).replace(/\s+/g, ' ');
}

/** Every literal example of `pattern` in the documented files, as `file: example` (placeholders and prose prefixes left out). */
function examples(pattern: RegExp): string[] {
  return documented().flatMap(([file, text]) => [...text.matchAll(pattern)].map((m) => `${file}: ${m[0]}`));
}

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

test('invitationArn and connectionArn make the ARNs that parseInvitationArn and parseConnectionArn split back', () => {
  expect(invitationArn('Sandbox', 'pacinv-0123456789abc'))
    .toBe('arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-0123456789abc');
  expect(connectionArn('AWS', 'pac-0123456789abc', 'aws-cn')).toBe('arn:aws-cn:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789abc');
  expect(parseInvitationArn(invitationArn('AWS', 'pacinv-0123456789abc', 'aws-us-gov'))).toEqual({ catalog: 'AWS', id: 'pacinv-0123456789abc' });
  expect(parseConnectionArn(connectionArn('Sandbox', 'pac-0123456789abc'))).toEqual({ catalog: 'Sandbox', id: 'pac-0123456789abc' });
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

describe('the examples the docs and messages show', () => {
  test.each([
    ['invitation ARNs (in Partner Central\'s region)', /arn:aws:partnercentral:[a-z0-9-]*::catalog\/[A-Za-z0-9-]+\/connection-invitation\/[A-Za-z0-9-]+/g,
      (a: string) => parseInvitationArn(a) !== undefined && a.split(':')[3] === PARTNER_CENTRAL_REGION],
    ['connection ARNs (in Partner Central\'s region)', /arn:aws:partnercentral:[a-z0-9-]*::catalog\/[A-Za-z0-9-]+\/connection\/[A-Za-z0-9-]+/g,
      (a: string) => parseConnectionArn(a) !== undefined && a.split(':')[3] === PARTNER_CENTRAL_REGION],
    ['invitation ids', /\bpacinv-[A-Za-z0-9]+\b/g, (id: string) => INVITATION_ID_PATTERN.test(id)],
    ['connection ids', /\bpac-[A-Za-z0-9]+\b/g, (id: string) => CONNECTION_ID_PATTERN.test(id)],
    ['partner profile ids', /\bpprofile-[A-Za-z0-9]+\b/g, (id: string) => PARTNER_PROFILE_ID_PATTERN.test(id)],
  ])('%s: every example the docs and messages show is one the library accepts', (_name, pattern, valid) => {
    const found = examples(pattern);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((f) => !valid(f.slice(f.indexOf(': ') + 2)))).toEqual([]);
  });
});

describe('the field limits the docs state', () => {
  test.each([
    ['ReceiverIdentifier', 'src/connection-invitation.ts'],
    ['Email', 'src/connection-invitation.ts'],
    ['Name', 'src/connection-invitation.ts'],
    ['Message', 'src/connection-invitation.ts'],
    ['ClientToken', 'src/connection-invitation.ts'],
    ['Catalog', 'src/catalog.ts'],
  ] as const)('%s: the prop\'s doc comment and the README state the lengths of FIELD_RULES', (field, file) => {
    const { prop, minLength, maxLength } = FIELD_RULES[field];
    const doc = docOf(file, file === 'src/catalog.ts' ? '@param name' : prop); // Catalog.of's argument
    expect(doc).toMatch(new RegExp(`\\b(?:${minLength} to ${maxLength}\\b|at most ${maxLength} characters)`, 'i'));
    expect(readmeLimits()).toMatch(new RegExp(`\`?${prop}\`? (?:${minLength}-${maxLength}\\b|[^;]* at most ${maxLength} characters)`));
  });
});
