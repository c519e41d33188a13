/**
 * Which invitation the rehearsal replaces to show a replacement (its Message changed), by a rule
 * that does not depend on how the app is written: the first in stack order, then by logical id,
 * that has a Message, no pinned ClientToken, and that no other stack reads. Pure.
 *
 * "No other stack reads it": no output of its stack that refers to it, or to a resource of the
 * stack whose properties follow it (an invitation updated with it, or any other resource, such as
 * an SSM parameter whose value is the invitation's id), is imported by another stack
 * (`Fn::ImportValue` of the output's export) or read with `Fn::GetStackOutput`. A replacement of
 * an invitation another stack reads would change what that stack read: CloudFormation refuses to
 * change an export in use, and leaves a weak reader with the old value.
 */
import { importNames, weakReads } from './cross-stack';
import type { Played, StackRun } from './stack-run';
import { referencedResources } from '../cloudformation/dependency-order';
import type { CfnValue } from '../cloudformation/template';

/** The invitation to replace, or a note saying why none is. */
export type ReplacementChoice =
  | { readonly run: StackRun; readonly target: Played }
  | { readonly note: string };

/** The note when no invitation qualifies. */
export const NO_REPLACEMENT_NOTE = 'no replacement shown: no invitation has a Message, no pinned ClientToken, and is read by no other stack';

/**
 * The invitation the rehearsal replaces.
 *
 * @param runs every stack played, in deployment order
 */
export function replacementTarget(runs: readonly StackRun[]): ReplacementChoice {
  for (const run of runs) {
    const candidates = [...run.played].sort((a, b) => (a.logicalId < b.logicalId ? -1 : a.logicalId > b.logicalId ? 1 : 0));
    for (const target of candidates) {
      if (typeof target.props.Message !== 'string' || target.props.ClientToken !== undefined) continue;
      if (!readByOtherStacks(run, target.logicalId, runs)) return { run, target };
    }
  }
  return { note: NO_REPLACEMENT_NOTE };
}

/** Whether another stack reads an output of `run` that follows the invitation `logicalId`. */
function readByOtherStacks(run: StackRun, logicalId: string, runs: readonly StackRun[]): boolean {
  const resources = run.stack.template.Resources ?? {};
  const refersTo = (value: unknown, ids: ReadonlySet<string>) => referencedResources(value as CfnValue, resources).some((id) => ids.has(id));
  // the invitation, and every resource whose properties refer to one of these: an invitation the
  // replacement updates too, or another resource that carries its values to an output
  const follows = new Set([logicalId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, resource] of Object.entries(resources)) {
      if (!follows.has(id) && refersTo(resource.Properties ?? {}, follows)) {
        follows.add(id);
        grew = true;
      }
    }
  }
  const outputs = Object.entries(run.stack.template.Outputs ?? {}).filter(([, o]) => refersTo(o.Value, follows));
  if (outputs.length === 0) return false;
  const exportNames = new Set<string>();
  for (const [, o] of outputs) {
    if (o.Export === undefined) continue;
    try {
      const name = run.evaluator.resolve(o.Export.Name);
      if (typeof name === 'string') exportNames.add(name);
    } catch {
      // a name the rehearsal cannot compute was refused when the stack was deployed
    }
  }
  const outputNames = new Set(outputs.map(([name]) => name));
  return runs.some((other) => other !== run
    && ([...importNames(other)].some((name) => exportNames.has(name))
      || weakReads(other, run).some((r) => outputNames.has(r.outputName))));
}
