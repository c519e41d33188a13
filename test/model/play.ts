/**
 * Plays one history: CloudFormation's side (the stack's requests for one resource, its
 * rollbacks and cleanups, waiting for each answer), Lambda's (deliveries at least once, late,
 * beside each other, retried after the handler threw), the service's (the emulator, over HTTP
 * with SigV4, holding each request for its latency and answering it with the history's fault)
 * and other actors', all on one virtual clock (./scheduler.ts), against the handler as it ships
 * (the esbuild bundle). Returns the trace the invariants are checked on (./invariants.ts).
 */
import * as path from 'node:path';
import { MESSAGES, RECEIVERS, FATAL_FAULTS, type FaultChoice, type History, type Props, type StackOp } from './history';
import { Scheduler, type Task } from './scheduler';
import type { Handler, HandlerDeps } from '../../lambda/index';
import { HANDLER_ASSET_NAME } from '../../src/contract';
import { CloudFormationDriver, type PutFate } from '../../tools/cloudformation/driver';
import type { CfnResponse, CloudFormationCustomResourceEvent } from '../../tools/cloudformation/events';
import type { Fault } from '../../tools/emulator/faults';
import type { Invitation, Operation } from '../../tools/emulator/model';
import { PartnerCentralEmulator } from '../../tools/emulator/server';
import { handlerEnv } from '../support/handler-harness';
import { rawCall } from '../support/signed-http';

const BUNDLE = path.join(__dirname, '..', '..', 'assets', HANDLER_ASSET_NAME, 'index.js');

/** The function's timeout (the provider's), ms. */
export const FUNCTION_TIMEOUT_MS = 120_000;
/** Lambda's waits before its two retries of a failed asynchronous invocation, ms. */
export const LAMBDA_RETRY_DELAYS_MS = [60_000, 120_000] as const;
/** How long CloudFormation waits for an answer (a custom resource's default timeout), ms. */
export const CFN_ANSWER_TIMEOUT_MS = 3_600_000;
/** How many times the operator retries a failed rollback or delete (continue-update-rollback, delete again). */
export const OPERATOR_RETRIES = 3;
/** The start of every history's virtual clock. */
export const EPOCH = Date.UTC(2026, 0, 15, 10, 0, 0);
/** The resource's logical id. */
export const LOGICAL_ID = 'Invite';
/** Other owners' ClientTokens start so. */
const FOREIGN_TOKEN = 'foreign-owner';

/** The resource properties of a history's property choice. */
export function resourceProperties(p: Props): Record<string, string> {
  return {
    Catalog: 'Sandbox',
    ConnectionType: 'OPPORTUNITY_COLLABORATION',
    Email: 'alliances@example.com',
    Message: MESSAGES[p.message],
    Name: 'Pat Example',
    ReceiverIdentifier: RECEIVERS[p.receiver],
  };
}

/** What role a request plays in the stack's life. */
export type Role = 'create' | 'update' | 'rollback' | 'cleanup' | 'create-rollback' | 'delete';

/** One request CloudFormation issued. */
export interface RequestRecord {
  readonly index: number;
  readonly rid: string;
  readonly type: 'Create' | 'Update' | 'Delete';
  readonly role: Role;
  readonly props: Props;
  readonly oldProps?: Props;
  readonly physicalId?: string;
  readonly issuedAt: number;
  /** Whether the operator's retry of a failed request (no fatal faults then). */
  readonly operatorRetry: boolean;
  answeredAt?: number;
  answer?: CfnResponse;
  /** The delivery whose PUT CloudFormation stored. */
  answeredBy?: DeliveryRecord;
  /** When CloudFormation acted on the answer (issued what follows). */
  movedOnAt?: number;
}

/** One invocation of the handler. */
export interface DeliveryRecord {
  readonly request: RequestRecord;
  readonly task: Task;
  /** 0 for the first delivery, then the duplicates. */
  readonly copy: number;
  /** 0 for the first invocation, then Lambda's retries. */
  readonly invocation: number;
  readonly startedAt: number;
  readonly deadline: number;
  endedAt?: number;
  threw?: boolean;
}

