/**
 * The offline rehearsal of a CDK app's connection invitations: CloudFormation's part played
 * against the real bundled handler and the local PartnerCentral emulator.
 *
 * Reads a cloud assembly, resolves the invitations' properties in deployment order, sends the
 * Create events CloudFormation would send (through the CloudFormation driver, so the handler
 * answers over real HTTP), computes outputs and exports, shows a replacement (Update with a
 * changed message, then the cleanup Delete of the old invitation), and deletes the stacks in
 * reverse order. Nothing leaves the machine.
 *
 * Two kinds of cross-stack reference are played as CloudFormation plays them. `Fn::ImportValue`
 * (strong) reads an export, which locks it: the exporting stack cannot change it while another
 * stack imports it. `Fn::GetStackOutput` (weak: what CDK makes with
 * `@aws-cdk/core:defaultCrossStackReferences: weak`, which `cdk init` writes into new apps'
 * cdk.json) reads another stack's output when the reading stack is deployed and locks nothing: the
 * producing stack may change or remove the output, and the reader keeps the value it read until
 * it is deployed again.
 *
 * Before any event is sent, every stack is planned with stand-in values for the invitations'
 * attributes: a property that cannot be resolved offline stops the rehearsal before anything
 * that would send an invitation e-mail.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssemblyStack, pseudoParameters, readAssembly } from './cloudformation/assembly';
import { resourceOrder } from './cloudformation/dependency-order';
import { CloudFormationDriver, Delivery } from './cloudformation/driver';
import type { CustomResourceHandler } from './cloudformation/events';
import { InvalidIntrinsic, RehearsalResolutionError, Site, UnresolvableIntrinsic } from './cloudformation/intrinsic-errors';
import { asDelivered, ExportEntry, NO_VALUE, OutputEntry, ResourceState, StackEntry, TemplateEvaluator } from './cloudformation/intrinsics';
import { parameterViolations } from './cloudformation/parameters';
import { CfnResource, CfnTemplate, CfnValue, forEachKey } from './cloudformation/template';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY, PartnerCentralEmulator, SIGNING_REGION } from './emulator/server';
import { enterSandbox, handlerEnvironment, Sandbox } from './rehearse-sandbox';
import { ATTRIBUTE_KEYS, RESOURCE_TYPE } from '../src/contract';

/** What the rehearsal appends to the first invitation's message to show a replacement. */
export const MESSAGE_CHANGE = ' (rehearsal: message changed)';

/** The longest message the API takes. */
const MAX_MESSAGE = 256;

/** How long the handler may take per event unless told otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A parameter value given for the rehearsal (`--parameter [Stack:]Name=Value`). */
export interface ParameterValue {
  /**
   * The stack (display name, artifact id or stack name) it applies to.
   *
   * @default - every stack that declares the parameter
   */
  readonly stack?: string;
  /** The parameter name. */
  readonly name: string;
  /** The value. */
  readonly value: string;
}

/** Options of {@link rehearse}. */
export interface RehearsalOptions {
  /** The cloud assembly directory (`cdk.out`). */
  readonly assemblyDir: string;
  /**
   * The bundled handler (a CommonJS file exporting `handler(event, context)`).
   *
   * @default - `defaultHandlerPath()`, the bundle shipped next to the CLI
   */
  readonly handlerPath?: string;
  /**
   * Whether to show a replacement of the first invitation (Update with a changed message, then
   * the cleanup Delete of the old invitation).
   *
   * @default true
   */
  readonly update?: boolean;
  /**
   * Whether to delete the stacks at the end.
   *
   * @default true
   */
  readonly destroy?: boolean;
  /**
   * Parameter values over the templates' defaults.
   *
   * @default - the defaults
   */
  readonly parameters?: readonly ParameterValue[];
  /**
   * The longest the handler may take per event, in milliseconds (the provider function's own
   * timeout, when shorter, applies).
   *
   * @default DEFAULT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /**
   * Receives the handler's log lines and the emulator's request lines as they happen.
   *
   * @default - they are dropped
   */
  readonly trace?: (line: string) => void;
}

/** One invitation as deployed. */
export interface InvitationRow {
  /** The logical id in the template. */
  readonly logicalId: string;
  /** The construct path within the stack (`AcmeInvitation`), when the template records it. */
  readonly constructPath?: string;
  /** The invitation id (the physical id). */
  readonly invitationId: string;
  /** The status the handler returned. */
  readonly status: string;
  /** The invitation ARN the handler returned. */
  readonly arn: string;
  /** Whether `DeletionPolicy: Retain` keeps it when the stack is deleted. */
  readonly retain: boolean;
}

/** One output of a stack. */
export interface OutputRow {
  /** The output's logical id. */
  readonly name: string;
  /** The value; `<not rehearsed: ...>` when it comes from a resource the rehearsal does not create. */
  readonly value: string;
  /** The intrinsic that kept the value from being resolved. */
  readonly notRehearsed?: string;
  /** The export name, when the output is exported. */
  readonly exportName?: string;
  /**
   * Why the value is not rehearsed, when it reads another stack's output with
   * `Fn::GetStackOutput` (naming that stack and output); also one of the result's warnings.
   */
  readonly warning?: string;
}

/** One stack of the rehearsal. */
export interface StackReport {
  /** The name the CDK CLI shows. */
  readonly displayName: string;
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** The account the stack was rehearsed in. */
  readonly account: string;
  /** The region the stack was rehearsed in. */
  readonly region: string;
  /** Whether the stack was deployed (false after a failure in it or in an earlier one). */
  readonly deployed: boolean;
  /** The invitations created, in creation order. */
  readonly invitations: InvitationRow[];
  /** The outputs, in template order. */
  readonly outputs: OutputRow[];
  /** Things worth knowing (skipped resources, transforms). */
  readonly notes: string[];
}

