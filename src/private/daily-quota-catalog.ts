/**
 * Which invitations count against Partner Central's daily quota of connection invitations: one
 * pure rule, used by the library's synth-time warning (daily-quota.ts) and by the rehearsal's
 * count (tools/rehearsal/rehearse.ts). Imports nothing, so the rehearsal CLI bundles no CDK with it.
 */

/**
 * Whether an invitation in `catalog` counts against the daily quota: the quota is the AWS
 * catalog's, and Partner Central's catalog names ignore case. A catalog that is not a known
 * string (a CDK token, whose string form is never `aws`, or a property that is not a string)
 * is not counted.
 */
export function countsAgainstDailyQuota(catalog: unknown): boolean {
  return typeof catalog === 'string' && catalog.toLowerCase() === 'aws';
}