/** A change of the service's state and who made it. */
export interface Change {
  readonly at: number;
  readonly id: string;
  readonly kind: 'created' | 'status';
  readonly to: string;
  readonly from?: string;
  /** The delivery that made it; undefined for another actor. */
  readonly by?: DeliveryRecord;
  readonly actor: string;
}

/** What a history did. */
export interface Trace {
  readonly history: History;
  readonly requests: RequestRecord[];
  readonly deliveries: DeliveryRecord[];
  readonly changes: Change[];
  readonly foreign: Set<string>;
  readonly invitations: Invitation[];
  /** The resource at the end: its physical id and properties, or undefined when it is gone. */
  live?: { readonly physicalId: string; readonly props: Props };
  /** Requests CloudFormation never got an answer to. */
  readonly unanswered: RequestRecord[];
  /** Requests that still failed after the operator's retries. */
  readonly stuck: RequestRecord[];
  /** Log lines the handler wrote. */
  readonly logs: string[];
  /** Operations the emulator received that the handler has no business calling. */
  readonly strayOperations: string[];
}

interface BundledModule {
  readonly createHandler: (deps?: HandlerDeps) => Handler;
}

/** What stays up across histories: the emulator, the driver, the bundled handler. */
export class ModelWorld {
  /** Starts the emulator and the driver and loads the bundle. */
  public static async start(): Promise<ModelWorld> {
    const w = new ModelWorld();
    w.emulator = await PartnerCentralEmulator.start({
      clock: () => (w.play ? w.play.serviceNow() : EPOCH),
      gate: (request) => w.play.gate(request.operation),
    });
    w.cfn = await CloudFormationDriver.start({
      stackName: 'ModelStack',
      region: 'eu-central-1',
      clock: () => (w.play ? w.play.now() : EPOCH),
      putFate: (requestId) => w.play.putFate(requestId),
    });
    const bundled = require(BUNDLE) as BundledModule;
    w.handler = bundled.createHandler({
      env: () => handlerEnv(w.emulator.endpoint),
      log: (line) => w.play.log(line),
      runtime: { now: () => w.play.now(), sleep: (ms) => w.play.sleep(ms), random: () => w.play.random() },
    });
    return w;
  }

  public emulator!: PartnerCentralEmulator;
  public cfn!: CloudFormationDriver;
  public handler!: Handler;
  private play!: Playing;
  private played = 0;

  private constructor() {}

  /** Plays one history from a clean service state. */
  public async run(h: History): Promise<Trace> {
    this.emulator.reset();
    this.emulator.setListLag(h.listLagMs);
    this.play = new Playing(this, h, `h${++this.played}`);
    return this.play.run();
  }

  /** Stops the emulator and the driver. */
  public async stop(): Promise<void> {
    await this.cfn.stop();
    await this.emulator.stop();
  }
}

/** A small deterministic PRNG (Park-Miller) for the handler's jitter. */
function prng(seed: number): () => number {
  let a = (Math.abs(Math.floor(seed)) % 2_147_483_646) + 1;
  return () => {
    a = (a * 16_807) % 2_147_483_647;
    return (a - 1) / 2_147_483_646;
  };
}

/** One history being played. */
class Playing {
  public readonly sched = new Scheduler(EPOCH);
  private readonly random_: () => number;
  private readonly requests: RequestRecord[] = [];
  private readonly deliveries: DeliveryRecord[] = [];
  private readonly byTask = new Map<number, DeliveryRecord>();
  private readonly changes: Change[] = [];
  private readonly foreign = new Set<string>();
  private readonly logs: string[] = [];
  private readonly unanswered: RequestRecord[] = [];
  private readonly stuck: RequestRecord[] = [];
  private readonly strayOperations: string[] = [];
  private live?: { physicalId: string; props: Props };
  private failedCreate?: { physicalId: string; props: Props };
  private faultIndex = 0;
  private latencyIndex = 0;
  private putIndex = 0;
  private fatalFaults = 0;
  private readonly consecutive = new Map<string, number>();
  private snapshot = new Map<string, string>();
  /** Whether the service's state may have changed since the last look. */
  private dirty = false;

