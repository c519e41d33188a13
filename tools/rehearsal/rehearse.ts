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
 * it is deployed again (./cross-stack.ts).
 *
 * Before any event is sent, every stack is planned with stand-in values for the invitations'
 * attributes: a property that cannot be resolved offline stops the rehearsal before anything
 * that would send an invitation e-mail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportInUseWarnings, staleReaderWarnings } from './cross-stack';
import { loadHandler } from './handler';
import { constructPathOf } from './names';
import { refuseNestedInvitations } from './nested-stacks';
import { DEFAULT_TIMEOUT_MS, defaultHandlerPath, RehearsalOptions } from './options';
import { computeOutputs, ComputedOutputs, recordOutputs } from './outputs';
import { parameterValues } from './parameter-values';
import { PersonalData } from './redaction';
import type { EventRecord, Phase, RehearsalFailure, RehearsalResult } from './result';
import { enterSandbox, handlerEnvironment, Sandbox } from './sandbox';
import { newStackRun, Planned, Played, StackRun } from './stack-run';
import { standInState } from './stand-in';
import { guard, Stop } from './stop';
import { RESOURCE_TYPE } from '../../src/contract';
import { AssemblyStack, pseudoParameters, readAssembly } from '../cloudformation/assembly';
import { resourceOrder } from '../cloudformation/dependency-order';
import { CloudFormationDriver, Delivery } from '../cloudformation/driver';
import type { CloudFormationCustomResourceEvent, CustomResourceHandler } from '../cloudformation/events';
import { asDelivered, ExportEntry, NO_VALUE, OutputEntry, ResourceState, StackEntry } from '../cloudformation/intrinsics';
import { parameterViolations } from '../cloudformation/parameters';
import type { CfnResource } from '../cloudformation/template';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../emulator/credentials';
import { SIGNING_REGION } from '../emulator/protocol';
import { PartnerCentralEmulator } from '../emulator/server';

/** What the rehearsal appends to the first invitation's message to show a replacement. */
export const MESSAGE_CHANGE = ' (rehearsal: message changed)';

/** The longest message the API takes. */
const MAX_MESSAGE = 256;

/** Creates an invitation: the response's physical id and Data, or a stop. */
type Creator = (run: StackRun, planned: Planned) => Promise<ResourceState>;

