/**
 * Which deletion and replacement policies keep an invitation CloudFormation would otherwise
 * delete (CloudFormation's DeletionPolicy and UpdateReplacePolicy attributes).
 */

/** The stack operations that delete a resource of the stack. */
export type DeletingOperation =
  /** A stack delete, or an update that removes the resource from the template. */
  | 'delete'
  /** The rollback of the stack operation that created the resource. */
  | 'create-rollback';

/**
 * Whether a `DeletionPolicy` keeps the resource when `operation` deletes it: `Retain` always;
 * `RetainExceptOnCreate` as `Retain`, except on the rollback of the operation that created it,
 * where CloudFormation deletes it. (A stack operation can also be told to delete retained new
 * resources on rollback, `--retain-except-on-create`; the rehearsal plays the default, false.)
 *
 * @param policy the policy, if any
 * @param operation what deletes the resource
 */
export function deletionPolicyKeeps(policy: string | undefined, operation: DeletingOperation): boolean {
  if (policy === 'Retain') return true;
  return policy === 'RetainExceptOnCreate' && operation === 'delete';
}

/**
 * Whether an `UpdateReplacePolicy` keeps the resource a replacement leaves behind: `Retain`
 * (its other values are `Delete` and `Snapshot`; `RetainExceptOnCreate` is a DeletionPolicy only).
 *
 * @param policy the policy, if any
 */
export function updateReplacePolicyKeeps(policy: string | undefined): boolean {
  return policy === 'Retain';
}
