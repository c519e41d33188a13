/**
 * Evaluation of a CloudFormation template's intrinsic functions, offline: the part of
 * CloudFormation that the rehearsal plays for this library's custom resources and for a
 * stack's outputs and exports.
 *
 * Only what can be known without AWS is resolved: literals, parameter defaults, pseudo
 * parameters, references to resources the rehearsal creates, exports and outputs of stacks
 * rehearsed earlier, and the functions that compute over those. Anything else raises
 * {@link UnresolvableIntrinsic}, which names the intrinsic so the caller can say where it is.
 */
import { InvalidIntrinsic, RehearsalResolutionError, Site, UnresolvableIntrinsic } from './intrinsic-errors';
import { PSEUDO_NAMES, PseudoParameters } from './pseudo-parameters';
import { CfnTemplate, CfnValue, describe, intrinsicName } from './template';

/** A value after resolution: `NO_VALUE` stands for `AWS::NoValue` (the property is left out). */
export type Resolved = string | number | boolean | null | typeof NO_VALUE | Resolved[] | { [key: string]: Resolved };

/** What `Ref AWS::NoValue` resolves to: removed from the enclosing object or list. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** The state of a resource the rehearsal created: what `Ref` and `Fn::GetAtt` return. */
export interface ResourceState {
  /** What `Ref` returns. */
  readonly physicalId: string;
  /** What `Fn::GetAtt` returns, by attribute name. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** An export made by a stack rehearsed earlier. */
export interface ExportEntry {
  /** The display name of the exporting stack. */
  readonly stack: string;
  /** The value, or undefined when it comes from something the rehearsal does not resolve. */
  readonly value?: string;
  /** The intrinsic that kept the value from being resolved. */
  readonly notRehearsed?: string;
}

/** Finds an export by name (a `Map` will do). */
export interface ExportLookup {
  get(name: string): ExportEntry | undefined;
}

/** An output of a stack, as deployed. */
export interface OutputEntry {
  /** The value, or undefined when it comes from something the rehearsal does not resolve. */
  readonly value?: string;
  /** The intrinsic that kept the value from being resolved. */
  readonly notRehearsed?: string;
}

/** A stack of the assembly, as `Fn::GetStackOutput` looks it up. */
export interface StackEntry {
  /** The display name. */
  readonly stack: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The stack id (`AWS::StackId`), which names the stack as well as its name does. */
  readonly stackId: string;
  /** The account it is deployed in. */
  readonly account: string;
  /** The region it is deployed in. */
  readonly region: string;
  /** Its template (for the outputs it declares). */
  readonly template: CfnTemplate;
  /** Its outputs by logical id as they are at this point; undefined while it is not deployed. */
  readonly outputs?: ReadonlyMap<string, OutputEntry>;
}

/** What `Fn::GetStackOutput` reads: a stack, in an account and region, and one of its outputs. */
export interface StackOutputTarget {
  /** The stack name (or id) as resolved. */
  readonly stackName: string;
  /** The output's logical id. */
  readonly outputName: string;
  /** The account read from: the role's with `RoleArn`, else the evaluated stack's own. */
  readonly account: string;
  /** The region read from: `Region`, else the evaluated stack's own. */
  readonly region: string;
  /** The intrinsic for messages: `Fn::GetStackOutput Stack.Output`. */
  readonly intrinsic: string;
  /** The stack of the assembly it names, if there is one. */
  readonly entry?: StackEntry;
}

/** Everything a template is evaluated against. */
export interface EvaluationContext {
  /** The template. */
  readonly template: CfnTemplate;
  /** The pseudo parameters' values. */
  readonly pseudo: PseudoParameters;
  /** Parameter values given for this stack (over the template's defaults). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The resources created so far, by logical id. */
  readonly resource: (logicalId: string) => ResourceState | undefined;
  /** The exports of the stacks rehearsed before this one, by export name. */
  readonly exports: ExportLookup;
  /**
   * Every stack of the assembly, in deployment order, with the outputs of those deployed so
   * far (for `Fn::GetStackOutput`).
   *
   * @default - none: every `Fn::GetStackOutput` names a stack outside the assembly
   */
  readonly stacks?: () => Iterable<StackEntry>;
  /** The resource types the rehearsal creates (for messages about the others). */
  readonly rehearsedTypes: ReadonlySet<string>;
}

const isObject = (v: unknown): v is { [key: string]: CfnValue } => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Evaluates the values of one template: properties, conditions, outputs.
 */
export class TemplateEvaluator {
  private readonly conditionCache = new Map<string, boolean>();

