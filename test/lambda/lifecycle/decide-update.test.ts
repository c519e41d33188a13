/**
 * The decisions of an Update (lambda/lifecycle/decide-update.ts), without an API: the Update table
 * of lambda/README.md row by row, and the decisions beside it (the relationship compared as
 * relationship.ts compares it, the catalog, the old properties).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { currentCatalog, decideUpdate, oldPropertiesUnheld, propertiesChanged, type UpdateAction } from '../../../lambda/lifecycle/decide-update';
import { sameReceiver, sameRelationship } from '../../../lambda/lifecycle/relationship';
import type { InvitationProperties, InvitationStatusName, OldProperties } from '../../../lambda/types';
import { ANY, changed, type ChangedField, FIELDS, ID, invitation, OLD, RELATIONSHIP, WORDING } from '../../support/lifecycle-decisions';

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
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'lambda', 'README.md'), 'utf8').split('\n');
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
