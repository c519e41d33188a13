/**
 * The EventBridge events Partner Central publishes about a connection invitation, and the
 * rules of where a rule matching them can live. Internal: not exported from index.ts.
 *
 * Source: "Notifications for the AWS Partner Central Account API" (Partner Central developer
 * guide, account-api-events): events come from the source `aws.partnercentral-account`, on the
 * default event bus of us-east-1 only; every invitation event carries `detail.catalog`, the
 * invitation in `detail.connectionInvitation` (`id`, `arn`, `connectionType`) and the invitation
 * ARN in `resources`. The events carry no status field: the detail type says what happened.
 */
import { Annotations, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type { IConstruct } from 'constructs';
import { InvitationStatus } from '../enums';
import { checkString, describeType } from './runtime-types';

/** The event source of the Partner Central Account API. */
export const EVENT_SOURCE = 'aws.partnercentral-account';

/** The only region whose default event bus receives Partner Central events. */
export const EVENT_REGION = 'us-east-1';

/** The warning added to a rule whose stack's region is not known at synth time. */
export const EVENT_REGION_UNKNOWN_WARNING = 'cdk-partnercentral:eventRuleRegionUnknown';

/**
 * The detail type of each status an invitation can change to, and who receives it (the
 * documented recipients): the sender learns of acceptance, rejection and expiry; the receiver
 * of acceptance, cancellation and expiry.
 */
export const STATUS_DETAIL_TYPES: ReadonlyArray<{ readonly status: InvitationStatus; readonly detailType: string }> = [
  { status: InvitationStatus.ACCEPTED, detailType: 'Partner Connection Invitation Accepted' },
  { status: InvitationStatus.REJECTED, detailType: 'Partner Connection Invitation Rejected' },
  { status: InvitationStatus.CANCELED, detailType: 'Partner Connection Invitation Cancelled' },
  { status: InvitationStatus.EXPIRED, detailType: 'Partner Connection Invitation Expired' },
];

/**
 * The detail type of the event that a status change of an invitation produces (`PENDING` has
 * none: the receiver's `Partner Connection Invitation Received` announces a new invitation).
 */
export function detailTypeOf(status: InvitationStatus): string {
  const found = STATUS_DETAIL_TYPES.find((s) => s.status === status);
  if (!found) throw new Error(`No Partner Central event announces the invitation status ${status}`);
  return found.detailType;
}

/** What identifies one invitation in its events. */
export interface InvitationEventTarget {
  /** The invitation id, `pacinv-` and 13 letters or digits (may be a token). */
  readonly invitationId: string;
  /** The catalog name the invitation lives in (may be a token). */
  readonly catalog: string;
}

/**
 * The event pattern of every event about one invitation: the source, the catalog (in any
 * letter case, as the library accepts `Sandbox` and `sandbox` alike) and the invitation id.
 */
export function invitationEventPattern(target: InvitationEventTarget): events.EventPattern {
  return {
    source: [EVENT_SOURCE],
    detail: {
      catalog: events.Match.equalsIgnoreCase(target.catalog),
      connectionInvitation: { id: [target.invitationId] },
    },
  };
}

/**
 * The problems of an `onEvent`-style call's arguments, for callers the compiler does not
 * check (JavaScript and the jsii languages): `id` must be a string, `options` an object.
 */
export function onEventArgumentProblems(id: unknown, options: unknown): string[] {
  const problems: string[] = [];
  const wrongId = checkString('id', id, 'the construct id of the rule');
  if (wrongId) problems.push(wrongId);
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    problems.push(`\`options\` must be an object of events.OnEventOptions, got: ${describeType(options)}`);
  }
  return problems;
}

/**
 * The problem of an `options.eventPattern.detailType` given to a method that sets the rule's
 * detail types itself (onAccepted, onStatusChange): aws-cdk-lib merges the two lists, and a rule
 * matches any detail type of its list, so the user's would widen the rule instead of narrowing it.
 */
export function detailTypeOptionProblems(method: string, options: unknown): string[] {
  if (typeof options !== 'object' || options === null) return [];
  const pattern = (options as events.OnEventOptions).eventPattern;
  if (pattern === undefined || pattern === null || typeof pattern !== 'object' || pattern.detailType === undefined) return [];
  return [`\`options.eventPattern.detailType\` must not be set: ${method} sets the rule's detail types itself, and a rule's `
    + 'detail types add up (it matches any of them), so yours would widen the rule instead of narrowing it; '
    + 'use onEvent with your own detailType instead'];
}

/**
 * The problem of a rule about to be made in `scope`'s stack when that stack's region is known
 * and is not us-east-1, or `undefined`.
 */
export function eventRegionProblem(scope: IConstruct): string | undefined {
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region) || region === EVENT_REGION) return undefined;
  return `the rule would live on the default event bus of ${region} (the stack's region), but Partner Central `
    + `publishes its events only to the default event bus of ${EVENT_REGION}, so it would never match: `
    + `call it in a stack whose region is ${EVENT_REGION} (import the invitation there with `
    + 'ConnectionInvitation.fromConnectionInvitationArn), and send the events on to other regions from that rule\'s targets';
}

/** Warns on a rule in a stack whose region is a token: it matches only if the stack is deployed to us-east-1. */
export function warnIfRegionUnknown(rule: events.Rule, method: string): void {
  if (!Token.isUnresolved(Stack.of(rule).region)) return;
  Annotations.of(rule).addWarningV2(EVENT_REGION_UNKNOWN_WARNING, `The rule made by ${method} is in an environment-agnostic `
    + `stack: it matches Partner Central events only if the stack is deployed to ${EVENT_REGION}, the only region whose `
    + `default event bus receives them. Set the stack's env region to ${EVENT_REGION} (or acknowledge this warning if you deploy there).`);
}
