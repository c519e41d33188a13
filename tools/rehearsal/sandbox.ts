/**
 * What keeps a rehearsal offline: the handler's environment points at the local emulator with
 * the emulator's credentials (never the user's), and, while the rehearsal runs, every outgoing
 * TCP connection to a host other than this machine is refused before it is made.
 *
 * Node built-ins, and the handler's own endpoint lookup (`lambda/config.ts`), so that the check
 * tests what the handler will call.
 */
import * as net from 'node:net';
import { endpointOf, ENDPOINT_VARIABLE } from '../../lambda/config';

/**
 * The endpoint the handler would use with an environment: the handler's own lookup (the
 * service-specific override, then `AWS_ENDPOINT_URL`, then AWS).
 */
export const handlerEndpoint = endpointOf;

/** Whether a host name or address is this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/** Whether a URL is an http(s) URL on this machine. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}

/** The credentials and endpoint the handler gets during a rehearsal. */
export interface RehearsalEnvironment {
  /** The emulator's URL. */
  readonly endpoint: string;
  /** The access key id the emulator accepts. */
  readonly accessKeyId: string;
  /** Its secret. */
  readonly secretAccessKey: string;
  /** A session token (Lambda's credentials are temporary, so the handler sends one). */
  readonly sessionToken: string;
  /** The function's region. */
  readonly region: string;
}

/**
 * The environment variables the handler sees: those of a Lambda function whose credentials
 * are the emulator's and whose endpoint is the emulator.
 *
 * @throws Error when the handler would not point at a local endpoint
 */
export function handlerEnvironment(e: RehearsalEnvironment): Record<string, string> {
  const env: Record<string, string> = {
    [ENDPOINT_VARIABLE]: e.endpoint,
    AWS_ACCESS_KEY_ID: e.accessKeyId,
    AWS_SECRET_ACCESS_KEY: e.secretAccessKey,
    AWS_SESSION_TOKEN: e.sessionToken,
    AWS_REGION: e.region,
    AWS_DEFAULT_REGION: e.region,
  };
  const endpoint = handlerEndpoint(env);
  if (!isLoopbackUrl(endpoint)) {
    throw new Error(`refusing to rehearse: the handler would call ${endpoint}, which is not the local emulator (the rehearsal never contacts AWS)`);
  }
  return env;
}

/** An entered sandbox: what it refused, and how to leave it. */
export interface Sandbox {
  /** The hosts a connection was refused to, in order. */
  readonly blocked: string[];
  /** Restores the environment and lets connections through again. */
  restore(): void;
}

let active = false;

/**
 * Replaces every `AWS_*` variable of `process.env` with `env` and refuses outgoing TCP
 * connections to hosts other than this machine, until `restore()`.
 *
 * @throws Error when a sandbox is already active
 */
export function enterSandbox(env: Readonly<Record<string, string>>): Sandbox {
  if (active) throw new Error('a rehearsal is already running in this process');
  active = true;
  const saved: Record<string, string | undefined> = {};
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('AWS_')) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
  }
  for (const [key, value] of Object.entries(env)) {
    if (!(key in saved)) saved[key] = process.env[key];
    process.env[key] = value;
  }

  const blocked: string[] = [];
  const proto = net.Socket.prototype;
  const original = proto.connect;
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const host = targetHost(args);
    if (host !== undefined && !isLoopbackHost(host)) {
      blocked.push(host);
      const error = Object.assign(new Error(`connect ECONNREFUSED ${host} (the offline rehearsal refuses connections that leave this machine)`), {
        code: 'ECONNREFUSED',
      });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  };
  proto.connect = guarded as typeof proto.connect;

  return {
    blocked,
    restore() {
      if (proto.connect === guarded) proto.connect = original;
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      active = false;
    },
  };
}

/** The host a `Socket#connect` call goes to; undefined for a local (IPC) socket. */
function targetHost(args: unknown[]): string | undefined {
  // net.connect passes its normalized arguments as one array
  const a = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const first = a[0];
  if (first !== null && typeof first === 'object') {
    const o = first as { path?: unknown; host?: unknown };
    if (typeof o.path === 'string' && o.path !== '') return undefined;
    return typeof o.host === 'string' && o.host !== '' ? o.host : 'localhost';
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof a[1] === 'string' && a[1] !== '' ? a[1] : 'localhost';
  }
  return undefined;
}
