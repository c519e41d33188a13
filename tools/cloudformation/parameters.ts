/**
 * The constraints CloudFormation enforces on a template's parameter values before it creates or
 * updates a stack, checked offline.
 */
import type { CfnParameter, CfnTemplate } from './template';

/** A parameter value that breaks one of the template's constraints on it. */
export interface ParameterViolation {
  /** The parameter's name. */
  readonly parameter: string;
  /** The rule broken, as written in the template (`AllowedPattern`, `MaxLength`, `Type`, ...). */
  readonly rule: string;
  /**
   * `invalid` when CloudFormation refuses the value; `unresolvable` when the rehearsal cannot
   * evaluate the rule (a pattern JavaScript does not understand).
   */
  readonly kind: 'invalid' | 'unresolvable';
  /** The message, naming the parameter and the rule, without the value itself. */
  readonly message: string;
}

/**
 * Checks a template's parameter values (the given one, else the default) against the
 * constraints CloudFormation enforces before it creates or updates a stack: `Type` (`Number`,
 * `List<Number>`), `AllowedValues`, `AllowedPattern` (matched against the whole value),
 * `MinLength`/`MaxLength` (`String`) and `MinValue`/`MaxValue` (`Number`). A list is checked
 * value by value. Parameters without a value, and AWS-specific or SSM types (which
 * CloudFormation checks against the account), are left alone.
 *
 * @param template the template
 * @param given values given for the stack, over the defaults
 * @returns the first rule each parameter breaks, in template order
 */
export function parameterViolations(template: CfnTemplate, given: Readonly<Record<string, string>> = {}): ParameterViolation[] {
  const out: ParameterViolation[] = [];
  for (const [name, p] of Object.entries(template.Parameters ?? {})) {
    const type = p.Type ?? 'String';
    const isList = type === 'CommaDelimitedList' || type === 'List<Number>';
    const isNumber = type === 'Number' || type === 'List<Number>';
    if (!isList && !isNumber && type !== 'String') continue;
    const isGiven = Object.prototype.hasOwnProperty.call(given, name);
    const raw = isGiven ? given[name] : p.Default === undefined ? undefined : String(p.Default);
    if (raw === undefined) continue;
    const values = isList ? raw.split(',').map((v) => v.trim()) : [raw];
    const source = isGiven ? 'the given value' : 'the default value';
    const fail = (rule: string, detail: string, kind: ParameterViolation['kind'] = 'invalid'): void => {
      const why = kind === 'invalid'
        ? `${detail}${p.ConstraintDescription ? `: ${p.ConstraintDescription}` : ''}; CloudFormation would refuse the stack`
        : detail;
      out.push({ parameter: name, rule, kind, message: `parameter ${name}: ${source} ${why}` });
    };
    const broken = checkValues(p, values, isList, isNumber, type);
    if (broken) fail(broken.rule, broken.detail, broken.kind);
  }
  return out;
}

/** The first constraint that one of a parameter's values breaks. */
function checkValues(
  p: CfnParameter,
  values: readonly string[],
  isList: boolean,
  isNumber: boolean,
  type: string,
): { rule: string; detail: string; kind?: ParameterViolation['kind'] } | undefined {
  if (isNumber) {
    const notNumber = values.findIndex((v) => !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v));
    if (notNumber >= 0) return { rule: 'Type', detail: `is not a number, which its Type ${type} requires${isList ? ' of each value of the list' : ''}` };
  }
  if (p.AllowedValues !== undefined) {
    const allowed = p.AllowedValues.map(String);
    const ok = (v: string) => allowed.includes(v) || (isNumber && allowed.some((a) => a.trim() !== '' && Number(a) === Number(v)));
    if (!values.every(ok)) return { rule: 'AllowedValues', detail: `is not one of AllowedValues ${JSON.stringify(allowed)}${isList ? ' (each value of the list must be)' : ''}` };
  }
  if (p.AllowedPattern !== undefined && !isNumber) {
    let re: RegExp;
    try {
      // CloudFormation matches the pattern against the whole value, not a part of it.
      re = new RegExp(`^(?:${p.AllowedPattern})$`);
    } catch (e) {
      return {
        rule: 'AllowedPattern',
        kind: 'unresolvable',
        detail: `cannot be checked: AllowedPattern ${JSON.stringify(p.AllowedPattern)} is not a regular expression the rehearsal understands (${(e as Error).message})`,
      };
    }
    if (!values.every((v) => re.test(v))) {
      return { rule: 'AllowedPattern', detail: `does not match AllowedPattern ${JSON.stringify(p.AllowedPattern)}${isList ? ' (each value of the list must)' : ''}` };
    }
  }
  if (type === 'String') {
    const length = values[0].length;
    const min = p.MinLength === undefined ? undefined : Number(p.MinLength);
    const max = p.MaxLength === undefined ? undefined : Number(p.MaxLength);
    if (min !== undefined && length < min) return { rule: 'MinLength', detail: `has ${length} characters, fewer than MinLength ${min}` };
    if (max !== undefined && length > max) return { rule: 'MaxLength', detail: `has ${length} characters, more than MaxLength ${max}` };
  }
  if (isNumber) {
    const min = p.MinValue === undefined ? undefined : Number(p.MinValue);
    const max = p.MaxValue === undefined ? undefined : Number(p.MaxValue);
    const low = min === undefined ? undefined : values.find((v) => Number(v) < min);
    if (low !== undefined) return { rule: 'MinValue', detail: `${isList ? 'holds' : 'is'} ${low}, less than MinValue ${min}` };
    const high = max === undefined ? undefined : values.find((v) => Number(v) > max);
    if (high !== undefined) return { rule: 'MaxValue', detail: `${isList ? 'holds' : 'is'} ${high}, more than MaxValue ${max}` };
  }
  return undefined;
}