  constructor(private readonly world: ModelWorld, private readonly h: History, private readonly prefix: string) {
    this.random_ = prng(h.jitterSeed);
  }

  public now(): number {
    return this.sched.now;
  }

  public serviceNow(): number {
    return this.sched.now + this.h.serviceSkewMs;
  }

  public sleep(ms: number): Promise<void> {
    return this.sched.sleep(ms);
  }

  public random(): number {
    return this.random_();
  }

  public log(line: string): void {
    this.logs.push(line);
  }

  /** The emulator's gate: the request waits out its latency, then gets the history's fault. */
  public async gate(operation: Operation | undefined): Promise<Fault | undefined> {
    const delivery = this.sched.current ? this.byTask.get(this.sched.current.id) : undefined;
    let fault: Fault | undefined;
    if (operation === undefined || !['CreateConnectionInvitation', 'GetConnectionInvitation', 'CancelConnectionInvitation', 'ListConnectionInvitations'].includes(operation)) {
      this.strayOperations.push(String(operation));
    }
    if (delivery && operation) {
      const key = `${delivery.task.id}:${operation}`;
      let choice: FaultChoice = this.h.faults[this.faultIndex++] ?? 'none';
      // Bounded faults: an operation answers truly within three attempts, and a request fails
      // for a fault no retry gets past at most twice per history, never on the operator's retry.
      if ((this.consecutive.get(key) ?? 0) >= 2) choice = 'none';
      if (FATAL_FAULTS.has(choice) && (this.fatalFaults >= 2 || delivery.request.operatorRetry)) choice = 'none';
      if (choice === 'denied' && delivery.request.operatorRetry) choice = 'none';
      fault = faultOf(choice, operation);
      if (fault && FATAL_FAULTS.has(choice)) this.fatalFaults++;
      this.consecutive.set(key, fault ? (this.consecutive.get(key) ?? 0) + 1 : 0);
    }
    await this.sched.sleep(this.h.latencies[this.latencyIndex++] ?? 20);
    // Processed in this step.
    this.dirty = true;
    return fault;
  }

  /** The ResponseURL's fate for one PUT. */
  public putFate(_requestId: string): PutFate {
    return this.h.puts[this.putIndex++] ?? 'store';
  }

  public async run(): Promise<Trace> {
    this.sched.onStep((task) => this.observe(task));
    for (const [i, s] of this.h.seeded.entries()) {
      this.sched.spawn(`seed ${i}`, () => this.foreignCreate(s.receiver, s.message, i));
    }
    for (const [i, o] of this.h.others.entries()) {
      if (o.kind === 'foreign') {
        this.sched.spawn(`owner ${i}`, () => this.foreignCreate(o.receiver, o.message, 10 + i), EPOCH + o.atMs);
      } else {
        this.sched.spawn(`receiver ${i}`, async () => this.receiverAnswers(o.status), EPOCH + o.atMs);
      }
    }
    this.sched.spawn('cloudformation', () => this.operator(), EPOCH + 10);
    await this.sched.run();
    return {
      history: this.h,
      requests: this.requests,
      deliveries: this.deliveries,
      changes: this.changes,
      foreign: this.foreign,
      invitations: this.world.emulator.invitations(),
      live: this.live,
      unanswered: this.unanswered,
      stuck: this.stuck,
      logs: this.logs,
      strayOperations: this.strayOperations,
    };
  }

  /** After each step: what the task that ran changed in the service, and which PUTs it stored. */
  private observe(task: Task | undefined): void {
    const by = task ? this.byTask.get(task.id) : undefined;
    const actor = task?.name ?? '?';
    for (const inv of this.dirty ? this.world.emulator.invitations() : []) {
      const id = String(inv.Id);
      const before = this.snapshot.get(id);
      if (before === undefined) {
        this.changes.push({ at: this.sched.now, id, kind: 'created', to: String(inv.Status), by, actor });
      } else if (before !== inv.Status) {
        this.changes.push({ at: this.sched.now, id, kind: 'status', from: before, to: String(inv.Status), by, actor });
      }
      this.snapshot.set(id, String(inv.Status));
    }
    this.dirty = false;
    for (const req of this.requests) {
      if (req.answeredBy === undefined && by && this.world.cfn.responseFor(req.rid)) req.answeredBy = by;
    }
  }

