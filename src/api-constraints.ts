/**
 * Limits and patterns of the PartnerCentral Account API (API version 2025-04-04).
 *
 * Pure data and functions with no CDK import: the construct validates with them at synth
 * time and the handler (bundled from `lambda/`) validates with them again at deploy time,
 * when values that were tokens have resolved. Not part of the public jsii API.
 */

/**
 * The only region Partner Central runs in, whatever region the stack is in: every Partner
 * Central ARN names it and every request is signed for it.
 */
export const PARTNER_CENTRAL_REGION = 'us-east-1';

/** The host of the API's endpoint, which the handler calls when no endpoint override is set. */
export const PARTNER_CENTRAL_HOST = `partnercentral-account.${PARTNER_CENTRAL_REGION}.api.aws`;

/** A rule of one input member of CreateConnectionInvitation. */
export interface FieldRule {
  /** The API member name (`Email`), used in handler messages. */
  readonly field: InvitationField;
  /** The construct prop name (`email`), used in synth-time messages. */
  readonly prop: string;
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** What the pattern allows, in words, for error messages. */
  readonly allowed: string;
  /** Personal data: never echoed by the handler, never logged. */
  readonly personal: boolean;
}

export type InvitationField = 'Catalog' | 'ClientToken' | 'ConnectionType' | 'Email' | 'Message' | 'Name' | 'ReceiverIdentifier';

/**
 * The input members that hold personal data, in the order the handler reads them: never echoed
 * by the handler, never logged, scrubbed from the service's text (`lambda/scrub.ts`) and from the
 * rehearsal's report. The `personal` flag of each field rule below is read from this list.
 */
export const PERSONAL_FIELDS: readonly InvitationField[] = ['Email', 'Name', 'Message'];

/** Whether an input member holds personal data. */
function isPersonal(field: InvitationField): boolean {
  return PERSONAL_FIELDS.includes(field);
}

/**
 * The connection types the API knows. The one list in the library: the field rule below and the
 * handler read it, and a test holds the public `ConnectionType` enum (a jsii enum, which must
 * spell its members out) to it.
 */
export const CONNECTION_TYPES = ['OPPORTUNITY_COLLABORATION', 'SUBSIDIARY'] as const;

/**
 * The states of an invitation, as the API spells them. The handler reads answers against this
 * list, and a test holds the public `InvitationStatus` enum (a jsii enum) to it.
 */
export const INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'REJECTED', 'CANCELED', 'EXPIRED'] as const;

/** The sides of an invitation, as the API spells them; a test holds the public `ParticipantType` enum to this list. */
export const PARTICIPANT_TYPES = ['SENDER', 'RECEIVER'] as const;

/**
 * How many letters or digits follow the prefix of every Partner Central id the model spells (an
 * invitation's, a connection's, a partner profile's): the id patterns below, the words that state
 * them and whatever makes ids up (the rehearsal's stand-ins) read it from here.
 */
export const ID_SUFFIX_LENGTH = 13;
/** The prefix of an invitation id (`INVITATION_ID_PATTERN`). */
export const INVITATION_ID_PREFIX = 'pacinv-';
/** The prefix of a connection id (`CONNECTION_ID_PATTERN`). */
export const CONNECTION_ID_PREFIX = 'pac-';
/** The prefix of a partner profile id (`PARTNER_PROFILE_ID_PATTERN`). */
export const PARTNER_PROFILE_ID_PREFIX = 'pprofile-';
/** The resource segment of an invitation ARN (`INVITATION_ARN_PATTERN`). */
const INVITATION_ARN_RESOURCE = 'connection-invitation';
/** The resource segment of a connection ARN (`CONNECTION_ARN_PATTERN`). */
const CONNECTION_ARN_RESOURCE = 'connection';

