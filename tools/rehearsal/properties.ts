/**
 * The properties of an invitation as CloudFormation delivers them to the handler.
 */
import type { StackRun } from './stack-run';
import { guard } from './stop';
import { asDelivered, NO_VALUE } from '../cloudformation/resolved';

/**
 * The properties CloudFormation would deliver for an invitation (without the ServiceToken, which
 * the driver sets): resolved, scalars as strings, `AWS::NoValue` left out.
 *
 * @param run the stack
 * @param logicalId the invitation's logical id
 * @param element the invitation as messages name it
 * @throws Stop naming the site when a property does not resolve
 */
export function deliveredProperties(run: StackRun, logicalId: string, element: string): Record<string, unknown> {
  const resource = (run.stack.template.Resources ?? {})[logicalId];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource.Properties ?? {})) {
    if (key === 'ServiceToken') continue;
    const resolved = guard(() => run.evaluator.resolve(value), { stack: run.stack.displayName, element, what: `property ${key}` });
    if (resolved !== NO_VALUE) out[key] = asDelivered(resolved);
  }
  return out;
}
