/**
 * The checks every request passes before its operation runs, in the API's order: method POST and
 * path `/` (else 405 / 404 UnknownOperationException), `Content-Type: application/x-amz-json-1.0`
 * (else 400 SerializationException), `X-Amz-Target: PartnerCentralAccount.<Operation>` (else 400
 * UnknownOperationException), then SigV4 for `partnercentral-account` in `us-east-1` with `host`
 * and the session token signed (else 403, or 400 IncompleteSignatureException for a malformed
 * header).
 *
 * Part of the emulator, an independent oracle on purpose: it shares no code with the handler
 * (lambda/), so these wire rules and the service's error messages are the emulator's own spelling,
 * and a handler that breaks one shows against it as it would against AWS.
 */
import type * as http from 'node:http';
import type { CallRecord } from './call-record';
import { Operation, OPERATIONS } from './model';
import { JSON_CONTENT_TYPE, SIGNING_REGION, SIGNING_SERVICE, TARGET_PREFIX } from './protocol';
import { ServiceError } from './service-error';
import { AcceptedCredential, verifySigV4 } from './sigv4-verify';

/** What the signature is checked against. */
export interface EnvelopeAuth {
  /** The accepted credential of an access key id, if any. */
  readonly lookup: (accessKeyId: string) => AcceptedCredential | undefined;
  /** The time `X-Amz-Date` must be within 15 minutes of, epoch ms. */
  readonly now: number;
  /** Whether `x-amz-security-token` must be present and signed. */
  readonly requireSessionToken: boolean;
}

const AUTH_MESSAGES: Record<string, string> = {
  MissingAuthenticationTokenException: 'Missing Authentication Token',
  UnrecognizedClientException: 'The security token included in the request is invalid.',
  InvalidSignatureException: 'The request signature we calculated does not match the signature you provided.',
  IncompleteSignatureException: 'The request signature does not conform to AWS standards.',
};

/**
 * Checks a request's envelope; records the operation and the signature's verdict on the call.
 * Returns the operation, or the error to answer.
 *
 * @param req the request
 * @param raw its body
 * @param call its record (operation, signatureValid and signatureReason are set here)
 * @param auth what the signature is checked against
 */
export function checkEnvelope(req: http.IncomingMessage, raw: Buffer, call: CallRecord, auth: EnvelopeAuth): Operation | ServiceError {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/') {
    return new ServiceError(404, 'UnknownOperationException', `No operation at path ${path}`, undefined, {}, false);
  }
  if (req.method !== 'POST') {
    return new ServiceError(405, 'UnknownOperationException', `Method ${req.method} is not allowed`, undefined, {}, false);
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== JSON_CONTENT_TYPE) {
    return new ServiceError(400, 'SerializationException', `Content-Type must be ${JSON_CONTENT_TYPE}`, undefined, {}, false);
  }
  const target = req.headers['x-amz-target'];
  const operation = typeof target === 'string' && target.startsWith(`${TARGET_PREFIX}.`)
    ? OPERATIONS.find((o) => `${TARGET_PREFIX}.${o}` === target)
    : undefined;
  if (!operation) {
    return new ServiceError(400, 'UnknownOperationException', 'The X-Amz-Target header does not name a known operation', undefined, {}, false);
  }
  call.operation = operation;

  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const sig = verifySigV4(
    { method: req.method, url: req.url ?? '/', headers: pairs, body: raw },
    { lookup: auth.lookup, now: auth.now, region: SIGNING_REGION, service: SIGNING_SERVICE, requireSessionToken: auth.requireSessionToken },
  );
  call.signatureValid = sig.valid;
  if (!sig.valid) {
    call.signatureReason = sig.reason;
    const code = sig.errorCode ?? 'InvalidSignatureException';
    return authError(code, `${AUTH_MESSAGES[code]} (${sig.reason})`);
  }
  return operation;
}

function authError(code: string, message: string): ServiceError {
  return new ServiceError(code === 'IncompleteSignatureException' ? 400 : 403, code, message, undefined, {}, false);
}
