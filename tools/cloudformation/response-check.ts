/**
 * What CloudFormation rejects in a custom resource's response PUT: the body's shape and echoes,
 * the content type its presigned URL expects, and the 4096-byte limit. Pure.
 *
 * CloudFormation's side, an independent oracle on purpose: it shares no code with the handler
 * (lambda/), so its limit (`MAX_RESPONSE_BYTES`, which lambda/cfn-response.ts also states) checks
 * the handler's instead of repeating it.
 */
import type { CfnResponse } from './events';
import type { IssuedUrl } from './response-url';

/** The largest response body CloudFormation accepts, in bytes. */
export const MAX_RESPONSE_BYTES = 4096;

/** A response body checked. */
export interface CheckedResponse {
  /** The body parsed, when it was a JSON object. */
  readonly response?: CfnResponse;
  /** What CloudFormation would reject, in words; empty when the response is acceptable. */
  readonly violations: string[];
  /** Whether the body is over CloudFormation's 4096-byte limit. */
  readonly oversize: boolean;
}

/**
 * Checks a response PUT as CloudFormation does.
 *
 * @param raw the body
 * @param contentType the PUT's content-type header, if any
 * @param issued what the ResponseURL was issued for
 */
export function checkResponse(raw: Buffer, contentType: string | undefined, issued: IssuedUrl): CheckedResponse {
  const { response, violations } = checkBody(raw.toString('utf8'), issued);
  if (contentType === undefined) {
    violations.push("no content-type header (CloudFormation's presigned URL expects an empty one)");
  } else if (contentType !== '') {
    violations.push(`content-type is '${contentType}', expected an empty value`);
  }
  const oversize = raw.length > MAX_RESPONSE_BYTES;
  if (oversize) violations.push(`the body is ${raw.length} bytes, over CloudFormation's ${MAX_RESPONSE_BYTES}-byte limit`);
  return { response, violations, oversize };
}

/** Checks a response body as CloudFormation does; returns the parsed object and the problems found. */
function checkBody(body: string, issued: IssuedUrl): { response?: CfnResponse; violations: string[] } {
  const violations: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { violations: ['the body is not JSON'] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { violations: ['the body is not a JSON object'] };
  }
  const r = parsed as Record<string, unknown>;
  if (r.Status !== 'SUCCESS' && r.Status !== 'FAILED') violations.push(`Status is ${JSON.stringify(r.Status)}, expected SUCCESS or FAILED`);
  if (typeof r.PhysicalResourceId !== 'string' || r.PhysicalResourceId === '') violations.push('PhysicalResourceId is missing or empty');
  if (r.StackId !== issued.stackId) violations.push("StackId does not echo the event's");
  if (r.RequestId !== issued.requestId) violations.push("RequestId does not echo the event's");
  if (r.LogicalResourceId !== issued.logicalResourceId) violations.push("LogicalResourceId does not echo the event's");
  if (r.Reason !== undefined && typeof r.Reason !== 'string') violations.push('Reason is not a string');
  if (r.NoEcho !== undefined && typeof r.NoEcho !== 'boolean') violations.push('NoEcho is not a boolean');
  if (r.Data !== undefined && (typeof r.Data !== 'object' || r.Data === null || Array.isArray(r.Data))) violations.push('Data is not an object');
  return { response: r as unknown as CfnResponse, violations };
}
