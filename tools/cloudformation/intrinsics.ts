/**
 * Evaluation of a CloudFormation template's intrinsic functions, offline: the part of
 * CloudFormation that the rehearsal plays for this library's custom resources and for a
 * stack's outputs and exports.
 *
 * Only what can be known without AWS is resolved: literals, parameter defaults, pseudo
 * parameters, references to resources the rehearsal creates, exports and outputs of stacks
 * rehearsed earlier, and the functions that compute over those. Anything else raises
 * {@link UnresolvableIntrinsic}, which names the intrinsic so the caller can say where it is.
 *
 * What a template is evaluated against is ./evaluation-context.ts; resolved values are
 * ./resolved.ts; the intrinsics that read other stacks are ./cross-stack-reads.ts.
 */
import { getStackOutput, importValue, stackOutputTarget } from './cross-stack-reads';
import type { EvaluationContext, ResourceState, StackOutputTarget } from './evaluation-context';
import { InvalidIntrinsic, RehearsalResolutionError, Site, UnresolvableIntrinsic } from './intrinsic-errors';
import { PSEUDO_NAMES } from './pseudo-parameters';
import { comparable, NO_VALUE, Resolved, scalar } from './resolved';
import { CfnValue, describe, intrinsicName, isCfnObject } from './template';

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
    if (!isCfnObject(value) || Object.keys(value).length !== 1) {
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
        return importValue(arg, this.ctx, this);
      case 'Fn::GetStackOutput':
        return getStackOutput(arg, this.ctx, this);
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

  /**
   * What a `Fn::GetStackOutput` reads, with its arguments evaluated; see `stackOutputTarget` of
   * ./cross-stack-reads.ts.
   *
   * @throws InvalidIntrinsic when the arguments are not those CloudFormation takes
   */
  public stackOutputTarget(arg: CfnValue): StackOutputTarget {
    return stackOutputTarget(arg, this.ctx, this);
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
      if (arg.length !== 2 || !isCfnObject(arg[1])) throw new InvalidIntrinsic('Fn::Sub', 'takes a string and a map of variables');
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
