/**
 * The offline rehearsal of a CDK app's connection invitations: CloudFormation's part played
 * against the real bundled handler and the local PartnerCentral emulator.
 *
 * Reads a cloud assembly, resolves the invitations' and accepters' properties in deployment
 * order, sends the Create events CloudFormation would send (through the CloudFormation driver,
 * so the handler answers over real HTTP, ./event-delivery.ts), computes outputs and exports,
 * plays what the receivers outside the app answer (./receivers.ts), shows a replacement
 * (Update with a changed message, then the cleanup Delete of the old invitation) on the invitation
 * ./replacement-target.ts chooses, and deletes the stacks in reverse order. Nothing leaves the
 * machine.
 *
 * Two kinds of cross-stack reference are played as CloudFormation plays them. `Fn::ImportValue`
 * (strong) reads an export, which locks it: the exporting stack cannot change it while another
 * stack imports it. `Fn::GetStackOutput` (weak: what CDK makes with
 * `@aws-cdk/core:defaultCrossStackReferences: weak`, which `cdk init` writes into new apps'
 * cdk.json) reads another stack's output when the reading stack is deployed and locks nothing: the
 * producing stack may change or remove the output, and the reader keeps the value it read until
 * it is deployed again. The replacement is shown on an invitation no other stack reads, so it
 * changes nothing another stack holds.
 *
 * Each stack is played in its own account (./accounts.ts): its `env.account`, or the rehearsal's
 * default account, is an account of the emulator with its own credentials, and the handler signs
 * every event of that stack with them, so an accepter's handler acts as the receiver.
 *
 * Before any event is sent, every stack is planned with stand-in values for the invitations'
 * attributes: a property that cannot be resolved offline stops the rehearsal before anything
 * that would send an invitation e-mail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlannedResource, rehearsalAccounts } from './accounts';
import { EventDelivery, failed } from './event-delivery';
import { loadHandler } from './handler';
import { constructPathOf } from './names';
import { refuseNestedInvitations } from './nested-stacks';
import { DEFAULT_TIMEOUT_MS, defaultHandlerPath, RehearsalOptions } from './options';
import { computeOutputs, recordOutputs } from './outputs';
import { parameterValues } from './parameter-values';
import { probeEmulator } from './probe';
import { deliveredProperties } from './properties';
import { answerRows, playOutsideAnswers } from './receivers';
import { PersonalData } from './redaction';
import { showReplacement } from './replacement';
import type { AnswerRow, DailyQuotaUse, RehearsalFailure, RehearsalResult } from './result';
import { deletionPolicyKeeps } from './retain';
import { enterSandbox, handlerEnvironment, Sandbox } from './sandbox';
import { newStackRun, Planned, PLAYED_TYPES, StackRun } from './stack-run';
import { standInFor } from './stand-in';
import { guard, Stop } from './stop';
import { AWS_DAILY_INVITATION_QUOTA, PARTNER_CENTRAL_REGION } from '../../src/api-constraints';
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../../src/contract';
import { countsAgainstDailyQuota } from '../../src/private/daily-quota-catalog';
import { AssemblyStack, pseudoParameters, readAssembly } from '../cloudformation/assembly';
import { resourceOrder } from '../cloudformation/dependency-order';
import type { ExportEntry, ResourceState, StackEntry } from '../cloudformation/evaluation-context';
import type { CustomResourceHandler } from '../cloudformation/events';
import { parameterViolations } from '../cloudformation/parameters';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../emulator/credentials';
import { PartnerCentralEmulator } from '../emulator/server';

/** Creates an invitation or accepter: the response's physical id and Data, or a stop. */
type Creator = (run: StackRun, planned: Planned) => Promise<ResourceState>;

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
  private readonly delivery: EventDelivery;
  private readonly updateNotes: string[] = [];
  private readonly warnings: string[] = [];
  private readonly runs: StackRun[] = [];
  private emulator?: PartnerCentralEmulator;
  private handler?: CustomResourceHandler;
  private emulatorRequests = 0;
  private answers: AnswerRow[] = [];
  private dailyQuota?: DailyQuotaUse;

  constructor(private readonly options: RehearsalOptions) {
    this.delivery = new EventDelivery({
      handler: (run) => this.handlerFor(run),
      statusOf: (id) => this.statusOf(id),
      timeoutMs: this.timeoutMs(),
      trace: (line) => this.trace(line),
    });
  }

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
    const plan: StackRun[] = [];
    await this.deployAll(stacks, parameters, async (_run, p) => standInFor(p.resource.Type, p.logicalId, p.props), plan);
    const planned: PlannedResource[] = plan.flatMap((run) => run.played.map((p) => ({
      account: run.stack.account,
      type: p.resource.Type,
      props: p.props,
    })));
    const accounts = rehearsalAccounts(stacks.map((s) => s.account), planned);
    // The library's synth-time count's rule (Partner Central's catalog names ignore case).
    const awsInvitations = planned.filter((p) => p.type === RESOURCE_TYPE && countsAgainstDailyQuota(p.props.Catalog));
    const perAccount = new Map<string, number>();
    for (const p of awsInvitations) perAccount.set(p.account, (perAccount.get(p.account) ?? 0) + 1);
    this.dailyQuota = {
      catalog: 'AWS',
      invitations: awsInvitations.length,
      mostInOneAccount: Math.max(0, ...perAccount.values()),
      perDay: AWS_DAILY_INVITATION_QUOTA,
    };

    // 2. Play it for real, each stack in its account.
    this.emulator = await PartnerCentralEmulator.start({
      accounts: accounts.emulatorAccounts,
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
          region: PARTNER_CENTRAL_REGION,
        });
      } catch (e) {
        throw new Stop({ kind: 'refused', message: (e as Error).message });
      }
      sandbox = enterSandbox(env);
      this.handler = loadHandler(handlerPath, (line) => this.trace(line));
      await probeEmulator({
        handler: this.handler,
        emulator: this.emulator,
        sandbox,
        timeoutMs: this.timeoutMs(),
        requests: () => this.emulatorRequests,
      });
      await this.deployAll(stacks, parameters, (run, p) => this.create(run, p), this.runs);
      await playOutsideAnswers(this.emulator, this.runs, accounts.appAccounts, this.receiver());
      this.answers = answerRows(this.emulator, this.runs, accounts.appAccounts, this.receiver());
      if (this.options.update ?? true) {
        await showReplacement(this.runs, {
          delivery: this.delivery,
          personal: this.personal,
          statusOf: (id) => this.statusOf(id),
          updateNotes: this.updateNotes,
          warnings: this.warnings,
        });
      }
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

  private receiver() {
    return this.options.receiver ?? 'ignore';
  }

  /**
   * The handler as the function of a stack's account runs it: with that account's credentials
   * (the environment is read on every invocation, and events are sent one at a time).
   */
  private handlerFor(run: StackRun): CustomResourceHandler {
    const credentials = this.emulator!.credentialsOf(run.stack.account);
    return async (event, context) => {
      process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
      process.env.AWS_SESSION_TOKEN = credentials.sessionToken;
      return this.handler!(event, context);
    };
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
      const computed = computeOutputs(run);
      recordOutputs(run, computed);
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
      if (!PLAYED_TYPES.has(resource.Type)) continue;
      const constructPath = constructPathOf(run.stack, logicalId, resource);
      const element = constructPath ? `${constructPath} (${logicalId})` : logicalId;
      if (resource.Condition !== undefined) {
        const created = guard(() => run.evaluator.condition(resource.Condition!), { stack: run.stack.displayName, element, what: 'its Condition' });
        if (!created) {
          run.report.notes.push(`${element} is not created: its condition ${resource.Condition} is false`);
          continue;
        }
      }
      const props = deliveredProperties(run, logicalId, element);
      const state = await create(run, { logicalId, element, constructPath, resource, props });
      run.states.set(logicalId, state);
      run.played.push({ logicalId, element, constructPath, resource, props, state });
      this.personal.collect(props);
      if (resource.Type === ACCEPTER_RESOURCE_TYPE) {
        run.report.accepters.push({
          logicalId,
          ...(constructPath ? { constructPath } : {}),
          invitationId: state.physicalId,
          invitationArn: state.attributes.InvitationArn ?? '',
          invitationStatus: this.statusOf(state.physicalId) ?? '',
          connectionId: state.attributes.ConnectionId ?? '',
          connectionStatus: state.attributes.ConnectionTypeStatus ?? '',
          otherParticipantAccountId: state.attributes.OtherParticipantAccountId ?? '',
        });
        continue;
      }
      run.report.invitations.push({
        logicalId,
        constructPath,
        invitationId: state.physicalId,
        status: state.attributes.Status ?? '',
        arn: state.attributes.Arn ?? '',
        retain: deletionPolicyKeeps(resource.DeletionPolicy, 'delete'),
      });
    }
  }

  private async create(run: StackRun, p: Planned): Promise<ResourceState> {
    const outcome = await this.delivery.deliver(run, p, 'deploy', (driver) => driver.createEvent(p.logicalId, p.props as Record<string, string>));
    if (outcome.failure !== undefined) {
      await this.rollback(run, p, outcome.physicalId);
      throw failed(run, p, 'Create', outcome.failure);
    }
    const attributes = { ...outcome.data };
    this.personal.collect(attributes);
    return { physicalId: outcome.physicalId, attributes };
  }

  /**
   * What CloudFormation does after a failed Create: a Delete for it, then for the stack's earlier
   * resources, except those whose DeletionPolicy keeps them on the rollback of their create (`Retain`).
   */
  private async rollback(run: StackRun, failedOne: Planned, physicalId: string): Promise<void> {
    const targets: Array<{ p: Planned; id: string }> = [
      { p: failedOne, id: physicalId },
      ...[...run.played].reverse().map((p) => ({ p, id: p.state.physicalId })),
    ];
    for (const { p, id } of targets) {
      if (!id) continue;
      if (deletionPolicyKeeps(p.resource.DeletionPolicy, 'create-rollback')) {
        this.delivery.record(run, p, 'rollback', 'Retain', id, undefined, 'SKIPPED', {
          note: `DeletionPolicy: ${p.resource.DeletionPolicy} keeps it`,
          invitationStatus: this.statusOf(id),
        });
        continue;
      }
      await this.delivery.deliver(run, p, 'rollback', (driver) => driver.deleteEvent(p.logicalId, id, p.props as Record<string, string>));
    }
  }

  /** Deletes the stacks in reverse order, each stack's invitations last-created first. */
  private async destroyAll(): Promise<void> {
    for (const run of [...this.runs].reverse()) {
      for (const p of [...run.played].reverse()) {
        const id = p.state.physicalId;
        if (deletionPolicyKeeps(p.resource.DeletionPolicy, 'delete')) {
          this.delivery.record(run, p, 'destroy', 'Retain', id, undefined, 'SKIPPED', {
            note: `DeletionPolicy: ${p.resource.DeletionPolicy} keeps it`,
            invitationStatus: this.statusOf(id),
          });
          continue;
        }
        const { failure } = await this.delivery.deliver(run, p, 'destroy', (driver) => driver.deleteEvent(p.logicalId, id, p.props as Record<string, string>));
        if (failure !== undefined) throw failed(run, p, 'Delete', failure);
      }
    }
  }

  /** The invitation's status in the emulator; undefined when it has no such invitation. */
  private statusOf(id: string): string | undefined {
    return this.emulator?.invitation(id)?.Status;
  }

  private result(error: RehearsalFailure | undefined): RehearsalResult {
    const outputWarnings = this.runs.flatMap((run) => run.report.outputs.flatMap((o) => (o.warning !== undefined ? [o.warning] : [])));
    return this.personal.redactResult({
      ok: error === undefined,
      assembly: this.options.assemblyDir,
      stacks: this.runs.map((run) => run.report),
      events: this.delivery.events,
      receiver: this.receiver(),
      answers: this.answers,
      updateNotes: this.updateNotes,
      // the outputs' warnings (from the deployment) first, then those of the replacement
      warnings: [...outputWarnings, ...this.warnings],
      ...(this.dailyQuota ? { dailyQuota: this.dailyQuota } : {}),
      ...(error ? { error } : {}),
    });
  }
}
