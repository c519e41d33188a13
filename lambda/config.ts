/**
 * The handler's configuration, read from the Lambda environment on every invocation: the
 * endpoint of the API and the credentials of the function's role.
 */
import type { Credentials } from './types';
import { PARTNER_CENTRAL_HOST } from '../src/api-constraints';

/** The endpoint when no override is set. */
export const DEFAULT_ENDPOINT = `https://${PARTNER_CENTRAL_HOST}`;

/** The environment variable the endpoint is read from first (the AWS SDK's service-specific override). */
export const ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT';

/** The endpoint, following the AWS SDK convention of service-specific then global overrides. */
export function endpointOf(env: Readonly<Record<string, string | undefined>>): string {
  return env[ENDPOINT_VARIABLE] || env.AWS_ENDPOINT_URL || DEFAULT_ENDPOINT;
}

/**
 * The environment variables Lambda puts the credentials of the function's role in: the access
 * key id, the secret and the session token (always temporary, so always one).
 */
export const CREDENTIAL_VARIABLES = {
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
} as const;

/** The credentials of the function's role, or undefined when the environment has none. */
export function credentialsOf(env: Record<string, string | undefined>): Credentials | undefined {
  const accessKeyId = env[CREDENTIAL_VARIABLES.accessKeyId];
  const secretAccessKey = env[CREDENTIAL_VARIABLES.secretAccessKey];
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env[CREDENTIAL_VARIABLES.sessionToken] || undefined };
}
