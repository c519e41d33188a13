/**
 * What Create, Update and Delete do to invitations. Every decision lives here; the network is
 * behind {@link InvitationApi} and the answer to CloudFormation is built by the entry point.
 *
 * Invariants, in the order they matter to the people who receive the e-mails:
 * - the same request delivered again never sends a second invitation (deterministic ClientToken);
 * - an invitation the stack no longer declares is canceled while it is pending, and an
 *   invitation that was answered is never touched (no connection is ever canceled);
 * - when a create's outcome is unknown, the failure carries a marker that lets the following
 *   Delete find and cancel what it may have created.
 */
import { ApiError, ConfigError, RetriesExhaustedError } from './api/errors';
import { deriveCancelToken, deriveCreateToken, INVITATION_FIELD_NAMES } from './client-token';
import type { CfnCreateRequest, CfnDeleteRequest, CfnUpdateRequest, Invitation, InvitationApi, InvitationFields, Outcome } from './types';
import { checkField, FIELD_RULES, INVITATION_ID_PATTERN, validateInvitationInput, type InvitationField, type InvitationInput } from '../src/api-constraints';
import { ATTRIBUTE_KEYS } from '../src/contract';

/** What the lifecycle functions need besides the request. */
export interface LifecycleContext {
  /** The API. */
  readonly api: InvitationApi;
  /** API calls must end by this time (ms since the epoch); the response is sent after it. */
  readonly deadline: number;
  /**
   * Seconds of clock skew allowed around the time window of an unconfirmed create when its
   * Delete looks for invitations to cancel.
   */
  readonly skewAllowanceSeconds: number;
}

/** The properties of a resource, validated. */
export interface InvitationProperties {
  /** The six API members. */
  readonly fields: InvitationFields;
  /** The user's ClientToken, when set. */
  readonly clientToken?: string;
}

/** The result of reading properties: either valid properties or the problems, free of personal values. */
export type ReadResult = { readonly ok: true; readonly props: InvitationProperties } | { readonly ok: false; readonly problems: string[] };

/** Invitation states in which a derived ClientToken is stale: the same input was used before and ended. */
const STALE_STATES = new Set(['CANCELED', 'EXPIRED']);

/**
 * How many stale invitations a derived token may lead through before the create gives up: each
 * is one earlier invitation with the same input in the same stack and resource.
 */
const MAX_STALE_HOPS = 20;

/** The fields whose change makes a different relationship (as opposed to different wording). */
const RELATIONSHIP_FIELDS = ['Catalog', 'ConnectionType', 'ReceiverIdentifier'] as const;

/** Physical id prefix of a Create whose invitation may exist although no answer confirmed it. */
export const UNCONFIRMED_PREFIX = 'unconfirmed-';
const UNCONFIRMED_PATTERN = /^unconfirmed-(\d{1,13})-(\d{1,13})$/;

/** Physical id prefix of a Create that failed without creating anything. */
export const CREATE_FAILED_PREFIX = 'create-failed-';

/** A failure decided by the lifecycle, with a reason meant for the person deploying. */
export class LifecycleFailure extends Error {
  constructor(public readonly reason: string) {
    super(reason);
    this.name = 'LifecycleFailure';
  }
}

/**
 * Reads and validates resource properties with the construct's own rules. All six API fields
 * are required, ClientToken is optional. Problems name the field and the rule; personal values
 * (Email, Name, Message) are described by their length, never echoed.
 */
export function readProperties(raw: unknown): ReadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: ['ResourceProperties must be an object'] };
  }
  const source = raw as Record<string, unknown>;
  const problems: string[] = [];
  const values: InvitationInput = {};
  const all: InvitationField[] = [...INVITATION_FIELD_NAMES, 'ClientToken'];
  for (const field of all) {
    const v = source[field];
    if (v === undefined || v === null) {
      if (field !== 'ClientToken') problems.push(`${field} is required`);
      continue;
    }
    if (typeof v !== 'string') {
      problems.push(`${field} must be a string (got ${Array.isArray(v) ? 'array' : typeof v})`);
      continue;
    }
    (values as Record<string, string>)[field] = v;
  }
  for (const violation of validateInvitationInput(values)) {
    problems.push(describeViolation(violation.field, violation.rule, values[violation.field] ?? ''));
  }
  if (problems.length > 0) return { ok: false, problems };
  const fields = {} as Record<string, string>;
  for (const f of INVITATION_FIELD_NAMES) fields[f] = values[f] as string;
  return { ok: true, props: { fields: fields as unknown as InvitationFields, clientToken: values.ClientToken } };
}