/** The phases of a rehearsal. */
export type Phase = 'deploy' | 'rollback' | 'update' | 'cleanup' | 'destroy';

/** One event sent to the handler (or one CloudFormation would skip), in order. */
export interface EventRecord {
  /** When in the rehearsal it was sent. */
  readonly phase: Phase;
  /** The stack's display name. */
  readonly stack: string;
  /** The resource's logical id. */
  readonly logicalId: string;
  /** The resource's construct path within the stack, when the template records it. */
  readonly constructPath?: string;
  /** `Create`, `Update`, `Delete`; `Retain` when CloudFormation would not send the Delete. */
  readonly requestType: 'Create' | 'Update' | 'Delete' | 'Retain';
  /** The physical id the event carried (none for Create). */
  readonly physicalId?: string;
  /** The physical id the response gave. */
  readonly responsePhysicalId?: string;
  /** SUCCESS or FAILED; SKIPPED for `Retain`. */
  readonly status: 'SUCCESS' | 'FAILED' | 'SKIPPED';
  /** The handler's reason for a FAILED response. */
  readonly reason?: string;
  /** The invitation's status in the emulator after the event. */
  readonly invitationStatus?: string;
  /** Why the event was sent or skipped, in words. */
  readonly note?: string;
}

/** Why a rehearsal stopped. */
export interface RehearsalFailure {
  /**
   * `assembly` (not a usable cloud assembly), `handler` (the bundle is missing or broken),
   * `unresolvable` (a value needs AWS), `invalid` (CloudFormation would reject the template),
   * `failed` (the handler answered FAILED or CloudFormation would reject its answer),
   * `refused` (the handler would not talk to the local emulator).
   */
  readonly kind: 'assembly' | 'handler' | 'unresolvable' | 'invalid' | 'failed' | 'refused';
  /** The message, naming the stack, resource and intrinsic or reason. */
  readonly message: string;
  /** The stack's display name, when the failure is in one. */
  readonly stack?: string;
  /** The resource (`constructPath (LogicalId)`) or output (`Outputs/Name`), when the failure is in one. */
  readonly resource?: string;
}

/** The outcome of a rehearsal; never carries e-mails, names or messages. */
export interface RehearsalResult {
  /** Whether every step succeeded. */
  readonly ok: boolean;
  /** The assembly directory as given. */
  readonly assembly: string;
  /** The stacks in deployment order. */
  readonly stacks: StackReport[];
  /** Every event, in order. */
  readonly events: EventRecord[];
  /** Notes about the replacement (such as the first invitation having no message to change). */
  readonly updateNotes: string[];
  /**
   * Where a real deployment would not go as rehearsed, though the rehearsal itself passed: an
   * export another stack imports changing (CloudFormation refuses that update), an output another
   * stack read with `Fn::GetStackOutput` changing (the reader keeps the old value), a cleanup
   * Delete that failed (CloudFormation leaves the old invitation behind), an output that reads
   * another stack's output the rehearsal could not read (the output's `warning`).
   */
  readonly warnings: string[];
  /** Why it stopped, when `ok` is false. */
  readonly error?: RehearsalFailure;
}

/**
 * The handler bundle shipped next to the CLI bundle: `assets/cli/../connection-invitation-handler/index.js`.
 */
export function defaultHandlerPath(): string {
  return path.join(__dirname, '..', 'connection-invitation-handler', 'index.js');
}

/**
 * Parses `[Stack:]Name=Value`.
 *
 * @throws Error when the text has no `=` or no name
 */
export function parseParameter(text: string): ParameterValue {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq);
  const colon = key.lastIndexOf(':');
  const name = colon < 0 ? key : key.slice(colon + 1);
  if (eq < 0 || name === '') throw new Error(`--parameter takes [Stack:]Name=Value, got ${JSON.stringify(text)}`);
  return { ...(colon > 0 ? { stack: key.slice(0, colon) } : {}), name, value: text.slice(eq + 1) };
}

/** Stops the rehearsal with a failure. */
class Stop extends Error {
  constructor(public readonly failure: RehearsalFailure) {
    super(failure.message);
  }
}

/** An invitation the rehearsal has created (or planned). */
interface Played {
  readonly logicalId: string;
  readonly element: string;
  readonly constructPath?: string;
  readonly resource: CfnResource;
  props: Record<string, unknown>;
  state: ResourceState;
}

/** One stack while it is being played. */
interface StackRun {
  readonly stack: AssemblyStack;
  readonly evaluator: TemplateEvaluator;
  readonly states: Map<string, ResourceState>;
  readonly played: Played[];
  readonly report: StackReport & { deployed: boolean };
  /** Export name -> output value, as deployed. */
  readonly exported: Map<string, string | undefined>;
  /** Output name -> value, as `Fn::GetStackOutput` reads it now; undefined until deployed. */
  outputValues?: Map<string, OutputEntry>;
  driver?: CloudFormationDriver;
}

/** A stack's outputs as computed: the exports by name, every value by output name. */
interface ComputedOutputs {
  readonly exports: Map<string, ExportEntry>;
  readonly values: Map<string, OutputEntry>;
}

/** Creates an invitation: the response's physical id and Data, or a stop. */
type Creator = (run: StackRun, played: Omit<Played, 'state'>) => Promise<ResourceState>;

/**
 * Rehearses the deployment of a cloud assembly offline.
 *
 * Never throws for problems of the app or the handler: they are the `error` of the result.
 *
 * @param options see {@link RehearsalOptions}
 */
