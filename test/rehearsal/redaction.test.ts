/**
 * The rehearsal's privacy policy (tools/rehearsal/redaction.ts), built on the handler's scrubber
 * (lambda/scrub.ts): every personal value it has met is replaced wherever it occurs in a text, in
 * any case, encoded or with its whitespace changed, a value shorter than six characters only as a
 * whole word, and a result is redacted in every text that may echo one.
 */
import { PERSONAL_DATA, PersonalData } from '../../tools/rehearsal/redaction';
import type { RehearsalResult } from '../../tools/rehearsal/result';
import { seededRandom } from '../support/seeded-random';

const P = PERSONAL_DATA;

describe('PersonalData', () => {
  test('collects the personal members of properties and attributes, nothing else', () => {
    const data = new PersonalData();
    data.collect({
      Email: 'jane@example.com',
      Name: 'Jane Doe',
      Message: 'Welcome aboard',
      InviterEmail: 'boss@example.org',
      InviterName: 'The Boss',
      Catalog: 'Sandbox',
      ReceiverIdentifier: '123456789012',
      ParticipantType: 'RECEIVER',
    });
    expect(data.redact('jane@example.com Jane Doe Welcome aboard boss@example.org The Boss')).toBe([P, P, P, P, P].join(' '));
    expect(data.redact('Sandbox 123456789012 RECEIVER')).toBe('Sandbox 123456789012 RECEIVER');
  });

  test('ignores members that are empty or not strings', () => {
    const data = new PersonalData();
    data.collect({ Email: '', Name: 42, Message: undefined });
    expect(data.redact('')).toBe('');
    expect(data.redact('42')).toBe('42');
  });

  test('replaces every occurrence', () => {
    const data = new PersonalData();
    data.add('Jane');
    expect(data.redact('Jane wrote to Jane')).toBe(`${P} wrote to ${P}`);
  });

  test('the longest value first, so a longer one is not split by a shorter one inside it', () => {
    const data = new PersonalData();
    data.add('Jane');
    data.add('Jane Doe');
    expect(data.redact('from Jane Doe')).toBe(`from ${P}`);
    expect(data.redact('from Jane')).toBe(`from ${P}`);
  });

  test('a value under four characters only where it is the whole text', () => {
    const data = new PersonalData();
    data.add('Al');
    data.add('Bob');
    expect(data.redact('Al')).toBe(P);
    expect(data.redact('Bob')).toBe(P);
    expect(data.redact('Also Bobby')).toBe('Also Bobby');
    data.add('Eve!');
    expect(data.redact('said Eve!')).toBe(`said ${P}`);
  });

  test('a text without personal values is unchanged', () => {
    const data = new PersonalData();
    data.add('jane@example.com');
    expect(data.redact('CreateConnectionInvitation failed: 409')).toBe('CreateConnectionInvitation failed: 409');
  });

  test('redacts every text of a result that may echo a personal value, and only those', () => {
    const data = new PersonalData();
    data.add('jane@example.com');
    const secret = 'jane@example.com';
    const result: RehearsalResult = {
      ok: false,
      assembly: 'cdk.out',
      stacks: [{
        displayName: 'App',
        stackName: 'App',
        account: '111111111111',
        region: 'us-east-1',
        deployed: true,
        invitations: [{ logicalId: 'Invite', invitationId: 'ci-1', status: 'PENDING', arn: 'arn:x', retain: false }],
        accepters: [],
        outputs: [
          { name: 'Who', value: `to ${secret}`, warning: `reads ${secret}` },
          { name: 'Id', value: 'ci-1' },
        ],
        notes: [`note ${secret}`],
      }],
      events: [
        { phase: 'deploy', stack: 'App', logicalId: 'Invite', requestType: 'Create', status: 'FAILED', reason: `refused ${secret}` },
        { phase: 'deploy', stack: 'App', logicalId: 'Other', requestType: 'Create', status: 'SUCCESS' },
      ],
      receiver: 'ignore',
      answers: [],
      updateNotes: [`update ${secret}`],
      warnings: [`warning ${secret}`],
      error: { kind: 'failed', message: `failed for ${secret}`, stack: 'App' },
    };
    const redacted = data.redactResult(result);
    expect(JSON.stringify(redacted)).not.toContain(secret);
    expect(redacted).toEqual({
      ...result,
      stacks: [{
        ...result.stacks[0],
        outputs: [{ name: 'Who', value: `to ${P}`, warning: `reads ${P}` }, { name: 'Id', value: 'ci-1' }],
        notes: [`note ${P}`],
      }],
      events: [{ ...result.events[0], reason: `refused ${P}` }, result.events[1]],
      updateNotes: [`update ${P}`],
      warnings: [`warning ${P}`],
      error: { kind: 'failed', message: `failed for ${P}`, stack: 'App' },
    });
    expect('reason' in redacted.events[1]).toBe(false);
    expect('warning' in redacted.stacks[0].outputs[1]).toBe(false);
  });
});