  private async foreignCreate(receiver: number, message: number, n: number): Promise<void> {
    const answer = await rawCall(this.world.emulator.endpoint, {
      target: 'PartnerCentralAccount.CreateConnectionInvitation',
      body: {
        ...resourceProperties({ receiver, message }),
        Email: 'someone@other.example',
        Name: 'Another Owner',
        ClientToken: `${FOREIGN_TOKEN}-${n}`,
      },
    });
    const id = answer.json?.Id;
    if (answer.status === 200 && typeof id === 'string') this.foreign.add(id);
  }

  private receiverAnswers(status: 'ACCEPTED' | 'REJECTED'): void {
    const pending = this.world.emulator.invitations().filter((i) => i.Status === 'PENDING' && !this.foreign.has(String(i.Id)));
    const newest = pending[pending.length - 1];
    if (newest) this.world.emulator.setStatus(String(newest.Id), status);
    this.dirty = true;
  }

  // --- CloudFormation ----------------------------------------------------------------------

  private async operator(): Promise<void> {
    for (const { pauseMs, op } of this.h.ops) {
      await this.sched.sleep(pauseMs);
      await this.apply(op);
    }
    // The operator does not leave a failed Create kept with rollback disabled behind.
    if (this.failedCreate) await this.apply({ kind: 'delete' });
  }

  private async apply(op: StackOp): Promise<void> {
    if (op.kind === 'delete') {
      if (this.failedCreate) await this.untilDone('Delete', 'delete', this.failedCreate.props, { physicalId: this.failedCreate.physicalId });
      this.failedCreate = undefined;
      if (this.live) await this.untilDone('Delete', 'delete', this.live.props, { physicalId: this.live.physicalId });
      this.live = undefined;
      return;
    }
    if (op.kind === 'create' || !this.live) {
      await this.create(op.props, op.otherFails, op.kind === 'create' && op.noRollback);
      return;
    }
    const before = this.live;
    const a = await this.request('Update', 'update', op.props, { physicalId: before.physicalId, oldProps: before.props });
    if (a.Status === 'SUCCESS' && !op.otherFails) {
      this.live = { physicalId: a.PhysicalResourceId, props: op.props };
      if (a.PhysicalResourceId !== before.physicalId) await this.untilDone('Delete', 'cleanup', before.props, { physicalId: before.physicalId });
      return;
    }
    // UPDATE_ROLLBACK: the old properties, sent to the physical id the resource has now.
    const now = a.Status === 'SUCCESS' ? { physicalId: a.PhysicalResourceId, props: op.props } : before;
    const rb = await this.untilDone('Update', 'rollback', before.props, { physicalId: now.physicalId, oldProps: op.props });
    this.live = { physicalId: rb.PhysicalResourceId, props: before.props };
    const held = [now, before].filter((x, i, all) => x.physicalId !== rb.PhysicalResourceId
      && all.findIndex((y) => y.physicalId === x.physicalId) === i);
    for (const x of held) await this.untilDone('Delete', 'cleanup', x.props, { physicalId: x.physicalId });
  }

  private async create(props: Props, otherFails: boolean, noRollback: boolean): Promise<void> {
    const a = await this.request('Create', 'create', props, {});
    if (a.Status === 'SUCCESS') {
      this.live = { physicalId: a.PhysicalResourceId, props };
      if (otherFails) {
        await this.untilDone('Delete', 'create-rollback', props, { physicalId: a.PhysicalResourceId });
        this.live = undefined;
      } else if (this.failedCreate) {
        // The deployment after a Create kept with rollback disabled: the new resource replaced it.
        await this.untilDone('Delete', 'cleanup', this.failedCreate.props, { physicalId: this.failedCreate.physicalId });
        this.failedCreate = undefined;
      }
      return;
    }
    if (noRollback && !this.failedCreate) {
      this.failedCreate = { physicalId: a.PhysicalResourceId, props };
      return;
    }
    await this.untilDone('Delete', 'create-rollback', props, { physicalId: a.PhysicalResourceId });
  }

