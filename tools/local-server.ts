/**
 * The HTTP server on 127.0.0.1 under the local stand-ins for AWS: the PartnerCentral emulator
 * and the CloudFormation driver's ResponseURL host.
 *
 * It reads each request's whole body before handing the request over, answers 500 when the
 * handler throws (so that a test sees the bug rather than a hang), keeps the timers its owner
 * sets, and on `stop()` clears them and destroys every open connection, hung ones included.
 *
 * Node built-ins only.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Answers one request whose body has been read. */
export type LocalRequestHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => Promise<void>;

/** An HTTP server on 127.0.0.1 that a test or a rehearsal starts and stops. */
export class LocalServer {
  /**
   * Starts listening on 127.0.0.1.
   *
   * @param name what the server is, for the text of the 500 it answers when `handler` throws
   * @param handler answers each request
   * @param port the TCP port (0: a free one; read `port`)
   */
  public static async start(name: string, handler: LocalRequestHandler, port = 0): Promise<LocalServer> {
    const server = new LocalServer(name, handler);
    await server.listen(port);
    return server;
  }

  /** Connections accepted since start: how a test sees whether a client reuses its connections. */
  public connectionsAccepted = 0;

  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly stale = new WeakSet<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private listeningPort = 0;

  private constructor(name: string, handler: LocalRequestHandler) {
    this.server = http.createServer((req, res) => {
      if (this.stale.has(req.socket)) {
        // Closed while the client was not looking: the request is never read, the client sees a reset.
        resetHard(req.socket);
        return;
      }
      readBody(req).then((body) => handler(req, res, body)).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`${name} error: ${err instanceof Error ? err.message : String(err)}`);
        }
      });
    });
    this.server.on('connection', (socket: Socket) => {
      this.connectionsAccepted++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** The TCP port it listens on. */
  public get port(): number {
    return this.listeningPort;
  }

  /** `http://127.0.0.1:<port>`. */
  public get url(): string {
    return `http://127.0.0.1:${this.listeningPort}`;
  }

  /**
   * A `setTimeout` that `stop()` clears if it has not fired yet.
   *
   * @param fn what to run
   * @param ms after how many milliseconds
   */
  public setTimer(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /**
   * Clears a timer of `setTimer`.
   *
   * @param timer the timer (nothing happens for undefined)
   */
  public clearTimer(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /**
   * Makes every open connection stale, as a server that closed its idle keep-alive connections
   * while the client's process was frozen (a Lambda sandbox between invocations): the client learns
   * of it only when it next sends on one, which is then reset before the request is read.
   */
  public staleConnections(): void {
    for (const s of this.sockets) this.stale.add(s);
  }

  /** Closes the idle keep-alive connections now, as a server whose idle timeout passed while the client was running. */
  public closeIdleConnections(): void {
    this.server.closeIdleConnections();
  }

  /** Clears the pending timers, destroys every connection and stops listening. */
  public async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listeningPort = (this.server.address() as AddressInfo).port;
  }
}

/** Closes a connection with a TCP reset where the platform allows it (the client sees ECONNRESET). */
export function resetHard(socket: Socket): void {
  const s = socket as Socket & { resetAndDestroy?: () => void };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else s.destroy();
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
