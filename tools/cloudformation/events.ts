/**
 * The CloudFormation custom resource event and response shapes, as CloudFormation sends and
 * expects them, for the driver that plays CloudFormation in tests and rehearsals.
 *
 * Written apart from the handler's own shapes (lambda/types.ts) on purpose: the driver is
 * CloudFormation's side, an independent oracle of what the handler sends, like the emulator.
 */

/** Properties CloudFormation delivers: every value is a string, plus the `ServiceToken`. */
export interface CloudFormationCustomResourceProperties {
  /** The ARN of the function (or topic) CloudFormation invokes. */
  readonly ServiceToken: string;
  /** The resource's own properties, as strings. */
  readonly [key: string]: string;
}

/** What every request type carries. */
export interface CloudFormationCustomResourceEventCommon {
  /** The ARN CloudFormation invoked. */
  readonly ServiceToken: string;
  /** The presigned S3 URL the response is PUT to. A secret: never log it. */
  readonly ResponseURL: string;
  /** `arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid>`. */
  readonly StackId: string;
  /** Unique per request; the same on every retry of that request. */
  readonly RequestId: string;
  /** The resource type, e.g. `Custom::PartnerCentralConnectionInvitation`. */
  readonly ResourceType: string;
  /** The logical id in the template. */
  readonly LogicalResourceId: string;
  /** The resource's properties. */
  readonly ResourceProperties: CloudFormationCustomResourceProperties;
}

/** A Create request. */
export interface CloudFormationCustomResourceCreateEvent extends CloudFormationCustomResourceEventCommon {
  /** Always `Create`. */
  readonly RequestType: 'Create';
}

/** An Update request. */
export interface CloudFormationCustomResourceUpdateEvent extends CloudFormationCustomResourceEventCommon {
  /** Always `Update`. */
  readonly RequestType: 'Update';
  /** The physical id the last response gave. */
  readonly PhysicalResourceId: string;
  /** The properties before the update. */
  readonly OldResourceProperties: CloudFormationCustomResourceProperties;
}

/** A Delete request. */
export interface CloudFormationCustomResourceDeleteEvent extends CloudFormationCustomResourceEventCommon {
  /** Always `Delete`. */
  readonly RequestType: 'Delete';
  /** The physical id to delete. */
  readonly PhysicalResourceId: string;
}

/** Any custom resource request. */
export type CloudFormationCustomResourceEvent =
  | CloudFormationCustomResourceCreateEvent
  | CloudFormationCustomResourceUpdateEvent
  | CloudFormationCustomResourceDeleteEvent;

/** The part of Lambda's context object a custom resource handler uses. */
export interface LambdaContextLike {
  /** The invocation's request id (the same on Lambda's retries of an asynchronous event). */
  readonly awsRequestId: string;
  /** The function's name. */
  readonly functionName: string;
  /** Milliseconds left before Lambda stops the invocation. */
  getRemainingTimeInMillis(): number;
}

/**
 * A custom resource handler as Lambda runs it.
 *
 * Declared through a method signature so that its parameters are checked bivariantly: a handler
 * typed with its own, narrower event type (e.g. properties with named members) is accepted.
 */
export type CustomResourceHandler = {
  handle(event: CloudFormationCustomResourceEvent, context: LambdaContextLike): Promise<unknown>;
}['handle'];

/** The JSON document a handler PUTs to the ResponseURL. */
export interface CfnResponse {
  /** Outcome. */
  readonly Status: 'SUCCESS' | 'FAILED';
  /** Why it failed (shown in the stack events). */
  readonly Reason?: string;
  /** The physical id; must be non-empty. */
  readonly PhysicalResourceId: string;
  /** Echo of the event's StackId. */
  readonly StackId: string;
  /** Echo of the event's RequestId. */
  readonly RequestId: string;
  /** Echo of the event's LogicalResourceId. */
  readonly LogicalResourceId: string;
  /** Hide Data from `Fn::GetAtt` output in the console. */
  readonly NoEcho?: boolean;
  /** Attributes for `Fn::GetAtt`. */
  readonly Data?: Record<string, string>;
}
