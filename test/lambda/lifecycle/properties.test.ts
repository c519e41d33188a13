/**
 * The reading of ResourceProperties (lambda/lifecycle/properties.ts): the six fields and the
 * ClientToken, or problems that name the field and never echo a personal value.
 */
import { readProperties } from '../../../lambda/lifecycle/properties';
import { FIELDS } from '../../support/invitation-fields';

describe('properties', () => {
  test('valid properties, with and without a ClientToken', () => {
    expect(readProperties({ ...FIELDS, ServiceToken: 'arn' })).toEqual({ ok: true, props: { fields: FIELDS, clientToken: undefined } });
    expect(readProperties({ ...FIELDS, ClientToken: 'abc' })).toEqual({ ok: true, props: { fields: FIELDS, clientToken: 'abc' } });
  });

  test('problems name the field and never echo personal values', () => {
    const r = readProperties({ ...FIELDS, Email: 'secret-person', Name: 'Tab\there', Message: 42, Catalog: 'has space', ClientToken: '' });
    expect(r).toEqual({
      ok: false,
      problems: [
        'Message must be a string (got number)',
        'Catalog must be letters, digits and hyphens (got "has space")',
        'ClientToken must be 1 to 64 characters long (got 0)',
        'Email must be a valid e-mail address (got a value of 13 characters)',
        'Name must be printable characters (no newlines, tabs or other control characters) (got a value of 8 characters)',
      ],
    });
    expect(JSON.stringify(r)).not.toContain('secret-person');
  });

  test.each([null, 'x', [], 7])('%p is not a property object', (raw) => {
    expect(readProperties(raw)).toEqual({ ok: false, problems: ['ResourceProperties must be an object'] });
  });
});
