/**
 * The parameter values each stack is deployed with: those the assembly gives it, then the
 * `--parameter` values meant for it, refused as CloudFormation refuses a parameter its template
 * does not declare.
 */
import type { ParameterValue } from './options';
import { Stop } from './stop';
import type { AssemblyStack } from '../cloudformation/assembly';

/**
 * Parameter values by stack key, checking that each given value names a known stack.
 *
 * @throws Stop for a value that names no stack, or a parameter a stack does not declare
 */
export function parameterValues(stacks: readonly AssemblyStack[], given: readonly ParameterValue[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const s of stacks) out.set(s.key, { ...s.parameters });
  for (const p of given) {
    const targets = p.stack === undefined
      ? stacks.filter((s) => s.template.Parameters?.[p.name] !== undefined)
      : stacks.filter((s) => [s.displayName, s.artifactId, s.stackName].includes(p.stack!));
    if (targets.length === 0) {
      throw new Stop(p.stack === undefined
        ? {
          kind: 'invalid',
          message: `--parameter ${p.name}: no stack declares a parameter ${p.name}, and CloudFormation rejects a parameter its template does not declare`,
        }
        : { kind: 'assembly', message: `--parameter ${p.stack}:${p.name}: the assembly has no stack ${p.stack}` });
    }
    const undeclared = targets.find((s) => !Object.prototype.hasOwnProperty.call(s.template.Parameters ?? {}, p.name));
    if (undeclared) {
      throw new Stop({
        kind: 'invalid',
        stack: undeclared.displayName,
        message: `--parameter ${p.stack}:${p.name}: stack ${undeclared.displayName} declares no parameter ${p.name}, `
          + 'and CloudFormation rejects a parameter its template does not declare',
      });
    }
    for (const t of targets) out.get(t.key)![p.name] = p.value;
  }
  return out;
}
