/**
 * The scrub rules of lambda/scrub.ts, one by one: the forms a value is found in, the whole-word
 * rule under WHOLE_WORD_BELOW, fragments of FRAGMENT_MIN in server text only, what stays, and
 * where the rules stop.
 */
import * as fc from 'fast-check';
import {
  createScrubber, credentialValues, EMAIL_TOKEN, FRAGMENT_MIN, NAME_WORD_MIN, nameWords, personalValues, REDACTED, scrubReason, sensitiveValues,
  WHOLE_WORD_BELOW,
} from '../../lambda/scrub';

const EMAIL = 'alliances@example.com';
const NAME = 'Pat Example';
const MESSAGE = 'Let us co-sell on opportunities.';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
const s = createScrubber([EMAIL, NAME, MESSAGE, TOKEN, 'Al', 'Zoë Müller']);

describe('the values of an event', () => {
  const event = {
    ResourceProperties: { Email: EMAIL, Name: NAME, Message: MESSAGE, ReceiverIdentifier: 'pprofile-1', Catalog: 'Sandbox' },
    OldResourceProperties: { Email: 'old@example.com', Name: '  ', Message: 7 },
  };
  const env = { AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEKEYID0000', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: TOKEN, AWS_REGION: 'us-east-1' };

  test('personal values: e-mail, name and message, old and new, non-blank strings only', () => {
    expect(personalValues(event)).toEqual([EMAIL, NAME, MESSAGE, 'old@example.com']);
    expect(personalValues('not an event')).toEqual([]);
  });

  test('sensitive values add the receiver and the credentials of the environment', () => {
    expect(sensitiveValues(event, env)).toEqual([EMAIL, NAME, MESSAGE, 'pprofile-1', 'old@example.com', 'ASIAEXAMPLEKEYID0000', 'secret', TOKEN]);
    expect(credentialValues({ AWS_ACCESS_KEY_ID: '' })).toEqual([]);
  });
});

describe('the forms a value is found in', () => {
  test.each([
    ['exact', `Email ${EMAIL} is blocked`, `Email ${REDACTED} is blocked`],
    ['upper case', `EMAIL ${EMAIL.toUpperCase()} IS BLOCKED`, `EMAIL ${REDACTED} IS BLOCKED`],
    ['mixed case', 'pAT eXAMPLE', REDACTED],
    ['percent-encoded', 'to alliances%40example.com now', `to ${REDACTED} now`],
    ['percent-encoded, lower-case hex', 'alliances%40example%2ecom', REDACTED],
    ['every byte percent-encoded', [...EMAIL].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''), REDACTED],
    ['plus for a space', 'name=Pat+Example', `name=${REDACTED}`],
    ['double percent-encoding', 'alliances%2540example.com', REDACTED],
    ['UTF-8 percent-encoding', 'Zo%C3%AB%20M%C3%BCller', REDACTED],
    ['named HTML entities', 'alliances&commat;example&period;com', REDACTED],
    ['decimal HTML entities', 'alliances&#64;example&#46;com', REDACTED],
    ['hex HTML entities, either case', 'alliances&#x40;example&#X2E;com', REDACTED],
    ['entities of every letter', [...NAME].map((c) => `&#${c.charCodeAt(0)};`).join(''), REDACTED],
    ['an entity-escaped non-breaking space', 'Pat&nbsp;Example', REDACTED],
    ['JSON escapes', 'Pat\\u0020Example', REDACTED],
    ['whitespace collapsed', 'PatExample', REDACTED],
    ['whitespace changed', 'Pat\n\t Example', REDACTED],
    ['whitespace added between characters', 'P a t E x a m p l e', REDACTED],
    ['zero-width characters', 'Pat\u200bExa\u200dmple', REDACTED],
    ['the local part of the e-mail', 'user alliances has no profile', `user ${REDACTED} has no profile`],
    ['the local part, upper-cased and encoded', 'ALLIANCES%20is unknown', `${REDACTED}%20is unknown`],
  ])('%s', (_title, text, expected) => {
    expect(s.serverText(text)).toBe(expected);
    expect(s.ownText(text)).toBe(expected);
  });

  test('a replaced span covers the whole encoded original, and the text around it stays', () => {
    expect(s.serverText('[&lt;Pat&gt; said: Pat%20Example!]')).toBe(`[&lt;Pat&gt; said: ${REDACTED}!]`);
  });
});

describe('fragments: server text only', () => {
  test(`a prefix of the message down to ${FRAGMENT_MIN} characters (whitespace not counted) is scrubbed`, () => {
    const prefix = 'Let us co-s'; // 'letusco-s' folded: 9 characters
    expect(s.serverText(`message "${prefix}..." too long`)).toBe(`message "${REDACTED}..." too long`);
    expect(s.serverText('LET US CO-SELL')).toBe(REDACTED);
  });

  test(`a prefix shorter than ${FRAGMENT_MIN} characters stays: the stated limit`, () => {
    expect(s.serverText('message "Let us c..."')).toBe('message "Let us c..."');
  });

  test('a tail or a middle part of the message, a truncated session token', () => {
    expect(s.serverText('...on opportunities.')).toBe(`...${REDACTED}`);
    expect(s.serverText('co-sell on opp')).toBe(REDACTED);
    expect(s.serverText(`token ${TOKEN.slice(0, 12)}`)).toBe(`token ${REDACTED}`);
  });

  test("the handler's own text keeps its words: fragments are not matched there", () => {
    expect(s.ownText('co-sell on opp')).toBe('co-sell on opp');
    expect(s.ownText(`token ${TOKEN.slice(0, 12)}`)).toBe(`token ${TOKEN.slice(0, 12)}`);
    expect(s.ownText(`whole ${TOKEN}`)).toBe(`whole ${REDACTED}`);
  });
});

