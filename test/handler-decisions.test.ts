/**
 * The lifecycle's decisions as pure functions (lambda/lifecycle/decide-*.ts), without an API:
 * the Update table of lambda/README.md row by row, the chain of stale invitations of a create,
 * and what a Delete cancels.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiError } from '../lambda/api/errors';
import { afterCreate, isDuplicateRefusal, MAX_STALE_HOPS } from '../lambda/lifecycle/decide-create';
import { cancelsOnDelete, planDelete } from '../lambda/lifecycle/decide-delete';
import { isSweepCandidate, provesOurs } from '../lambda/lifecycle/decide-sweep';
import { currentCatalog, decideUpdate, oldPropertiesUnheld, propertiesChanged, type UpdateAction } from '../lambda/lifecycle/decide-update';
import { sameReceiver, sameRelationship } from '../lambda/lifecycle/relationship';
import type { Invitation, InvitationFields, InvitationProperties, InvitationStatusName, OldProperties } from '../lambda/types';
import { CONNECTION_TYPES } from '../src/api-constraints';

const ID = 'pacinv-AAAAAAAAAAAAA';
const OTHER_ID = 'pacinv-BBBBBBBBBBBBB';

const FIELDS: InvitationFields = {
  Catalog: 'Sandbox',
  ConnectionType: 'OPPORTUNITY_COLLABORATION',
  Email: 'alliances@example.com',
  Message: 'Let us co-sell on opportunities.',
  Name: 'Pat Example',
  ReceiverIdentifier: 'pprofile-0123456789abc',
};

/** The old properties as CloudFormation sends them back: the six fields, no ClientToken. */
const OLD: OldProperties = { ...FIELDS };

type ChangedField = keyof InvitationFields | 'ClientToken';

/** The new properties: the old ones with `changed` given other values. */
function changed(...fields: ChangedField[]): InvitationProperties {
  const next: Record<string, string> = { ...FIELDS };
  let clientToken: string | undefined;
  for (const f of fields) {
    if (f === 'ClientToken') clientToken = 'a-new-token';
    else if (f === 'ConnectionType') next[f] = CONNECTION_TYPES.find((t) => t !== FIELDS.ConnectionType)!;
    else if (f === 'Catalog') next[f] = 'AWS';
    else if (f === 'ReceiverIdentifier') next[f] = 'pprofile-other';
    else next[f] = `${FIELDS[f]} (changed)`;
  }
  return { fields: next as unknown as InvitationFields, clientToken };
}

/** The invitation the old properties made, in this state, as the API answers it. */
function invitation(status: InvitationStatusName): Invitation {
  return {
    Id: ID,
    Status: status,
    Catalog: FIELDS.Catalog,
    ConnectionType: FIELDS.ConnectionType,
    OtherParticipantIdentifier: FIELDS.ReceiverIdentifier,
  };
}

const WORDING: ChangedField[] = ['Email', 'Name', 'Message', 'ClientToken'];
const RELATIONSHIP: ChangedField[] = ['Catalog', 'ConnectionType', 'ReceiverIdentifier'];
const ANY: ChangedField[] = [...RELATIONSHIP, ...WORDING];

