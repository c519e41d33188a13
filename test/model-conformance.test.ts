/**
 * The library's field rules (src/api-constraints.ts), the emulator (tools/emulator/) and the
 * handler's Reason tables (lambda/common/reasons.ts) checked against the published model of
 * the service, botocore's `partnercentral-account` 2025-04-04, read at test time. Where python3
 * or botocore is missing the test says so by name and is skipped, except in CI (`CI=true`),
 * where it fails. Facts of the Smithy model that botocore's JSON does not carry are written here
 * with their source.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { anchored, BotocoreModel, loadBotocoreModel, memberShape, shape } from './support/botocore-model';
import { KNOWN_FIELD_NAMES, KNOWN_REASONS } from '../lambda/api/known-names';
import { NOT_FOUND_ADVICE, QUOTA_ADVICE } from '../lambda/common/reasons';
import {
  CANCEL_CONNECTION_REASON_MAX_LENGTH, CONNECTION_ARN_MAX_LENGTH, CONNECTION_ID_PATTERN, FIELD_RULES, CONNECTION_TYPES, INVITATION_ARN_MAX_LENGTH,
  INVITATION_ID_PATTERN, INVITATION_STATUSES, InvitationField, LIST_MAX_RESULTS, PARTNER_PROFILE_ID_PATTERN, parseConnectionArn, parseInvitationArn,
} from '../src/api-constraints';
import { accountBook } from '../tools/emulator/accounts';
import { LIST_DEFAULT_MAX_RESULTS, NOT_FOUND_REASONS, PARTICIPANT_TYPES, QUOTA_REASONS } from '../tools/emulator/model';
import { AWS_CATALOG_QUOTAS } from '../tools/emulator/quotas';
import { ServiceError } from '../tools/emulator/service-error';
import { InvitationStore } from '../tools/emulator/store';
import { checkMaxResults, checkReason, type ValidationErrorDetail } from '../tools/emulator/validation';

/** Smithy model facts botocore's JSON lacks (API reference, Smithy model of 2025-04-04). */
const SMITHY_FACTS = {
  /** `ListConnectionInvitationsRequest$MaxResults` carries `@default(20)`. */
  listMaxResultsDefault: 20,
  /** `ListConnectionInvitationsRequest$OtherParticipantIdentifiers` carries `@uniqueItems`. */
  otherParticipantIdentifiersUnique: true,
};

const CREATE_MEMBER_SHAPES: Record<InvitationField, string> = {
  Catalog: 'Catalog',
  ClientToken: 'ClientToken',
  ConnectionType: 'ConnectionType',
  Email: 'Email',
  Message: 'Message',
  Name: 'Name',
  ReceiverIdentifier: 'ReceiverIdentifier',
};

const loaded = loadBotocoreModel();

/** Each sample is one `parse` reads exactly when the model's ARN `pattern` matches it. */
function expectParsedAsModel(parse: (arn: string) => unknown, pattern: string, samples: readonly string[]): void {
  const modelArn = anchored(pattern);
  for (const sample of samples) {
    expect([sample, parse(sample) !== undefined]).toEqual([sample, modelArn.test(sample)]);
  }
}

function newStore(quotas = {}): InvitationStore {
  return new InvitationStore({ clock: () => Date.UTC(2026, 0, 1), allowDuplicates: true, quotas, missingReceivers: ['pprofile-gone'], inviter: { email: 'a@example.com', name: 'A' } });
}

/** A store with two accounts: the primary (sender) and a receiver known by its profile and account id. */
function twoAccounts() {
  const book = accountBook(new Map([['AKIDSENDER', { secretAccessKey: 's' }]]), { email: 'a@example.com', name: 'A' }, [
    { accountId: '222222222222', partnerProfileId: 'pprofile-Receiver00001', accessKeyId: 'AKIDRECEIVER', secretAccessKey: 'r' },
  ]);
  const store = new InvitationStore({
    clock: () => Date.UTC(2026, 0, 1), allowDuplicates: true, quotas: {}, missingReceivers: [], inviter: { email: 'a@example.com', name: 'A' }, accounts: book.accounts,
  });
  const [sender, receiver] = book.accounts;
  const invite = (i: number, type = 'OPPORTUNITY_COLLABORATION'): string => store.execute('CreateConnectionInvitation', {
    ...createInput(i), ConnectionType: type, ReceiverIdentifier: type === 'SUBSIDIARY' ? receiver.accountId : receiver.partnerProfileId,
  }, sender).Id as string;
  return { store, sender, receiver, invite };
}

