/**
 * The SigV4 signing key, string to sign and signature, computed as the verifier checks them; and
 * `signatureFor`, which signs a request that way for tests and tools without the AWS SDK.
 *
 * Part of the SigV4 verifier, an independent oracle on purpose: it shares no code with the
 * handler (lambda/, whose signer is lambda/api/signer.ts over `@smithy/signature-v4`) nor with
 * the signer it checks. Keep it so: a verifier built on the signer would agree with the signer's
 * mistakes. Written with `node:crypto` only.
 */
import { createHmac } from 'node:crypto';
import { SIGV4_ALGORITHM } from './sigv4-authorization';
import { canonicalRequestOf, RawSignedRequest, sha256Hex } from './sigv4-canonical';

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

/**
 * The string to sign of a canonical request.
 *
 * @param amzDate `X-Amz-Date`
 * @param scope `date/region/service/aws4_request`
 * @param canonicalRequest the canonical request
 */
export function stringToSignOf(amzDate: string, scope: string, canonicalRequest: string): string {
  return [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
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
  const stringToSign = stringToSignOf(scope.amzDate, credentialScope, canonicalRequest);
  const key = deriveSigningKey(credentials.secretAccessKey, scope.date, scope.region, scope.service);
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${credentialScope}, SignedHeaders=${sorted.join(';')}, Signature=${signature}`;
}