describe('redact: the forms the handler\'s scrubber finds', () => {
  const data = new PersonalData();
  data.collect({ Email: 'jane@example.com', Name: 'Jane Doe', Message: 'Welcome aboard' });

  test.each([
    ['any case', 'to JANE@EXAMPLE.COM now', `to ${P} now`],
    ['percent-encoded', 'mailto=jane%40example.com&x=1', `mailto=${P}&x=1`],
    ['double percent-encoded', 'jane%2540example.com', P],
    ['HTML entities', '<b>jane&#64;example&period;com</b>', `<b>${P}</b>`],
    ['JSON escapes', '{"to":"jane\\u0040example.com"}', `{"to":"${P}"}`],
    ['whitespace changed', 'from Jane\n   Doe', `from ${P}`],
    ['whitespace removed', 'from JaneDoe', `from ${P}`],
    ['whitespace added', 'said W e l c o m e  a b o a r d', `said ${P}`],
    ['a plus for a space', 'q=Welcome+aboard', `q=${P}`],
  ])('%s', (_form, text, redacted) => {
    expect(data.redact(text)).toBe(redacted);
  });

  test('ordinary values stay: ARNs, patterns, addresses it has not met, the local part of one it has', () => {
    const partner = new PersonalData();
    partner.collect({ InviterEmail: 'partner@example.com' });
    for (const text of [
      'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-T9Y6V58JAEYZ4',
      'does not match AllowedPattern "[^@]+@example\\.org"',
      'someone@example.org',
      'the PartnerCentral emulator',
    ]) expect(partner.redact(text)).toBe(text);
  });

  test('acts on generated texts: every value in every form replaced, the words around it kept', () => {
    const random = seededRandom(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const letters = 'abcdefghijklmnop';
    const value = () => Array.from({ length: 3 + Math.floor(random() * 9) }, () => pick([...letters])).join('');
    const percent = (v: string) => [...v].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    const forms: Array<(v: string) => string> = [
      (v) => v,
      (v) => v.toUpperCase(),
      (v) => v[0].toUpperCase() + v.slice(1),
      percent,
      (v) => [...v].map((c) => `&#${c.charCodeAt(0)};`).join(''),
      (v) => [...v].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join(''),
    ];
    // Whitespace inside a value is found for values of six characters or more (shorter ones are whole words).
    const spaced = (v: string) => [...v].join(pick([' ', '\n', '\t ']));
    // Words of digits: they share no character with a value, so only values are replaced.
    const filler = () => String(Math.floor(random() * 100_000));
    let replaced = 0;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 6) }, value);
      const redaction = new PersonalData();
      values.forEach((v, i) => (i % 2 === 0 ? redaction.add(v) : redaction.collect({ Name: v })));
      for (let t = 0; t < 10; t++) {
        const parts: Array<{ text: string; personal: boolean }> = [{ text: filler(), personal: false }];
        for (let k = Math.floor(random() * 4); k > 0; k--) {
          const v = pick(values);
          const form = v.length >= 6 && random() < 0.2 ? spaced : pick(forms);
          parts.push({ text: form(v), personal: true }, { text: filler(), personal: false });
        }
        const text = parts.map((p) => p.text).join(' ');
        const expected = parts.map((p) => (p.personal ? P : p.text)).join(' ');
        replaced += parts.filter((p) => p.personal).length;
        expect(redaction.redact(text)).toBe(expected);
      }
    }
    expect(replaced).toBeGreaterThan(2000);
  });
});