function createInput(i: number, catalog = 'Sandbox'): Record<string, unknown> {
  return { Catalog: catalog, ClientToken: `t-${i}`, ConnectionType: 'OPPORTUNITY_COLLABORATION', Email: 'b@example.com', Message: 'hi', Name: 'B', ReceiverIdentifier: `pprofile-${i}` };
}

function errorOf(f: () => unknown): ServiceError {
  try {
    f();
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('no error');
}

if ('missing' in loaded && process.env.CI !== 'true') {
  console.warn(`${loaded.missing}: the field rules were NOT checked against the service model; CI=true makes this a failure`);
  test.skip(`${loaded.missing}: the field rules were NOT checked against the service model`, () => undefined);
} else {
  const model = (): BotocoreModel => {
    if ('missing' in loaded) throw new Error(`${loaded.missing}: CI needs it to check the field rules against the service model`);
    return loaded;
  };

  test('the model is the one the library follows (2025-04-04, AWS JSON 1.0, signing name partnercentral-account)', () => {
    const m = model();
    expect(m.metadata).toMatchObject({ apiVersion: '2025-04-04', protocol: 'json', jsonVersion: '1.0', signingName: 'partnercentral-account', targetPrefix: 'PartnerCentralAccount' });
  });

  test.each(Object.keys(CREATE_MEMBER_SHAPES) as InvitationField[])('%s: length, pattern and enum as in CreateConnectionInvitationRequest', (field) => {
    const s = memberShape(model(), 'CreateConnectionInvitationRequest', CREATE_MEMBER_SHAPES[field]);
    const rule = FIELD_RULES[field];
    if (s.enum) {
      expect([...CONNECTION_TYPES]).toEqual(s.enum);
      expect(rule.pattern.source).toBe(`^(${s.enum.join('|')})$`);
      return;
    }
    expect({ min: rule.minLength, max: rule.maxLength, pattern: rule.pattern.source }).toEqual({ min: s.min, max: s.max, pattern: `^${s.pattern}$` });
    expect(rule.personal || !s.sensitive).toBe(true);
  });

  test('Create requires every member the library sends', () => {
    expect([...shape(model(), 'CreateConnectionInvitationRequest').required!].sort()).toEqual(Object.keys(FIELD_RULES).sort());
  });

  test('the invitation id, the ARN and the statuses', () => {
    const m = model();
    expect(INVITATION_ID_PATTERN.source).toBe(`^${shape(m, 'ConnectionInvitationId').pattern}$`);
    const arn = shape(m, 'ConnectionInvitationArn');
    expect(INVITATION_ARN_MAX_LENGTH).toBe(arn.max);
    expectParsedAsModel(parseInvitationArn, arn.pattern!, [
      'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abc',
      'arn:aws-cn:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-ABCDEFGHIJKLM',
      'arn:AWS:partnercentral:::catalog/sandbox/connection-invitation/pacinv-0123456789abc',
      'arn:aws:partnercentral:us-east-1::catalog/Sand-box/connection-invitation/pacinv-0123456789abc',
      'arn:aws:partnercentral:us-east-1::catalog/Sandbox2/connection-invitation/pacinv-0123456789abc',
      'arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/connection-invitation/pacinv-0123456789abc',
      'arn:aws:partnercentral:US-EAST-1::catalog/AWS/connection-invitation/pacinv-0123456789abc',
      'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789ab',
    ]);
    expect([...INVITATION_STATUSES]).toEqual(shape(m, 'InvitationStatus').enum);
    expect([...PARTICIPANT_TYPES]).toEqual(shape(m, 'ParticipantType').enum);
  });

  test('the longest Reason and the largest page: the library\'s and the emulator\'s', () => {
    const m = model();
    for (const structure of ['CancelConnectionRequest', 'RejectConnectionInvitationRequest']) {
      const reason = memberShape(m, structure, 'Reason');
      expect([structure, CANCEL_CONNECTION_REASON_MAX_LENGTH]).toEqual([structure, reason.max]);
      const details: ValidationErrorDetail[] = [];
      expect(checkReason({ Reason: 'r'.repeat(reason.max!) }, true, details)).toBe('r'.repeat(reason.max!));
      expect(checkReason({ Reason: 'r'.repeat(reason.max! + 1) }, true, details)).toBeUndefined();
      expect(details.map((d) => 'FieldValidationError' in d && d.FieldValidationError.Name)).toEqual(['Reason']);
    }
    for (const structure of ['ListConnectionInvitationsRequest', 'ListConnectionsRequest']) {
      const max = memberShape(m, structure, 'MaxResults');
      expect([structure, LIST_MAX_RESULTS]).toEqual([structure, max.max]);
      const details: ValidationErrorDetail[] = [];
      expect(checkMaxResults({ MaxResults: max.min }, 7, details)).toBe(max.min);
      expect(checkMaxResults({ MaxResults: max.max }, 7, details)).toBe(max.max);
      checkMaxResults({ MaxResults: max.min! - 1 }, 7, details);
      checkMaxResults({ MaxResults: max.max! + 1 }, 7, details);
      expect(details.map((d) => 'FieldValidationError' in d && d.FieldValidationError.Name)).toEqual(['MaxResults', 'MaxResults']);
    }
  });

  test('the connection id, its ARN and the partner profile id', () => {
    const m = model();
    expect(CONNECTION_ID_PATTERN.source).toBe(`^${shape(m, 'ConnectionId').pattern}$`);
    expect(PARTNER_PROFILE_ID_PATTERN.source).toBe(`^${shape(m, 'PartnerProfileId').pattern}$`);
    const arn = shape(m, 'ConnectionArn');
    expect(CONNECTION_ARN_MAX_LENGTH).toBe(arn.max);
    expectParsedAsModel(parseConnectionArn, arn.pattern!, [
      'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789abc',
      'arn:aws-cn:partnercentral:us-east-1::catalog/Sandbox/connection/pac-ABCDEFGHIJKLM',
      'arn:AWS:partnercentral:::catalog/sandbox/connection/pac-0123456789abc',
      'arn:aws:partnercentral:us-east-1::catalog/Sand-box/connection/pac-0123456789abc',
      'arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/connection/pac-0123456789abc',
      'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pac-0123456789ab',
      'arn:aws:partnercentral:us-east-1::catalog/AWS/connection/pacinv-0123456789abc',
      'arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pac-0123456789abc',
    ]);
  });

  test('the field names an error detail may show are the input members of the operations the handler calls', () => {
    const m = model();
    // The client's calls, read from its source: a call the list misses would leave its inputs out.
    const client = fs.readFileSync(path.join(__dirname, '..', 'lambda', 'api', 'client.ts'), 'utf8');
    const operations = [...new Set([...client.matchAll(/this\.call\('(\w+)'/g)].map((match) => match[1]))].sort();
    expect(operations).toHaveLength(7);
    const inputs = new Set(operations.flatMap((op) => Object.keys(shape(m, m.operations[op].input.shape).members!)));
    expect([...KNOWN_FIELD_NAMES].sort()).toEqual([...inputs].sort());
  });

  test('the Reason sets the handler advises on and the emulator produces are the model\'s', () => {
    const m = model();
    const quota = shape(m, 'ServiceQuotaExceededExceptionReason').enum!;
    const notFound = shape(m, 'ResourceNotFoundExceptionReason').enum!;
    expect(quota).toHaveLength(7);
    expect(Object.keys(QUOTA_ADVICE).sort()).toEqual([...quota].sort());
    expect([...QUOTA_REASONS].sort()).toEqual([...quota].sort());
    // Newer models add not-found reasons: every one of this model has advice.
    expect(Object.keys(NOT_FOUND_ADVICE).sort()).toEqual(expect.arrayContaining([...notFound].sort()));
    expect([...NOT_FOUND_REASONS].sort()).toEqual(expect.arrayContaining([...notFound].sort()));
    // The handler shows these Reasons as they are (others as UNRECOGNIZED_REASON).
    for (const r of [...quota, ...notFound]) expect([r, KNOWN_REASONS.has(r)]).toEqual([r, true]);
  });

  test('every error the emulator answers is one the model lists for the operation, with a Reason of its enum', () => {
    const m = model();
    const store = newStore({ Sandbox: { invitationsPerDay: 1, openInvitations: 1 } });
    const errors: Array<[string, ServiceError]> = [];
    errors.push(['CreateConnectionInvitation', errorOf(() => store.execute('CreateConnectionInvitation', {}))]);
    errors.push(['CreateConnectionInvitation', errorOf(() => store.execute('CreateConnectionInvitation', { ...createInput(1), ReceiverIdentifier: 'pprofile-gone' }))]);
    store.execute('CreateConnectionInvitation', createInput(2));
    errors.push(['CreateConnectionInvitation', errorOf(() => store.execute('CreateConnectionInvitation', createInput(3)))]);
    errors.push(['CreateConnectionInvitation', errorOf(() => store.execute('CreateConnectionInvitation', { ...createInput(2), Message: 'other' }))]);
    errors.push(['GetConnectionInvitation', errorOf(() => store.execute('GetConnectionInvitation', { Catalog: 'Sandbox', Identifier: 'pacinv-0000000000000' }))]);
    errors.push(['CancelConnectionInvitation', errorOf(() => store.execute('CancelConnectionInvitation', { Catalog: 'Sandbox', Identifier: 'pacinv-0000000000000', ClientToken: 'c' }))]);
    errors.push(['ListConnectionInvitations', errorOf(() => store.execute('ListConnectionInvitations', { Catalog: 'Sandbox', MaxResults: 0 }))]);
    for (const [op, e] of errors) {
      expect([op, m.operations[op].errors.map((x) => x.shape)]).toEqual([op, expect.arrayContaining([e.errorName])]);
      const s = shape(m, e.errorName);
      const body = e.toBody();
      for (const r of s.required ?? []) expect([e.errorName, r, body[r] !== undefined]).toEqual([e.errorName, r, true]);
      if (e.reason !== undefined) expect(shape(m, s.members!.Reason.shape).enum).toContain(e.reason);
    }
  });

  test('the emulator requires what the model requires and answers the members it marks required', () => {
    const m = model();
    const store = newStore();
    const created = store.execute('CreateConnectionInvitation', createInput(1));
    const inputs: Record<string, Record<string, unknown>> = {
      CreateConnectionInvitation: createInput(5),
      GetConnectionInvitation: { Catalog: 'Sandbox', Identifier: created.Id },
      CancelConnectionInvitation: { Catalog: 'Sandbox', Identifier: created.Id, ClientToken: 'c-1' },
      ListConnectionInvitations: { Catalog: 'Sandbox' },
    };
    for (const [op, input] of Object.entries(inputs)) {
      const req = shape(m, m.operations[op].input.shape);
      for (const member of req.required ?? []) {
        const { [member]: _, ...without } = input;
        const e = errorOf(() => store.execute(op as never, without));
        expect([op, member, e.errorName, JSON.stringify(e.extra)]).toEqual([op, member, 'ValidationException', expect.stringContaining(`"Name":"${member}"`)]);
      }
    }
    for (const [op, input] of Object.entries(inputs)) {
      const out = store.execute(op as never, input);
      const res = shape(m, m.operations[op].output.shape);
      for (const member of res.required ?? []) expect([op, member, out[member] !== undefined]).toEqual([op, member, true]);
      for (const member of Object.keys(out)) expect([op, member, res.members![member] !== undefined]).toEqual([op, member, true]);
      const items = op === 'ListConnectionInvitations' ? out.ConnectionInvitationSummaries as Record<string, unknown>[] : [out];
      const summary = shape(m, op === 'ListConnectionInvitations' ? 'ConnectionInvitationSummary' : res.members!.Id ? m.operations[op].output.shape : '');
      for (const item of items) {
        for (const member of summary.required ?? []) expect([op, member, item[member] !== undefined]).toEqual([op, member, true]);
        expect(anchored(shape(m, 'ConnectionInvitationArn').pattern!).test(item.Arn as string)).toBe(true);
        expect(anchored(shape(m, 'ConnectionInvitationId').pattern!).test(item.Id as string)).toBe(true);
      }
    }
  });

  test('the receiver\'s operations and connections: every error the emulator answers is one the model lists, with a Reason of its enum', () => {
    const m = model();
    const { store, sender, receiver, invite } = twoAccounts();
    const errors: Array<[string, ServiceError]> = [];
    const first = invite(1);
    errors.push(['AcceptConnectionInvitation', errorOf(() => store.execute('AcceptConnectionInvitation', { Catalog: 'Sandbox', Identifier: 'pacinv-0000000000000', ClientToken: 'a' }, receiver))]);
    errors.push(['AcceptConnectionInvitation', errorOf(() => store.execute('AcceptConnectionInvitation', { Catalog: 'Sandbox', Identifier: first, ClientToken: 'a' }, sender))]);
    errors.push(['AcceptConnectionInvitation', errorOf(() => store.execute('AcceptConnectionInvitation', { Catalog: 'Sandbox' }, receiver))]);
    const connection = store.execute('AcceptConnectionInvitation', { Catalog: 'Sandbox', Identifier: first, ClientToken: 'a' }, receiver).Connection as Record<string, unknown>;
    errors.push(['AcceptConnectionInvitation', errorOf(() => store.execute('AcceptConnectionInvitation', { Catalog: 'Sandbox', Identifier: first, ClientToken: 'a2' }, receiver))]);
    errors.push(['AcceptConnectionInvitation', errorOf(() => store.execute('AcceptConnectionInvitation', { Catalog: 'Sandbox', Identifier: invite(2), ClientToken: 'a' }, receiver))]);
    errors.push(['RejectConnectionInvitation', errorOf(() => store.execute('RejectConnectionInvitation', { Catalog: 'Sandbox', Identifier: first, ClientToken: 'r' }, receiver))]);
    errors.push(['RejectConnectionInvitation', errorOf(() => store.execute('RejectConnectionInvitation', { Catalog: 'Sandbox', Identifier: 'pacinv-0000000000000', ClientToken: 'r' }, receiver))]);
    errors.push(['GetConnection', errorOf(() => store.execute('GetConnection', { Catalog: 'Sandbox', Identifier: 'pac-0000000000000' }, receiver))]);
    errors.push(['GetConnection', errorOf(() => store.execute('GetConnection', { Catalog: 'Sandbox', Identifier: 'pacinv-0000000000000' }, receiver))]);
    errors.push(['ListConnections', errorOf(() => store.execute('ListConnections', { Catalog: 'Sandbox', MaxResults: 0 }, receiver))]);
    const cancel = { Catalog: 'Sandbox', Identifier: connection.Id, ConnectionType: 'SUBSIDIARY', Reason: 'done', ClientToken: 'c' };
    errors.push(['CancelConnection', errorOf(() => store.execute('CancelConnection', cancel, receiver))]);
    errors.push(['CancelConnection', errorOf(() => store.execute('CancelConnection', { ...cancel, Identifier: 'pac-0000000000000' }, receiver))]);
    const { Reason: _, ...noReason } = cancel;
    errors.push(['CancelConnection', errorOf(() => store.execute('CancelConnection', noReason, receiver))]);
    store.execute('CancelConnection', { ...cancel, ConnectionType: 'OPPORTUNITY_COLLABORATION', ClientToken: 'c2' }, receiver);
    errors.push(['CancelConnection', errorOf(() => store.execute('CancelConnection', { ...cancel, ConnectionType: 'OPPORTUNITY_COLLABORATION', ClientToken: 'c2', Reason: 'other' }, receiver))]);
    errors.push(['CancelConnection', errorOf(() => store.execute('CancelConnection', { ...cancel, ConnectionType: 'OPPORTUNITY_COLLABORATION', ClientToken: 'c3' }, sender))]);
    const seen = new Set<string>();
    for (const [op, e] of errors) {
      seen.add(`${e.errorName}/${e.reason}`);
      expect([op, m.operations[op].errors.map((x) => x.shape)]).toEqual([op, expect.arrayContaining([e.errorName])]);
      const s = shape(m, e.errorName);
      const body = e.toBody();
      for (const r of s.required ?? []) expect([e.errorName, r, body[r] !== undefined]).toEqual([e.errorName, r, true]);
      if (e.reason !== undefined) expect(shape(m, s.members!.Reason.shape).enum).toContain(e.reason);
    }
    expect([...seen].sort()).toEqual([
      'ConflictException/CONFLICT_CLIENT_TOKEN',
      'ConflictException/INCOMPATIBLE_CONNECTION_INVITATION_RECEIVER',
      'ConflictException/INCOMPATIBLE_CONNECTION_INVITATION_STATE',
      'ConflictException/INCOMPATIBLE_CONNECTION_STATE',
      'ResourceNotFoundException/CONNECTION_INVITATION_NOT_FOUND',
      'ResourceNotFoundException/CONNECTION_NOT_FOUND',
      'ValidationException/REQUEST_VALIDATION_FAILED',
    ]);
  });

  test('the receiver\'s operations require what the model requires and answer the members it marks required, in its shapes', () => {
    const m = model();
    const { store, sender, receiver, invite } = twoAccounts();
    const accepted = invite(1, 'SUBSIDIARY');
    const connectionId = (store.execute('AcceptConnectionInvitation', { Catalog: 'Sandbox', Identifier: accepted, ClientToken: 'a' }, receiver).Connection as Record<string, unknown>).Id;
    const inputs: Record<string, Record<string, unknown>> = {
      AcceptConnectionInvitation: { Catalog: 'Sandbox', Identifier: invite(2), ClientToken: 'a-2' },
      RejectConnectionInvitation: { Catalog: 'Sandbox', Identifier: invite(3), ClientToken: 'r-3', Reason: 'not now' },
      GetConnection: { Catalog: 'Sandbox', Identifier: connectionId },
      ListConnections: { Catalog: 'Sandbox' },
      CancelConnection: { Catalog: 'Sandbox', Identifier: connectionId, ConnectionType: 'SUBSIDIARY', Reason: 'ended', ClientToken: 'c-1' },
      ListConnectionInvitations: { Catalog: 'Sandbox', ParticipantType: 'RECEIVER' },
    };
    for (const [op, input] of Object.entries(inputs)) {
      const req = shape(m, m.operations[op].input.shape);
      for (const member of req.required ?? []) {
        const { [member]: _, ...without } = input;
        const e = errorOf(() => store.execute(op as never, without, receiver));
        expect([op, member, e.errorName, JSON.stringify(e.extra)]).toEqual([op, member, 'ValidationException', expect.stringContaining(`"Name":"${member}"`)]);
      }
    }
    const checkMembers = (where: string, value: Record<string, unknown>, shapeName: string): void => {
      const s = shape(m, shapeName);
      for (const member of s.required ?? []) expect([where, member, value[member] !== undefined]).toEqual([where, member, true]);
      for (const member of Object.keys(value)) expect([where, member, s.members![member] !== undefined]).toEqual([where, member, true]);
    };
    const checkConnection = (where: string, c: Record<string, unknown>, shapeName: string): void => {
      checkMembers(where, c, shapeName);
      expect(anchored(shape(m, 'ConnectionId').pattern!).test(c.Id as string)).toBe(true);
      expect(anchored(shape(m, 'ConnectionArn').pattern!).test(c.Arn as string)).toBe(true);
      expect(anchored(shape(m, 'AwsAccountId').pattern!).test(c.OtherParticipantAccountId as string)).toBe(true);
      for (const [type, detail] of Object.entries(c.ConnectionTypes as Record<string, Record<string, unknown>>)) {
        expect(shape(m, 'ConnectionType').enum).toContain(type);
        checkMembers(`${where} ${type}`, detail, 'ConnectionTypeDetail');
        expect(shape(m, 'ConnectionTypeStatus').enum).toContain(detail.Status);
        const union = detail.OtherParticipant as Record<string, Record<string, unknown>>;
        expect(Object.keys(union)).toHaveLength(1);
        const [member, value] = Object.entries(union)[0];
        checkMembers(`${where} ${type} OtherParticipant`, value, shape(m, 'Participant').members![member].shape);
      }
    };
    for (const [op, input] of Object.entries(inputs)) {
      const out = store.execute(op as never, input, receiver);
      const res = m.operations[op].output.shape;
      checkMembers(op, out, res);
      if (op === 'AcceptConnectionInvitation') checkConnection(op, out.Connection as Record<string, unknown>, 'Connection');
      if (op === 'GetConnection' || op === 'CancelConnection') checkConnection(op, out, res);
      if (op === 'ListConnections') for (const c of out.ConnectionSummaries as Record<string, unknown>[]) checkConnection(op, c, 'ConnectionSummary');
      if (op === 'ListConnectionInvitations') {
        const items = out.ConnectionInvitationSummaries as Record<string, unknown>[];
        expect(items.map((i) => i.ParticipantType)).toEqual(['RECEIVER', 'RECEIVER', 'RECEIVER']);
        expect(items.map((i) => i.OtherParticipantIdentifier)).toEqual([sender.accountId, sender.accountId, sender.accountId]);
      }
    }
    expect(memberShape(m, 'AcceptConnectionInvitationRequest', 'Identifier')).toEqual(shape(m, 'ConnectionInvitationId'));
    expect(memberShape(m, 'GetConnectionRequest', 'Identifier')).toEqual(shape(m, 'ConnectionId'));
    expect(shape(m, 'CancelConnectionRequest').required).toContain('Reason');
  });

  test('Get and Cancel take an invitation id only: an ARN is a validation error', () => {
    const m = model();
    expect(memberShape(m, 'GetConnectionInvitationRequest', 'Identifier')).toEqual(shape(m, 'ConnectionInvitationId'));
    expect(memberShape(m, 'CancelConnectionInvitationRequest', 'Identifier')).toEqual(shape(m, 'ConnectionInvitationId'));
    const store = newStore();
    const created = store.execute('CreateConnectionInvitation', createInput(1));
    for (const op of ['GetConnectionInvitation', 'CancelConnectionInvitation'] as const) {
      const e = errorOf(() => store.execute(op, { Catalog: 'Sandbox', Identifier: created.Arn, ClientToken: 'c' }));
      expect([e.errorName, e.reason]).toEqual(['ValidationException', 'REQUEST_VALIDATION_FAILED']);
    }
  });

  test('List: OtherParticipantIdentifiers may be empty, must not repeat (Smithy @uniqueItems); MaxResults defaults to 20 (Smithy @default)', () => {
    const m = model();
    const others = memberShape(m, 'ListConnectionInvitationsRequest', 'OtherParticipantIdentifiers');
    expect([others.min, others.max]).toEqual([0, 100]);
    const max = memberShape(m, 'ListConnectionInvitationsRequest', 'MaxResults');
    expect([max.min, max.max]).toEqual([1, 100]);
    expect(LIST_MAX_RESULTS).toBe(max.max);
    expect(LIST_DEFAULT_MAX_RESULTS).toBe(SMITHY_FACTS.listMaxResultsDefault);
    const store = newStore();
    for (let i = 0; i < 25; i++) store.execute('CreateConnectionInvitation', createInput(i));
    const page = store.execute('ListConnectionInvitations', { Catalog: 'Sandbox', OtherParticipantIdentifiers: [] });
    expect((page.ConnectionInvitationSummaries as unknown[]).length).toBe(SMITHY_FACTS.listMaxResultsDefault);
    expect(page.NextToken).toBeDefined();
    expect(SMITHY_FACTS.otherParticipantIdentifiersUnique).toBe(true);
    const dup = errorOf(() => store.execute('ListConnectionInvitations', { Catalog: 'Sandbox', OtherParticipantIdentifiers: ['pprofile-1', 'pprofile-1'] }));
    expect(JSON.stringify(dup.extra)).toContain('DUPLICATE_VALUE');
  });
}

test('the emulator enforces the AWS catalog\'s documented quotas by default, each with its Reason, and none in Sandbox', () => {
  expect(AWS_CATALOG_QUOTAS).toEqual({ invitationsPerDay: 50, openInvitations: 1000, activeConnections: 1000 });
  const daily = newStore({ AWS: AWS_CATALOG_QUOTAS });
  for (let i = 0; i < 50; i++) daily.execute('CreateConnectionInvitation', createInput(i, 'AWS'));
  expect(errorOf(() => daily.execute('CreateConnectionInvitation', createInput(50, 'AWS'))).reason).toBe('LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY');
  for (let i = 0; i < 60; i++) daily.execute('CreateConnectionInvitation', createInput(i, 'Sandbox'));
  const open = newStore({ AWS: { openInvitations: 2 } });
  open.execute('CreateConnectionInvitation', createInput(1, 'AWS'));
  const second = open.execute('CreateConnectionInvitation', createInput(2, 'AWS'));
  expect(errorOf(() => open.execute('CreateConnectionInvitation', createInput(3, 'AWS'))).reason).toBe('LIMIT_EXCEEDED_NUMBER_OF_OPEN_CONNECTION_INVITATION');
  const active = newStore({ AWS: { activeConnections: 1 } });
  const a = active.execute('CreateConnectionInvitation', createInput(1, 'AWS'));
  active.setStatus(a.Id as string, 'ACCEPTED');
  expect(errorOf(() => active.execute('CreateConnectionInvitation', createInput(2, 'AWS'))).reason).toBe('LIMIT_EXCEEDED_NUMBER_OF_ACTIVE_CONNECTION');
  expect(second.Status).toBe('PENDING');
});