describe(`values shorter than ${WHOLE_WORD_BELOW} characters`, () => {
  test('are matched as whole words only, in any case and encoding', () => {
    expect(s.ownText('Al, AL and al. Alice, Halo, Al5')).toBe(`${REDACTED}, ${REDACTED} and ${REDACTED}. Alice, Halo, Al5`);
    expect(s.ownText('name=Al&x')).toBe(`name=${REDACTED}&x`);
    expect(s.ownText('&#65;&#108; said')).toBe(`${REDACTED} said`);
  });

  test(`a value of ${WHOLE_WORD_BELOW} characters or more is matched inside words`, () => {
    const t = createScrubber(['Sophie']);
    expect(t.ownText('MySophieCorp')).toBe(`My${REDACTED}Corp`);
    const u = createScrubber(['Sophi']);
    expect(u.ownText('MySophiCorp and Sophi')).toBe(`MySophiCorp and ${REDACTED}`);
  });
});

describe(`the words of a name (${NAME_WORD_MIN} characters or more), each a whole word`, () => {
  const named = createScrubber([NAME], { words: nameWords({ ResourceProperties: { Name: 'Pat Example' }, OldResourceProperties: { Name: "Jo O'Neill-Smith" } }) });

  test(`the words are the name's runs of letters and digits of ${NAME_WORD_MIN} or more, old and new`, () => {
    expect(nameWords({ ResourceProperties: { Name: 'Pat Example' }, OldResourceProperties: { Name: "Jo O'Neill-Smith" } })).toEqual(['Pat', 'Example', 'Neill', 'Smith']);
    expect(nameWords({ ResourceProperties: { Name: 'Zoë Müller' } })).toEqual(['Zoë', 'Müller']);
    expect(nameWords('not an event')).toEqual([]);
  });

  test.each([
    ['the name as "Last, First"', 'Invitation refused for Example, Pat', `Invitation refused for ${REDACTED}, ${REDACTED}`],
    ['the surname alone', 'Sender Example is not registered', `Sender ${REDACTED} is not registered`],
    ['the first name alone, upper-cased', 'Sender PAT is not registered', `Sender ${REDACTED} is not registered`],
    ['a word of the old name, encoded', 'Contact Smith%2C%20J', `Contact ${REDACTED}%2C%20J`],
  ])('%s', (_what, text, expected) => {
    expect(named.serverText(text)).toBe(expected);
  });

  test('only as whole words: a word inside a longer word stays, as does a shorter word of the name', () => {
    expect(named.serverText('Counterexamples, Patterns, Smithy and Jo')).toBe('Counterexamples, Patterns, Smithy and Jo');
  });
});

describe('shapes', () => {
  test("another participant's e-mail address and an AWS access key id are replaced too", () => {
    expect(s.serverText('contact bob@corp.example now')).toBe(`contact ${EMAIL_TOKEN} now`);
    expect(s.serverText('bob%40corp.example')).toBe(EMAIL_TOKEN);
    expect(s.serverText('key akiaabcdefghijklmnop used')).toBe(`key ${REDACTED} used`);
  });
});

describe('what stays', () => {
  test('structure and unrelated text are left as they are', () => {
    const reason = 'CreateConnectionInvitation failed: ValidationException (REQUEST_VALIDATION_FAILED): Email: bad (INVALID_STRING_FORMAT)';
    expect(s.serverText(reason)).toBe(reason);
    expect(s.ownText(reason)).toBe(reason);
    expect(s.serverText('100% sure & fine + done')).toBe('100% sure & fine + done');
    expect(createScrubber([]).serverText('Pat Example')).toBe('Pat Example');
  });

  test('a reason longer than 8,000 characters is cut after scrubbing', () => {
    const out = scrubReason(`${'x'.repeat(200_000)}${EMAIL}`, [EMAIL]);
    expect(out).toBe(`${'x'.repeat(8_000)} [truncated]`);
    expect(scrubReason(`${'x'.repeat(7_975)} ${EMAIL} ${'y'.repeat(10)}`, [EMAIL])).toBe(`${'x'.repeat(7_975)} ${REDACTED} ${'y'.repeat(10)}`);
  });
});

describe('properties', () => {
  // Values of at least FRAGMENT_MIN printable characters, some of them spaces.
  const value = fc.stringMatching(/^[A-Za-z0-9 .@'-]{8,40}$/).filter((v) => v.replace(/\s/g, '').length >= FRAGMENT_MIN);
  const around = fc.stringMatching(/^[a-z ,:;]{0,20}$/);

  test('a value in any case, surrounded by anything, never survives (exact, encodeURIComponent, entities)', () => {
    fc.assert(fc.property(value, around, around, fc.constantFrom('exact', 'upper', 'percent', 'entities'), (v, before, after, form) => {
      const shown = form === 'upper' ? v.toUpperCase()
        : form === 'percent' ? encodeURIComponent(v)
          : form === 'entities' ? [...v].map((c) => `&#${c.codePointAt(0)};`).join('') : v;
      const out = createScrubber([v]).serverText(`${before}${shown}${after}`);
      expect(out.toLowerCase()).not.toContain(v.toLowerCase());
      expect(out).toContain(REDACTED);
    }), { seed: 20260410, numRuns: 300 });
  });
});