  /** A request the operator retries while it fails (a rollback, a delete). */
  private async untilDone(type: 'Update' | 'Delete', role: Role, props: Props, extra: { physicalId: string; oldProps?: Props }): Promise<CfnResponse> {
    let a = await this.request(type, role, props, extra);
    for (let i = 0; i < OPERATOR_RETRIES && a.Status !== 'SUCCESS'; i++) {
      await this.sched.sleep(30_000);
      a = await this.request(type, role, props, extra, true);
    }
    if (a.Status !== 'SUCCESS') {
      this.stuck.push(this.requests[this.requests.length - 1]);
      // The stack stays where it is: for the check, the resource keeps the id it had.
      return { ...a, PhysicalResourceId: extra.physicalId };
    }
    return a;
  }

  private async request(
    type: 'Create' | 'Update' | 'Delete', role: Role, props: Props, extra: { physicalId?: string; oldProps?: Props }, operatorRetry = false,
  ): Promise<CfnResponse> {
    const index = this.requests.length;
    const rid = `${this.prefix}-r${index}`;
    const cfn = this.world.cfn;
    const p = resourceProperties(props);
    let event: CloudFormationCustomResourceEvent;
    if (type === 'Create') event = cfn.createEvent(LOGICAL_ID, p, { requestId: rid });
    else if (type === 'Update') event = cfn.updateEvent(LOGICAL_ID, extra.physicalId ?? '', p, resourceProperties(extra.oldProps ?? props), { requestId: rid });
    else event = cfn.deleteEvent(LOGICAL_ID, extra.physicalId ?? '', p, { requestId: rid });
    const rec: RequestRecord = {
      index, rid, type, role, props, oldProps: extra.oldProps, physicalId: extra.physicalId, issuedAt: this.sched.now, operatorRetry,
    };
    this.requests.push(rec);

    const plan = this.h.deliveries[index] ?? { queueMs: 0, duplicatesMs: [] };
    this.sched.spawn(`${rid} delivery 0`, () => this.deliver(rec, event, 0), this.sched.now + plan.queueMs);
    plan.duplicatesMs.forEach((ms, i) => {
      this.sched.spawn(`${rid} delivery ${i + 1}`, () => this.deliver(rec, event, i + 1), this.sched.now + ms);
    });

    const answered = await this.sched.waitUntil(() => cfn.responseFor(rid) !== undefined, this.sched.now + CFN_ANSWER_TIMEOUT_MS);
    if (!answered) {
      this.unanswered.push(rec);
      return { Status: 'FAILED', PhysicalResourceId: extra.physicalId ?? 'timed-out', StackId: '', RequestId: rid, LogicalResourceId: LOGICAL_ID } as CfnResponse;
    }
    const stored = cfn.responseFor(rid)!;
    rec.answeredAt = this.sched.now;
    rec.answer = stored.response;
    await this.sched.sleep(this.h.reactMs);
    rec.movedOnAt = this.sched.now;
    return stored.response ?? ({ Status: 'FAILED', PhysicalResourceId: extra.physicalId ?? '' } as CfnResponse);
  }

  /** One delivery of an event: an invocation, and Lambda's retries while the invocation fails. */
  private async deliver(request: RequestRecord, event: CloudFormationCustomResourceEvent, copy: number): Promise<void> {
    const task = this.sched.current!;
    for (let invocation = 0; ; invocation++) {
      const startedAt = this.sched.now;
      const d: DeliveryRecord = { request, task, copy, invocation, startedAt, deadline: startedAt + FUNCTION_TIMEOUT_MS };
      this.deliveries.push(d);
      this.byTask.set(task.id, d);
      const context = {
        awsRequestId: `${request.rid}-${copy}-${invocation}`,
        functionName: this.world.cfn.functionName,
        getRemainingTimeInMillis: () => Math.max(0, d.deadline - this.sched.now),
      };
      try {
        // A copy of the event, as each delivery deserializes its own.
        await this.world.handler(JSON.parse(JSON.stringify(event)), context);
        d.threw = false;
      } catch {
        d.threw = true;
      }
      d.endedAt = this.sched.now;
      if (!d.threw || invocation >= LAMBDA_RETRY_DELAYS_MS.length) return;
      await this.sched.sleep(LAMBDA_RETRY_DELAYS_MS[invocation]);
    }
  }
}

