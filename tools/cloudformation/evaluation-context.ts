/**
 * What a template is evaluated against: the resources created so far, the exports and outputs of
 * stacks rehearsed earlier, the assembly's stacks, parameter values and pseudo parameters.
 */
import type { PseudoParameters } from './pseudo-parameters';
import type { CfnTemplate } from './template';

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