describe('the Update table of lambda/README.md', () => {
  /** The rows of the table, verbatim: Current, Change, Result. */
  const TABLE: Array<[string, string, string]> = [
    ['gone (404)', 'any', 'new invitation'],
    ['PENDING', 'any', "new invitation (replacement); CloudFormation's cleanup Delete cancels the old one afterwards"],
    ['ACCEPTED', 'Email, Name, Message, ClientToken only', 'kept (same id, no e-mail to a partner already connected)'],
    ['ACCEPTED', 'Catalog, ConnectionType or ReceiverIdentifier', 'new invitation; the cleanup Delete leaves the accepted one alone'],
    ['REJECTED, EXPIRED, CANCELED', 'any', 'new invitation (how a user re-invites)'],
  ];

  /** The Current column: the states it names (undefined: the invitation is gone). */
  const CURRENT: Record<string, Array<InvitationStatusName | undefined>> = {
    'gone (404)': [undefined],
    'PENDING': ['PENDING'],
    'ACCEPTED': ['ACCEPTED'],
    'REJECTED, EXPIRED, CANCELED': ['REJECTED', 'EXPIRED', 'CANCELED'],
  };

  /** The Change column: the changes it names, one field at a time and all together. */
  const CHANGES: Record<string, ChangedField[][]> = {
    'any': [...ANY.map((f) => [f]), ANY, WORDING, RELATIONSHIP],
    'Email, Name, Message, ClientToken only': [...WORDING.map((f) => [f]), WORDING],
    'Catalog, ConnectionType or ReceiverIdentifier': [...RELATIONSHIP.map((f) => [f]), RELATIONSHIP, ANY],
  };

  /** The Result column: the actions that do it. */
  const RESULTS: Record<string, readonly UpdateAction[]> = {
    'new invitation': ['create'],
    // Both replace: see the same-receiver rule below for which one.
    "new invitation (replacement); CloudFormation's cleanup Delete cancels the old one afterwards": ['replace', 'replace-cancel-first'],
    'kept (same id, no e-mail to a partner already connected)': ['keep'],
    'new invitation; the cleanup Delete leaves the accepted one alone': ['create-beside-accepted'],
    'new invitation (how a user re-invites)': ['re-invite'],
  };

  test('the README holds exactly these rows', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'lambda', 'README.md'), 'utf8').split('\n');
    const head = readme.indexOf('| Current | Change | Result |');
    expect(head).toBeGreaterThan(0);
    const rows: string[][] = [];
    for (const line of readme.slice(head + 2)) {
      if (!line.startsWith('|')) break;
      rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
    }
    expect(rows).toEqual(TABLE);
  });

  test.each(TABLE)('%s, change %s: %s', (current, change, result) => {
    const contrary: Array<{ status?: InvitationStatusName; fields: ChangedField[]; action: UpdateAction }> = [];
    for (const status of CURRENT[current]) {
      for (const fields of CHANGES[change]) {
        const action = decideUpdate(OLD, changed(...fields), status === undefined ? undefined : invitation(status));
        if (!RESULTS[result].includes(action)) contrary.push({ status, fields, action });
      }
    }
    expect(contrary).toEqual([]);
  });
});

describe('the other decisions of an Update', () => {
  test.each<InvitationStatusName>(['PENDING', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'CANCELED'])('unchanged properties, invitation %s: refresh its attributes', (status) => {
    expect(decideUpdate(OLD, changed(), invitation(status))).toBe('refresh');
  });

  test('unchanged properties, invitation gone: fail (a new one needs a change)', () => {
    expect(decideUpdate(OLD, changed(), undefined)).toBe('fail-gone');
  });

  // One pending invitation per receiver, catalog and connection type: the old one may have to go first.
  test.each<[string, UpdateAction, ChangedField[]]>([
    ['a wording change', 'replace-cancel-first', ['Message']],
    ['a new ClientToken', 'replace-cancel-first', ['ClientToken']],
    ['every wording field', 'replace-cancel-first', WORDING],
    ['another receiver', 'replace', ['ReceiverIdentifier']],
    ['another catalog', 'replace', ['Catalog']],
    ['another connection type', 'replace', ['ConnectionType']],
  ])('a PENDING invitation and %s: %s', (_what, action, fields) => {
    expect(decideUpdate(OLD, changed(...fields), invitation('PENDING'))).toBe(action);
  });

  test('the old properties, not the API spelling of the receiver, decide that the relationship is the same', () => {
    const spelled = { ...invitation('PENDING'), OtherParticipantIdentifier: FIELDS.ReceiverIdentifier.toUpperCase() };
    expect(decideUpdate(OLD, changed('Message'), spelled)).toBe('replace-cancel-first');
  });

  test('the sweep, the rollback check and the Update decision compare a receiver the same way (relationship.ts)', () => {
    const upper = FIELDS.ReceiverIdentifier.toUpperCase();
    const { ReceiverIdentifier: _receiver, ...withoutReceiver } = OLD;
    const spelled = { ...invitation('PENDING'), Catalog: FIELDS.Catalog, InvitationMessage: FIELDS.Message, OtherParticipantIdentifier: upper };
    expect(sameReceiver(upper, FIELDS.ReceiverIdentifier)).toBe(true);
    expect(sameReceiver(undefined, FIELDS.ReceiverIdentifier)).toBe(false);
    expect(sameRelationship(spelled, FIELDS)).toBe(true);
    expect(decideUpdate(withoutReceiver, changed('Message'), spelled)).toBe('replace-cancel-first');
    expect(oldPropertiesUnheld({ fields: FIELDS }, spelled)).toBe(false);
    expect(decideUpdate({ ...OLD, ReceiverIdentifier: upper }, changed('Message'), { ...spelled, Status: 'ACCEPTED' })).toBe('keep');
  });

  test('old properties without a relationship field fall back to the API answer', () => {
    const { ReceiverIdentifier: _receiver, ...withoutReceiver } = OLD;
    expect(decideUpdate(withoutReceiver, changed('Message'), invitation('PENDING'))).toBe('replace-cancel-first');
    const elsewhere = { ...invitation('PENDING'), OtherParticipantIdentifier: 'pprofile-someone-else' };
    expect(decideUpdate(withoutReceiver, changed('Message'), elsewhere)).toBe('replace');
  });

  test('an invitation in a state the table does not name is re-invited', () => {
    expect(decideUpdate(OLD, changed('Message'), { Id: ID })).toBe('re-invite');
  });

  test.each<[string, OldProperties, string]>([
    ['the old catalog', { ...OLD, Catalog: 'OldCatalog' }, 'OldCatalog'],
    ['the new catalog when the old one is invalid', { ...OLD, Catalog: 'not valid' }, 'Sandbox'],
    ['the new catalog when there is no old one', { Email: FIELDS.Email }, 'Sandbox'],
  ])('the current invitation is read in %s', (_what, old, catalog) => {
    expect(currentCatalog(old, changed())).toBe(catalog);
  });

  test.each<[string, boolean, OldProperties, InvitationProperties]>([
    ['the same properties', false, OLD, changed()],
    ['the message', true, OLD, changed('Message')],
    ['a ClientToken set', true, OLD, changed('ClientToken')],
    ['a ClientToken removed', true, { ...OLD, ClientToken: 'a-new-token' }, changed()],
    ['the same ClientToken', false, { ...OLD, ClientToken: 'a-new-token' }, changed('ClientToken')],
  ])('properties changed (%s): %s', (_what, expected, old, next) => {
    expect(propertiesChanged(old, next)).toBe(expected);
  });
});

