/**
 * References between stacks: the exports a stack imports (`Fn::ImportValue`, strong: it locks
 * the export) and the outputs it reads with `Fn::GetStackOutput` (weak: it locks nothing, and the
 * reader keeps the value it read until it is deployed again). The replacement the rehearsal
 * shows avoids invitations other stacks read this way (./replacement-target.ts).
 */
import { constructPathOf, resourceLabel } from './names';
import type { StackRun } from './stack-run';
import { pseudoParameters } from '../cloudformation/assembly';
import { InvalidIntrinsic, UnresolvableIntrinsic } from '../cloudformation/intrinsic-errors';
import { CfnValue, forEachKey } from '../cloudformation/template';

/** Where a stack reads another stack's output with `Fn::GetStackOutput`. */
export interface WeakRead {
  /** The output read. */
  readonly outputName: string;
  /** `Resource: property Key` or `Outputs/Name`. */
  readonly where: string;
}

/**
 * The export names a stack imports anywhere in its template (resources and outputs alike).
 * Resources and outputs whose condition is false import nothing.
 */
export function importNames(run: StackRun): Set<string> {
  const names = new Set<string>();
  const visit = (value: CfnValue) => forEachKey(value, (key, arg) => {
    if (key !== 'Fn::ImportValue') return;
    try {
      const name = run.evaluator.resolve(arg);
      if (typeof name === 'string') names.add(name);
    } catch {
      // a name the rehearsal cannot compute: it cannot be one of the exports it knows
    }
  });
  const t = run.stack.template;
  for (const resource of Object.values(t.Resources ?? {})) {
    if (created(run, resource.Condition)) visit(resource as unknown as CfnValue);
  }
  for (const output of Object.values(t.Outputs ?? {})) {
    if (created(run, output.Condition)) visit(output as unknown as CfnValue);
  }
  return names;
}

/**
 * Whether a resource or output of the stack with this condition exists: a condition the
 * rehearsal cannot compute counts as true (the element may read, so it is taken as reading).
 */
function created(run: StackRun, condition: string | undefined): boolean {
  try {
    return condition === undefined || run.evaluator.condition(condition);
  } catch (e) {
    if (e instanceof UnresolvableIntrinsic || e instanceof InvalidIntrinsic) return true;
    throw e;
  }
}

/**
 * Where a stack reads outputs of `producer` with `Fn::GetStackOutput`: the output and the
 * site (`Resource: property Key` or `Outputs/Name`), in template order. Resources and outputs
 * whose condition is false read nothing.
 */
export function weakReads(reader: StackRun, producer: StackRun): WeakRead[] {
  const out: WeakRead[] = [];
  const producerId = pseudoParameters(producer.stack).stackId;
  const visit = (value: CfnValue, where: string) => forEachKey(value, (key, arg) => {
    if (key !== 'Fn::GetStackOutput') return;
    try {
      const target = reader.evaluator.stackOutputTarget(arg);
      if (target.entry?.stackId === producerId) out.push({ outputName: target.outputName, where });
    } catch (e) {
      // arguments the rehearsal cannot compute: they cannot name a stack it knows
      if (!(e instanceof UnresolvableIntrinsic || e instanceof InvalidIntrinsic)) throw e;
    }
  });
  const t = reader.stack.template;
  for (const [logicalId, resource] of Object.entries(t.Resources ?? {})) {
    if (!created(reader, resource.Condition)) continue;
    const element = resourceLabel(logicalId, constructPathOf(reader.stack, logicalId, resource));
    for (const [key, value] of Object.entries(resource.Properties ?? {})) visit(value, `${element}: property ${key}`);
  }
  for (const [name, output] of Object.entries(t.Outputs ?? {})) {
    if (created(reader, output.Condition)) visit(output.Value, `Outputs/${name}`);
  }
  return out;
}
