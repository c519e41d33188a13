/**
 * The intrinsics that read another stack: `Fn::ImportValue` (an export of a stack rehearsed
 * earlier in the same account and region) and `Fn::GetStackOutput` (an output of a stack of the
 * assembly, in the account and region its arguments name).
 */
import type { EvaluationContext, StackEntry, StackOutputTarget } from './evaluation-context';
import { InvalidIntrinsic, UnresolvableIntrinsic } from './intrinsic-errors';
import { NO_VALUE, Resolved } from './resolved';
import { CfnValue, isCfnObject } from './template';

/** Resolves the arguments of an intrinsic. */
export interface ValueResolver {
  /** Resolves a value (see `TemplateEvaluator.resolve`). */
  resolve(value: CfnValue): Resolved;
}

/**
 * `Fn::ImportValue`: the export of a stack rehearsed before this one.
 *
 * @param arg the intrinsic's argument
 * @param ctx what the template is evaluated against
 * @param values resolves the argument
 */
export function importValue(arg: CfnValue, ctx: EvaluationContext, values: ValueResolver): Resolved {
  const name = values.resolve(arg);
  if (typeof name !== 'string') throw new InvalidIntrinsic('Fn::ImportValue', 'takes an export name');
  const intrinsic = `Fn::ImportValue ${name}`;
  const entry = ctx.exports.get(name);
  if (entry === undefined) {
    throw new UnresolvableIntrinsic(intrinsic, 'no stack rehearsed before this one exports it in the same account and region');
  }
  if (entry.value === undefined) {
    throw new UnresolvableIntrinsic(intrinsic, `${entry.stack} exports it from ${entry.notRehearsed ?? 'a value'}, which the rehearsal does not resolve`);
  }
  return entry.value;
}

/**
 * What a `Fn::GetStackOutput` reads, with its arguments evaluated (the stack name may itself
 * be an intrinsic): the stack name or id in `Region` (default: this stack's region) of the
 * account of `RoleArn` (default: this stack's account, whose execution role reads it).
 *
 * The rehearsal assumes no role: it takes the account from the role's ARN and does not check
 * that the role exists or lets this stack's execution role assume it.
 *
 * @throws InvalidIntrinsic when the arguments are not those CloudFormation takes
 */
export function stackOutputTarget(arg: CfnValue, ctx: EvaluationContext, values: ValueResolver): StackOutputTarget {
  const usage = 'takes { StackName, OutputName, Region (optional), RoleArn (optional) }';
  if (!isCfnObject(arg)) throw new InvalidIntrinsic('Fn::GetStackOutput', usage);
  const unknown = Object.keys(arg).filter((k) => !['StackName', 'OutputName', 'Region', 'RoleArn'].includes(k));
  if (unknown.length > 0) throw new InvalidIntrinsic('Fn::GetStackOutput', `${usage}, not ${unknown.join(', ')}`);
  const text = (key: string, optional: boolean): string | undefined => {
    if (arg[key] === undefined) {
      if (optional) return undefined;
      throw new InvalidIntrinsic('Fn::GetStackOutput', `${usage}: ${key} is missing`);
    }
    const v = values.resolve(arg[key]);
    if (v === NO_VALUE && optional) return undefined;
    if (typeof v !== 'string' || v === '') throw new InvalidIntrinsic('Fn::GetStackOutput', `${key} must be a non-empty string, got ${v === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(v)}`);
    return v;
  };
  const stackName = text('StackName', false)!;
  const outputName = text('OutputName', false)!;
  const intrinsic = `Fn::GetStackOutput ${stackName}.${outputName}`;
  const region = text('Region', true) ?? ctx.pseudo.region;
  const roleArn = text('RoleArn', true);
  let account = ctx.pseudo.accountId;
  if (roleArn !== undefined) {
    const m = /^arn:[a-z-]+:iam::(\d{12}):role\/.+$/.exec(roleArn);
    if (!m) throw new InvalidIntrinsic(intrinsic, `RoleArn ${roleArn} is not the ARN of an IAM role`);
    account = m[1];
  }
  let entry: StackEntry | undefined;
  for (const s of ctx.stacks?.() ?? []) {
    if ((s.stackName === stackName || s.stackId === stackName) && s.account === account && s.region === region) {
      entry = s;
      break;
    }
  }
  return { stackName, outputName, account, region, intrinsic, ...(entry ? { entry } : {}) };
}

/**
 * `Fn::GetStackOutput`: the output of another stack as it is when this stack is deployed.
 * Unlike an export, the output is not locked by the read (CloudFormation lets its stack
 * change or remove it), and this stack keeps the value it read until it is deployed again.
 */
export function getStackOutput(arg: CfnValue, ctx: EvaluationContext, values: ValueResolver): Resolved {
  const target = stackOutputTarget(arg, ctx, values);
  const { entry, intrinsic, outputName } = target;
  const where = `in account ${target.account} and region ${target.region}`;
  if (entry === undefined) {
    const elsewhere = [...ctx.stacks?.() ?? []].filter((s) => s.stackName === target.stackName || s.stackId === target.stackName);
    throw new UnresolvableIntrinsic(intrinsic, `the assembly has no stack ${target.stackName} ${where}, and the rehearsal cannot read a stack outside it`
      + (elsewhere.length > 0
        ? ` (${elsewhere.map((s) => `${s.stack} is in account ${s.account} and region ${s.region}`).join('; ')}: Fn::GetStackOutput reads another region with Region, another account with RoleArn)`
        : ''));
  }
  if (entry.stackId === ctx.pseudo.stackId) {
    throw new InvalidIntrinsic(intrinsic, `${entry.stack} reads its own output, which does not exist while the stack is being deployed`);
  }
  if (entry.outputs === undefined) {
    throw new InvalidIntrinsic(intrinsic, `${entry.stack} is not deployed at this point: it is deployed after this stack, and CloudFormation reads the output `
      + 'when this stack is deployed (make this stack depend on it: consumer.addDependency(producer))');
  }
  const output = entry.outputs.get(outputName);
  if (output === undefined) {
    const declared = entry.template.Outputs?.[outputName];
    if (declared?.Condition !== undefined) {
      throw new InvalidIntrinsic(intrinsic, `the output ${outputName} of ${entry.stack} is not created: its condition ${declared.Condition} is false`);
    }
    throw new InvalidIntrinsic(intrinsic, `${entry.stack} has no output ${outputName} (it has ${[...entry.outputs.keys()].join(', ') || 'none'})`);
  }
  if (output.value === undefined) {
    throw new UnresolvableIntrinsic(intrinsic, `the output ${outputName} of ${entry.stack} comes from ${output.notRehearsed ?? 'a value'}, which the rehearsal does not resolve`);
  }
  return output.value;
}
