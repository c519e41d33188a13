/**
 * CloudFormation's DeletionPolicy and UpdateReplacePolicy, as the rehearsal plays them
 * (tools/rehearsal/retain.ts).
 */
import { deletionPolicyKeeps, updateReplacePolicyKeeps } from '../../tools/rehearsal/retain';

test.each([
  [undefined, false, false],
  ['Delete', false, false],
  ['Snapshot', false, false],
  ['Retain', true, true],
  ['RetainExceptOnCreate', true, false],
])('DeletionPolicy %s keeps it on a stack delete: %s; on the rollback of its create: %s', (policy, onDelete, onCreateRollback) => {
  expect(deletionPolicyKeeps(policy, 'delete')).toBe(onDelete);
  expect(deletionPolicyKeeps(policy, 'create-rollback')).toBe(onCreateRollback);
});

test.each([
  [undefined, false],
  ['Delete', false],
  ['Snapshot', false],
  ['Retain', true],
  // not a value of UpdateReplacePolicy (a DeletionPolicy only): it keeps nothing
  ['RetainExceptOnCreate', false],
])('UpdateReplacePolicy %s keeps the replaced resource: %s', (policy, keeps) => {
  expect(updateReplacePolicyKeeps(policy)).toBe(keeps);
});