export async function rehearse(options: RehearsalOptions): Promise<RehearsalResult> {
  return new Rehearsal(options).run();
}

class Rehearsal {
  private readonly personal = new Set<string>();
  private readonly events: EventRecord[] = [];
  private readonly updateNotes: string[] = [];
  private readonly warnings: string[] = [];
  private readonly runs: StackRun[] = [];
  private emulator?: PartnerCentralEmulator;
  private handler?: CustomResourceHandler;
  private emulatorRequests = 0;

  constructor(private readonly options: RehearsalOptions) {}

  public async run(): Promise<RehearsalResult> {
    let error: RehearsalFailure | undefined;
    try {
      await this.play();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      error = e.failure;
    }
    return this.result(error);
  }

  private async play(): Promise<void> {
    let stacks: AssemblyStack[];
    try {
      stacks = readAssembly(this.options.assemblyDir);
    } catch (e) {
      throw new Stop({ kind: 'assembly', message: (e as Error).message });
    }
    const parameters = this.parameterValues(stacks);
    // CloudFormation checks the parameters' constraints before it creates anything.
    for (const stack of stacks) {
      const [violation] = parameterViolations(stack.template, parameters.get(stack.key));
      if (violation) {
        throw new Stop({ kind: violation.kind, stack: stack.displayName, message: `${stack.displayName}: ${violation.message}` });
      }
      this.refuseNestedInvitations(stack);
    }
    const handlerPath = path.resolve(this.options.handlerPath ?? defaultHandlerPath());
    if (!fs.existsSync(handlerPath)) {
      throw new Stop({ kind: 'handler', message: `the handler bundle ${handlerPath} does not exist (build it with npx projen bundle, or pass --handler)` });
    }

    // 1. Plan every stack with stand-in attributes: nothing is sent unless everything resolves.
    await this.deployAll(stacks, parameters, async (_run, p) => standInState(p.logicalId, p.props), []);

    // 2. Play it for real.
    this.emulator = await PartnerCentralEmulator.start({
      log: (line) => {
        this.emulatorRequests++;
        this.trace(`emulator: ${line}`);
      },
    });
    let sandbox: Sandbox | undefined;
    try {
      let env: Record<string, string>;
      try {
        env = handlerEnvironment({
          endpoint: this.emulator.endpoint,
          accessKeyId: DEFAULT_ACCESS_KEY_ID,
          secretAccessKey: DEFAULT_SECRET_ACCESS_KEY,
          sessionToken: 'rehearsal-session-token',
          region: SIGNING_REGION,
        });
      } catch (e) {
        throw new Stop({ kind: 'refused', message: (e as Error).message });
      }
      sandbox = enterSandbox(env);
      this.handler = this.loadHandler(handlerPath);
      await this.probe(sandbox);
      await this.deployAll(stacks, parameters, (run, p) => this.create(run, p), this.runs);
      if (this.options.update ?? true) await this.replaceFirst();
      if (this.options.destroy ?? true) await this.destroyAll();
    } finally {
      for (const run of this.runs) await run.driver?.stop();
      sandbox?.restore();
      await this.emulator.stop();
    }
  }

  private trace(line: string): void {
    this.options.trace?.(this.redact(line));
  }

  /**
   * Stops when a nested stack (at any depth) holds invitations: the rehearsal plays only the
   * top-level stacks' resources, so passing would claim what it never tried.
   */
  private refuseNestedInvitations(stack: AssemblyStack): void {
    for (const nested of nestedInvitations(stack.template, path.dirname(stack.templateFile))) {
      const resource = stack.template.Resources![nested.logicalId];
      const constructPath = this.constructPath(stack, nested.logicalId, resource);
      const element = constructPath && constructPath !== nested.logicalId ? `${constructPath} (${nested.logicalId})` : nested.logicalId;
      const count = `${nested.count} connection invitation${nested.count === 1 ? '' : 's'}`;
      throw new Stop({
        kind: 'unresolvable',
        stack: stack.displayName,
        resource: element,
        message: `${stack.displayName}: the nested stack ${nested.path.join('/')} holds ${count}, which the rehearsal cannot play; `
          + 'rehearse them by declaring the invitations in a top-level stack (a Stack rather than a NestedStack)',
      });
    }
  }

  /** Parameter values by stack key, checking that each names a known stack. */
  private parameterValues(stacks: AssemblyStack[]): Map<string, Record<string, string>> {
    const out = new Map<string, Record<string, string>>();
    for (const s of stacks) out.set(s.key, { ...s.parameters });
    for (const p of this.options.parameters ?? []) {
      const targets = p.stack === undefined
        ? stacks.filter((s) => s.template.Parameters?.[p.name] !== undefined)
        : stacks.filter((s) => [s.displayName, s.artifactId, s.stackName].includes(p.stack!));
      if (targets.length === 0) {
        throw new Stop(p.stack === undefined
          ? {
            kind: 'invalid',
            message: `--parameter ${p.name}: no stack declares a parameter ${p.name}, and CloudFormation rejects a parameter its template does not declare`,
          }
          : { kind: 'assembly', message: `--parameter ${p.stack}:${p.name}: the assembly has no stack ${p.stack}` });
      }
      const undeclared = targets.find((s) => !Object.prototype.hasOwnProperty.call(s.template.Parameters ?? {}, p.name));
      if (undeclared) {
        throw new Stop({
          kind: 'invalid',
          stack: undeclared.displayName,
          message: `--parameter ${p.stack}:${p.name}: stack ${undeclared.displayName} declares no parameter ${p.name}, `
            + 'and CloudFormation rejects a parameter its template does not declare',
        });
      }
      for (const t of targets) out.get(t.key)![p.name] = p.value;
    }
    return out;
  }

