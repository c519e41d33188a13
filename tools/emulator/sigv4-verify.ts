/**
 * Verification of AWS Signature Version 4 (header form), written with `node:crypto` only.
 *
 * The handler signs with `@smithy/signature-v4`; the emulator checks those signatures with this
 * independent implementation, so a mistake in how the handler drives the signer (wrong region,
 * service, unsigned `host`, missing session token, body changed after signing) shows up as a
 * 403 exactly as it would against AWS.
 *
 * An independent oracle on purpose: it shares no code with the handler (lambda/) nor with the
 * signer it checks. Keep it so: a verifier built on the signer would agree with the signer's
 * mistakes.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The only algorithm SigV4 header authentication uses. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** How far the request's `X-Amz-Date` may be from the verifier's clock (AWS allows 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The hash of an empty payload, which signers use for bodiless requests. */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

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

/** A request as it arrived on the wire. */
export interface RawSignedRequest {
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** The request target as received: the raw (still percent-encoded) path, plus `?query` if any. */
  readonly url: string;
  /**
   * The headers. Either node's `rawHeaders`-style list of name/value pairs (exact: repeated headers
   * are kept apart) or a header object (`IncomingHttpHeaders`; array values are joined with `,`).
   */
  readonly headers: ReadonlyArray<readonly [string, string]> | Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body bytes. */
  readonly body: Buffer | Uint8Array | string;
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

/** The parts of an `Authorization: AWS4-HMAC-SHA256 ...` header. */
export interface ParsedAuthorization {
  /** The access key id. */
  readonly accessKeyId: string;
  /** `YYYYMMDD`. */
  readonly date: string;
  /** The scope's region. */
  readonly region: string;
  /** The scope's service. */
  readonly service: string;
  /** The scope terminator; must be `aws4_request`. */
  readonly terminator: string;
  /** Lower-case signed header names, in the order given. */
  readonly signedHeaders: string[];
  /** Hex signature. */
  readonly signature: string;
}

/**
 * Parses an Authorization header value.
 *
 * Returns a string describing the problem when the value is not a well-formed SigV4 header.
 */
export function parseAuthorization(value: string): ParsedAuthorization | string {
  const trimmed = value.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) {
    return `the Authorization header does not start with ${SIGV4_ALGORITHM}`;
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length).split(',')) {
    const p = part.trim();
    const eq = p.indexOf('=');
    if (eq <= 0) return `malformed Authorization component '${p.split('=')[0]}'`;
    fields.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential) return 'the Authorization header has no Credential';
  if (!signedHeaders) return 'the Authorization header has no SignedHeaders';
  if (!signature) return 'the Authorization header has no Signature';
  const scope = credential.split('/');
  if (scope.length !== 5) return 'the Credential is not AKID/date/region/service/aws4_request';
  const [accessKeyId, date, region, service, terminator] = scope;
  if (!/^\d{8}$/.test(date)) return 'the Credential date is not YYYYMMDD';
  if (!/^[0-9a-f]{64}$/.test(signature)) return 'the Signature is not 64 lower-case hex digits';
  return {
    accessKeyId,
    date,
    region,
    service,
    terminator,
    signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()),
    signature,
  };
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but unreserved characters. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function canonicalUri(rawPath: string, doubleEncode: boolean): string {
  if (rawPath === '' || rawPath === '/') return '/';
  if (!doubleEncode) {
    return rawPath.split('/').map((s) => uriEncode(safeDecode(s))).join('/');
  }
  const segments: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      segments.pop();
    } else {
      segments.push(seg);
    }
  }
  const lead = rawPath.startsWith('/') ? '/' : '';
  const trail = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  // The raw segment is already encoded once by the client; SigV4 (non-S3) encodes it again.
  return `${lead}${segments.map((s) => uriEncode(s)).join('/')}${trail}`;
}

function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery.split('&').filter((p) => p !== '').map((p) => {
    const eq = p.indexOf('=');
    const k = eq < 0 ? p : p.slice(0, eq);
    const v = eq < 0 ? '' : p.slice(eq + 1);
    return [uriEncode(safeDecode(k.replace(/\+/g, '%20'))), uriEncode(safeDecode(v.replace(/\+/g, '%20')))] as const;
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Collects header values by lower-case name, keeping repeated headers apart. */
function headerMap(headers: RawSignedRequest['headers']): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const key = name.toLowerCase();
    const list = out.get(key) ?? [];
    list.push(value);
    out.set(key, list);
  };
  if (Array.isArray(headers)) {
    for (const [name, value] of headers as ReadonlyArray<readonly [string, string]>) add(name, value);
  } else {
    for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        for (const v of value) add(name, v);
      } else {
        add(name, value);
      }
    }
  }
  return out;
}

function trimValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

function sha256Hex(data: string | Buffer | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hex SHA-256 of a request's raw body (a string body as UTF-8). */
function bodyHash(request: RawSignedRequest): string {
  return sha256Hex(typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body);
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Derives the SigV4 signing key for a secret and a credential scope. */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

/** Parses `YYYYMMDDTHHMMSSZ` into epoch milliseconds, or `undefined`. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Rebuilds the canonical request of a raw request for the given signed headers.
 *
 * The payload hash is always the SHA-256 of the raw body, whatever `x-amz-content-sha256`
 * declares: a JSON service signs its payload (`UNSIGNED-PAYLOAD` is an S3 feature), so a body
 * changed after signing must break the signature.
 *
 * Returns the canonical request and the payload hash it used.
 */
export function canonicalRequestOf(
  request: RawSignedRequest,
  signedHeaders: readonly string[],
  options: { doubleEncodePath?: boolean } = {},
): { canonicalRequest: string; payloadHash: string } {
  const q = request.url.indexOf('?');
  const rawPath = q < 0 ? request.url : request.url.slice(0, q);
  const rawQuery = q < 0 ? '' : request.url.slice(q + 1);
  const headers = headerMap(request.headers);
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(headers.get(name) ?? []).map(trimValue).join(',')}\n`)
    .join('');
  const payloadHash = bodyHash(request);
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(rawPath, options.doubleEncodePath ?? true),
    canonicalQuery(rawQuery),
    canonicalHeaders,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  return { canonicalRequest, payloadHash };
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
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
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

/**
 * Computes a SigV4 signature for a request the same way `verifySigV4` checks it.
 *
 * For tests of the verifier and for tools that need a signed request without the AWS SDK; the
 * result is the value of the `Authorization` header.
 */
export function signatureFor(
  request: RawSignedRequest,
  credentials: { accessKeyId: string; secretAccessKey: string },
  scope: { date: string; region: string; service: string; amzDate: string },
  signedHeaders: readonly string[],
): string {
  const sorted = [...signedHeaders].map((h) => h.toLowerCase()).sort();
  const { canonicalRequest } = canonicalRequestOf(request, sorted);
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [SIGV4_ALGORITHM, scope.amzDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const key = deriveSigningKey(credentials.secretAccessKey, scope.date, scope.region, scope.service);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${sorted.join(';')}, Signature=${signature}`;
}
