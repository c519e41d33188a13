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
