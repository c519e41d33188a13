/**
 * The SigV4 canonical request of a raw request as it arrived on the wire: the path encoded
 * twice (non-S3), the query sorted, the signed headers trimmed, the payload hashed.
 *
 * Part of the SigV4 verifier, an independent oracle on purpose: it shares no code with the
 * handler (lambda/, whose signer is lambda/api/signer.ts over `@smithy/signature-v4`) nor with
 * the signer it checks. Keep it so: a verifier built on the signer would agree with the signer's
 * mistakes. Written with `node:crypto` only.
 */
import { createHash } from 'node:crypto';

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
export function headerMap(headers: RawSignedRequest['headers']): Map<string, string[]> {
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

/**
 * The hex SHA-256 of a string (as UTF-8) or bytes.
 *
 * @param data what to hash
 */
export function sha256Hex(data: string | Buffer | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The hex SHA-256 of a request's raw body (a string body as UTF-8). */
function bodyHash(request: RawSignedRequest): string {
  return sha256Hex(typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body);
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
