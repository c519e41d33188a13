/**
 * Verification of AWS Signature Version 4 (header form), written with `node:crypto` only.
 *
 * The handler signs with `@smithy/signature-v4`; the emulator checks those signatures with this
 * independent implementation, so a mistake in how the handler drives the signer (wrong region,
 * service, unsigned `host`, missing session token, body changed after signing) shows up as a
 * 403 exactly as it would against AWS. The header is read by ./sigv4-authorization.ts, the
 * canonical request built by ./sigv4-canonical.ts, the key and signature by ./sigv4-signing.ts.
 *
 * Part of the SigV4 verifier, an independent oracle on purpose: it shares no code with the
 * handler (lambda/, whose signer is lambda/api/signer.ts over `@smithy/signature-v4`) nor with
 * the signer it checks. Keep it so: a verifier built on the signer would agree with the signer's
 * mistakes. Written with `node:crypto` only.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseAmzDate, parseAuthorization } from './sigv4-authorization';
import { canonicalRequestOf, headerMap, RawSignedRequest } from './sigv4-canonical';
import { deriveSigningKey, stringToSignOf } from './sigv4-signing';

/** How far the request's `X-Amz-Date` may be from the verifier's clock (AWS allows 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The secret (and optionally the session token) the verifier accepts for one access key id. */
export interface AcceptedCredential {
  /** The secret access key the request must be signed with. */
  readonly secretAccessKey: string;
  /**
   * The session token the request must carry in `x-amz-security-token`.
   *
   * @default - any non-empty token is accepted (when one is required at all)
   */
  readonly sessionToken?: string;
}

/** What to check besides the signature itself. */
export interface VerifyOptions {
  /** Finds the secret for an access key id; `undefined` means the key is unknown. */
  readonly lookup: (accessKeyId: string) => AcceptedCredential | undefined;
  /**
   * The verifier's clock, epoch milliseconds.
   *
   * @default - Date.now()
   */
  readonly now?: number;
  /**
   * Maximum distance between `X-Amz-Date` and `now`.
   *
   * @default MAX_CLOCK_SKEW_MS (15 minutes)
   */
  readonly maxSkewMs?: number;
  /**
   * The region the credential scope must name.
   *
   * @default - any region
   */
  readonly region?: string;
  /**
   * The signing name the credential scope must name.
   *
   * @default - any service
   */
  readonly service?: string;
  /**
   * Headers (lower case) that must be among the signed headers. `host` is always required.
   *
   * @default - ['host']
   */
  readonly requiredSignedHeaders?: readonly string[];
  /**
   * Whether `x-amz-security-token` must be present and signed.
   *
   * @default false
   */
  readonly requireSessionToken?: boolean;
  /**
   * Whether the canonical URI encodes the (already encoded) path once more, as every service but
   * S3 does.
   *
   * @default true
   */
  readonly doubleEncodePath?: boolean;
}

/** The error code AWS answers each kind of authentication failure with. */
export type SigV4ErrorCode =
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException';

/** The outcome of a verification. */
export interface VerifyResult {
  /** Whether the request is authentic and meets every option. */
  readonly valid: boolean;
  /** Why it is not, in words (never contains a secret, token or access key id); absent when valid. */
  readonly reason?: string;
  /** The AWS error code for this failure; absent when valid. */
  readonly errorCode?: SigV4ErrorCode;
  /** The access key id from the credential scope, when the header could be parsed. */
  readonly accessKeyId?: string;
  /** The scope's date (`YYYYMMDD`), when the header could be parsed. */
  readonly scopeDate?: string;
  /** The scope's region, when the header could be parsed. */
  readonly region?: string;
  /** The scope's service (signing name), when the header could be parsed. */
  readonly service?: string;
  /** The signed header names in order, when the header could be parsed. */
  readonly signedHeaders?: readonly string[];
  /** The canonical request the verifier rebuilt, when it got that far (for debugging a mismatch). */
  readonly canonicalRequest?: string;
  /** The string to sign the verifier rebuilt, when it got that far. */
  readonly stringToSign?: string;
}

/**
 * Verifies the SigV4 `Authorization` header of a raw request.
 *
 * Checks, in order: the header is present and well formed; the access key is known; the scope
 * ends in `aws4_request` and names the expected region and service; `host` (and every required
 * header) is signed; the session token is present and signed when required; `X-Amz-Date` is
 * signed, matches the scope date and is within the allowed skew; `x-amz-content-sha256`, when
 * sent, is the body's hash (never `UNSIGNED-PAYLOAD`: the body is always part of the signature);
 * and finally the signature, compared in constant time.
 */