  constructor(private readonly ctx: EvaluationContext) {}

  /**
   * Resolves a value, keeping `NO_VALUE` where `AWS::NoValue` stands at the top.
   *
   * @throws UnresolvableIntrinsic when the value needs something unknown offline
   * @throws InvalidIntrinsic when CloudFormation would reject the value
   */
  public resolve(value: CfnValue): Resolved {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(v)).filter((v) => v !== NO_VALUE);
    }
    const name = intrinsicName(value);
    if (name !== undefined) return this.intrinsic(name, value[name], value);
    const out: { [key: string]: Resolved } = {};
    for (const [key, v] of Object.entries(value)) {
      const r = this.resolve(v);
      if (r !== NO_VALUE) out[key] = r;
    }
    return out;
  }

  /**
   * Resolves a value at a site, turning resolution problems into a
   * {@link RehearsalResolutionError} that names the site.
   */
  public resolveAt(value: CfnValue, site: Site): Resolved {
    try {
      return this.resolve(value);
    } catch (e) {
      if (e instanceof UnresolvableIntrinsic || e instanceof InvalidIntrinsic) throw new RehearsalResolutionError(site, e);
      throw e;
    }
  }

  /**
   * Evaluates a named condition of the template.
   *
   * @throws InvalidIntrinsic when there is no such condition
   */
  public condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const conditions = this.ctx.template.Conditions ?? {};
    if (!Object.prototype.hasOwnProperty.call(conditions, name)) {
      throw new InvalidIntrinsic(`Condition ${name}`, `the template has no condition ${name}`);
    }
    this.conditionCache.set(name, false); // a self-reference evaluates as false rather than recursing forever
    const result = this.conditionValue(conditions[name]);
    this.conditionCache.set(name, result);
    return result;
  }

  /** The value of a parameter: given, else its default; lists split on commas. */
  public parameter(name: string): Resolved {
    const p = this.ctx.template.Parameters?.[name];
    if (p === undefined) throw new InvalidIntrinsic(`Ref ${name}`, `the template has no parameter or resource ${name}`);
    const type = p.Type ?? 'String';
    const given = this.ctx.parameters?.[name];
    if (given === undefined && type.startsWith('AWS::SSM::Parameter::Value<')) {
      throw new UnresolvableIntrinsic(`Ref ${name}`, `parameter ${name} is read from SSM Parameter Store; give it a value with --parameter`);
    }
    const raw = given ?? (p.Default === undefined ? undefined : String(p.Default));
    if (raw === undefined) {
      throw new UnresolvableIntrinsic(`Ref ${name}`, `parameter ${name} has no default; give it a value with --parameter`);
    }
    return type === 'CommaDelimitedList' || type.startsWith('List<') ? raw.split(',').map((s) => s.trim()) : raw;
  }

  private conditionValue(value: CfnValue): boolean {
    if (!isObject(value) || Object.keys(value).length !== 1) {
      throw new InvalidIntrinsic('Fn::If', `a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition, got ${JSON.stringify(value)}`);
    }
    const [fn] = Object.keys(value);
    const arg = value[fn];
    switch (fn) {
      case 'Condition':
        if (typeof arg !== 'string') throw new InvalidIntrinsic('Condition', 'takes the name of a condition');
        return this.condition(arg);
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new InvalidIntrinsic(fn, 'takes a list of two values');
        return comparable(this.resolve(arg[0])) === comparable(this.resolve(arg[1]));
      }
      case 'Fn::Not':
        if (!Array.isArray(arg) || arg.length !== 1) throw new InvalidIntrinsic(fn, 'takes a list of one condition');
        return !this.conditionValue(arg[0]);
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) throw new InvalidIntrinsic(fn, 'takes a list of 2 to 10 conditions');
        const values = arg.map((c) => this.conditionValue(c));
        return fn === 'Fn::And' ? values.every((v) => v) : values.some((v) => v);
      }
      default:
        throw new UnresolvableIntrinsic(describe(value), `the rehearsal evaluates conditions made of Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition, not ${fn}`);
    }
  }

  private intrinsic(name: string, arg: CfnValue, whole: CfnValue): Resolved {
    switch (name) {
      case 'Ref':
        if (typeof arg !== 'string') throw new InvalidIntrinsic('Ref', 'takes the name of a parameter or resource');
        return this.ref(arg, `Ref ${arg}`);
      case 'Fn::GetAtt':
        return this.getAtt(arg);
      case 'Fn::ImportValue':
        return this.importValue(arg);
      case 'Fn::GetStackOutput':
        return this.getStackOutput(arg);
      case 'Fn::Join':
        return this.join(arg);
      case 'Fn::Sub':
        return this.sub(arg);
      case 'Fn::Select':
        return this.select(arg);
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new InvalidIntrinsic(name, 'takes a delimiter and a string');
        const delimiter = this.resolve(arg[0]);
        const source = this.resolve(arg[1]);
        if (typeof delimiter !== 'string' || typeof source !== 'string') throw new InvalidIntrinsic(name, 'takes a delimiter and a string');
        return source.split(delimiter);
      }
      case 'Fn::If': {
        if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') {
          throw new InvalidIntrinsic(name, 'takes a condition name and two values');
        }
        return this.resolve(this.condition(arg[0]) ? arg[1] : arg[2]);
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
        return this.conditionValue(whole);
      case 'Fn::FindInMap': {
        if (!Array.isArray(arg) || arg.length !== 3) throw new InvalidIntrinsic(name, 'takes a map name and two keys');
        const [map, top, second] = arg.map((a) => this.resolve(a));
        const entry = this.ctx.template.Mappings?.[String(map)]?.[String(top)];
        if (entry === undefined || !Object.prototype.hasOwnProperty.call(entry, String(second))) {
          throw new InvalidIntrinsic(name, `the mapping ${String(map)} has no entry ${String(top)}.${String(second)}`);
        }
        return this.resolve(entry[String(second)]);
      }
      case 'Fn::GetAZs': {
        const region = this.resolve(arg);
        const r = typeof region === 'string' && region !== '' ? region : this.ctx.pseudo.region;
        return ['a', 'b', 'c'].map((s) => `${r}${s}`);
      }
      case 'Fn::Base64': {
        const text = this.resolve(arg);
        if (typeof text !== 'string') throw new InvalidIntrinsic(name, 'takes a string');
        return Buffer.from(text, 'utf8').toString('base64');
      }
      default:
        throw new UnresolvableIntrinsic(name, `the rehearsal does not evaluate ${name}`);
    }
  }

  private ref(name: string, intrinsic: string): Resolved {
    const p = this.ctx.pseudo;
    switch (name) {
      case 'AWS::Region': return p.region;
      case 'AWS::AccountId': return p.accountId;
      case 'AWS::StackName': return p.stackName;
      case 'AWS::StackId': return p.stackId;
      case 'AWS::Partition': return p.partition;
      case 'AWS::URLSuffix': return p.urlSuffix;
      case 'AWS::NoValue': return NO_VALUE;
      case 'AWS::NotificationARNs': return [];
      default:
    }
    if (name.startsWith('AWS::')) {
      throw new InvalidIntrinsic(intrinsic, `${name} is not a pseudo parameter (known: ${PSEUDO_NAMES.join(', ')})`);
    }
    const resources = this.ctx.template.Resources ?? {};
    if (Object.prototype.hasOwnProperty.call(resources, name)) {
      return this.state(name, intrinsic).physicalId;
    }
    try {
      return this.parameter(name);
    } catch (e) {
      if (e instanceof UnresolvableIntrinsic || e instanceof InvalidIntrinsic) {
        // name the intrinsic as the user wrote it (a Sub variable is not a Ref)
        throw e instanceof UnresolvableIntrinsic ? new UnresolvableIntrinsic(intrinsic, e.detail) : new InvalidIntrinsic(intrinsic, e.detail);
      }
      throw e;
    }
  }

  private state(logicalId: string, intrinsic: string): ResourceState {
    const resource = (this.ctx.template.Resources ?? {})[logicalId];
    if (!this.ctx.rehearsedTypes.has(resource.Type)) {
      throw new UnresolvableIntrinsic(intrinsic, `${logicalId} is an ${resource.Type}, which the rehearsal does not create`);
    }
    if (resource.Condition !== undefined && !this.condition(resource.Condition)) {
      throw new InvalidIntrinsic(intrinsic, `${logicalId} is not created: its condition ${resource.Condition} is false`);
    }
    const state = this.ctx.resource(logicalId);
    if (state === undefined) {
      throw new UnresolvableIntrinsic(intrinsic, `${logicalId} has not been created at this point`);
    }
    return state;
  }

  private getAtt(arg: CfnValue): Resolved {
    let target: string;
    let attribute: string;
    if (typeof arg === 'string') {
      const dot = arg.indexOf('.');
      if (dot < 0) throw new InvalidIntrinsic(`Fn::GetAtt ${arg}`, 'takes Resource.Attribute');
      target = arg.slice(0, dot);
      attribute = arg.slice(dot + 1);
    } else if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
      target = arg[0];
      const attr = this.resolve(arg[1]);
      if (typeof attr !== 'string') throw new InvalidIntrinsic(`Fn::GetAtt ${target}`, 'the attribute name must be a string');
      attribute = attr;
    } else {
      throw new InvalidIntrinsic('Fn::GetAtt', 'takes a resource name and an attribute name');
    }
    return this.attribute(target, attribute, `Fn::GetAtt ${target}.${attribute}`);
  }

  private attribute(target: string, attribute: string, intrinsic: string): string {
    if (!Object.prototype.hasOwnProperty.call(this.ctx.template.Resources ?? {}, target)) {
      throw new InvalidIntrinsic(intrinsic, `the template has no resource ${target}`);
    }
    const state = this.state(target, intrinsic);
    if (!Object.prototype.hasOwnProperty.call(state.attributes, attribute)) {
      throw new InvalidIntrinsic(intrinsic, `the response for ${target} has no attribute ${attribute} `
        + `(it has ${Object.keys(state.attributes).join(', ') || 'none'})`);
    }
    return state.attributes[attribute];
  }

  private importValue(arg: CfnValue): Resolved {
    const name = this.resolve(arg);
    if (typeof name !== 'string') throw new InvalidIntrinsic('Fn::ImportValue', 'takes an export name');
    const intrinsic = `Fn::ImportValue ${name}`;
    const entry = this.ctx.exports.get(name);
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
  public stackOutputTarget(arg: CfnValue): StackOutputTarget {
    const usage = 'takes { StackName, OutputName, Region (optional), RoleArn (optional) }';
    if (!isObject(arg)) throw new InvalidIntrinsic('Fn::GetStackOutput', usage);
    const unknown = Object.keys(arg).filter((k) => !['StackName', 'OutputName', 'Region', 'RoleArn'].includes(k));
    if (unknown.length > 0) throw new InvalidIntrinsic('Fn::GetStackOutput', `${usage}, not ${unknown.join(', ')}`);
    const text = (key: string, optional: boolean): string | undefined => {
      if (arg[key] === undefined) {
        if (optional) return undefined;
        throw new InvalidIntrinsic('Fn::GetStackOutput', `${usage}: ${key} is missing`);
      }
      const v = this.resolve(arg[key]);
      if (v === NO_VALUE && optional) return undefined;
      if (typeof v !== 'string' || v === '') throw new InvalidIntrinsic('Fn::GetStackOutput', `${key} must be a non-empty string, got ${v === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(v)}`);
      return v;
    };
    const stackName = text('StackName', false)!;
    const outputName = text('OutputName', false)!;
    const intrinsic = `Fn::GetStackOutput ${stackName}.${outputName}`;
    const region = text('Region', true) ?? this.ctx.pseudo.region;
    const roleArn = text('RoleArn', true);
    let account = this.ctx.pseudo.accountId;
    if (roleArn !== undefined) {
      const m = /^arn:[a-z-]+:iam::(\d{12}):role\/.+$/.exec(roleArn);
      if (!m) throw new InvalidIntrinsic(intrinsic, `RoleArn ${roleArn} is not the ARN of an IAM role`);
      account = m[1];
    }
    let entry: StackEntry | undefined;
    for (const s of this.ctx.stacks?.() ?? []) {
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
  private getStackOutput(arg: CfnValue): Resolved {
    const target = this.stackOutputTarget(arg);
    const { entry, intrinsic, outputName } = target;
    const where = `in account ${target.account} and region ${target.region}`;
    if (entry === undefined) {
      const elsewhere = [...this.ctx.stacks?.() ?? []].filter((s) => s.stackName === target.stackName || s.stackId === target.stackName);
      throw new UnresolvableIntrinsic(intrinsic, `the assembly has no stack ${target.stackName} ${where}, and the rehearsal cannot read a stack outside it`
        + (elsewhere.length > 0
          ? ` (${elsewhere.map((s) => `${s.stack} is in account ${s.account} and region ${s.region}`).join('; ')}: Fn::GetStackOutput reads another region with Region, another account with RoleArn)`
          : ''));
    }
    if (entry.stackId === this.ctx.pseudo.stackId) {
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

  private join(arg: CfnValue): Resolved {
    if (!Array.isArray(arg) || arg.length !== 2) throw new InvalidIntrinsic('Fn::Join', 'takes a delimiter and a list');
    const delimiter = this.resolve(arg[0]);
    const list = this.resolve(arg[1]);
    if (typeof delimiter !== 'string' || !Array.isArray(list)) throw new InvalidIntrinsic('Fn::Join', 'takes a delimiter and a list');
    return list.map((item) => scalar(item, 'Fn::Join')).join(delimiter);
  }

  private sub(arg: CfnValue): Resolved {
    let text: CfnValue;
    let vars: { [key: string]: CfnValue } = {};
    if (Array.isArray(arg)) {
      if (arg.length !== 2 || !isObject(arg[1])) throw new InvalidIntrinsic('Fn::Sub', 'takes a string and a map of variables');
      [text] = arg;
      vars = arg[1];
    } else {
      text = arg;
    }
    if (typeof text !== 'string') throw new InvalidIntrinsic('Fn::Sub', 'takes a string');
    const values = new Map<string, string>();
    for (const [key, v] of Object.entries(vars)) values.set(key, scalar(this.resolve(v), `Fn::Sub variable ${key}`));
    return text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      const given = values.get(name);
      if (given !== undefined) return given;
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) {
        return this.attribute(name.slice(0, dot), name.slice(dot + 1), `Fn::Sub \${${name}}`);
      }
      return scalar(this.ref(name, `Fn::Sub \${${name}}`), `Fn::Sub \${${name}}`);
    });
  }

  private select(arg: CfnValue): Resolved {
    if (!Array.isArray(arg) || arg.length !== 2) throw new InvalidIntrinsic('Fn::Select', 'takes an index and a list');
    const index = Number(scalar(this.resolve(arg[0]), 'Fn::Select'));
    const list = this.resolve(arg[1]);
    if (!Array.isArray(list)) throw new InvalidIntrinsic('Fn::Select', 'takes an index and a list');
    if (!Number.isInteger(index) || index < 0 || index >= list.length) {
      throw new InvalidIntrinsic('Fn::Select', `index ${index} is out of range for a list of ${list.length}`);
    }
    return list[index];
  }
}

/** A resolved value as a string (numbers and booleans as CloudFormation prints them). */
function scalar(value: Resolved, intrinsic: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new InvalidIntrinsic(intrinsic, `expects a string, got ${value === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(value)}`);
}

function comparable(value: Resolved): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * A resolved value as CloudFormation delivers custom resource properties: every scalar a
 * string, `AWS::NoValue` left out.
 */
export function asDelivered(value: Resolved): unknown {
  if (value === NO_VALUE) return undefined;
  if (Array.isArray(value)) return value.filter((v) => v !== NO_VALUE).map(asDelivered);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: unknown } = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== NO_VALUE) out[k] = asDelivered(v);
    }
    return out;
  }
  return value === null ? '' : String(value);
}
