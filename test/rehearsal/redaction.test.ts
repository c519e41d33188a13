/**
 * The rehearsal's privacy policy (tools/rehearsal/redaction.ts): every personal value it has met
 * is replaced wherever it occurs in a text, a value shorter than four characters only where it is
 * the whole text, and a result is redacted in every text that may echo one.
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

describe('redact', () => {
  /** The policy as stated: every value, longest first, replaced in the text as the earlier ones left it. */
  function oneByOne(values: readonly string[], text: string): string {
    let out = text;
    for (const v of [...new Set(values)].sort((a, b) => b.length - a.length)) {
      if (out === v) return P;
      if (v.length >= 4) out = out.split(v).join(P);
    }
    return out;
  }


  test('acts as the value-by-value policy on texts that hold values, overlaps, parts of the placeholder or none', () => {
    const random = seededRandom(11);
    // Letters of the placeholder too, so a replacement can make (or break) an occurrence of another value.
    const alphabet = 'adt <>pers-onl';
    const word = (max: number) => Array.from({ length: 1 + Math.floor(random() * max) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    let changed = 0;
    for (let round = 0; round < 400; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 12) }, () => (random() < 0.2 ? P.slice(Math.floor(random() * 8)) : word(9)));
      const data = new PersonalData();
      values.forEach((v, i) => (i % 2 === 0 ? data.add(v) : data.collect({ Message: v })));
      for (let t = 0; t < 10; t++) {
        const text = random() < 0.15
          ? values[Math.floor(random() * values.length)]
          : Array.from({ length: Math.floor(random() * 5) }, () => (random() < 0.5 ? values[Math.floor(random() * values.length)] : word(6))).join('');
        const expected = oneByOne(values, text);
        if (expected !== text) changed++;
        expect(data.redact(text)).toBe(expected);
      }
      // Values met later count from then on.
      const late = word(7);
      data.add(late);
      expect(data.redact(`x${late}y`)).toBe(oneByOne([...values, late], `x${late}y`));
    }
    expect(changed).toBeGreaterThan(1000);
  });
});
