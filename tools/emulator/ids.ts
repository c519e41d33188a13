/**
 * The ids the emulator gives invitations (`pacinv-…`) and connections (`pac-…`): 13
 * alphanumerics derived from a counter, random-looking but reproducible from run to run.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import { createHash } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 13 alphanumerics derived from a label and a counter. */
function deterministicSuffix(label: string, n: number): string {
  const digest = createHash('sha256').update(`${label}:${n}`).digest();
  let out = '';
  for (let i = 0; i < 13; i++) out += ALPHANUMERIC[digest[i] % ALPHANUMERIC.length];
  return out;
}

/** The id of the n-th invitation created since start or reset. */
export function invitationIdOf(n: number): string {
  return `pacinv-${deterministicSuffix('invitation', n)}`;
}

/** The id of the n-th connection made since start or reset. */
export function connectionIdOf(n: number): string {
  return `pac-${deterministicSuffix('connection', n)}`;
}