/** The pattern of an id: `prefix` (letters and hyphens only) and `ID_SUFFIX_LENGTH` letters or digits, anchored. */
function prefixedIdPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}[A-Za-z0-9]{${ID_SUFFIX_LENGTH}}$`);
}

/** What {@link prefixedIdPattern} allows, in words. */
function idAllowed(prefix: string): string {
  return `${prefix} and ${ID_SUFFIX_LENGTH} letters or digits`;
}

export const INVITATION_ID_PATTERN = prefixedIdPattern(INVITATION_ID_PREFIX);
/** What `INVITATION_ID_PATTERN` allows, in words: the one text of every message that states it. */
export const INVITATION_ID_ALLOWED = idAllowed(INVITATION_ID_PREFIX);
/**
 * An invitation ARN, as the model's `ConnectionInvitationArn` spells it: the catalog segment is
 * letters only (`AWS`, `Sandbox`), narrower than the Catalog member (which allows digits and
 * hyphens); the partition letters, digits and hyphens; no account field.
 */
export const INVITATION_ARN_PATTERN = partnerCentralArnPattern(INVITATION_ARN_RESOURCE, INVITATION_ID_PATTERN);
export const INVITATION_ARN_MAX_LENGTH = 200;
export const AWS_ACCOUNT_ID_PATTERN = /^\d{12}$/;

const EMAIL_PATTERN = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const FIELD_RULES: Readonly<Record<InvitationField, FieldRule>> = {
  Catalog: {
    field: 'Catalog',
    prop: 'catalog',
    minLength: 1,
    maxLength: 64,
    pattern: /^[a-zA-Z0-9-]+$/,
    allowed: 'letters, digits and hyphens',
    personal: isPersonal('Catalog'),
  },
  ClientToken: {
    field: 'ClientToken',
    prop: 'clientToken',
    minLength: 1,
    maxLength: 64,
    pattern: /^[A-Za-z0-9-_]+$/,
    allowed: 'letters, digits, hyphens and underscores',
    personal: isPersonal('ClientToken'),
  },
  ConnectionType: {
    field: 'ConnectionType',
    prop: 'connectionType',
    minLength: 1,
    maxLength: 64,
    pattern: new RegExp(`^(${CONNECTION_TYPES.join('|')})$`),
    allowed: `one of ${CONNECTION_TYPES.join(', ')}`,
    personal: isPersonal('ConnectionType'),
  },
  Email: {
    field: 'Email',
    prop: 'email',
    minLength: 1,
    maxLength: 320,
    pattern: EMAIL_PATTERN,
    allowed: 'a valid e-mail address',
    personal: isPersonal('Email'),
  },
  Message: {
    field: 'Message',
    prop: 'message',
    minLength: 1,
    maxLength: 256,
    pattern: /^[\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\n]+$/,
    allowed: 'printable characters and newlines (no tabs or other control characters)',
    personal: isPersonal('Message'),
  },
  Name: {
    field: 'Name',
    prop: 'name',
    minLength: 1,
    maxLength: 80,
    pattern: /^[\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD]+$/,
    allowed: 'printable characters (no newlines, tabs or other control characters)',
    personal: isPersonal('Name'),
  },
  ReceiverIdentifier: {
    field: 'ReceiverIdentifier',
    prop: 'receiverIdentifier',
    minLength: 1,
    maxLength: 100,
    pattern: /^[a-zA-Z0-9-]+$/,
    allowed: 'letters, digits and hyphens',
    personal: isPersonal('ReceiverIdentifier'),
  },
};

/** One broken rule. */
export interface Violation {
  readonly field: InvitationField;
  readonly prop: string;
  /** The rule, phrased to follow the field name: "must be at most 320 characters long". */
  readonly rule: string;
  /** Whether the value is personal data (do not echo it outside the user's own terminal). */
  readonly personal: boolean;
}

/**
 * Checks one value against its field's length and pattern. Length is counted in UTF-16 code
 * units, as the API's Smithy `@length` trait counts characters.
 */
export function checkField(field: InvitationField, value: string): Violation | undefined {
  const r = FIELD_RULES[field];
  const base = { field, prop: r.prop, personal: r.personal };
  if (value.length < r.minLength || value.length > r.maxLength) {
    return { ...base, rule: `must be ${r.minLength} to ${r.maxLength} characters long (got ${value.length})` };
  }
  if (!r.pattern.test(value)) {
    return { ...base, rule: `must be ${r.allowed}` };
  }
  return undefined;
}

/** Whether invitations of a connection type go to a 12-digit AWS account id (SUBSIDIARY). */
export function receiverIsAccount(connectionType: unknown): boolean {
  return connectionType === 'SUBSIDIARY';
}

/** Whether invitations of a connection type go to a partner profile id (OPPORTUNITY_COLLABORATION). */
export function receiverIsPartnerProfile(connectionType: unknown): boolean {
  return connectionType === 'OPPORTUNITY_COLLABORATION';
}

/** Input of CreateConnectionInvitation as far as it can be known; `undefined` means unknown (a token). */
export type InvitationInput = Partial<Record<InvitationField, string>>;

/**
 * Validates every known member, including the rule that couples two of them: SUBSIDIARY
 * invitations go to a 12-digit AWS account id. Members that are `undefined` are skipped.
 */
export function validateInvitationInput(input: InvitationInput): Violation[] {
  const out: Violation[] = [];
  for (const field of Object.keys(FIELD_RULES) as InvitationField[]) {
    const value = input[field];
    if (value === undefined) continue;
    const v = checkField(field, value);
    if (v) out.push(v);
  }
  if (receiverIsAccount(input.ConnectionType) && input.ReceiverIdentifier !== undefined
    && !AWS_ACCOUNT_ID_PATTERN.test(input.ReceiverIdentifier)
    && !out.some((v) => v.field === 'ReceiverIdentifier')) {
    const r = FIELD_RULES.ReceiverIdentifier;
    out.push({ field: 'ReceiverIdentifier', prop: r.prop, personal: false, rule: 'must be a 12-digit AWS account id when the connection type is SUBSIDIARY' });
  }
  return out;
}

/**
 * The pattern of a Partner Central ARN of `resource`, as the model spells its ARNs: any partition
 * (letters, digits and hyphens) and region, no account field, the catalog segment letters only
 * (group 1), and an id that `idPattern` (anchored) allows (group 2).
 */
function partnerCentralArnPattern(resource: string, idPattern: RegExp): RegExp {
  return new RegExp(`^arn:[a-zA-Z0-9-]+:partnercentral:[a-z0-9-]*::catalog/([a-zA-Z]+)/${resource}/(${idPattern.source.slice(1, -1)})$`);
}

/** The ARN of a Partner Central resource in the shape {@link partnerCentralArnPattern} reads: Partner Central's region, no account field. */
function partnerCentralArn(resource: string, catalog: string, id: string, partition: string): string {
  return `arn:${partition}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/${catalog}/${resource}/${id}`;
}

/** The ARN of an invitation, which {@link parseInvitationArn} splits back into `catalog` and `id`. */
export function invitationArn(catalog: string, id: string, partition: string = 'aws'): string {
  return partnerCentralArn(INVITATION_ARN_RESOURCE, catalog, id, partition);
}

/** Splits an invitation ARN into its catalog and id, or returns undefined when it is not one. */
export function parseInvitationArn(arn: string): { catalog: string; id: string } | undefined {
  if (arn.length > INVITATION_ARN_MAX_LENGTH) return undefined;
  const m = INVITATION_ARN_PATTERN.exec(arn);
  return m ? { catalog: m[1], id: m[2] } : undefined;
}

/** A connection id, as the model's `ConnectionId` spells it. */
export const CONNECTION_ID_PATTERN = prefixedIdPattern(CONNECTION_ID_PREFIX);
/** What `CONNECTION_ID_PATTERN` allows, in words: the one text of every message that states it. */
export const CONNECTION_ID_ALLOWED = idAllowed(CONNECTION_ID_PREFIX);
/**
 * A connection ARN, as the model's `ConnectionArn` spells it: the catalog segment letters only,
 * no account field, at most 200 characters.
 */
export const CONNECTION_ARN_PATTERN = partnerCentralArnPattern(CONNECTION_ARN_RESOURCE, CONNECTION_ID_PATTERN);
export const CONNECTION_ARN_MAX_LENGTH = 200;
/** A partner profile id, as the model's `PartnerProfileId` spells it. */
export const PARTNER_PROFILE_ID_PATTERN = prefixedIdPattern(PARTNER_PROFILE_ID_PREFIX);
/** What `PARTNER_PROFILE_ID_PATTERN` allows, in words: the one text of every message that states it. */
export const PARTNER_PROFILE_ID_ALLOWED = idAllowed(PARTNER_PROFILE_ID_PREFIX);
/** The longest `Reason` CancelConnection takes (the model allows 0 to 256 characters). */
export const CANCEL_CONNECTION_REASON_MAX_LENGTH = 256;
/** The largest page ListConnectionInvitations takes (the model allows `MaxResults` of 1 to 100): the handler asks for it. */
export const LIST_MAX_RESULTS = 100;
/**
 * The daily quota of connection invitations in the AWS catalog (Partner Central's quota page: 50
 * per account, over a rolling 24 hours): a create beyond it fails with
 * `ServiceQuotaExceededException`, Reason `LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY`.
 * The library's synth-time warning, the handler's advice for that Reason and the rehearsal's report
 * state it from here; the emulator keeps its own copy (tools/emulator/quotas.ts, an independent
 * oracle), which a test holds equal to this one.
 */
export const AWS_DAILY_INVITATION_QUOTA = 50;

/** The ARN of a connection, which {@link parseConnectionArn} splits back into `catalog` and `id`. */
export function connectionArn(catalog: string, id: string, partition: string = 'aws'): string {
  return partnerCentralArn(CONNECTION_ARN_RESOURCE, catalog, id, partition);
}

/** Splits a connection ARN into its catalog and id, or returns undefined when it is not one. */
export function parseConnectionArn(arn: string): { catalog: string; id: string } | undefined {
  if (arn.length > CONNECTION_ARN_MAX_LENGTH) return undefined;
  const m = CONNECTION_ARN_PATTERN.exec(arn);
  return m ? { catalog: m[1], id: m[2] } : undefined;
}

/**
 * Whether a value names the sender of an invitation as its receiver may see it: a 12-digit AWS
 * account id or a partner profile id (the model does not say which form
 * `OtherParticipantIdentifier` holds on the receiver's side).
 */
export function isSenderIdentifier(value: string): boolean {
  return AWS_ACCOUNT_ID_PATTERN.test(value) || PARTNER_PROFILE_ID_PATTERN.test(value);
}

/** The rule {@link isSenderIdentifier} checks, as the construct's and the handler's problems state it. */
export const SENDER_IDENTIFIER_RULE = `must be the sender's 12-digit AWS account id or its partner profile id (${PARTNER_PROFILE_ID_ALLOWED})`;