  private loadHandler(file: string): CustomResourceHandler {
    let mod: { handler?: unknown };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(file) as { handler?: unknown };
    } catch (e) {
      throw new Stop({ kind: 'handler', message: `the handler bundle ${file} cannot be loaded: ${(e as Error).message}` });
    }
    const handler = mod.handler;
    if (typeof handler !== 'function') {
      throw new Stop({ kind: 'handler', message: `the handler bundle ${file} does not export a handler function` });
    }
    // The handler logs to stdout as it does in Lambda: keep those lines out of the report.
    return async (event, context) => {
      const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
      const capture = (...args: unknown[]) => this.trace(`handler: ${args.map(String).join(' ')}`);
      Object.assign(console, { log: capture, info: capture, warn: capture, error: capture });
      try {
        return await (handler as CustomResourceHandler)(event, context);
      } finally {
        Object.assign(console, saved);
      }
    };
  }

  /**
   * Checks that the handler really calls the emulator: a Delete of an invitation that does not
   * exist makes it look the invitation up, which must reach the emulator.
   */
  private async probe(sandbox: Sandbox): Promise<void> {
    const driver = await CloudFormationDriver.start({ stackName: 'RehearsalProbe', region: SIGNING_REGION });
    const before = this.emulatorRequests;
    let answered = true;
    try {
      await driver.send(this.handler!, driver.deleteEvent('EndpointProbe', 'pacinv-0000000000000', {
        Catalog: 'Sandbox',
        ConnectionType: 'OPPORTUNITY_COLLABORATION',
        ReceiverIdentifier: 'pprofile-rehearsalprobe',
        Email: 'rehearsal@example.com',
        Name: 'Rehearsal',
        Message: 'Rehearsal',
      }), { timeoutMs: Math.min(this.timeoutMs(), 10_000), retries: 0 });
    } catch {
      answered = false;
    } finally {
      await driver.stop();
    }
    if (this.emulatorRequests > before) return;
    const tried = [...new Set(sandbox.blocked)];
    throw new Stop({
      kind: 'refused',
      message: `refusing to rehearse: the handler did not call the PartnerCentral emulator at ${this.emulator!.endpoint}`
        + (tried.length > 0 ? ` (it tried to reach ${tried.join(', ')}, which the rehearsal blocked)` : '')
        + (answered ? '' : ' and did not answer')
        + '; the rehearsal never contacts AWS',
    });
  }

  private timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Plays every stack in order with a way of creating invitations. */
  private async deployAll(
    stacks: AssemblyStack[],
    parameters: Map<string, Record<string, string>>,
    create: Creator,
    runs: StackRun[],
  ): Promise<void> {
    // Exports are per account and region: an import only sees those of its own environment.
    const byEnvironment = new Map<string, Map<string, ExportEntry>>();
    // Fn::GetStackOutput finds a stack by name (or id), account and region among all the
    // assembly's stacks, and reads the outputs it has when the reading stack is deployed: those
    // deployed earlier in this order, none of the others.
    const runByKey = new Map<string, StackRun>();
    const entries = (): StackEntry[] => stacks.map((s) => ({
      stack: s.displayName,
      stackName: s.stackName,
      stackId: pseudoParameters(s).stackId,
      account: s.account,
      region: s.region,
      template: s.template,
      ...(runByKey.get(s.key)?.outputValues ? { outputs: runByKey.get(s.key)!.outputValues } : {}),
    }));
    for (const stack of stacks) {
      const environment = `${stack.account}/${stack.region}`;
      const exports = byEnvironment.get(environment) ?? new Map<string, ExportEntry>();
      byEnvironment.set(environment, exports);
      const run = this.newRun(stack, parameters.get(stack.key) ?? {}, exports, entries);
      runs.push(run);
      runByKey.set(stack.key, run);
      await this.deployStack(run, create);
      const computed = this.outputs(run, true);
      run.outputValues = computed.values;
      for (const [name, value] of computed.exports) {
        const other = exports.get(name);
        if (other) {
          throw new Stop({
            kind: 'invalid',
            stack: stack.displayName,
            message: `${stack.displayName}: export ${name} is already exported by ${other.stack}, which CloudFormation would reject`,
          });
        }
        exports.set(name, value);
      }
      run.report.deployed = true;
    }
  }

  private newRun(
    stack: AssemblyStack,
    parameters: Record<string, string>,
    exports: Map<string, ExportEntry>,
    stacks: () => StackEntry[],
  ): StackRun {
    const states = new Map<string, ResourceState>();
    const evaluator = new TemplateEvaluator({
      template: stack.template,
      pseudo: pseudoParameters(stack),
      parameters,
      resource: (id) => states.get(id),
      exports,
      stacks,
      rehearsedTypes: new Set([RESOURCE_TYPE]),
    });
    return {
      stack,
      evaluator,
      states,
      played: [],
      exported: new Map(),
      report: {
        displayName: stack.displayName,
        stackName: stack.stackName,
        account: stack.account,
        region: stack.region,
        deployed: false,
        invitations: [],
        outputs: [],
        notes: [
          ...(stack.template.Transform !== undefined
            ? [`the template declares Transform ${JSON.stringify(stack.template.Transform)}, which CloudFormation applies first; the rehearsal plays the template as synthesized`]
            : []),
        ],
      },
    };
  }

  private async deployStack(run: StackRun, create: Creator): Promise<void> {
    const resources = run.stack.template.Resources ?? {};
    let order: string[];
    try {
      order = resourceOrder(run.stack.template);
    } catch (e) {
      throw new Stop({ kind: 'invalid', stack: run.stack.displayName, message: `${run.stack.displayName}: ${(e as Error).message}` });
    }
    for (const logicalId of order) {
      const resource = resources[logicalId];
      if (resource.Type !== RESOURCE_TYPE) continue;
      const constructPath = this.constructPath(run.stack, logicalId, resource);
      const element = constructPath ? `${constructPath} (${logicalId})` : logicalId;
      if (resource.Condition !== undefined) {
        const created = this.guard(() => run.evaluator.condition(resource.Condition!), { stack: run.stack.displayName, element, what: 'its Condition' });
        if (!created) {
          run.report.notes.push(`${element} is not created: its condition ${resource.Condition} is false`);
          continue;
        }
      }
      const props = this.properties(run, logicalId, element);
      const state = await create(run, { logicalId, element, constructPath, resource, props });
      run.states.set(logicalId, state);
      run.played.push({ logicalId, element, constructPath, resource, props, state });
      this.collectPersonal(props);
      run.report.invitations.push({
        logicalId,
        constructPath,
        invitationId: state.physicalId,
        status: state.attributes.Status ?? '',
        arn: state.attributes.Arn ?? '',
        retain: isRetain(resource.DeletionPolicy),
      });
    }
  }

  /** The properties CloudFormation would deliver (without the ServiceToken, which the driver sets). */
  private properties(run: StackRun, logicalId: string, element: string): Record<string, unknown> {
    const resource = (run.stack.template.Resources ?? {})[logicalId];
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource.Properties ?? {})) {
      if (key === 'ServiceToken') continue;
      const resolved = this.guard(() => run.evaluator.resolve(value), { stack: run.stack.displayName, element, what: `property ${key}` });
      if (resolved !== NO_VALUE) out[key] = asDelivered(resolved);
    }
    return out;
  }

  /** Runs an evaluation, turning resolution problems into a stop that names the site. */
  private guard<T>(fn: () => T, site: Site): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof UnresolvableIntrinsic || e instanceof InvalidIntrinsic) throw stopAt(e, site);
      throw e;
    }
  }

  /**
   * The stack's outputs (into its report), exports and output values. Values from resources
   * the rehearsal does not create become `<not rehearsed: ...>`; so do values read from another
   * stack's output that the rehearsal cannot read, with a warning that names that stack and
   * output and says why.
   */
  private outputs(run: StackRun, record: boolean): ComputedOutputs {
    const exports = new Map<string, ExportEntry>();
    const values = new Map<string, OutputEntry>();
    const display = run.stack.displayName;
    const rows: OutputRow[] = [];
    for (const [name, output] of Object.entries(run.stack.template.Outputs ?? {})) {
      const site = { stack: display, element: `Outputs/${name}`, what: 'the value' };
      if (output.Condition !== undefined && !this.guard(() => run.evaluator.condition(output.Condition!), { ...site, what: 'its Condition' })) continue;
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
        const n = this.guard(() => run.evaluator.resolve(output.Export!.Name), { ...site, what: 'the export name' });
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
    if (record) {
      run.report.outputs.splice(0, run.report.outputs.length, ...rows);
      run.exported.clear();
      for (const [n, e] of exports) run.exported.set(n, e.value);
    }
    return { exports, values };
  }

  private async create(run: StackRun, p: Omit<Played, 'state'>): Promise<ResourceState> {
    const driver = await this.driverFor(run);
    const delivery = await this.send(run, p, driver.createEvent(p.logicalId, p.props as Record<string, string>));
    const failure = this.failureOf(delivery);
    const physicalId = delivery.response.PhysicalResourceId;
    if (failure !== undefined) {
      this.record(run, p, 'deploy', 'Create', undefined, physicalId, 'FAILED', { reason: failure });
      await this.rollback(run, p, physicalId);
      throw new Stop({
        kind: 'failed',
        stack: run.stack.displayName,
        resource: p.element,
        message: `${run.stack.displayName}/${p.element}: Create FAILED: ${failure}`,
      });
    }
    this.record(run, p, 'deploy', 'Create', undefined, physicalId, 'SUCCESS', { invitationStatus: this.statusOf(physicalId) });
    const attributes = { ...(delivery.response.Data ?? {}) };
    this.collectPersonal(attributes);
    return { physicalId, attributes };
  }

  /** What CloudFormation sees after a failed Create: a Delete for it, then for the stack's earlier resources. */
  private async rollback(run: StackRun, failed: Omit<Played, 'state'>, physicalId: string): Promise<void> {
    const driver = await this.driverFor(run);
    const targets: Array<{ p: Omit<Played, 'state'>; id: string }> = [
      { p: failed, id: physicalId },
      ...[...run.played].reverse().map((p) => ({ p, id: p.state.physicalId })),
    ];
    for (const { p, id } of targets) {
      if (!id) continue;
      const delivery = await this.send(run, p, driver.deleteEvent(p.logicalId, id, p.props as Record<string, string>));
      const failure = this.failureOf(delivery);
      this.record(run, p, 'rollback', 'Delete', id, delivery.response.PhysicalResourceId, failure ? 'FAILED' : 'SUCCESS', {
        ...(failure ? { reason: failure } : {}),
        invitationStatus: this.statusOf(id),
      });
    }
  }

  /**
   * Updates the first invitation with a changed message. A new physical id means replacement:
   * the stack's invitations that refer to it are updated too, then the old ones deleted.
   */
  private async replaceFirst(): Promise<void> {
    const run = this.runs.find((r) => r.played.length > 0);
    if (!run) return;
    const target = run.played[0];
    const message = target.props.Message;
    if (typeof message !== 'string') {
      this.updateNotes.push(`${run.stack.displayName}/${target.element} has no Message to change; no update shown`);
      return;
    }
    const changed = message.slice(0, MAX_MESSAGE - MESSAGE_CHANGE.length) + MESSAGE_CHANGE;
    this.personal.add(changed);
    const replaced: Array<{ p: Played; oldId: string; oldProps: Record<string, unknown> }> = [];
    const exportedBefore = new Map(run.exported);

    const update = async (p: Played, props: Record<string, unknown>, note: string) => {
      const driver = await this.driverFor(run);
      const oldId = p.state.physicalId;
      const oldProps = p.props;
      const event = driver.updateEvent(p.logicalId, oldId, props as Record<string, string>, oldProps as Record<string, string>);
      const delivery = await this.send(run, p, event);
      const failure = this.failureOf(delivery);
      const newId = delivery.response.PhysicalResourceId;
      if (failure !== undefined) {
        this.record(run, p, 'update', 'Update', oldId, newId, 'FAILED', { reason: failure, note });
        throw new Stop({ kind: 'failed', stack: run.stack.displayName, resource: p.element, message: `${run.stack.displayName}/${p.element}: Update FAILED: ${failure}` });
      }
      p.props = props;
      p.state = { physicalId: newId, attributes: { ...(delivery.response.Data ?? {}) } };
      run.states.set(p.logicalId, p.state);
      this.collectPersonal(props);
      this.collectPersonal(p.state.attributes);
      const isReplacement = newId !== oldId;
      this.record(run, p, 'update', 'Update', oldId, newId, 'SUCCESS', {
        note: `${note}; ${isReplacement ? 'replaced by a new invitation' : 'updated in place'}`,
        invitationStatus: this.statusOf(newId),
      });
      if (isReplacement) replaced.push({ p, oldId, oldProps });
    };

    await update(target, { ...target.props, Message: changed }, 'Message changed');
    for (const p of run.played.slice(1)) {
      const props = this.properties(run, p.logicalId, p.element);
      if (JSON.stringify(props) !== JSON.stringify(p.props)) await update(p, props, `its properties refer to ${target.logicalId}`);
    }

    // Exports that change while another stack imports them: CloudFormation refuses that update.
    const after = this.outputs(run, false);
    const changedExports = [...exportedBefore].filter(([name, before]) => after.exports.get(name)?.value !== before).map(([name]) => name);
    for (const other of this.runs) {
      if (other === run) continue;
      const imported = importNames(other);
      const inUse = changedExports.filter((name) => imported.has(name));
      if (inUse.length === 0) continue;
      this.warnings.push(`this replacement changes ${inUse.length === 1 ? 'the export' : 'the exports'} ${inUse.join(', ')} of `
        + `${run.stack.displayName}, which ${other.stack.displayName} imports. CloudFormation does not update an export in use `
        + '("Cannot update export ... as it is in use by ..."): a real deployment would fail and roll back. '
        + `Deploy ${other.stack.displayName} without the import first, then the change, then the import again.`);
    }

    // Outputs that change while another stack reads them with Fn::GetStackOutput: nothing locks
    // an output read this way, so CloudFormation updates this stack. The reader resolved the
    // value when it was deployed and keeps it (CloudFormation neither tells nor updates it), so
    // the rehearsal leaves the reader as deployed: its invitations keep their properties, its
    // outputs their values. Later reads see the new values.
    const valuesBefore = run.outputValues ?? new Map<string, OutputEntry>();
    run.outputValues = after.values;
    const changedOutputs = new Set([...valuesBefore].filter(([name, before]) => after.values.get(name)?.value !== before.value)
      .map(([name]) => name));
    for (const other of this.runs) {
      if (other === run || changedOutputs.size === 0) continue;
      const reads = this.weakReads(other, run).filter((r) => changedOutputs.has(r.outputName));
      if (reads.length === 0) continue;
      const names = [...new Set(reads.map((r) => r.outputName))];
      const producer = run.stack.displayName;
      const reader = other.stack.displayName;
      this.warnings.push(`this replacement changes ${names.length === 1 ? 'the output' : 'the outputs'} ${names.join(', ')} of ${producer}, `
        + `which ${reader} reads with Fn::GetStackOutput (${[...new Set(reads.map((r) => r.where))].join('; ')}). Unlike an export in use, `
        + `an output read this way does not stop the update: CloudFormation updates ${producer}, but ${reader} keeps the `
        + `${names.length === 1 ? 'value' : 'values'} it read when it was deployed, from before the replacement, until ${reader} is updated again `
        + '(CloudFormation does not tell it, and cdk deploy skips a stack whose template has not changed). '
        + `The rehearsal leaves ${reader} as it was deployed.`);
    }

    // UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: the replaced invitations are deleted, last first.
    const driver = await this.driverFor(run);
    for (const { p, oldId, oldProps } of replaced.reverse()) {
      if (isRetain(p.resource.UpdateReplacePolicy)) {
        this.record(run, p, 'cleanup', 'Retain', oldId, undefined, 'SKIPPED', {
          note: 'UpdateReplacePolicy: Retain keeps the replaced invitation',
          invitationStatus: this.statusOf(oldId),
        });
        continue;
      }
      const delivery = await this.send(run, p, driver.deleteEvent(p.logicalId, oldId, oldProps as Record<string, string>));
      const failure = this.failureOf(delivery);
      this.record(run, p, 'cleanup', 'Delete', oldId, delivery.response.PhysicalResourceId, failure ? 'FAILED' : 'SUCCESS', {
        ...(failure ? { reason: failure } : {}),
        note: 'cleanup of the replaced invitation',
        invitationStatus: this.statusOf(oldId),
      });
      if (failure !== undefined) {
        // CloudFormation only warns about a failed cleanup; the stack update stays complete.
        this.warnings.push(`${run.stack.displayName}/${p.element}: the cleanup Delete of ${oldId} FAILED (${failure}); CloudFormation would leave it behind`);
      }
    }
  }

  /** Deletes the stacks in reverse order, each stack's invitations last-created first. */
  private async destroyAll(): Promise<void> {
    for (const run of [...this.runs].reverse()) {
      const driver = await this.driverFor(run);
      for (const p of [...run.played].reverse()) {
        const id = p.state.physicalId;
        if (isRetain(p.resource.DeletionPolicy)) {
          this.record(run, p, 'destroy', 'Retain', id, undefined, 'SKIPPED', {
            note: `DeletionPolicy: ${p.resource.DeletionPolicy} keeps it`,
            invitationStatus: this.statusOf(id),
          });
          continue;
        }
        const delivery = await this.send(run, p, driver.deleteEvent(p.logicalId, id, p.props as Record<string, string>));
        const failure = this.failureOf(delivery);
        this.record(run, p, 'destroy', 'Delete', id, delivery.response.PhysicalResourceId, failure ? 'FAILED' : 'SUCCESS', {
          ...(failure ? { reason: failure } : {}),
          invitationStatus: this.statusOf(id),
        });
        if (failure !== undefined) {
          throw new Stop({ kind: 'failed', stack: run.stack.displayName, resource: p.element, message: `${run.stack.displayName}/${p.element}: Delete FAILED: ${failure}` });
        }
      }
    }
  }

  /**
   * Where a stack reads outputs of `producer` with `Fn::GetStackOutput`: the output and the
   * site (`Resource: property Key` or `Outputs/Name`), in template order. Resources and outputs
   * whose condition is false read nothing.
   */
  private weakReads(reader: StackRun, producer: StackRun): Array<{ outputName: string; where: string }> {
    const out: Array<{ outputName: string; where: string }> = [];
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
      const constructPath = this.constructPath(reader.stack, logicalId, resource);
      const element = constructPath && constructPath !== logicalId ? `${constructPath} (${logicalId})` : logicalId;
      for (const [key, value] of Object.entries(resource.Properties ?? {})) visit(value, `${element}: property ${key}`);
    }
    for (const [name, output] of Object.entries(t.Outputs ?? {})) {
      if (created(output.Condition)) visit(output.Value, `Outputs/${name}`);
    }
    return out;
  }

  private async driverFor(run: StackRun): Promise<CloudFormationDriver> {
    run.driver ??= await CloudFormationDriver.start({ stackName: run.stack.stackName, region: run.stack.region });
    return run.driver;
  }

  private async send(run: StackRun, p: Omit<Played, 'state'>, event: Parameters<CloudFormationDriver['send']>[1]): Promise<Delivery> {
    try {
      return await run.driver!.send(this.handler!, event, { timeoutMs: this.eventTimeout(run, p.resource) });
    } catch (e) {
      throw new Stop({
        kind: 'failed',
        stack: run.stack.displayName,
        resource: p.element,
        message: `${run.stack.displayName}/${p.element}: ${event.RequestType} got no answer: ${(e as Error).message}`,
      });
    }
  }

  /** The rehearsal's timeout, or the provider function's own when shorter. */
  private eventTimeout(run: StackRun, resource: CfnResource): number {
    const token = resource.Properties?.ServiceToken;
    const fn = token && typeof token === 'object' && !Array.isArray(token) ? (token as Record<string, unknown>)['Fn::GetAtt'] : undefined;
    const fnId = Array.isArray(fn) ? fn[0] : typeof fn === 'string' ? fn.split('.')[0] : undefined;
    const seconds = typeof fnId === 'string' ? Number(run.stack.template.Resources?.[fnId]?.Properties?.Timeout) : NaN;
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, this.timeoutMs()) : this.timeoutMs();
  }

  /** The reason a response fails the resource, or undefined when CloudFormation accepts it as SUCCESS. */
  private failureOf(delivery: Delivery): string | undefined {
    if (delivery.violations.length > 0) return `CloudFormation would reject the handler's response: ${delivery.violations.join('; ')}`;
    if (delivery.response.Status !== 'SUCCESS') return delivery.response.Reason || 'the handler answered FAILED without a reason';
    return undefined;
  }

  /** The invitation's status in the emulator; undefined when it has no such invitation. */
  private statusOf(id: string): string | undefined {
    return this.emulator?.invitations().find((i) => i.Id === id)?.Status;
  }

  private record(
    run: StackRun,
    p: Omit<Played, 'state'>,
    phase: Phase,
    requestType: EventRecord['requestType'],
    physicalId: string | undefined,
    responsePhysicalId: string | undefined,
    status: EventRecord['status'],
    extra: { reason?: string; note?: string; invitationStatus?: string } = {},
  ): void {
    if (extra.invitationStatus === undefined) delete extra.invitationStatus;
    this.events.push({
      phase,
      stack: run.stack.displayName,
      logicalId: p.logicalId,
      ...(p.constructPath ? { constructPath: p.constructPath } : {}),
      requestType,
      ...(physicalId !== undefined ? { physicalId } : {}),
      ...(responsePhysicalId !== undefined ? { responsePhysicalId } : {}),
      status,
      ...extra,
    });
    this.trace(`${phase}: ${requestType} ${run.stack.displayName}/${p.logicalId} ${status}`);
  }

  private constructPath(stack: AssemblyStack, logicalId: string, resource: CfnResource): string | undefined {
    const fromTemplate = resource.Metadata?.['aws:cdk:path'];
    const full = typeof fromTemplate === 'string' ? fromTemplate : stack.constructPaths[logicalId];
    if (full === undefined) return undefined;
    let p = full.startsWith(`${stack.displayName}/`) ? full.slice(stack.displayName.length + 1) : full;
    p = p.replace(/\/Default$/, '').replace(/\/Resource$/, '');
    return p;
  }

  /** Remembers the personal values of properties or attributes, to keep them out of the result. */
  private collectPersonal(values: Readonly<Record<string, unknown>>): void {
    for (const v of [values.Email, values.Name, values.Message, values.InviterEmail, values.InviterName]) {
      if (typeof v === 'string' && v !== '') this.personal.add(v);
    }
  }

  /** Replaces personal values (e-mails, names, messages) in a text. */
  private redact(text: string): string {
    let out = text;
    for (const v of [...this.personal].sort((a, b) => b.length - a.length)) {
      if (out === v) return '<personal data>';
      if (v.length >= 4) out = out.split(v).join('<personal data>');
    }
    return out;
  }

  private result(error: RehearsalFailure | undefined): RehearsalResult {
    const r = (s: string) => this.redact(s);
    const outputWarnings = this.runs.flatMap((run) => run.report.outputs.flatMap((o) => (o.warning !== undefined ? [o.warning] : [])));
    return {
      ok: error === undefined,
      assembly: this.options.assemblyDir,
      stacks: this.runs.map((run) => ({
        ...run.report,
        outputs: run.report.outputs.map((o) => ({ ...o, value: r(o.value), ...(o.warning !== undefined ? { warning: r(o.warning) } : {}) })),
        notes: run.report.notes.map(r),
      })),
      events: this.events.map((e) => ({ ...e, ...(e.reason !== undefined ? { reason: r(e.reason) } : {}) })),
      updateNotes: this.updateNotes.map(r),
      // the outputs' warnings (from the deployment) first, then those of the replacement
      warnings: [...outputWarnings, ...this.warnings].map(r),
      ...(error ? { error: { ...error, message: r(error.message) } } : {}),
    };
  }
}

