/**
 * Signed calls to the emulator as one of its accounts, over real HTTP: how tests and the
 * rehearsal play the receiver of an invitation (accept it, reject it) as that account would.
 * Signs with the verifier's own SigV4 (./sigv4-signing.ts), so it needs no AWS SDK.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import * as http from 'node:http';
import type { Operation } from './model';
import { JSON_CONTENT_TYPE, SIGNING_REGION, SIGNING_SERVICE, TARGET_PREFIX } from './protocol';
import { signatureFor } from './sigv4-signing';

/** The credentials of an emulator account. */
export interface AccountCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** An API answer: its status, and its JSON body (an error's `__type` and `Reason` included). */
export interface AccountAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Calls the emulator's API as one account. */
export class EmulatorAccountClient {
  /**
   * @param endpoint the emulator's `endpoint`
   * @param credentials the account's access key, secret and a session token
   */
  constructor(private readonly endpoint: string, private readonly credentials: AccountCredentials) {}

  /** Sends one operation; resolves with whatever the API answered (errors included). */
  public async call(operation: Operation, input: Record<string, unknown>): Promise<AccountAnswer> {
    const url = new URL(this.endpoint);
    const body = JSON.stringify(input);
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const headers: Record<string, string> = {
      'host': url.host,
      'content-type': JSON_CONTENT_TYPE,
      'x-amz-target': `${TARGET_PREFIX}.${operation}`,
      'x-amz-date': amzDate,
      'x-amz-security-token': this.credentials.sessionToken,
    };
    headers.authorization = signatureFor(
      { method: 'POST', url: '/', headers, body },
      this.credentials,
      { date: amzDate.slice(0, 8), region: SIGNING_REGION, service: SIGNING_SERVICE, amzDate },
      Object.keys(headers),
    );
    return new Promise<AccountAnswer>((resolve, reject) => {
      const options = { host: url.hostname, port: Number(url.port), method: 'POST', path: '/', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } };
      const req = http.request(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? {} : JSON.parse(text);
          } catch {
            parsed = { raw: text };
          }
          resolve({ status: res.statusCode ?? 0, body: (typeof parsed === 'object' && parsed !== null ? parsed : { raw: text }) as Record<string, unknown> });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Accepts an invitation; the answer's body carries the `Connection`. */
  public async accept(catalog: string, invitationId: string, clientToken = `accept-${invitationId}`): Promise<AccountAnswer> {
    return this.call('AcceptConnectionInvitation', { Catalog: catalog, Identifier: invitationId, ClientToken: clientToken });
  }

  /** Rejects an invitation. */
  public async reject(catalog: string, invitationId: string, clientToken = `reject-${invitationId}`): Promise<AccountAnswer> {
    return this.call('RejectConnectionInvitation', { Catalog: catalog, Identifier: invitationId, ClientToken: clientToken });
  }
}
