/**
 * Privacy against a hostile service: through the emulator over real HTTP with SigV4 and the
 * CloudFormation driver, an error answer echoes the request's personal values and the
 * function's credentials in every form of tools/emulator/hostile.ts, in `__type`, `code`,
 * `x-amzn-errortype`, the message, `Reason`, `ErrorDetails` and other members. For every form,
 * no log line, no Reason and no Data value contains a value in any form, while the structure
 * stays: the operation, the known error name (or `UnrecognizedError`), the Reason code (or
 * `UNRECOGNIZED_REASON`).
 *
 * The check is the emulator's own generator of forms (an oracle written apart from
 * lambda/scrub.ts), applied to every value and every form, plus a whitespace- and case-blind
 * search for the plain value.
 */
import { props, SESSION_TOKEN, World } from './support/handler-harness';
import { TEST_CREDENTIALS } from './support/sdk-wire';
import { rawCall } from './support/signed-http';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../tools/emulator/credentials';
import { ECHO_FORMS, writeInForm, type EchoForm, type HostileError } from '../tools/emulator/hostile';
import type { Operation } from '../tools/emulator/model';

/** The length lambda/README.md states: a fragment this long is scrubbed from the server's text. */
const PREFIX_LENGTH = 8;

const P = props();
const PERSONAL = [P.Email, P.Name, P.Message, P.ReceiverIdentifier];
const CREDENTIALS = [DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, SESSION_TOKEN];

/** Every way a value could show: each form of the oracle (a prefix without its `...`). */
function shownForms(value: string): string[] {
  return ECHO_FORMS.map((f) => writeInForm(value, f, PREFIX_LENGTH).replace(/\.\.\.$/, '').toLowerCase());
}

/** The values found in a text, with the form they were found in. */
function leaksIn(text: string, values: readonly string[]): string[] {
  const lower = text.toLowerCase();
  const tight = lower.replace(/\s+/g, '');
  const found: string[] = [];
  for (const v of values) {
    ECHO_FORMS.forEach((form, k) => {
      const shown = shownForms(v)[k];
      if (lower.includes(shown)) found.push(`${JSON.stringify(v)} as ${form}`);
    });
    if (tight.includes(v.toLowerCase().replace(/\s+/g, ''))) found.push(`${JSON.stringify(v)} without whitespace`);
  }
  return [...new Set(found)];
}

let w: World;
beforeAll(async () => {
  // Virtual time: a stalled machine cannot time out the attempt that got the hostile answer
  // (the retry would then get an honest one, and the scrub would go untested).
  w = await World.start({ virtualTime: true });
});
afterAll(async () => {
  await w.stop();
});
beforeEach(() => {
  w.emulator.reset();
  w.logs.length = 0;
});

/** Everything that left the handler for a reader: log lines, the Reason, the Data values but the receiver's own attribute. */
function published(d: { response: { Reason?: string; Data?: Record<string, string> } }): string {
  const data = Object.entries(d.response.Data ?? {}).filter(([k]) => k !== 'OtherParticipantIdentifier').map(([, v]) => v);
  return [...w.logs, d.response.Reason ?? '', ...data].join('\n');
}

function apiLines(): Array<Record<string, unknown>> {
  return w.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.kind === 'api');
}

function hostile(operation: Operation, error: HostileError, times = 1) {
  w.emulator.inject({ operation, hostile: { values: PERSONAL, ...error }, times });
}

