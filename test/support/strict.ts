/**
 * What `cdk synth --strict` refuses in a cloud assembly: every warning and error of its stacks,
 * and, on aws-cdk-lib releases that validate templates on synth (CloudFormation Validate, policy
 * validation plugins such as cdk-nag 3), every violation of `validation-report.json`, which
 * aws-cdk-lib writes beside the stacks and does not attach to them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as cxapi from 'aws-cdk-lib/cx-api';

interface ValidationReport {
  readonly pluginReports?: ReadonlyArray<{
    readonly pluginName: string;
    readonly violations?: ReadonlyArray<{
      readonly ruleName: string;
      readonly severity?: string;
      readonly violatingConstructs?: ReadonlyArray<{ readonly constructPath?: string }>;
    }>;
  }>;
}

/** Every problem, as `where: [level] text`. */
export function strictProblems(assembly: cxapi.CloudAssembly): string[] {
  const messages = assembly.stacks.flatMap((s) => s.messages
    .filter((m) => m.level !== 'info')
    .map((m) => `${m.id}: [${m.level}] ${String(m.entry.data)}`));
  const reportFile = path.join(assembly.directory, 'validation-report.json');
  const report: ValidationReport = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : {};
  const violations = (report.pluginReports ?? []).flatMap((plugin) => (plugin.violations ?? []).map((v) =>
    `${(v.violatingConstructs ?? []).map((c) => c.constructPath).join(', ')}: [${v.severity ?? 'violation'}] ${plugin.pluginName} ${v.ruleName}`));
  return [...messages, ...violations];
}