/** The stop for a value that cannot be used, naming where it is. */
function stopAt(e: UnresolvableIntrinsic | InvalidIntrinsic, site: Site): Stop {
  return new Stop({
    kind: e instanceof UnresolvableIntrinsic ? 'unresolvable' : 'invalid',
    stack: site.stack,
    resource: site.element,
    message: new RehearsalResolutionError(site, e).message,
  });
}

function isRetain(policy: string | undefined): boolean {
  return policy === 'Retain' || policy === 'RetainExceptOnCreate';
}

/** Attributes shaped like the handler's, for planning before anything is created. */
function standInState(logicalId: string, props: Record<string, unknown>): ResourceState {
  const id = `pacinv-${createHash('sha256').update(logicalId).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 13).padEnd(13, '0')}`;
  const catalog = typeof props.Catalog === 'string' ? props.Catalog : 'AWS';
  const attributes: Record<string, string> = {};
  for (const key of ATTRIBUTE_KEYS) attributes[key] = '';
  Object.assign(attributes, {
    Id: id,
    Arn: `arn:aws:partnercentral:us-east-1::catalog/${catalog}/connection-invitation/${id}`,
    Catalog: catalog,
    ConnectionType: typeof props.ConnectionType === 'string' ? props.ConnectionType : '',
    Status: 'PENDING',
    CreatedAt: '2025-01-01T00:00:00.000Z',
    UpdatedAt: '2025-01-01T00:00:00.000Z',
    ExpiresAt: '2025-01-16T00:00:00.000Z',
    OtherParticipantIdentifier: typeof props.ReceiverIdentifier === 'string' ? props.ReceiverIdentifier : '',
    ParticipantType: 'SENDER',
    InviterEmail: 'inviter@example.com',
    InviterName: 'Inviter',
  });
  return { physicalId: id, attributes };
}