/** The emulator fault of a history's choice for an operation; undefined for none. */
export function faultOf(choice: FaultChoice, operation: Operation): Fault | undefined {
  const create = operation === 'CreateConnectionInvitation';
  switch (choice) {
    case 'none': return undefined;
    case 'throttle': return { error: { status: 429, name: 'ThrottlingException', message: 'Rate exceeded' } };
    case 'internal': return { error: { status: 500, name: 'InternalServerException', message: 'Internal error' } };
    case 'gateway-page': return { rawStatus: 502, rawBody: '<html><body>502 Bad Gateway</body></html>' };
    case 'reset-before': return { reset: true };
    case 'reset-after': return { reset: true, after: true };
    case 'lost-after': return { rawStatus: 504, rawBody: '<html><body>504 Gateway Timeout</body></html>', after: true };
    case 'empty-before': return { rawStatus: 200, rawBody: '{}', rawHeaders: { 'content-type': 'application/x-amz-json-1.0' } };
    case 'empty-after': return { rewrite: () => ({}) };
    case 'mangled-after': return { rewrite: mangle };
    case 'spoiled-summaries': return operation === 'ListConnectionInvitations' ? { rewrite: spoilSummaries } : undefined;
    case 'respelled': return { rewrite: respell };
    case 'denied': return { error: { status: 403, name: 'AccessDeniedException', message: 'Not authorized', reason: 'ACCESS_DENIED' } };
    case 'in-flight-409':
      return create ? { error: { status: 409, name: 'ConflictException', reason: 'CONFLICT_CLIENT_TOKEN', message: 'The client token is in use' } } : undefined;
    case 'invalid-400':
      return { error: { status: 400, name: 'ValidationException', reason: 'REQUEST_VALIDATION_FAILED', message: 'Invalid request' } };
    case 'quota-402':
      return create ? { error: { status: 402, name: 'ServiceQuotaExceededException', reason: 'LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY', message: 'Quota' } } : undefined;
  }
}

/** A List page whose summaries lack their CreatedAt (the first) or are not objects (the others). */
function spoilSummaries(output: Record<string, unknown>): unknown {
  const summaries = output.ConnectionInvitationSummaries;
  if (!Array.isArray(summaries)) return output;
  const spoiled = summaries.map((x, i) => (i === 0 ? { ...(x as object), CreatedAt: undefined } : JSON.stringify(x)));
  return { ...output, ConnectionInvitationSummaries: spoiled };
}

/** An answer that spells the receiver in upper case: an invitation, or each summary of a List page. */
function respell(output: Record<string, unknown>): unknown {
  const upper = (o: Record<string, unknown>) => (typeof o.OtherParticipantIdentifier === 'string'
    ? { ...o, OtherParticipantIdentifier: o.OtherParticipantIdentifier.toUpperCase() } : o);
  const summaries = output.ConnectionInvitationSummaries;
  if (Array.isArray(summaries)) return { ...output, ConnectionInvitationSummaries: summaries.map((x) => upper(x as Record<string, unknown>)) };
  return upper(output);
}

/** A processed answer spoiled: an invitation without its status or with another kind of id, summaries that are not a list. */
function mangle(output: Record<string, unknown>): unknown {
  if ('ConnectionInvitationSummaries' in output) return { ...output, ConnectionInvitationSummaries: { items: output.ConnectionInvitationSummaries } };
  if (typeof output.Id === 'string' && output.Id.endsWith('A')) return { ...output, Id: 'pac-0000000000000' };
  const { Status: _status, ...rest } = output;
  return rest;
}