function describeViolation(field: InvitationField, rule: string, value: string): string {
  if (/\(got \d+\)$/.test(rule)) return `${field} ${rule}`;
  if (FIELD_RULES[field].personal) return `${field} ${rule} (got a value of ${value.length} characters)`;
  const shown = value.length > 64 ? `${value.slice(0, 64)}...` : value;
  return `${field} ${rule} (got ${JSON.stringify(shown)})`;
}

/** The Data of an invitation: every attribute key, as a string ('' when the API omitted it). */
export function toData(inv: Invitation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ATTRIBUTE_KEYS) {
    const v = inv[key];
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' && Number.isFinite(v) && /At$/.test(key)) out[key] = epochToIso(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
    else out[key] = '';
  }
  return out;
}

function epochToIso(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString();
}

/** The marker physical id of a Create whose outcome is unknown: the window of its attempts. */
export function unconfirmedMarker(firstAttemptAtMs: number, lastAttemptAtMs: number): string {
  return `${UNCONFIRMED_PREFIX}${Math.floor(firstAttemptAtMs / 1000)}-${Math.ceil(lastAttemptAtMs / 1000)}`;
}

/** Parses an unconfirmed-create marker into its window (epoch seconds), or undefined. */
export function parseUnconfirmedMarker(id: string): { from: number; to: number } | undefined {
  const m = UNCONFIRMED_PATTERN.exec(id);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return to >= from ? { from, to } : undefined;
}

/** The physical id of a Create that failed and created nothing. Never an invitation id nor a marker. */
export function createFailedId(requestId: string): string {
  return `${CREATE_FAILED_PREFIX}${requestId || 'unknown'}`;
}

/** Handles Create: validate, create (idempotently), answer with the invitation. */
export async function onCreate(req: CfnCreateRequest, ctx: LifecycleContext): Promise<Outcome> {
  return createAsOutcome(req, ctx, createFailedId(req.RequestId), true);
}

/** Handles Update; see the module doc and the README for the rules. */
export async function onUpdate(req: CfnUpdateRequest, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  if (!INVITATION_ID_PATTERN.test(phys)) {
    // Not an invitation we made (e.g. the resource failed to create earlier): behave as Create,
    // but keep the current physical id on failure, as an Update must.
    return createAsOutcome(req, ctx, phys, false);
  }
  const read = readProperties(req.ResourceProperties);
  if (!read.ok) return failed(phys, `Invalid properties: ${read.problems.join('; ')}`);
  const props = read.props;
  const old = looseProperties(req.OldResourceProperties);
  try {
    if (!propertiesChanged(old, props)) {
      const inv = await getOrFail(ctx, props.fields.Catalog, phys);
      return succeeded(phys, inv);
    }
    const oldCatalog = old.Catalog !== undefined && !checkField('Catalog', old.Catalog) ? old.Catalog : props.fields.Catalog;
    const current = await getOrUndefined(ctx, oldCatalog, phys);
    if (!current) {
      // The invitation is gone: there is nothing to keep or replace.
      return succeededNew(await createInvitation(req, props, ctx));
    }
    const status = current.Status;
    if (status === 'PENDING') {
      // Replacement. CloudFormation's cleanup Delete of the old id cancels the old invitation,
      // after the new one exists. The only exception is the service's rule of one pending
      // invitation per receiver, catalog and connection type: then the old one is canceled first.
      const sameRelationship = RELATIONSHIP_FIELDS.every((f) => currentValue(current, old, f) === props.fields[f]);
      const replace = sameRelationship ? { catalog: oldCatalog, id: phys } : undefined;
      return succeededNew(await createInvitation(req, props, ctx, replace));
    }
    if (status === 'ACCEPTED' && RELATIONSHIP_FIELDS.every((f) => old[f] === props.fields[f])) {
      // Already connected: a change of wording sends no e-mail and keeps the invitation.
      return succeeded(phys, current);
    }
    // Answered or ended (or accepted, for a different relationship): a change sends a new one.
    return succeededNew(await createInvitation(req, props, ctx));
  } catch (e) {
    return failureOf(e, phys);
  }
}

