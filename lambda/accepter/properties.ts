/**
 * Reads an accepter's resource properties (`AccepterResourceProperties` of src/contract.ts) with
 * the API's field rules: which invitation to accept (by id or ARN, or by sender and connection
 * type), how long to wait for it, and what a Delete does.
 */
import {
  CANCEL_CONNECTION_REASON_MAX_LENGTH, checkField, INVITATION_ID_ALLOWED, INVITATION_ID_PATTERN, isSenderIdentifier,
  parseInvitationArn, SENDER_IDENTIFIER_RULE,
} from '../../src/api-constraints';
import { ACCEPTER_MAX_WAIT_SECONDS, type AccepterResourceProperties } from '../../src/contract';
import { notAString, quoted } from '../common/property-problems';

/** Which invitation an accepter accepts. */
export type AccepterTarget =
  /** The invitation with this id. */
  | { readonly by: 'id'; readonly id: string }
  /** The single PENDING invitation this account received from this sender, of this connection type. */
  | { readonly by: 'sender'; readonly sender: string; readonly connectionType: string };

/** An accepter's properties, validated. */
export interface AccepterProps {
  readonly catalog: string;
  readonly target: AccepterTarget;
  /** Checked against the invitation when the target is an id. */
  readonly connectionType?: string;
  /** How long to wait for a sender's invitation to appear, ms. */
  readonly waitMs: number;
  /** The reason to cancel the accepted connection type with on Delete; undefined: Delete leaves it. */
  readonly cancelReason?: string;
}

/** The result of reading accepter properties. */
export type AccepterRead = { readonly ok: true; readonly props: AccepterProps } | { readonly ok: false; readonly problems: string[] };

/** Reads and validates an accepter's properties; problems name the property and the rule. */
export function readAccepterProperties(raw: unknown): AccepterRead {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: ['ResourceProperties must be an object'] };
  const src = raw as Record<string, unknown>;
  const problems: string[] = [];
  const str = (key: keyof AccepterResourceProperties): string | undefined => {
    const v = src[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      problems.push(notAString(key, v));
      return undefined;
    }
    return v;
  };
  const catalog = str('Catalog');
  const identifier = str('InvitationIdentifier');
  const sender = str('SenderIdentifier');
  const connectionType = str('ConnectionType');
  const wait = str('WaitSeconds');
  const cancel = str('CancelOnDelete');
  const cancelReason = str('CancelReason');

  if (catalog === undefined) problems.push('Catalog is required');
  else if (checkField('Catalog', catalog)) problems.push(`Catalog ${checkField('Catalog', catalog)!.rule} (got ${quoted(catalog)})`);
  if (connectionType !== undefined && checkField('ConnectionType', connectionType)) {
    problems.push(`ConnectionType ${checkField('ConnectionType', connectionType)!.rule} (got ${quoted(connectionType)})`);
  }
  let target: AccepterTarget | undefined;
  if ((identifier === undefined) === (sender === undefined)) {
    problems.push('Exactly one of InvitationIdentifier and SenderIdentifier is required');
  } else if (identifier !== undefined) {
    const arn = parseInvitationArn(identifier);
    if (INVITATION_ID_PATTERN.test(identifier)) {
      target = { by: 'id', id: identifier };
    } else if (arn) {
      if (catalog !== undefined && arn.catalog !== catalog) problems.push(`InvitationIdentifier is an invitation ARN of catalog ${quoted(arn.catalog)}, not of Catalog ${quoted(catalog)}`);
      target = { by: 'id', id: arn.id };
    } else {
      problems.push(`InvitationIdentifier must be an invitation id (${INVITATION_ID_ALLOWED}) or its ARN (got ${quoted(identifier)})`);
    }
  } else if (sender !== undefined) {
    if (!isSenderIdentifier(sender)) {
      problems.push(`SenderIdentifier ${SENDER_IDENTIFIER_RULE} (got ${quoted(sender)})`);
    }
    if (connectionType === undefined) problems.push('ConnectionType is required with SenderIdentifier');
    else target = { by: 'sender', sender, connectionType };
  }
  let waitMs = 0;
  if (wait !== undefined) {
    // The construct refuses a longer waitFor at synth time; a template written by hand or edited may still carry one.
    if (!/^\d{1,4}$/.test(wait) || Number(wait) > ACCEPTER_MAX_WAIT_SECONDS) {
      problems.push(`WaitSeconds must be a whole number of seconds from 0 to ${ACCEPTER_MAX_WAIT_SECONDS}, the longest the handler `
        + `can wait (half of its time for the API, less the reads before the wait) (got ${quoted(wait)})`);
    } else {
      waitMs = Number(wait) * 1000;
    }
  }
  if (cancel !== undefined && cancel !== 'true' && cancel !== 'false') problems.push(`CancelOnDelete must be 'true' or 'false' (got ${quoted(cancel)})`);
  const cancels = cancel === 'true';
  if (cancels && cancelReason === undefined) problems.push('CancelReason is required with CancelOnDelete (CancelConnection requires a reason)');
  if (cancelReason !== undefined && cancelReason.length > CANCEL_CONNECTION_REASON_MAX_LENGTH) {
    problems.push(`CancelReason must be at most ${CANCEL_CONNECTION_REASON_MAX_LENGTH} characters long (got ${cancelReason.length})`);
  }
  if (problems.length > 0 || !target) return { ok: false, problems };
  return {
    ok: true,
    props: { catalog: catalog!, target, connectionType, waitMs, cancelReason: cancels ? cancelReason : undefined },
  };
}
