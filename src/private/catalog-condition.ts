/** The IAM condition key of every Partner Central connection and connection invitation action. */
export const CATALOG_CONDITION_KEY = 'partnercentral:Catalog';

/**
 * The IAM condition that scopes a statement to the given Partner Central catalogs: one catalog
 * name (a statement of one resource's grant) or a list of them (the provider's role).
 * `StringEqualsIgnoreCase`, since Partner Central's catalog names ignore case.
 */
export function catalogCondition(catalogs: string | string[]): Record<string, Record<string, string | string[]>> {
  return { StringEqualsIgnoreCase: { [CATALOG_CONDITION_KEY]: catalogs } };
}
