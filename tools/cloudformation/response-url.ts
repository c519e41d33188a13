/**
 * The ResponseURL CloudFormation hands a custom resource: shaped like its presigned S3 URL,
 * unique per event, with a secret signature that identifies the event it was issued for.
 *
 * CloudFormation's side, an independent oracle on purpose: it shares no code with the handler
 * (lambda/), and the event builders (./event-builders.ts) and the ResponseURL host
 * (./response-host.ts) import it.
 *
 * Runtime code uses node built-ins only.
 */
import { createHash, randomBytes } from 'node:crypto';

/** What a ResponseURL was issued for: the echo its response must carry, and its path. */
export interface IssuedUrl {
  /** The event's RequestId. */
  readonly requestId: string;
  /** The event's StackId. */
  readonly stackId: string;
  /** The event's LogicalResourceId. */
  readonly logicalResourceId: string;
  /** The URL's path (`/<bucket>/<key>`). */
  readonly path: string;
}

/** A ResponseURL and what it stands for. */
export interface ResponseUrl {
  /** The full URL to put in the event. */
  readonly url: string;
  /** The `X-Amz-Signature` query value, which names the URL among those issued. */
  readonly signature: string;
  /** What it was issued for. */
  readonly issued: IssuedUrl;
}

/** Where and for what a ResponseURL is issued. */
export interface ResponseUrlRequest {
  /** The base URL of the host (`http://127.0.0.1:<port>`). */
  readonly baseUrl: string;
  /** The stack's region (in the bucket name and the credential scope). */
  readonly region: string;
  /** The event's StackId. */
  readonly stackId: string;
  /** The event's LogicalResourceId. */
  readonly logicalResourceId: string;
  /** The event's RequestId. */
  readonly requestId: string;
  /** The signing time, epoch milliseconds (`X-Amz-Date`). */
  readonly now: number;
}

/**
 * A URL shaped like CloudFormation's presigned S3 URL, unique per event, with a secret signature.
 *
 * @param request where and for what
 */
export function issueResponseUrl(request: ResponseUrlRequest): ResponseUrl {
  const { baseUrl, region, stackId, logicalResourceId, requestId } = request;
  const signature = randomBytes(32).toString('hex');
  const bucket = `cloudformation-custom-resource-response-${region.replace(/-/g, '')}`;
  const key = encodeURIComponent(`${stackId}|${logicalResourceId}|${requestId}`);
  const path = `/${bucket}/${key}`;
  const amzDate = new Date(request.now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const akid = `AKIA${createHash('sha256').update(stackId).digest('hex').slice(0, 16).toUpperCase()}`;
  const query = [
    'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    `X-Amz-Date=${amzDate}`,
    'X-Amz-SignedHeaders=host',
    'X-Amz-Expires=7200',
    `X-Amz-Credential=${akid}%2F${amzDate.slice(0, 8)}%2F${region}%2Fs3%2Faws4_request`,
    `X-Amz-Signature=${signature}`,
  ].join('&');
  return { url: `${baseUrl}${path}?${query}`, signature, issued: { requestId, stackId, logicalResourceId, path } };
}