describe('the decisions of a create', () => {
  test.each<[string, Invitation, string | undefined, number, boolean, ReturnType<typeof afterCreate>]>([
    ['a pending invitation', { Id: ID, Status: 'PENDING' }, undefined, 0, false, { next: 'done' }],
    ['an accepted invitation', { Id: ID, Status: 'ACCEPTED' }, undefined, 3, true, { next: 'done' }],
    ['a rejected invitation (adopted, not re-sent)', { Id: ID, Status: 'REJECTED' }, undefined, 0, true, { next: 'done' }],
    ['a canceled invitation that ended before the request', { Id: ID, Status: 'CANCELED' }, undefined, 0, true, { next: 'hop', salt: ID }],
    ['an expired invitation that ended before the request', { Id: OTHER_ID, Status: 'EXPIRED' }, undefined, MAX_STALE_HOPS - 1, true, { next: 'hop', salt: OTHER_ID }],
    ['a canceled invitation that ended after the request was issued (a late delivery)', { Id: ID, Status: 'CANCELED' }, undefined, 0, false, { next: 'done' }],
    ['an expired invitation that ended after the request was issued', { Id: ID, Status: 'EXPIRED' }, undefined, 4, false, { next: 'done' }],
    ['a canceled invitation after too many hops', { Id: ID, Status: 'CANCELED' }, undefined, MAX_STALE_HOPS, true, {
      next: 'fail',
      reason: `Too many earlier invitations with these properties in this stack (more than 20, all canceled or expired, the last ${ID}): `
        + 'change a property (for example the message) or set a clientToken to send a new invitation.',
    }],
    ['a canceled invitation of a user token', { Id: ID, Status: 'CANCELED' }, 'mine', 0, true, {
      next: 'fail',
      reason: `ClientToken "mine" was already used for invitation ${ID}, which is now CANCELED: set a new clientToken (or remove it) to send a new invitation.`,
    }],
    ['a canceled invitation of a user token, ended after the request', { Id: ID, Status: 'CANCELED' }, 'mine', 0, false, { next: 'done' }],
    ['a pending invitation of a user token', { Id: ID, Status: 'PENDING' }, 'mine', 0, true, { next: 'done' }],
  ])('%s', (_what, inv, userToken, hops, endedBefore, step) => {
    expect(afterCreate(inv, userToken, hops, endedBefore)).toEqual(step);
  });

  test.each<[string, boolean, unknown]>([
    ['a duplicate pending invitation', true, new ApiError('CreateConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'DUPLICATE_CONNECTION_INVITATION', details: [] })],
    ['a reused ClientToken', false, new ApiError('CreateConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', details: [] })],
    ['a validation error', false, new ApiError('CreateConnectionInvitation', { status: 400, name: 'ValidationException', details: [] })],
    ['another error', false, new Error('DUPLICATE_CONNECTION_INVITATION')],
  ])('%s may cancel the replaced invitation first: %s', (_what, expected, e) => {
    expect(isDuplicateRefusal(e)).toBe(expected);
  });
});

describe('the decisions of a Delete', () => {
  test.each<[string, string, unknown, ReturnType<typeof planDelete>]>([
    ['an invitation id', ID, 'Sandbox', { action: 'read', catalog: 'Sandbox' }],
    ['an unconfirmed-create marker', 'unconfirmed-1700000000-1700000013', 'Sandbox', { action: 'clean-up-unconfirmed', window: { from: 1_700_000_000, to: 1_700_000_013 } }],
    ['a failed-create id', 'create-failed-0b6c6a10', 'Sandbox', { action: 'nothing' }],
    ['an id this handler never made', 'something-else', undefined, { action: 'nothing' }],
    ['an invitation id without a catalog', ID, undefined, { action: 'fail', reason: `Cannot delete invitation ${ID}: Catalog is required` }],
    ['an invitation id with an invalid catalog', ID, 'not valid', { action: 'fail', reason: `Cannot delete invitation ${ID}: Catalog must be letters, digits and hyphens` }],
  ])('a Delete of %s: %j', (_what, phys, catalog, plan) => {
    expect(planDelete(phys, catalog)).toEqual(plan);
  });

  test.each<[InvitationStatusName, boolean]>([
    ['PENDING', true], ['ACCEPTED', false], ['REJECTED', false], ['EXPIRED', false], ['CANCELED', false],
  ])('a Delete cancels a %s invitation: %s', (status, cancel) => {
    expect(cancelsOnDelete(invitation(status))).toBe(cancel);
  });

  test('a gone invitation is left alone', () => {
    expect(cancelsOnDelete(undefined)).toBe(false);
  });

});

describe('the decisions of a sweep', () => {
  const from = Date.parse('2024-01-01T00:00:00Z');
  const to = from + 60_000;
  const summary: Invitation = {
    Id: ID,
    Status: 'PENDING',
    ParticipantType: 'SENDER',
    OtherParticipantIdentifier: FIELDS.ReceiverIdentifier,
    ConnectionType: FIELDS.ConnectionType,
    CreatedAt: '2024-01-01T00:00:30Z',
  };
  test.each<[string, boolean, Invitation]>([
    ['a pending invitation sent in the window', true, summary],
    ['one created at the start of the window', true, { ...summary, CreatedAt: from / 1000 }],
    ['one created at the end of the window', true, { ...summary, CreatedAt: '2024-01-01T00:01:00Z' }],
    ['a summary without its status', false, { ...summary, Status: undefined }],
    ['a summary without its participant type', false, { ...summary, ParticipantType: undefined }],
    ['one the resource holds', false, { ...summary, Id: OTHER_ID }],
    ['one created before the window', false, { ...summary, CreatedAt: '2023-12-31T23:59:59Z' }],
    ['one created after the window', false, { ...summary, CreatedAt: '2024-01-01T00:01:01Z' }],
    ['one without a creation time', false, { ...summary, CreatedAt: undefined }],
    ['one with an unreadable creation time', false, { ...summary, CreatedAt: 'yesterday' }],
    ['an accepted one', false, { ...summary, Status: 'ACCEPTED' }],
    ['a received one', false, { ...summary, ParticipantType: 'RECEIVER' }],
    ['one to another receiver', false, { ...summary, OtherParticipantIdentifier: 'pprofile-other' }],
    ['one of another connection type', false, { ...summary, ConnectionType: 'SUBSIDIARY' }],
    ['one without a valid id', false, { ...summary, Id: 'pacinv-short' }],
    ['one whose receiver the service spells in another case', true, { ...summary, OtherParticipantIdentifier: FIELDS.ReceiverIdentifier.toUpperCase() }],
  ])('a sweep reads %s: %s', (_what, cancel, s) => {
    expect(isSweepCandidate(s, FIELDS, { from, to }, new Set([OTHER_ID]))).toBe(cancel);
  });

  const full: Invitation = { ...summary, Catalog: FIELDS.Catalog, InvitationMessage: FIELDS.Message };
  test.each<[string, boolean, Invitation]>([
    ['the invitation of these properties', true, full],
    ['one with another message (another owner)', false, { ...full, InvitationMessage: 'Another message.' }],
    ['one without its message', false, { ...full, InvitationMessage: undefined }],
    ['one of another catalog', false, { ...full, Catalog: 'AWS' }],
    ['one no longer pending', false, { ...full, Status: 'ACCEPTED' }],
    ['one created outside the window', false, { ...full, CreatedAt: '2024-01-01T00:01:01Z' }],
    ['one whose receiver the service spells in another case', true, { ...full, OtherParticipantIdentifier: FIELDS.ReceiverIdentifier.toUpperCase() }],
  ])('a full read proves %s ours: %s', (_what, ours, inv) => {
    expect(provesOurs(inv, FIELDS, { from, to })).toBe(ours);
  });
});
