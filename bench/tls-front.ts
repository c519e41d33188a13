/**
 * What benchmark 6 (./tls.ts) puts in front of the local servers to talk HTTPS to them: a
 * TLS-terminating front with keep-alive on both sides, and the throwaway certificate it presents.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo, Socket } from 'net';
import * as path from 'path';

/** A TLS-terminating front of a local HTTP server, with keep-alive on both sides. */
export class TlsFront {
  public static async start(target: string, key: Buffer, cert: Buffer): Promise<TlsFront> {
    const front = new TlsFront(new URL(target), key, cert);
    await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
    return front;
  }

  /** TLS connections accepted. */
  public connections = 0;
  private readonly server: https.Server;
  private readonly sockets = new Set<Socket>();
  private readonly agent = new http.Agent({ keepAlive: true });

  private constructor(private readonly target: URL, key: Buffer, cert: Buffer) {
    this.server = https.createServer({ key, cert, keepAliveTimeout: 60_000 }, (req, res) => {
      const upstream = http.request({
        hostname: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers: req.headers, agent: this.agent,
      }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
      req.pipe(upstream);
    });
    this.server.on('secureConnection', (s: Socket) => {
      this.connections++;
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  /** `https://127.0.0.1:<port>`. */
  public get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Closes every idle connection, as a server whose keep-alive timeout passed. */
  public closeIdle(): void {
    this.server.closeIdleConnections();
  }

  public async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.agent.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A throwaway self-signed certificate for 127.0.0.1 (RSA 2048, as AWS endpoints present), made
 * with `openssl` in `dir`: its key, the certificate, and the file a client trusts it from.
 */
export function makeCertificate(dir: string): { key: Buffer; cert: Buffer; certFile: string } {
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  const r = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { encoding: 'utf8' });
  if (r.error) throw new Error(`openssl could not be run to make the bench certificate (install openssl): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`openssl could not make the bench certificate: ${r.stderr}`);
  return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), certFile };
}
