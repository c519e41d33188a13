/**
 * SigV4 signing with `@smithy/signature-v4`, hashing on node:crypto (smaller and faster than a
 * JavaScript SHA-256). One signer is built per set of credentials and kept for the invocations
 * of a warm function ({@link signerFor}): the signer caches its derived signing key per day.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
// Bundled into the handler by esbuild at build time: a devDependency of the library on purpose.
import { SignatureV4 } from '@smithy/signature-v4';
import type { Credentials } from '../types';

/** Hash class for the signer, on node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }

  public update(data: Uint8Array | string): void {
    this.hash.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  }

  public digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  public reset(): void {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string'
      ? Buffer.from(this.secret, 'utf8')
      : ArrayBuffer.isView(this.secret)
        ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength)
        : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }
}

/** Signs requests for one service, region and set of credentials. */
export interface RequestSigner {
  /**
   * The headers of the request with the SigV4 ones added (`authorization`, `x-amz-date`, and
   * `x-amz-security-token` with a session token). Every header given is signed.
   */
  sign(url: URL, method: string, headers: Record<string, string>, body: string): Promise<Record<string, string>>;
}

/** A signer for `service` in `region` with these credentials. */
export function createSigner(credentials: Credentials, service: string, region: string): RequestSigner {
  const signer = new SignatureV4({
    service,
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    sha256: NodeSha256,
    uriEscapePath: true,
  });
  return {
    async sign(url, method, headers, body) {
      const signed = await signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname || '/',
        query: {},
        headers,
        body,
      }, { signingDate: new Date() });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(signed.headers)) out[k] = String(v);
      return out;
    },
  };
}

/** The signer of the last credentials asked for: Lambda's credentials change rarely within a sandbox. */
let lastSigner: { readonly key: string; readonly signer: RequestSigner } | undefined;

/**
 * The signer for these credentials, service and region: the one built before when they are the
 * same (warm invocations), else a new one, kept in place of the previous.
 */
export function signerFor(credentials: Credentials, service: string, region: string): RequestSigner {
  const key = JSON.stringify([credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken ?? '', service, region]);
  if (lastSigner?.key !== key) lastSigner = { key, signer: createSigner(credentials, service, region) };
  return lastSigner.signer;
}
