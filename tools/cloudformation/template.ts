/**
 * The parts of a CloudFormation template the rehearsal reads, and how to walk its values
 * (intrinsic functions are one-key objects: `Ref`, `Fn::GetAtt`, ...).
 */

/** A JSON value as found in a template. */
export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

/**
 * Whether a value is a JSON object (not null, not a list).
 *
 * @param v the value
 */
export const isCfnObject = (v: unknown): v is { [key: string]: CfnValue } => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One resource of a template. */
export interface CfnResource {
  /** The resource type. */
  readonly Type: string;
  /** The properties, as written (intrinsics unresolved). */
  readonly Properties?: { [key: string]: CfnValue };
  /** Resources created before this one. */
  readonly DependsOn?: string | string[];
  /** The condition that decides whether it is created. */
  readonly Condition?: string;
  /** `Retain` (or `RetainExceptOnCreate`) keeps it when the stack is deleted. */
  readonly DeletionPolicy?: string;
  /** `Retain` keeps the old resource when a replacement replaces it. */
  readonly UpdateReplacePolicy?: string;
  /** Metadata (`aws:cdk:path`, `aws:asset:path`). */
  readonly Metadata?: { [key: string]: CfnValue };
}

/** One parameter of a template. */
export interface CfnParameter {
  /** `String`, `Number`, `CommaDelimitedList`, `List<...>`, `AWS::SSM::Parameter::Value<...>`, ... */
  readonly Type?: string;
  /** The value when none is given. */
  readonly Default?: string | number;
  /** Whether the console masks the value. */
  readonly NoEcho?: boolean | string;
  /** A regular expression the whole value (each value of a `CommaDelimitedList`) must match. */
  readonly AllowedPattern?: string;
  /** The values allowed (for a list, each of its values must be one). */
  readonly AllowedValues?: ReadonlyArray<string | number>;
  /** The fewest characters a `String` value may have. */
  readonly MinLength?: number | string;
  /** The most characters a `String` value may have. */
  readonly MaxLength?: number | string;
  /** The smallest a `Number` value may be. */
  readonly MinValue?: number | string;
  /** The largest a `Number` value may be. */
  readonly MaxValue?: number | string;
  /** What CloudFormation says when a value breaks a constraint. */
  readonly ConstraintDescription?: string;
}

/** One output of a template. */
export interface CfnOutput {
  /** The value, as written. */
  readonly Value: CfnValue;
  /** What it is. */
  readonly Description?: string;
  /** The condition that decides whether it exists. */
  readonly Condition?: string;
  /** The export, for other stacks to import. */
  readonly Export?: { readonly Name: CfnValue };
}

/** The parts of a template the rehearsal reads. */
export interface CfnTemplate {
  /** Parameters by name. */
  readonly Parameters?: { [name: string]: CfnParameter };
  /** Mappings for `Fn::FindInMap`. */
  readonly Mappings?: { [name: string]: { [key: string]: { [key: string]: CfnValue } } };
  /** Conditions by name. */
  readonly Conditions?: { [name: string]: CfnValue };
  /** Resources by logical id, in template order. */
  readonly Resources?: { [logicalId: string]: CfnResource };
  /** Outputs by name, in template order. */
  readonly Outputs?: { [name: string]: CfnOutput };
  /** Macros CloudFormation applies before deploying. */
  readonly Transform?: CfnValue;
}

/** Whether a template value is an intrinsic function call (one key: `Ref` or `Fn::*`). */
export function intrinsicName(value: CfnValue): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** Short text of a template value for messages (intrinsics as written, without their values). */
export function describe(value: CfnValue): string {
  const name = intrinsicName(value);
  if (name === undefined) return typeof value === 'string' ? value : JSON.stringify(value);
  const arg = (value as { [key: string]: CfnValue })[name];
  if (name === 'Ref' && typeof arg === 'string') return `Ref ${arg}`;
  if (name === 'Fn::GetAtt') {
    if (typeof arg === 'string') return `Fn::GetAtt ${arg}`;
    if (Array.isArray(arg) && arg.length === 2) return `Fn::GetAtt ${describe(arg[0])}.${describe(arg[1])}`;
  }
  if (name === 'Fn::ImportValue') return `Fn::ImportValue ${describe(arg)}`;
  if (name === 'Condition') return `Condition ${describe(arg)}`;
  return name;
}

/**
 * Calls `visit(key, argument)` for every key of every object inside a template value, depth
 * first (an intrinsic function is such a key: `Ref`, `Fn::GetAtt`, `Fn::ImportValue`, ...).
 */
export function forEachKey(value: CfnValue, visit: (key: string, argument: CfnValue) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) forEachKey(item, visit);
    return;
  }
  for (const [key, arg] of Object.entries(value)) {
    visit(key, arg);
    forEachKey(arg, visit);
  }
}