/** The export names a stack imports anywhere in its template (resources and outputs alike). */
function importNames(run: StackRun): Set<string> {
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

/** A nested stack holding invitations: its logical id in the top-level template, the path of nested stacks to it, how many. */
interface NestedInvitations {
  readonly logicalId: string;
  readonly path: string[];
  readonly count: number;
}

/**
 * The nested stacks (`AWS::CloudFormation::Stack` with its template in the assembly) whose
 * templates, or those of their own nested stacks, hold connection invitations.
 */
function nestedInvitations(template: CfnTemplate, dir: string, seen: ReadonlySet<string> = new Set()): NestedInvitations[] {
  const out: NestedInvitations[] = [];
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    if (r.Type !== 'AWS::CloudFormation::Stack') continue;
    const file = r.Metadata?.['aws:asset:path'];
    if (typeof file !== 'string') continue;
    const full = path.resolve(dir, file);
    if (seen.has(full)) continue;
    let nested: CfnTemplate;
    try {
      nested = JSON.parse(fs.readFileSync(full, 'utf8')) as CfnTemplate;
    } catch {
      // the nested template is not in the assembly: nothing to say about it
      continue;
    }
    const own = Object.values(nested.Resources ?? {}).filter((n) => n.Type === RESOURCE_TYPE).length;
    if (own > 0) out.push({ logicalId: id, path: [id], count: own });
    for (const deeper of nestedInvitations(nested, path.dirname(full), new Set([...seen, full]))) {
      out.push({ logicalId: id, path: [id, ...deeper.path], count: deeper.count });
    }
  }
  return out;
}
