/**
 * How the rehearsal names a resource: by its construct path within the stack when the
 * assembly records one (`Team/Invite`), with the logical id beside it (`Team/Invite (Invite)`).
 */
import type { AssemblyStack } from '../cloudformation/assembly';
import type { CfnResource } from '../cloudformation/template';

/**
 * The construct path of a resource within its stack, from its `aws:cdk:path` metadata or the
 * manifest, without the stack's name and the trailing `/Resource` or `/Default`.
 */
export function constructPathOf(stack: AssemblyStack, logicalId: string, resource: CfnResource): string | undefined {
  const fromTemplate = resource.Metadata?.['aws:cdk:path'];
  const full = typeof fromTemplate === 'string' ? fromTemplate : stack.constructPaths[logicalId];
  if (full === undefined) return undefined;
  let p = full.startsWith(`${stack.displayName}/`) ? full.slice(stack.displayName.length + 1) : full;
  p = p.replace(/\/Default$/, '').replace(/\/Resource$/, '');
  return p;
}

/** `constructPath (LogicalId)`, or the logical id alone when there is no other construct path. */
export function resourceLabel(logicalId: string, path?: string): string {
  return path && path !== logicalId ? `${path} (${logicalId})` : logicalId;
}
