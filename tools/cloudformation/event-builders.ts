/**
 * The custom resource events CloudFormation sends for a stack (Create, Update, Delete), built as
 * CloudFormation builds them, each with a ResponseURL issued for it; the driver (./driver.ts)
 * sends them.
 *
 * Like the event shapes it fills in (./events.ts), part of CloudFormation's side, an independent
 * oracle of the handler: it never imports lambda/. Runtime code uses node built-ins only, and the
 * contract's resource type (src/contract.ts), which the events carry but the driver does not check.
 */
import { randomUUID } from 'node:crypto';
import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceProperties,
  CloudFormationCustomResourceUpdateEvent,
} from './events';
import type { ResponseUrlRequest } from './response-url';
import { RESOURCE_TYPE } from '../../src/contract';

/** The resource type events carry unless told otherwise: the invitation's. */
export const DEFAULT_RESOURCE_TYPE = RESOURCE_TYPE;

/** Options of the event builders. */
export interface EventOptions {
  /**
   * The RequestId.
   *
   * @default - a fresh UUID
   */
  readonly requestId?: string;
  /**
   * The ResourceType.
   *
   * @default DEFAULT_RESOURCE_TYPE
   */
  readonly resourceType?: string;
}

/** The stack the events are for, and where their ResponseURLs come from. */
export interface EventStack {
  /** The StackId every event carries. */
  readonly stackId: string;
  /** The stack's region (in the ResponseURL). */
  readonly region: string;
  /** The ServiceToken every event and its properties carry. */
  readonly serviceToken: string;
  /** CloudFormation's clock in epoch milliseconds: the signing time of the ResponseURLs. */
  readonly clock: () => number;
  /** Issues the ResponseURL of an event. */
  readonly issueResponseUrl: (request: Omit<ResponseUrlRequest, 'baseUrl'>) => string;
}

/** CloudFormation's custom resource events for one stack. */
export class CustomResourceEvents {
  /**
   * @param stack the stack the events are for
   */
  protected constructor(private readonly stack: EventStack) {}

  /**
   * A Create event for a logical id with the given properties (the ServiceToken is added).
   *
   * @param logicalId the LogicalResourceId
   * @param properties the resource properties, as strings
   * @param options RequestId and ResourceType overrides
   */
  public createEvent(logicalId: string, properties: Record<string, string>, options: EventOptions = {}): CloudFormationCustomResourceCreateEvent {
    return { RequestType: 'Create', ...this.common(logicalId, properties, options) };
  }

  /**
   * An Update event: new properties, the old ones, and the current physical id.
   *
   * @param logicalId the LogicalResourceId
   * @param physicalId the PhysicalResourceId of the last response
   * @param properties the new resource properties
   * @param oldProperties the resource properties before the update
   * @param options RequestId and ResourceType overrides
   */
  public updateEvent(
    logicalId: string,
    physicalId: string,
    properties: Record<string, string>,
    oldProperties: Record<string, string>,
    options: EventOptions = {},
  ): CloudFormationCustomResourceUpdateEvent {
    return {
      RequestType: 'Update',
      ...this.common(logicalId, properties, options),
      PhysicalResourceId: physicalId,
      OldResourceProperties: this.withToken(oldProperties),
    };
  }

  /**
   * A Delete event for a physical id.
   *
   * @param logicalId the LogicalResourceId
   * @param physicalId the PhysicalResourceId to delete
   * @param properties the resource properties
   * @param options RequestId and ResourceType overrides
   */
  public deleteEvent(
    logicalId: string,
    physicalId: string,
    properties: Record<string, string>,
    options: EventOptions = {},
  ): CloudFormationCustomResourceDeleteEvent {
    return { RequestType: 'Delete', ...this.common(logicalId, properties, options), PhysicalResourceId: physicalId };
  }

  private common(logicalId: string, properties: Record<string, string>, options: EventOptions) {
    const requestId = options.requestId ?? randomUUID();
    const { stackId, region } = this.stack;
    return {
      ServiceToken: this.stack.serviceToken,
      ResponseURL: this.stack.issueResponseUrl({ region, stackId, logicalResourceId: logicalId, requestId, now: this.stack.clock() }),
      StackId: stackId,
      RequestId: requestId,
      ResourceType: options.resourceType ?? DEFAULT_RESOURCE_TYPE,
      LogicalResourceId: logicalId,
      ResourceProperties: this.withToken(properties),
    };
  }

  private withToken(properties: Record<string, string>): CloudFormationCustomResourceProperties {
    return { ServiceToken: this.stack.serviceToken, ...properties };
  }
}
