/**
 * A stack's outputs as CloudFormation would compute them after a deployment: their values, the
 * exports other stacks import, and what `Fn::GetStackOutput` reads.
 */
import type { OutputRow } from './result';
import type { StackRun } from './stack-run';
import { guard, stopAt } from './stop';
import type { ExportEntry, OutputEntry } from '../cloudformation/evaluation-context';
import { InvalidIntrinsic, RehearsalResolutionError, UnresolvableIntrinsic } from '../cloudformation/intrinsic-errors';
import { asDelivered } from '../cloudformation/resolved';

/** A stack's outputs as computed: the rows of its report, the exports by name, every value by output name. */
export interface ComputedOutputs {
  readonly rows: OutputRow[];
  readonly exports: Map<string, ExportEntry>;
  readonly values: Map<string, OutputEntry>;
}

/**
 * The stack's outputs, exports and output values. Values from resources the rehearsal does not
 * create become `<not rehearsed: ...>`; so do values read from another stack's output that the
 * rehearsal cannot read, with a warning that names that stack and output and says why.
 *
 * @throws Stop when CloudFormation would reject an output
 */
export function computeOutputs(run: StackRun): ComputedOutputs {
  const exports = new Map<string, ExportEntry>();
  const values = new Map<string, OutputEntry>();
  const display = run.stack.displayName;
  const rows: OutputRow[] = [];
  for (const [name, output] of Object.entries(run.stack.template.Outputs ?? {})) {
    const site = { stack: display, element: `Outputs/${name}`, what: 'the value' };
    if (output.Condition !== undefined && !guard(() => run.evaluator.condition(output.Condition!), { ...site, what: 'its Condition' })) continue;
    let value: string;
    let notRehearsed: string | undefined;
    let warning: string | undefined;
    try {
      const resolved = run.evaluator.resolve(output.Value);
      value = Array.isArray(resolved) ? resolved.map(String).join(',') : String(asDelivered(resolved) ?? '');
    } catch (e) {
      if (e instanceof InvalidIntrinsic) throw stopAt(e, site);
      if (!(e instanceof UnresolvableIntrinsic)) throw e;
      notRehearsed = e.intrinsic;
      value = `<not rehearsed: ${e.intrinsic}>`;
      // A weak reference hides where the value comes from: say which stack and output, and why.
      if (e.intrinsic.startsWith('Fn::GetStackOutput ')) warning = new RehearsalResolutionError(site, e).message;
    }
    values.set(name, notRehearsed ? { notRehearsed } : { value });
    let exportName: string | undefined;
    if (output.Export !== undefined) {
      const n = guard(() => run.evaluator.resolve(output.Export!.Name), { ...site, what: 'the export name' });
      exportName = String(asDelivered(n) ?? '');
      exports.set(exportName, { stack: display, value: notRehearsed ? undefined : value, notRehearsed });
    }
    rows.push({
      name,
      value,
      ...(notRehearsed ? { notRehearsed } : {}),
      ...(exportName !== undefined ? { exportName } : {}),
      ...(warning !== undefined ? { warning } : {}),
    });
  }
  return { rows, exports, values };
}

/** Records computed outputs as the stack's deployed ones: its report's rows. */
export function recordOutputs(run: StackRun, computed: ComputedOutputs): void {
  run.report.outputs.splice(0, run.report.outputs.length, ...computed.rows);
}
