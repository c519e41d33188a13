/**
 * The construct path of a construct not made yet, for errors raised before it joins the tree.
 * Internal: not exported from index.ts.
 */
import type { IConstruct } from 'constructs';

/** The path a construct `id` in `scope` will have. */
export function futurePath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}