export function verifySigV4(request: RawSignedRequest, options: VerifyOptions): VerifyResult {
  const headers = headerMap(request.headers);
  const authorization = headers.get('authorization')?.[0];
  if (authorization === undefined || authorization.trim() === '') {
    return { valid: false, errorCode: 'MissingAuthenticationTokenException', reason: 'the request has no Authorization header' };
  }
  const parsed = parseAuthorization(authorization);
  if (typeof parsed === 'string') {
    return { valid: false, errorCode: 'IncompleteSignatureException', reason: parsed };
  }
  const base = {
    accessKeyId: parsed.accessKeyId,
    scopeDate: parsed.date,
    region: parsed.region,
    service: parsed.service,
    signedHeaders: parsed.signedHeaders,
  };
  const fail = (errorCode: SigV4ErrorCode, reason: string, extra: Partial<VerifyResult> = {}): VerifyResult =>
    ({ valid: false, errorCode, reason, ...base, ...extra });

  if (parsed.terminator !== 'aws4_request') {
    return fail('IncompleteSignatureException', `the credential scope ends in '${parsed.terminator}', not 'aws4_request'`);
  }
  const credential = options.lookup(parsed.accessKeyId);
  if (!credential) {
    return fail('UnrecognizedClientException', 'the access key id is not one the verifier knows');
  }
  if (options.region !== undefined && parsed.region !== options.region) {
    return fail('InvalidSignatureException', `the credential is scoped to region '${parsed.region}', expected '${options.region}'`);
  }
  if (options.service !== undefined && parsed.service !== options.service) {
    return fail('InvalidSignatureException', `the credential is scoped to service '${parsed.service}', expected '${options.service}'`);
  }
  const required = new Set(['host', ...(options.requiredSignedHeaders ?? [])]);
  for (const name of required) {
    if (!parsed.signedHeaders.includes(name)) {
      return fail('InvalidSignatureException', `the '${name}' header is not signed`);
    }
  }
  for (const name of parsed.signedHeaders) {
    if (!headers.has(name)) {
      return fail('InvalidSignatureException', `the signed header '${name}' is not in the request`);
    }
  }
  const token = headers.get('x-amz-security-token')?.[0];
  if (options.requireSessionToken || credential.sessionToken !== undefined) {
    if (token === undefined || token === '') {
      return fail('UnrecognizedClientException', 'the request has no session token (x-amz-security-token)');
    }
    if (!parsed.signedHeaders.includes('x-amz-security-token')) {
      return fail('InvalidSignatureException', "the 'x-amz-security-token' header is not signed");
    }
    if (credential.sessionToken !== undefined && token !== credential.sessionToken) {
      return fail('UnrecognizedClientException', 'the session token is not the one issued with this access key');
    }
  }
  const amzDate = headers.get('x-amz-date')?.[0]?.trim();
  if (amzDate === undefined) {
    return fail('IncompleteSignatureException', 'the request has no X-Amz-Date header');
  }
  // Unsigned, the date could be moved to replay a captured request within a new window.
  if (!parsed.signedHeaders.includes('x-amz-date')) {
    return fail('InvalidSignatureException', "the 'x-amz-date' header is not signed");
  }
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) {
    return fail('IncompleteSignatureException', `X-Amz-Date '${amzDate}' is not YYYYMMDDTHHMMSSZ`);
  }
  if (amzDate.slice(0, 8) !== parsed.date) {
    return fail('InvalidSignatureException', `the credential scope date ${parsed.date} does not match X-Amz-Date ${amzDate}`);
  }
  const now = options.now ?? Date.now();
  const maxSkew = options.maxSkewMs ?? MAX_CLOCK_SKEW_MS;
  if (Math.abs(now - signedAt) > maxSkew) {
    return fail('InvalidSignatureException',
      `signature expired or not yet valid: X-Amz-Date ${amzDate} is more than ${Math.round(maxSkew / 60000)} minutes from the server time ${new Date(now).toISOString()}`);
  }
  const { canonicalRequest, payloadHash } = canonicalRequestOf(request, parsed.signedHeaders, options);
  const declared = headers.get('x-amz-content-sha256')?.[0]?.trim();
  if (declared !== undefined && declared !== payloadHash) {
    return fail('InvalidSignatureException', declared === 'UNSIGNED-PAYLOAD'
      ? 'x-amz-content-sha256 is UNSIGNED-PAYLOAD, which this service does not accept: the body must be signed'
      : 'x-amz-content-sha256 does not match the body', { canonicalRequest });
  }
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/aws4_request`;
  const stringToSign = stringToSignOf(amzDate, scope, canonicalRequest);
  const key = deriveSigningKey(credential.secretAccessKey, parsed.date, parsed.region, parsed.service);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(parsed.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('InvalidSignatureException',
      'the request signature does not match: the canonical request or the secret differs from what was signed',
      { canonicalRequest, stringToSign });
  }
  return { valid: true, ...base, canonicalRequest, stringToSign };
}
