/**
 * One stack while the rehearsal plays it: its evaluator, the invitations played so far, its
 * exports and outputs as deployed, the report the result will carry, and its driver.
 */
import type { StackReport } from './result';
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../../src/contract';
import { AssemblyStack, pseudoParameters } from '../cloudformation/assembly';
import type { CloudFormationDriver } from '../cloudformation/driver';
import type { ExportEntry, OutputEntry, ResourceState, StackEntry } from '../cloudformation/evaluation-context';
import { TemplateEvaluator } from '../cloudformation/intrinsics';
import type { CfnResource } from '../cloudformation/template';

/**
 * The resource types the rehearsal plays: its evaluator takes their attributes from what was
 * played (stand-ins while planning), and it creates them against the emulator.
 */
export const PLAYED_TYPES: ReadonlySet<string> = new Set([RESOURCE_TYPE, ACCEPTER_RESOURCE_TYPE]);

/** An invitation or accepter the rehearsal has created (or planned). */
export interface Played {
  readonly logicalId: string;
  readonly element: string;
  readonly constructPath?: string;
  readonly resource: CfnResource;
  props: Record<string, unknown>;
  state: ResourceState;
}

/** An invitation about to be created: what it will be once its state is known. */
export type Planned = Omit<Played, 'state'>;

/** One stack while it is being played. */
export interface StackRun {
  readonly stack: AssemblyStack;
  readonly evaluator: TemplateEvaluator;
  readonly states: Map<string, ResourceState>;
  readonly played: Played[];
  readonly report: StackReport & { deployed: boolean };
  /** Output name -> value, as `Fn::GetStackOutput` reads it now; undefined until deployed. */
  outputValues?: Map<string, OutputEntry>;
  driver?: CloudFormationDriver;
}

/**
 * A stack about to be played.
 *
 * @param stack the stack of the assembly
 * @param parameters its parameter values
 * @param stackExports the exports of its account and region so far
 * @param stacks every stack of the assembly, for `Fn::GetStackOutput`
 */
export function newStackRun(
  stack: AssemblyStack,
  parameters: Record<string, string>,
  stackExports: Map<string, ExportEntry>,
  stacks: () => StackEntry[],
): StackRun {
  const states = new Map<string, ResourceState>();
  const evaluator = new TemplateEvaluator({
    template: stack.template,
    pseudo: pseudoParameters(stack),
    parameters,
    resource: (id) => states.get(id),
    // not `exports`: in CommonJS that name would hide the module's own, which PLAYED_TYPES is read from
    exports: stackExports,
    stacks,
    rehearsedTypes: PLAYED_TYPES,
  });
  return {
    stack,
    evaluator,
    states,
    played: [],
    report: {
      displayName: stack.displayName,
      stackName: stack.stackName,
      account: stack.account,
      region: stack.region,
      deployed: false,
      invitations: [],
      accepters: [],
      outputs: [],
      notes: [
        ...(stack.template.Transform !== undefined
          ? [`the template declares Transform ${JSON.stringify(stack.template.Transform)}, which CloudFormation applies first; the rehearsal plays the template as synthesized`]
          : []),
      ],
    },
  };
}
