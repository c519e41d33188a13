/**
 * The validation of a ConnectionInvitationAccepter's props, apart from the construct as
 * `validate-props.ts` keeps the invitation's. Internal: not exported from index.ts.
 */
import { Duration, Token } from 'aws-cdk-lib';
import { checkEnum, checkInstance, checkString, describeType, isDuration } from './runtime-types';
import { catalogProblem } from './validate-catalog';
import { serviceTimeoutProblems } from './validate-props';
import {
  CANCEL_CONNECTION_REASON_MAX_LENGTH,
  INVITATION_ID_ALLOWED,
  INVITATION_ID_PATTERN,
  isSenderIdentifier,
  SENDER_IDENTIFIER_RULE,
  parseInvitationArn,
} from '../api-constraints';
import { Catalog } from '../catalog';
import type { ConnectionInvitationAccepterProps } from '../connection-invitation-accepter';
import { ACCEPTER_MAX_WAIT_SECONDS } from '../contract';
import { ConnectionType } from '../enums';

/** How long an accepter waits for an invitation named by its sender when `waitFor` is not set: the longest the handler can wait. */
export const DEFAULT_WAIT_FOR = Duration.seconds(ACCEPTER_MAX_WAIT_SECONDS);

/** The three ways of naming the invitation, as the props spell them. */
const WAYS = ['invitation', 'invitationIdentifier', 'sender'] as const;

/** Whether a value looks like an `IConnectionInvitation` (an invitation of this app or an import). */
export function isConnectionInvitationLike(value: unknown): boolean {
  const v = value as { connectionInvitationArn?: unknown; connectionInvitationId?: unknown; catalog?: unknown } | null | undefined;
  return typeof v === 'object' && v !== null && typeof v.connectionInvitationArn === 'string'
    && typeof v.connectionInvitationId === 'string' && Catalog.isCatalog(v.catalog);
}

/**
 * The catalog an accepter works in: the one its props name, else the invitation's (its object's,
 * or the catalog segment of an ARN known at synth time), else `Catalog.AWS`. Call only with props
 * that `validateAccepterProps` found no problem in.
 */
export function accepterCatalog(props: ConnectionInvitationAccepterProps): Catalog {
  return props.catalog ?? invitationCatalog(props) ?? Catalog.AWS;
}

/** The catalog the invitation names, when it names one; `undefined` otherwise. */
function invitationCatalog(props: ConnectionInvitationAccepterProps): Catalog | undefined {
  if (props.invitation !== undefined) return props.invitation.catalog;
  const identifier = props.invitationIdentifier;
  if (identifier === undefined || Token.isUnresolved(identifier)) return undefined;
  const parsed = parseInvitationArn(identifier);
  return parsed === undefined ? undefined : Catalog.of(parsed.catalog);
}

/**
 * The problems of a ConnectionInvitationAccepter's props: each prop's type (for callers that
 * TypeScript does not check), the one way of naming the invitation, then the API's rules for the
 * values known at synth time. Returns every problem, one per entry.
 */
