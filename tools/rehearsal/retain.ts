/**
 * Which deletion and replacement policies keep an invitation CloudFormation would otherwise delete.
 */

/**
 * Whether a `DeletionPolicy` or `UpdateReplacePolicy` keeps the resource.
 *
 * @param policy the policy, if any
 */
export function isRetain(policy: string | undefined): boolean {
  return policy === 'Retain' || policy === 'RetainExceptOnCreate';
}