/** Handles Delete: cancel a pending invitation, leave any other state alone. */
export async function onDelete(req: CfnDeleteRequest, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const marker = parseUnconfirmedMarker(phys);
  if (marker) return cleanUpUnconfirmed(req, marker, ctx);
  if (!INVITATION_ID_PATTERN.test(phys)) {
    // A Delete after a failed Create, or for an id this handler never made: nothing to do.
    return { status: 'SUCCESS', physicalResourceId: phys };
  }
  const catalog = req.ResourceProperties.Catalog;
  if (typeof catalog !== 'string' || checkField('Catalog', catalog)) {
    return failed(phys, `Cannot delete invitation ${phys}: Catalog ${typeof catalog === 'string' ? checkField('Catalog', catalog)?.rule : 'is required'}`);
  }
  try {
    const inv = await getOrUndefined(ctx, catalog, phys);
    if (inv && inv.Status === 'PENDING') {
      await cancelPending(ctx, catalog, phys, deriveCancelToken(req.StackId, req.LogicalResourceId, phys), 'delete');
    }
    return { status: 'SUCCESS', physicalResourceId: phys };
  } catch (e) {
    return failureOf(e, phys);
  }
}

/**
 * The Delete that follows a Create whose outcome was unknown: cancel the pending invitations
 * this account sent to the same receiver, catalog and connection type during the time window
 * of that Create's attempts (plus the skew allowance).
 *
 * Limit: another invitation to the same receiver created in the same window would be canceled
 * too; the service's rule of one pending invitation per receiver, catalog and connection type
 * makes that nearly impossible.
 */
async function cleanUpUnconfirmed(req: CfnDeleteRequest, window: { from: number; to: number }, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const read = readProperties(req.ResourceProperties);
  // Invalid properties could not have been sent, so nothing can have been created.
  if (!read.ok) return { status: 'SUCCESS', physicalResourceId: phys };
  const { fields } = read.props;
  const fromMs = (window.from - ctx.skewAllowanceSeconds) * 1000;
  const toMs = (window.to + ctx.skewAllowanceSeconds) * 1000;
  try {
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await ctx.api.listConnectionInvitations({
        Catalog: fields.Catalog,
        NextToken: nextToken,
        ConnectionType: fields.ConnectionType,
        MaxResults: 100,
        OtherParticipantIdentifiers: [fields.ReceiverIdentifier],
        ParticipantType: 'SENDER',
        Status: 'PENDING',
      }, ctx.deadline);
      for (const s of page.summaries) {
        const id = s.Id;
        if (typeof id !== 'string' || !INVITATION_ID_PATTERN.test(id)) continue;
        if (s.Status !== undefined && s.Status !== 'PENDING') continue;
        if (s.ParticipantType !== undefined && s.ParticipantType !== 'SENDER') continue;
        // A second guard on the service's own receiver filter. Here the properties are the ones
        // the create sent, and a wrong match would cancel an invitation this resource never made,
        // so the API's value must agree (unlike the Update check, whose invitation is ours).
        if (typeof s.OtherParticipantIdentifier === 'string' && s.OtherParticipantIdentifier !== fields.ReceiverIdentifier) continue;
        if (typeof s.ConnectionType === 'string' && s.ConnectionType !== fields.ConnectionType) continue;
        const created = timestampMs(s.CreatedAt);
        if (created === undefined || created < fromMs || created > toMs) continue;
        await cancelPending(ctx, fields.Catalog, id, deriveCancelToken(req.StackId, req.LogicalResourceId, id), 'delete');
      }
      nextToken = page.nextToken;
      pages++;
    } while (nextToken && pages < 50);
    return { status: 'SUCCESS', physicalResourceId: phys };
  } catch (e) {
    return failureOf(e, phys);
  }
}

function timestampMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v * 1000;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

async function createAsOutcome(
  req: CfnCreateRequest | CfnUpdateRequest, ctx: LifecycleContext, failureId: string, isCreate: boolean,
): Promise<Outcome> {
  const read = readProperties(req.ResourceProperties);
  if (!read.ok) return failed(failureId, `Invalid properties: ${read.problems.join('; ')}`);
  try {
    return succeededNew(await createInvitation(req, read.props, ctx));
  } catch (e) {
    if (e instanceof RetriesExhaustedError && e.operation === 'CreateConnectionInvitation' && e.mayHaveSucceeded) {
      if (isCreate) {
        return failed(unconfirmedMarker(e.firstAttemptAt, e.lastAttemptAt),
          `${e.message}. The invitation may have been created: the Delete that follows this failure cancels a pending invitation to this receiver created meanwhile.`);
      }
      return failed(failureId,
        `${e.message}. The invitation may have been created: deploying the same properties again adopts it (same ClientToken); otherwise cancel it in Partner Central.`);
    }
    return failureOf(e, failureId);
  }
}