export function validateAccepterProps(props: ConnectionInvitationAccepterProps): string[] {
  if (typeof props !== 'object' || props === null) {
    return [`\`props\` must be an object of ConnectionInvitationAccepterProps, got: ${describeType(props)}`];
  }
  const problems: string[] = [];
  const known = (v: string): boolean => !Token.isUnresolved(v);

  const given = WAYS.filter((way) => props[way] !== undefined);
  if (given.length !== 1) {
    problems.push('give exactly one of `invitation` (an invitation of this app or an import), `invitationIdentifier` '
      + '(an invitation id or ARN) or `sender` (with `connectionType`), got: '
      + (given.length === 0 ? 'none of them' : given.map((w) => `\`${w}\``).join(' and ')));
  }

  if (props.invitation !== undefined && !isConnectionInvitationLike(props.invitation)) {
    problems.push(checkInstance('invitation', 'an IConnectionInvitation (a ConnectionInvitation, or an import such as '
      + 'ConnectionInvitation.fromConnectionInvitationArn)', isConnectionInvitationLike, props.invitation)!);
  }

  const identifier = props.invitationIdentifier;
  if (identifier !== undefined) {
    const wrongType = checkString('invitationIdentifier', identifier);
    if (wrongType) {
      problems.push(wrongType);
    } else if (known(identifier) && !INVITATION_ID_PATTERN.test(identifier) && parseInvitationArn(identifier) === undefined) {
      problems.push(`\`invitationIdentifier\` must be an invitation id (${INVITATION_ID_ALLOWED}) or an invitation ARN `
        + `such as arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abc, got: ${JSON.stringify(identifier)}`);
    }
  }

  const sender = props.sender;
  if (sender !== undefined) {
    const wrongType = checkString('sender', sender);
    if (wrongType) {
      problems.push(wrongType);
    } else if (known(sender) && !isSenderIdentifier(sender)) {
      problems.push(`\`sender\` ${SENDER_IDENTIFIER_RULE}, got: ${JSON.stringify(sender)}`);
    }
    if (props.connectionType === undefined) {
      problems.push('`connectionType` is required with `sender`: a sender may have sent one invitation of each connection type');
    }
  }

  if (props.connectionType !== undefined) {
    const wrongType = typeof props.connectionType === 'string' && !known(props.connectionType) ? undefined
      : checkEnum('connectionType', 'ConnectionType', Object.values(ConnectionType), props.connectionType);
    if (wrongType) problems.push(wrongType);
  }

  if (props.catalog !== undefined) {
    const wrongCatalog = catalogProblem(props.catalog);
    if (wrongCatalog) problems.push(wrongCatalog.problem);
    if (wrongCatalog?.kind !== 'type' && known(props.catalog.name)) {
      const named = problems.length === 0 ? invitationCatalog(props) : undefined;
      if (named !== undefined && known(named.name) && named.name !== props.catalog.name) {
        problems.push(`\`catalog\` (${props.catalog.name}) differs from the catalog of the invitation (${named.name}): `
          + 'leave `catalog` unset, the invitation names its own');
      }
    }
  }

  problems.push(...waitForProblems(props));

  const cancel = props.cancelOnDelete;
  if (cancel !== undefined) {
    if (typeof cancel !== 'object' || cancel === null) {
      problems.push(`\`cancelOnDelete\` must be an object of CancelOnDeleteOptions (with a \`reason\`), got: ${describeType(cancel)}`);
    } else {
      const wrongType = checkString('cancelOnDelete.reason', cancel.reason);
      if (wrongType) {
        problems.push(wrongType);
      } else if (known(cancel.reason) && cancel.reason.length > CANCEL_CONNECTION_REASON_MAX_LENGTH) {
        problems.push(`\`cancelOnDelete.reason\` must be at most ${CANCEL_CONNECTION_REASON_MAX_LENGTH} characters long `
          + `(got ${cancel.reason.length})`);
      }
    }
  }

  problems.push(...serviceTimeoutProblems(props.serviceTimeout));
  return problems;
}

/** The problems of `waitFor`: a Duration of whole seconds up to the longest wait. */
function waitForProblems(props: ConnectionInvitationAccepterProps): string[] {
  const waitFor = props.waitFor;
  if (waitFor === undefined) return [];
  if (!isDuration(waitFor)) {
    return [checkInstance('waitFor', 'a Duration (such as Duration.seconds(30))', isDuration, waitFor)!];
  }
  const problems: string[] = [];
  if (waitFor.isUnresolved()) {
    try {
      waitFor.toSeconds();
    } catch {
      problems.push('`waitFor` that is a token must be given in seconds, as Duration.seconds(token): '
        + 'aws-cdk-lib cannot convert a token in another unit');
    }
    return problems;
  }
  const seconds = waitFor.toSeconds({ integral: false });
  if (seconds < 0 || seconds > ACCEPTER_MAX_WAIT_SECONDS) {
    problems.push(`\`waitFor\` must be between 0 and ${ACCEPTER_MAX_WAIT_SECONDS} seconds (half of the handler's time for the API, `
      + `less the reads before the wait), got: ${seconds} seconds`);
  } else if (!Number.isInteger(seconds)) {
    problems.push(`\`waitFor\` must be a whole number of seconds, got: ${seconds} seconds`);
  }
  return problems;
}