/** How CloudFormation took the response to one event. */
interface Outcome {
  /** The physical id the response gave. */
  readonly physicalId: string;
  /** The response's Data (attributes). */
  readonly data: Record<string, string>;
  /** Why CloudFormation fails the resource; undefined when it accepts the response as SUCCESS. */
  readonly failure?: string;
}

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
  private readonly personal = new PersonalData();
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
    const parameters = parameterValues(stacks, this.options.parameters ?? []);
    // CloudFormation checks the parameters' constraints before it creates anything.
    for (const stack of stacks) {
      const [violation] = parameterViolations(stack.template, parameters.get(stack.key));
      if (violation) {
        throw new Stop({ kind: violation.kind, stack: stack.displayName, message: `${stack.displayName}: ${violation.message}` });
      }
      refuseNestedInvitations(stack);
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
      this.handler = loadHandler(handlerPath, (line) => this.trace(line));
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
    this.options.trace?.(this.personal.redact(line));
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
      const run = newStackRun(stack, parameters.get(stack.key) ?? {}, exports, entries);
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
      const constructPath = constructPathOf(run.stack, logicalId, resource);
      const element = constructPath ? `${constructPath} (${logicalId})` : logicalId;
      if (resource.Condition !== undefined) {
        const created = guard(() => run.evaluator.condition(resource.Condition!), { stack: run.stack.displayName, element, what: 'its Condition' });
        if (!created) {
          run.report.notes.push(`${element} is not created: its condition ${resource.Condition} is false`);
          continue;
        }
      }
      const props = this.properties(run, logicalId, element);
      const state = await create(run, { logicalId, element, constructPath, resource, props });
      run.states.set(logicalId, state);
      run.played.push({ logicalId, element, constructPath, resource, props, state });
      this.personal.collect(props);
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
      const resolved = guard(() => run.evaluator.resolve(value), { stack: run.stack.displayName, element, what: `property ${key}` });
      if (resolved !== NO_VALUE) out[key] = asDelivered(resolved);
    }
    return out;
  }

  /** The stack's outputs; `record` makes them its deployed ones (its report's rows, its exports). */
  private outputs(run: StackRun, record: boolean): ComputedOutputs {
    const computed = computeOutputs(run);
    if (record) recordOutputs(run, computed);
    return computed;
  }

  private async create(run: StackRun, p: Planned): Promise<ResourceState> {
    const outcome = await this.deliver(run, p, 'deploy', (driver) => driver.createEvent(p.logicalId, p.props as Record<string, string>));
    if (outcome.failure !== undefined) {
      await this.rollback(run, p, outcome.physicalId);
      throw failed(run, p, 'Create', outcome.failure);
    }
    const attributes = { ...outcome.data };
    this.personal.collect(attributes);
    return { physicalId: outcome.physicalId, attributes };
  }

  /** What CloudFormation sees after a failed Create: a Delete for it, then for the stack's earlier resources. */
  private async rollback(run: StackRun, failedOne: Planned, physicalId: string): Promise<void> {
    const targets: Array<{ p: Planned; id: string }> = [
      { p: failedOne, id: physicalId },
      ...[...run.played].reverse().map((p) => ({ p, id: p.state.physicalId })),
    ];
    for (const { p, id } of targets) {
      if (!id) continue;
      await this.deliver(run, p, 'rollback', (driver) => driver.deleteEvent(p.logicalId, id, p.props as Record<string, string>));
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
      const oldId = p.state.physicalId;
      const oldProps = p.props;
      const outcome = await this.deliver(run, p, 'update',
        (driver) => driver.updateEvent(p.logicalId, oldId, props as Record<string, string>, oldProps as Record<string, string>),
        {
          note,
          // CloudFormation takes over the new state as soon as the Update succeeds.
          adopt: ({ physicalId, data }) => {
            p.props = props;
            p.state = { physicalId, attributes: { ...data } };
            run.states.set(p.logicalId, p.state);
            this.personal.collect(props);
            this.personal.collect(p.state.attributes);
          },
        });
      if (outcome.failure !== undefined) throw failed(run, p, 'Update', outcome.failure);
      if (outcome.physicalId !== oldId) replaced.push({ p, oldId, oldProps });
    };

    await update(target, { ...target.props, Message: changed }, 'Message changed');
    for (const p of run.played.slice(1)) {
      const props = this.properties(run, p.logicalId, p.element);
      if (JSON.stringify(props) !== JSON.stringify(p.props)) await update(p, props, `its properties refer to ${target.logicalId}`);
    }

    // Exports that change while another stack imports them: CloudFormation refuses that update.
    const after = this.outputs(run, false);
    const changedExports = [...exportedBefore].filter(([name, before]) => after.exports.get(name)?.value !== before).map(([name]) => name);
    this.warnings.push(...exportInUseWarnings(run, changedExports, this.runs));

    // Outputs that change while another stack reads them with Fn::GetStackOutput: the rehearsal
    // leaves the reader as deployed (its invitations keep their properties, its outputs their
    // values), as CloudFormation does. Later reads see the new values.
    const valuesBefore = run.outputValues ?? new Map<string, OutputEntry>();
    run.outputValues = after.values;
    const changedOutputs = new Set([...valuesBefore].filter(([name, before]) => after.values.get(name)?.value !== before.value)
      .map(([name]) => name));
    this.warnings.push(...staleReaderWarnings(run, changedOutputs, this.runs));

    // UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: the replaced invitations are deleted, last first.
    for (const { p, oldId, oldProps } of replaced.reverse()) {
      if (isRetain(p.resource.UpdateReplacePolicy)) {
        this.record(run, p, 'cleanup', 'Retain', oldId, undefined, 'SKIPPED', {
          note: 'UpdateReplacePolicy: Retain keeps the replaced invitation',
          invitationStatus: this.statusOf(oldId),
        });
        continue;
      }
      const { failure } = await this.deliver(run, p, 'cleanup',
        (driver) => driver.deleteEvent(p.logicalId, oldId, oldProps as Record<string, string>),
        { note: 'cleanup of the replaced invitation' });
      if (failure !== undefined) {
        // CloudFormation only warns about a failed cleanup; the stack update stays complete.
        this.warnings.push(`${run.stack.displayName}/${p.element}: the cleanup Delete of ${oldId} FAILED (${failure}); CloudFormation would leave it behind`);
      }
    }
  }

  /** Deletes the stacks in reverse order, each stack's invitations last-created first. */
  private async destroyAll(): Promise<void> {
    for (const run of [...this.runs].reverse()) {
      for (const p of [...run.played].reverse()) {
        const id = p.state.physicalId;
        if (isRetain(p.resource.DeletionPolicy)) {
          this.record(run, p, 'destroy', 'Retain', id, undefined, 'SKIPPED', {
            note: `DeletionPolicy: ${p.resource.DeletionPolicy} keeps it`,
            invitationStatus: this.statusOf(id),
          });
          continue;
        }
        const { failure } = await this.deliver(run, p, 'destroy', (driver) => driver.deleteEvent(p.logicalId, id, p.props as Record<string, string>));
        if (failure !== undefined) throw failed(run, p, 'Delete', failure);
      }
    }
  }

  private async driverFor(run: StackRun): Promise<CloudFormationDriver> {
    run.driver ??= await CloudFormationDriver.start({ stackName: run.stack.stackName, region: run.stack.region });
    return run.driver;
  }

  /**
   * Sends one event for an invitation to the handler, takes the response as CloudFormation does,
   * and records the event: SUCCESS or FAILED with the reason, the note (for an Update that
   * succeeded, with whether it replaced the invitation), and the status the invitation has in
   * the emulator afterwards: for a Delete the one it deleted, for a Create or Update that
   * succeeded the one the response names.
   *
   * @param event builds the event with the stack's driver
   * @param options.note why the event is sent, for the record
   * @param options.adopt runs when the response is SUCCESS, before the event is recorded
   * @throws Stop when the handler gives no answer
   */
  private async deliver(
    run: StackRun,
    p: Planned,
    phase: Phase,
    event: (driver: CloudFormationDriver) => CloudFormationCustomResourceEvent,
    options: { readonly note?: string; readonly adopt?: (outcome: Outcome) => void } = {},
  ): Promise<Outcome> {
    const sent = event(await this.driverFor(run));
    let delivery: Delivery;
    try {
      delivery = await run.driver!.send(this.handler!, sent, { timeoutMs: this.eventTimeout(run, p.resource) });
    } catch (e) {
      throw new Stop({
        kind: 'failed',
        stack: run.stack.displayName,
        resource: p.element,
        message: `${run.stack.displayName}/${p.element}: ${sent.RequestType} got no answer: ${(e as Error).message}`,
      });
    }
    const outcome: Outcome = {
      physicalId: delivery.response.PhysicalResourceId,
      data: delivery.response.Data ?? {},
      failure: failureOf(delivery),
    };
    const eventId = sent.RequestType === 'Create' ? undefined : sent.PhysicalResourceId;
    let note = options.note;
    if (outcome.failure === undefined) {
      options.adopt?.(outcome);
      if (sent.RequestType === 'Update') {
        note = `${note}; ${outcome.physicalId !== eventId ? 'replaced by a new invitation' : 'updated in place'}`;
      }
    }
    const statusOf = sent.RequestType === 'Delete' ? eventId : outcome.failure === undefined ? outcome.physicalId : undefined;
    this.record(run, p, phase, sent.RequestType, eventId, outcome.physicalId, outcome.failure !== undefined ? 'FAILED' : 'SUCCESS', {
      ...(outcome.failure !== undefined ? { reason: outcome.failure } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(statusOf !== undefined ? { invitationStatus: this.statusOf(statusOf) } : {}),
    });
    return outcome;
  }

  /** The rehearsal's timeout, or the provider function's own when shorter. */
  private eventTimeout(run: StackRun, resource: CfnResource): number {
    const token = resource.Properties?.ServiceToken;
    const fn = token && typeof token === 'object' && !Array.isArray(token) ? (token as Record<string, unknown>)['Fn::GetAtt'] : undefined;
    const fnId = Array.isArray(fn) ? fn[0] : typeof fn === 'string' ? fn.split('.')[0] : undefined;
    const seconds = typeof fnId === 'string' ? Number(run.stack.template.Resources?.[fnId]?.Properties?.Timeout) : NaN;
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, this.timeoutMs()) : this.timeoutMs();
  }

  /** The invitation's status in the emulator; undefined when it has no such invitation. */
  private statusOf(id: string): string | undefined {
    return this.emulator?.invitations().find((i) => i.Id === id)?.Status;
  }

  private record(
    run: StackRun,
    p: Planned,
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

  private result(error: RehearsalFailure | undefined): RehearsalResult {
    const outputWarnings = this.runs.flatMap((run) => run.report.outputs.flatMap((o) => (o.warning !== undefined ? [o.warning] : [])));
    return this.personal.redactResult({
      ok: error === undefined,
      assembly: this.options.assemblyDir,
      stacks: this.runs.map((run) => run.report),
      events: this.events,
      updateNotes: this.updateNotes,
      // the outputs' warnings (from the deployment) first, then those of the replacement
      warnings: [...outputWarnings, ...this.warnings],
      ...(error ? { error } : {}),
    });
  }
}

/** The stop for an event the handler answered FAILED (or CloudFormation would reject the answer of). */
function failed(run: StackRun, p: Planned, requestType: 'Create' | 'Update' | 'Delete', failure: string): Stop {
  return new Stop({ kind: 'failed', stack: run.stack.displayName, resource: p.element, message: `${run.stack.displayName}/${p.element}: ${requestType} FAILED: ${failure}` });
}

/** The reason a response fails the resource, or undefined when CloudFormation accepts it as SUCCESS. */
function failureOf(delivery: Delivery): string | undefined {
  if (delivery.violations.length > 0) return `CloudFormation would reject the handler's response: ${delivery.violations.join('; ')}`;
  if (delivery.response.Status !== 'SUCCESS') return delivery.response.Reason || 'the handler answered FAILED without a reason';
  return undefined;
}

function isRetain(policy: string | undefined): boolean {
  return policy === 'Retain' || policy === 'RetainExceptOnCreate';
}