/**
 * Creates an invitation for the properties, idempotently.
 *
 * The token is the user's, or derived from the stack, the resource and the input. When a
 * derived token names an invitation that was canceled or has expired (the same input was used
 * before in this stack), the create is repeated with the token salted with that invitation's
 * id, and so on while the answer is stale (at most {@link MAX_STALE_HOPS} times). The chain
 * depends only on the stack, the resource, the input and the service's state, so every later
 * request with the same input (a redelivery, a rollback) finds the same live invitation.
 *
 * @param replace the pending invitation this one replaces: canceled first only if the service
 *   refuses the create because of it (DUPLICATE_CONNECTION_INVITATION)
 */
async function createInvitation(
  req: CfnCreateRequest | CfnUpdateRequest, props: InvitationProperties, ctx: LifecycleContext, replace?: { catalog: string; id: string },
): Promise<Invitation> {
  let replaced = false;
  const createOnce = async (clientToken: string): Promise<Invitation> => {
    const input = { ...props.fields, ClientToken: clientToken };
    try {
      return await ctx.api.createConnectionInvitation(input, ctx.deadline);
    } catch (e) {
      if (replace && !replaced && e instanceof ApiError && e.status === 409 && e.reason === 'DUPLICATE_CONNECTION_INVITATION') {
        replaced = true;
        await cancelPending(ctx, replace.catalog, replace.id, deriveCancelToken(req.StackId, req.LogicalResourceId, replace.id), 'update');
        return ctx.api.createConnectionInvitation(input, ctx.deadline);
      }
      throw e;
    }
  };
  const userToken = props.clientToken;
  let inv = await createOnce(userToken ?? deriveCreateToken(req.StackId, req.LogicalResourceId, props.fields));
  // Follow the chain of earlier invitations with this input: each link's token is salted with
  // the id of the stale invitation before it, so any later request (a rollback, a redelivery)
  // derives the same chain and lands on the live invitation instead of sending another one.
  // Each hop to an existing link returns that invitation and sends nothing.
  for (let hops = 0; typeof inv.Status === 'string' && STALE_STATES.has(inv.Status); hops++) {
    if (userToken !== undefined) {
      throw new LifecycleFailure(`ClientToken ${JSON.stringify(userToken)} was already used for invitation ${String(inv.Id)}, which is now ${inv.Status}: set a new clientToken (or remove it) to send a new invitation.`);
    }
    if (typeof inv.Id !== 'string' || !INVITATION_ID_PATTERN.test(inv.Id)) {
      throw new LifecycleFailure(`CreateConnectionInvitation answered a ${inv.Status} invitation without a valid invitation id`);
    }
    if (hops >= MAX_STALE_HOPS) {
      throw new LifecycleFailure(`Too many earlier invitations with these properties in this stack (more than ${MAX_STALE_HOPS}, all canceled or expired, `
        + `the last ${inv.Id}): change a property (for example the message) or set a clientToken to send a new invitation.`);
    }
    inv = await createOnce(deriveCreateToken(req.StackId, req.LogicalResourceId, props.fields, inv.Id));
  }
  if (typeof inv.Id !== 'string' || !INVITATION_ID_PATTERN.test(inv.Id)) {
    throw new LifecycleFailure('CreateConnectionInvitation answered without a valid invitation id');
  }
  return inv;
}

