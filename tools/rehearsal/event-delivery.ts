/**
 * One event of the rehearsal, end to end: built with the stack's CloudFormation driver, sent to
 * the handler, its response taken as CloudFormation takes it (FAILED, or a response CloudFormation
 * would reject, fails the resource), and recorded with the invitation's status in the emulator.
 */
import type { EventRecord, Phase } from './result';
import type { Planned, StackRun } from './stack-run';
import { Stop } from './stop';
import { CloudFormationDriver, Delivery } from '../cloudformation/driver';
import type { CloudFormationCustomResourceEvent, CustomResourceHandler } from '../cloudformation/events';
import type { CfnResource } from '../cloudformation/template';

/** How CloudFormation took the response to one event. */
export interface Outcome {
  /** The physical id the response gave. */
  readonly physicalId: string;
  /** The response's Data (attributes). */
  readonly data: Record<string, string>;
  /** Why CloudFormation fails the resource; undefined when it accepts the response as SUCCESS. */
  readonly failure?: string;
}

/** What delivering events needs from the rehearsal. */
export interface DeliveryContext {
  /** The handler events of a stack are sent to (the function of that stack's account). */
  readonly handler: (run: StackRun) => CustomResourceHandler;
  /** An invitation's status in the emulator; undefined when it has no such invitation. */
  readonly statusOf: (id: string) => string | undefined;
  /** The rehearsal's timeout per event, ms. */
  readonly timeoutMs: number;
  /** Receives one line per event recorded. */
  readonly trace: (line: string) => void;
}

/** Sends the rehearsal's events and keeps their records, in order. */
export class EventDelivery {
  /** Every event recorded, in order. */
  public readonly events: EventRecord[] = [];

  constructor(private readonly ctx: DeliveryContext) {}

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
  public async deliver(
    run: StackRun,
    p: Planned,
    phase: Phase,
    event: (driver: CloudFormationDriver) => CloudFormationCustomResourceEvent,
    options: { readonly note?: string; readonly adopt?: (outcome: Outcome) => void } = {},
  ): Promise<Outcome> {
    run.driver ??= await CloudFormationDriver.start({ stackName: run.stack.stackName, region: run.stack.region });
    // The event names the resource's own type: the handler serves invitations and accepters.
    const sent = { ...event(run.driver), ResourceType: p.resource.Type } as CloudFormationCustomResourceEvent;
    let delivery: Delivery;
    try {
      delivery = await run.driver.send(this.ctx.handler(run), sent, { timeoutMs: this.eventTimeout(run, p.resource) });
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
      ...(statusOf !== undefined ? { invitationStatus: this.ctx.statusOf(statusOf) } : {}),
    });
    return outcome;
  }

  /** Records an event (one the rehearsal sent, or a `Retain` that CloudFormation skips). */
  public record(
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
    this.ctx.trace(`${phase}: ${requestType} ${run.stack.displayName}/${p.logicalId} ${status}`);
  }

  /** The rehearsal's timeout, or the provider function's own when shorter. */
  private eventTimeout(run: StackRun, resource: CfnResource): number {
    const token = resource.Properties?.ServiceToken;
    const fn = token && typeof token === 'object' && !Array.isArray(token) ? (token as Record<string, unknown>)['Fn::GetAtt'] : undefined;
    const fnId = Array.isArray(fn) ? fn[0] : typeof fn === 'string' ? fn.split('.')[0] : undefined;
    const seconds = typeof fnId === 'string' ? Number(run.stack.template.Resources?.[fnId]?.Properties?.Timeout) : NaN;
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds * 1000, this.ctx.timeoutMs) : this.ctx.timeoutMs;
  }
}

/** The stop for an event the handler answered FAILED (or CloudFormation would reject the answer of). */
export function failed(run: StackRun, p: Planned, requestType: 'Create' | 'Update' | 'Delete', failure: string): Stop {
  return new Stop({ kind: 'failed', stack: run.stack.displayName, resource: p.element, message: `${run.stack.displayName}/${p.element}: ${requestType} FAILED: ${failure}` });
}

/** The reason a response fails the resource, or undefined when CloudFormation accepts it as SUCCESS. */
function failureOf(delivery: Delivery): string | undefined {
  if (delivery.violations.length > 0) return `CloudFormation would reject the handler's response: ${delivery.violations.join('; ')}`;
  if (delivery.response.Status !== 'SUCCESS') return delivery.response.Reason || 'the handler answered FAILED without a reason';
  return undefined;
}
