/**
 * The words of a problem with resource properties, the same for every resource type (read by
 * `../lifecycle/properties.ts` and `../accepter/properties.ts`): a value that is not a string,
 * a value that is not personal data quoted back, and the `Invalid properties` reason.
 */

/** The problem of a property that is not a string. */
export function notAString(key: string, v: unknown): string {
  return `${key} must be a string (got ${Array.isArray(v) ? 'array' : typeof v})`;
}

/** A value that is not personal data as a problem quotes it: in JSON, cut to 64 characters. */
export function quoted(v: string): string {
  return JSON.stringify(v.length > 64 ? `${v.slice(0, 64)}...` : v);
}

/** The FAILED reason of properties that do not validate. */
export function invalidProperties(problems: readonly string[]): string {
  return `Invalid properties: ${problems.join('; ')}`;
}