async function getOrUndefined(ctx: LifecycleContext, catalog: string, id: string): Promise<Invitation | undefined> {
  try {
    return await ctx.api.getConnectionInvitation(catalog, id, ctx.deadline);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
}

async function getOrFail(ctx: LifecycleContext, catalog: string, id: string): Promise<Invitation> {
  const inv = await getOrUndefined(ctx, catalog, id);
  if (!inv) {
    throw new LifecycleFailure(`Invitation ${id} no longer exists in catalog ${catalog}. To send a new one, change a property of the resource (for example the message, or set a clientToken).`);
  }
  return inv;
}

/**
 * Cancels a pending invitation. An invitation that is gone (404) is fine. A conflict (409) is
 * fine only when the invitation was answered meanwhile, so the invitation is read again: when it
 * is gone or no longer PENDING the cancel has nothing left to do; when it is still PENDING (the
 * conflict was about something else, e.g. the ClientToken), this fails instead of leaving a
 * pending invitation behind without a resource that owns it.
 *
 * @param request the request type the reason asks to retry ('delete' or 'update')
 */
async function cancelPending(ctx: LifecycleContext, catalog: string, id: string, clientToken: string, request: 'delete' | 'update'): Promise<void> {
  try {
    await ctx.api.cancelConnectionInvitation(catalog, id, clientToken, ctx.deadline);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 404) return;
    if (e.status !== 409) throw e;
    const now = await getOrUndefined(ctx, catalog, id);
    if (!now || (typeof now.Status === 'string' && now.Status !== 'PENDING')) return;
    const state = now.Status === 'PENDING' ? 'is still PENDING' : 'was read back without a status';
    throw new LifecycleFailure(`${e.message.replace(/\.$/, '')}. Invitation ${id} ${state} and was not canceled: `
      + `cancel it in Partner Central, or retry the ${request}.`);
  }
}

type LooseProperties = Partial<Record<InvitationField, string>>;

function looseProperties(raw: unknown): LooseProperties {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const f of [...INVITATION_FIELD_NAMES, 'ClientToken']) {
    const v = (raw as Record<string, unknown>)[f];
    if (typeof v === 'string') out[f] = v;
  }
  return out;
}

function propertiesChanged(old: LooseProperties, props: InvitationProperties): boolean {
  return INVITATION_FIELD_NAMES.some((f) => old[f] !== props.fields[f]) || old.ClientToken !== props.clientToken;
}

/**
 * The relationship field of the current invitation: from the old properties (what the create
 * sent), else from the API. The API may spell a receiver differently from the input (its
 * `OtherParticipantIdentifier` is the service's form), which would make a wording change look
 * like a new relationship and fail on the one-pending-per-receiver rule.
 */
function currentValue(inv: Invitation, old: LooseProperties, field: typeof RELATIONSHIP_FIELDS[number]): string | undefined {
  if (old[field] !== undefined) return old[field];
  const v = inv[field === 'ReceiverIdentifier' ? 'OtherParticipantIdentifier' : field];
  return typeof v === 'string' ? v : undefined;
}

function succeeded(phys: string, inv: Invitation): Outcome {
  return { status: 'SUCCESS', physicalResourceId: phys, data: toData(inv) };
}

function succeededNew(inv: Invitation): Outcome {
  return succeeded(inv.Id as string, inv);
}

function failed(phys: string, reason: string): Outcome {
  return { status: 'FAILED', physicalResourceId: phys, reason };
}

/** Turns an error into a FAILED outcome with a reason a person can act on. */
export function failureOf(e: unknown, phys: string): Outcome {
  if (e instanceof LifecycleFailure) return failed(phys, e.reason);
  if (e instanceof ApiError) {
    const hint = hintFor(e);
    return failed(phys, hint ? `${e.message.replace(/\.$/, '')}. ${hint}` : e.message);
  }
  if (e instanceof RetriesExhaustedError || e instanceof ConfigError) return failed(phys, e.message);
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return failed(phys, `Internal error of the handler: ${detail}`);
}

/** A short hint for the errors people meet most. */
export function hintFor(e: ApiError): string | undefined {
  switch (e.reason) {
    case 'RECEIVER_PROFILE_NOT_FOUND':
      return 'Check receiverIdentifier: it must be a partner profile id of this catalog (a 12-digit AWS account id for SUBSIDIARY).';
    case 'CONFLICT_CLIENT_TOKEN':
      return 'The clientToken was already used for an invitation with other properties: set a new clientToken (or remove it) when you change the invitation.';
    case 'DUPLICATE_CONNECTION_INVITATION':
      return 'A pending invitation to this receiver for this catalog and connection type already exists: cancel it in Partner Central, or wait until it is answered or expires.';
    default:
      break;
  }
  switch (e.errorName) {
    case 'AccessDeniedException':
      return `Check that the provider function's role allows partnercentral:${e.operation} with the partnercentral:Catalog condition for this catalog, and that the account is registered in Partner Central for it.`;
    case 'ServiceQuotaExceededException':
      return 'The account reached its daily limit of connection invitations: deploy again tomorrow.';
    default:
      return undefined;
  }
}