describe.each(ECHO_FORMS.map((f) => [f] as const))('a hostile service echoing in the %s form', (form: EchoForm) => {
  test('Create refused: the Reason keeps operation, name and code, and nothing of the values', async () => {
    hostile('CreateConnectionInvitation', { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED', form });
    const d = await w.send(w.cfn.createEvent('Invite', P));
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation failed: ValidationException \(REQUEST_VALIDATION_FAILED\): /);
    expect(d.response.Reason).toContain('UnrecognizedField');
    expect(d.response.Reason).toContain('(UNRECOGNIZED_CODE)');
    expect(apiLines().map((l) => [l.operation, l.status, l.errorName])).toContainEqual(['CreateConnectionInvitation', 400, 'ValidationException']);
    expect(leaksIn(published(d), [...PERSONAL, ...CREDENTIALS])).toEqual([]);
  });

  test('a name only in the header, the Reason echoed: the header name is kept, the Reason is a token', async () => {
    hostile('CreateConnectionInvitation', { status: 409, name: 'ConflictException', nameIn: 'header', form });
    const d = await w.send(w.cfn.createEvent('Invite', P));
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation failed: ConflictException \(UNRECOGNIZED_REASON\): /);
    expect(apiLines().map((l) => l.errorName)).toEqual(['ConflictException']);
    expect(leaksIn(published(d), [...PERSONAL, ...CREDENTIALS])).toEqual([]);
  });

  test('no name anywhere: UnrecognizedError in the Reason and the log line', async () => {
    hostile('CreateConnectionInvitation', { status: 403, name: 'AccessDeniedException', nameIn: 'nowhere', form });
    const d = await w.send(w.cfn.createEvent('Invite', P));
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation failed: UnrecognizedError \(UNRECOGNIZED_REASON\): /);
    expect(apiLines().map((l) => l.errorName)).toEqual(['UnrecognizedError']);
    expect(leaksIn(published(d), [...PERSONAL, ...CREDENTIALS])).toEqual([]);
  });

  test('retried 5xx on the read of an unchanged Update: SUCCESS, Data and logs free of the values', async () => {
    const id = await w.create('Invite', P);
    w.logs.length = 0;
    hostile('GetConnectionInvitation', { status: 500, name: 'InternalServerException', nameIn: 'code', form }, 2);
    const d = await w.send(w.cfn.updateEvent('Invite', id, P, P));
    expect(d.response.Status).toBe('SUCCESS');
    expect(d.response.Data?.Id).toBe(id);
    expect(d.response.Data?.OtherParticipantIdentifier).toBe(P.ReceiverIdentifier);
    expect(apiLines().map((l) => [l.operation, l.status, l.errorName ?? ''])).toEqual([
      ['GetConnectionInvitation', 500, 'InternalServerException'],
      ['GetConnectionInvitation', 500, 'InternalServerException'],
      ['GetConnectionInvitation', 200, ''],
    ]);
    expect(leaksIn(published(d), [...PERSONAL, ...CREDENTIALS])).toEqual([]);
  });

  test('a Delete whose cancel is refused: the Reason keeps the cancel, its name and code', async () => {
    const id = await w.create('Invite', P);
    w.logs.length = 0;
    hostile('CancelConnectionInvitation', { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', form });
    const d = await w.send(w.cfn.deleteEvent('Invite', id, P));
    expect(d.response.Status).toBe('FAILED');
    expect(d.response.Reason).toMatch(/^CancelConnectionInvitation failed: ConflictException \(CONFLICT_CLIENT_TOKEN\): .*Invitation pacinv-\w{13} is still PENDING/);
    expect(leaksIn(published(d), [...PERSONAL, ...CREDENTIALS])).toEqual([]);
  });
});

describe('the words of the name, and where the scrub stops', () => {
  const refused = (message: string) => ({ operation: 'CreateConnectionInvitation' as const, error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED', message } });

  test.each([
    ['the name as "Last, First"', 'Invitation refused for Example, Pat', /Example|\bPat\b/],
    ['the surname alone', 'Sender Example is not registered', /Example/],
  ])('%s does not reach the Reason or the log line', async (_what, message, leaked) => {
    w.emulator.inject(refused(message));
    const d = await w.send(w.cfn.createEvent('Invite', props()));
    expect(d.response.Reason).toMatch(/^CreateConnectionInvitation failed: ValidationException \(REQUEST_VALIDATION_FAILED\)/);
    expect(published(d)).not.toMatch(leaked);
  });

  test(`the documented limit: a message cut to fewer than ${PREFIX_LENGTH} characters (whitespace not counted) reaches the Reason`, async () => {
    w.emulator.inject(refused('Message "Let us c" rejected'));
    const d = await w.send(w.cfn.createEvent('Invite', props()));
    expect(P.Message.startsWith('Let us c')).toBe(true);
    expect(d.response.Reason).toMatch(/Message "Let us c" rejected/);
  });
});

describe('the oracle', () => {
  test('finds each value in each form it writes (a check that can fail)', () => {
    const values = [...PERSONAL, ...CREDENTIALS];
    for (const v of values) {
      for (const form of ECHO_FORMS) {
        expect(leaksIn(`x ${writeInForm(v, form, PREFIX_LENGTH)} y`, values).length).toBeGreaterThan(0);
      }
    }
  });

  test.each(ECHO_FORMS.map((f) => [f] as const))('the hostile answer in the %s form holds every value of a signed request, in that form', async (form) => {
    w.emulator.inject({ operation: 'CreateConnectionInvitation', hostile: { status: 400, name: 'ValidationException', form, nameIn: 'nowhere' } });
    const input = { ...P, ClientToken: 'raw-call' };
    const a = await rawCall(w.emulator.endpoint, { target: 'PartnerCentralAccount.CreateConnectionInvitation', body: input, credentials: TEST_CREDENTIALS });
    expect(a.status).toBe(400);
    const echoed = [...PERSONAL, TEST_CREDENTIALS.accessKeyId, TEST_CREDENTIALS.secretAccessKey, TEST_CREDENTIALS.sessionToken ?? ''];
    for (const member of ['__type', 'code', 'Message', 'Reason']) {
      for (const v of echoed) expect(String(a.json?.[member])).toContain(writeInForm(v, form, PREFIX_LENGTH));
    }
    expect(String(a.headers['x-amzn-errortype'])).toContain(writeInForm(P.Email, form, PREFIX_LENGTH).replace(/[^\t\x20-\x7e]/g, '?'));
  });
});
