/**
 * The CloudFormation custom resource protocol as this handler sees it, and the small part of
 * the Lambda context it uses. Defined here rather than taken from `@types/aws-lambda`, so the
 * handler states exactly what it relies on.
 */

/** The request types CloudFormation sends to a custom resource. */
export type RequestType = 'Create' | 'Update' | 'Delete';

/** Fields common to every CloudFormation custom resource request. */
export interface CfnRequestBase {
  /** What CloudFormation asks for. */
  readonly RequestType: RequestType;
  /** The presigned S3 URL the response is PUT to. A secret: never logged. */
  readonly ResponseURL: string;
  /** The ARN of the stack, echoed in the response. */
  readonly StackId: string;
  /** A unique id of this request, echoed in the response (the same on redelivery). */
  readonly RequestId: string;
  /** The resource's logical id in the template, echoed in the response. */
  readonly LogicalResourceId: string;
  /** The resource type (`Custom::PartnerCentralConnectionInvitation`). */
  readonly ResourceType: string;
  /** The resource properties; CloudFormation delivers every value as a string. */
  readonly ResourceProperties: Record<string, unknown>;
}

/** A Create request. */
export interface CfnCreateRequest extends CfnRequestBase {
  /** Always `Create`. */
  readonly RequestType: 'Create';
}

/** An Update request. */
export interface CfnUpdateRequest extends CfnRequestBase {
  /** Always `Update`. */
  readonly RequestType: 'Update';
  /** The physical id the resource has now. */
  readonly PhysicalResourceId: string;
  /** The properties before the update. */
  readonly OldResourceProperties: Record<string, unknown>;
}

/** A Delete request. */
export interface CfnDeleteRequest extends CfnRequestBase {
  /** Always `Delete`. */
  readonly RequestType: 'Delete';
  /** The physical id of the resource to delete. */
  readonly PhysicalResourceId: string;
}

/** Any well-formed CloudFormation custom resource request. */
export type CfnRequest = CfnCreateRequest | CfnUpdateRequest | CfnDeleteRequest;

/** The JSON body PUT to the ResponseURL. */
export interface CfnResponseBody {
  /** The outcome. */
  readonly Status: 'SUCCESS' | 'FAILED';
  /** Why it failed (shown in the stack events); present on FAILED. */
  readonly Reason?: string;
  /** The physical id of the resource, always present. */
  readonly PhysicalResourceId: string;
  /** Echoed from the request. */
  readonly StackId: string;
  /** Echoed from the request. */
  readonly RequestId: string;
  /** Echoed from the request. */
  readonly LogicalResourceId: string;
  /** The attributes (`Fn::GetAtt`), flat strings. */
  readonly Data?: Record<string, string>;
}

/** The part of the Lambda context object the handler uses. */
export interface LambdaContext {
  /** Milliseconds left before Lambda stops the invocation. */
  getRemainingTimeInMillis(): number;
}

/** What the lifecycle decided for one request, before it becomes a response body. */
export interface Outcome {
  /** The outcome. */
  readonly status: 'SUCCESS' | 'FAILED';
  /** The physical id to answer with. */
  readonly physicalResourceId: string;
  /** Why it failed; set when status is FAILED. */
  readonly reason?: string;
  /** The attributes, set on a SUCCESS of Create and Update. */
  readonly data?: Record<string, string>;
}
