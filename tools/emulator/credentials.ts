/**
 * The credentials the emulator accepts: its defaults, and the option's shorthand (a secret, or a
 * secret with a pinned session token) read into what the SigV4 verifier looks up.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type { AcceptedCredential } from './sigv4-verify';

/** The access key id the emulator accepts unless told otherwise. */
export const DEFAULT_ACCESS_KEY_ID = 'AKIDEMULATOR';

/** The secret of `DEFAULT_ACCESS_KEY_ID`. */
export const DEFAULT_SECRET_ACCESS_KEY = 'emulator-secret';

/** The credentials the emulator accepts unless told otherwise. */
export const DEFAULT_CREDENTIALS: Readonly<Record<string, string>> = { [DEFAULT_ACCESS_KEY_ID]: DEFAULT_SECRET_ACCESS_KEY };

/**
 * The accepted credentials by access key id.
 *
 * @param credentials access key id to secret, or to `{ secretAccessKey, sessionToken }`
 */
export function acceptedCredentials(credentials: Readonly<Record<string, string | AcceptedCredential>>): ReadonlyMap<string, AcceptedCredential> {
  const creds = new Map<string, AcceptedCredential>();
  for (const [akid, value] of Object.entries(credentials)) {
    creds.set(akid, typeof value === 'string' ? { secretAccessKey: value } : value);
  }
  return creds;
}
