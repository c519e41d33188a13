/**
 * References between stacks, and what a replacement does to them. A strong reference
 * (`Fn::ImportValue`) locks the export it reads: CloudFormation refuses to change it. A weak
 * one (`Fn::GetStackOutput`) locks nothing: the producer changes, and the reader keeps the value
 * it read until it is deployed again. The rehearsal warns about both.
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

/** The export names a stack imports anywhere in its template (resources and outputs alike). */
export function importNames(run: StackRun): Set<string> {
  const names = new Set<string>();
  const t = run.stack.template;
  const everything = { r: (t.Resources ?? {}) as unknown as CfnValue, o: (t.Outputs ?? {}) as unknown as CfnValue };
  forEachKey(everything, (key, arg) => {
    if (key !== 'Fn::ImportValue') return;
    try {
      const name = run.evaluator.resolve(arg);
      if (typeof name === 'string') names.add(name);
    } catch {
      // a name the rehearsal cannot compute: it cannot be one of the exports it knows
    }
  });
  return names;
}

/**
 * Where a stack reads outputs of `producer` with `Fn::GetStackOutput`: the output and the
 * site (`Resource: property Key` or `Outputs/Name`), in template order. Resources and outputs
 * whose condition is false read nothing.
 */
export function weakReads(reader: StackRun, producer: StackRun): WeakRead[] {
  const out: WeakRead[] = [];
  const producerId = pseudoParameters(producer.stack).stackId;
  const created = (condition: string | undefined): boolean => {
    try {
      return condition === undefined || reader.evaluator.condition(condition);
    } catch (e) {
      if (e instanceof UnresolvableIntrinsic || e instanceof InvalidIntrinsic) return true;
      throw e;
    }
  };
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
    if (!created(resource.Condition)) continue;
    const element = resourceLabel(logicalId, constructPathOf(reader.stack, logicalId, resource));
    for (const [key, value] of Object.entries(resource.Properties ?? {})) visit(value, `${element}: property ${key}`);
  }
  for (const [name, output] of Object.entries(t.Outputs ?? {})) {
    if (created(output.Condition)) visit(output.Value, `Outputs/${name}`);
  }
  return out;
}

/**
 * The warnings for exports of `producer` that a replacement changes while another stack
 * imports them: CloudFormation refuses that update.
 *
 * @param producer the stack replaced
 * @param changed the names of its exports whose value changed
 * @param runs every stack played, in order
 */
export function exportInUseWarnings(producer: StackRun, changed: readonly string[], runs: readonly StackRun[]): string[] {
  const warnings: string[] = [];
  for (const other of runs) {
    if (other === producer) continue;
    const imported = importNames(other);
    const inUse = changed.filter((name) => imported.has(name));
    if (inUse.length === 0) continue;
    warnings.push(`this replacement changes ${inUse.length === 1 ? 'the export' : 'the exports'} ${inUse.join(', ')} of `
      + `${producer.stack.displayName}, which ${other.stack.displayName} imports. CloudFormation does not update an export in use `
      + '("Cannot update export ... as it is in use by ..."): a real deployment would fail and roll back. '
      + `Deploy ${other.stack.displayName} without the import first, then the change, then the import again.`);
  }
  return warnings;
}

/**
 * The warnings for outputs of `producer` that a replacement changes while another stack reads
 * them with `Fn::GetStackOutput`. Nothing locks an output read this way, so CloudFormation
 * updates the producer; the reader resolved the value when it was deployed and keeps it
 * (CloudFormation neither tells nor updates it).
 *
 * @param producer the stack replaced
 * @param changed the names of its outputs whose value changed
 * @param runs every stack played, in order
 */
export function staleReaderWarnings(producer: StackRun, changed: ReadonlySet<string>, runs: readonly StackRun[]): string[] {
  const warnings: string[] = [];
  for (const other of runs) {
    if (other === producer || changed.size === 0) continue;
    const reads = weakReads(other, producer).filter((r) => changed.has(r.outputName));
    if (reads.length === 0) continue;
    const names = [...new Set(reads.map((r) => r.outputName))];
    const from = producer.stack.displayName;
    const reader = other.stack.displayName;
    warnings.push(`this replacement changes ${names.length === 1 ? 'the output' : 'the outputs'} ${names.join(', ')} of ${from}, `
      + `which ${reader} reads with Fn::GetStackOutput (${[...new Set(reads.map((r) => r.where))].join('; ')}). Unlike an export in use, `
      + `an output read this way does not stop the update: CloudFormation updates ${from}, but ${reader} keeps the `
      + `${names.length === 1 ? 'value' : 'values'} it read when it was deployed, from before the replacement, until ${reader} is updated again `
      + '(CloudFormation does not tell it, and cdk deploy skips a stack whose template has not changed). '
      + `The rehearsal leaves ${reader} as it was deployed.`);
  }
  return warnings;
}
