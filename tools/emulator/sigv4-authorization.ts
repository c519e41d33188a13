/**
 * The SigV4 `Authorization` header and `X-Amz-Date` as the verifier reads them.
 *
 * Part of the SigV4 verifier, an independent oracle on purpose: it shares no code with the
 * handler (lambda/, whose signer is lambda/api/signer.ts over `@smithy/signature-v4`) nor with
 * the signer it checks. Keep it so: a verifier built on the signer would agree with the signer's
 * mistakes. Written with `node:crypto` only.
 */

/** The only algorithm SigV4 header authentication uses. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

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

/** Parses `YYYYMMDDTHHMMSSZ` into epoch milliseconds, or `undefined`. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isNaN(t) ? undefined : t;
}
