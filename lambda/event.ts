/**
 * Reads the raw invocation payload into a CloudFormation request, or says why it cannot be
 * one. Nothing here throws: a malformed event still gets a FAILED answer when its ResponseURL
 * is usable, and is only logged when it is not.
 */
import { isRecord } from './json';
import type { CfnRequest, RequestType } from './types';

/** The identifiers echoed in every answer, as far as the event carries them. */
export interface Echo {
  /** The RequestType, '' when it is not a string. */
  readonly requestType: string;
  /** The StackId, '' when it is not a string. */
  readonly stackId: string;
  /** The RequestId, '' when it is not a string. */
  readonly requestId: string;
  /** The LogicalResourceId, '' when it is not a string. */
  readonly logicalResourceId: string;
  /** The event's PhysicalResourceId, when it is a non-empty string. */
  readonly physicalResourceId?: string;
}

/** The result of reading an event. */
export type ParsedEvent =
  | { readonly kind: 'ok'; readonly url: URL; readonly echo: Echo; readonly request: CfnRequest }
  | { readonly kind: 'malformed'; readonly url: URL; readonly echo: Echo; readonly problem: string }
  | { readonly kind: 'unanswerable'; readonly echo: Echo; readonly problem: string };

const REQUEST_TYPES: readonly RequestType[] = ['Create', 'Update', 'Delete'];

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a value of type ${typeof v}`;
}

/** Reads the event; see {@link ParsedEvent}. */
export function parseEvent(raw: unknown): ParsedEvent {
  const ev: Record<string, unknown> = isRecord(raw) ? raw : {};
  const echo: Echo = {
    requestType: typeof ev.RequestType === 'string' ? ev.RequestType : '',
    stackId: typeof ev.StackId === 'string' ? ev.StackId : '',
    requestId: typeof ev.RequestId === 'string' ? ev.RequestId : '',
    logicalResourceId: typeof ev.LogicalResourceId === 'string' ? ev.LogicalResourceId : '',
    physicalResourceId: nonEmptyString(ev.PhysicalResourceId) ? ev.PhysicalResourceId : undefined,
  };
  if (!isRecord(raw)) return { kind: 'unanswerable', echo, problem: 'the event is not an object' };
  let url: URL | undefined;
  if (typeof ev.ResponseURL === 'string') {
    try {
      const u = new URL(ev.ResponseURL);
      if (u.protocol === 'https:' || u.protocol === 'http:') url = u;
    } catch {
      url = undefined;
    }
  }
  if (!url) return { kind: 'unanswerable', echo, problem: 'the event has no usable ResponseURL' };

  const malformed = (problem: string): ParsedEvent => ({ kind: 'malformed', url: url, echo, problem });
  if (!REQUEST_TYPES.includes(ev.RequestType as RequestType)) {
    return malformed(`Unsupported RequestType ${describe(ev.RequestType)}: expected Create, Update or Delete`);
  }
  for (const key of ['StackId', 'RequestId', 'LogicalResourceId'] as const) {
    if (!nonEmptyString(ev[key])) return malformed(`The event has no ${key}`);
  }
  if (!isRecord(ev.ResourceProperties)) return malformed('The event has no ResourceProperties object');
  const base = {
    ResponseURL: ev.ResponseURL as string,
    StackId: ev.StackId as string,
    RequestId: ev.RequestId as string,
    LogicalResourceId: ev.LogicalResourceId as string,
    ResourceType: typeof ev.ResourceType === 'string' ? ev.ResourceType : '',
    ResourceProperties: ev.ResourceProperties,
  };
  switch (ev.RequestType as RequestType) {
    case 'Create':
      return { kind: 'ok', url, echo, request: { ...base, RequestType: 'Create' } };
    case 'Update':
      if (!nonEmptyString(ev.PhysicalResourceId)) return malformed('The Update event has no PhysicalResourceId');
      if (!isRecord(ev.OldResourceProperties)) return malformed('The Update event has no OldResourceProperties object');
      return {
        kind: 'ok',
        url,
        echo,
        request: { ...base, RequestType: 'Update', PhysicalResourceId: ev.PhysicalResourceId, OldResourceProperties: ev.OldResourceProperties },
      };
    case 'Delete':
      if (!nonEmptyString(ev.PhysicalResourceId)) return malformed('The Delete event has no PhysicalResourceId');
      return { kind: 'ok', url, echo, request: { ...base, RequestType: 'Delete', PhysicalResourceId: ev.PhysicalResourceId } };
  }
}

/** The personal values of an event (Email, Name, Message, old and new), to scrub from reasons. */
export function personalValues(raw: unknown): string[] {
  const out: string[] = [];
  if (!isRecord(raw)) return out;
  for (const props of [raw.ResourceProperties, raw.OldResourceProperties]) {
    if (!isRecord(props)) continue;
    for (const key of ['Email', 'Name', 'Message']) {
      const v = props[key];
      if (typeof v === 'string' && v.trim().length > 0) out.push(v);
    }
  }
  return out;
}

// Bounded repetitions keep the scan linear on long texts without an '@'.
const EMAIL_LIKE = /[^\s@"'<>(),;:]{1,64}@[^\s@"'<>(),;:]{1,255}/g;

/** Longer reasons are cut before scrubbing: the response keeps less than 4 KB of them anyway. */
const MAX_REASON_CHARS = 8_000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes personal values from a text that goes to CloudFormation and the logs: the exact
 * values of the resource (as whole words when short), and anything that looks like an e-mail
 * address (an API message may quote one).
 */
export function scrubReason(text: string, values: readonly string[]): string {
  let out = text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS)} [truncated]` : text;
  const sorted = [...new Set(values)].sort((a, b) => b.length - a.length);
  for (const v of sorted) {
    for (const variant of new Set([v, v.trim(), JSON.stringify(v).slice(1, -1)])) {
      if (variant.length === 0) continue;
      if (variant.length >= 6) {
        out = out.split(variant).join('<redacted>');
      } else {
        out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(variant)}(?![A-Za-z0-9])`, 'g'), '<redacted>');
      }
    }
  }
  return out.replace(EMAIL_LIKE, '<email>');
}
