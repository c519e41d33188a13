/**
 * The types shared inside the handler: the CloudFormation custom resource protocol as this
 * handler sees it and the small part of the Lambda context it uses (defined here rather than
 * taken from `@types/aws-lambda`, so the handler states exactly what it relies on), what the
 * lifecycle works with (the properties, the invitation API), and the clock and credentials the
 * client runs with.
 */
import type { INVITATION_STATUSES, InvitationField, PARTICIPANT_TYPES } from '../src/api-constraints';
import type { InvitationResourceProperties } from '../src/contract';
import type { FenceTuning, RequestTimes } from './common/fence';

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

/** Time, waiting and randomness, injectable so tests control backoff without real minutes. */
export interface Runtime {
  /**
   * Calls `expire` after `ms` milliseconds unless the returned cancel is called first: the
   * timer behind each HTTP exchange's hard timeout, on the same time as `now` and `sleep`.
   *
   * @default - setTimeout
   */
  readonly timer?: (ms: number, expire: () => void) => () => void;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
}

/** The credentials of the function's role (always temporary on Lambda). */
export interface Credentials {
  /** The access key id. */
  readonly accessKeyId: string;
  /** The secret access key. Never logged. */
  readonly secretAccessKey: string;
  /** The session token, sent as `x-amz-security-token` and signed. */
  readonly sessionToken?: string;
}

/** The six API members of CreateConnectionInvitation that a resource declares (the contract's properties but ClientToken). */
export type InvitationFields = Omit<InvitationResourceProperties, 'ClientToken'>;

/** A state of an invitation (`INVITATION_STATUSES`). */
export type InvitationStatusName = typeof INVITATION_STATUSES[number];

/** A side of an invitation (`PARTICIPANT_TYPES`). */
export type ParticipantTypeName = typeof PARTICIPANT_TYPES[number];

/**
 * An invitation as the API returns it (Create, Get and Cancel share the shape, as do List's
 * summaries). The client returns only answers whose `Status` is one of `INVITATION_STATUSES`.
 */
export type Invitation = Record<string, unknown> & { readonly Status?: InvitationStatusName };

/** The four operations the handler uses. */
export interface InvitationApi {
  /** Creates an invitation (idempotent for the same ClientToken and input). */
  createConnectionInvitation(input: CreateInput, deadline: number): Promise<Invitation>;
  /** Reads an invitation; 404 when it does not exist in the catalog. */
  getConnectionInvitation(catalog: string, identifier: string, deadline: number): Promise<Invitation>;
  /** Cancels a pending invitation; 409 when it is no longer pending. */
  cancelConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Invitation>;
  /** One page of invitation summaries. */
  listConnectionInvitations(input: ListInput, deadline: number): Promise<{ summaries: Invitation[]; nextToken?: string }>;
}

/** A connection as the API returns it (Accept's `Connection`, GetConnection, CancelConnection). */
export type Connection = Record<string, unknown>;

/** The receiver's operations and the connection operations the accepter uses. */
export interface ConnectionApi {
  /** Accepts a pending invitation (idempotent for the same ClientToken); 409 when it is no longer pending. */
  acceptConnectionInvitation(catalog: string, identifier: string, clientToken: string, deadline: number): Promise<Connection>;
  /** Reads a connection; 404 when this account is not part of it. */
  getConnection(catalog: string, identifier: string, deadline: number): Promise<Connection>;
  /** Ends one connection type of a connection; 409 when it is not active. */
  cancelConnection(
    catalog: string, identifier: string, connectionType: string, reason: string, clientToken: string, deadline: number,
  ): Promise<Connection>;
}

/** Input of CreateConnectionInvitation. */
export interface CreateInput extends InvitationFields {
  /** The idempotency token. */
  readonly ClientToken: string;
}

/** Input of ListConnectionInvitations. */
export interface ListInput {
  /** The catalog to list. */
  readonly Catalog: string;
  /** The token of the next page. */
  readonly NextToken?: string;
  /** Only this connection type. */
  readonly ConnectionType?: string;
  /** Page size, 1 to 100. */
  readonly MaxResults?: number;
  /** Only invitations with these receivers. */
  readonly OtherParticipantIdentifiers?: string[];
  /** Only invitations this account sent (SENDER) or received (RECEIVER). */
  readonly ParticipantType?: ParticipantTypeName;
  /** Only invitations in this state. */
  readonly Status?: InvitationStatusName;
}

/** The properties of a resource, validated. */
export interface InvitationProperties {
  /** The six API members. */
  readonly fields: InvitationFields;
  /** The user's ClientToken, when set. */
  readonly clientToken?: string;
}

/** The old properties of an Update, as far as they are strings: never validated, only compared. */
export type OldProperties = Partial<Record<InvitationField, string>>;

/** What the lifecycle functions need besides the request. */
export interface LifecycleContext {
  /** The API. */
  readonly api: InvitationApi;
  /** API calls must end by this time (ms since the epoch); the response is sent after it. */
  readonly deadline: number;
  /** When CloudFormation issued the request, and until when a create may be sent. */
  readonly times: RequestTimes;
  /** The fence's tuning: the create window, the clock slack, the List lag. */
  readonly fence: FenceTuning;
  /** Clock and sleep: the waits of a cleanup go through it. */
  readonly runtime: Runtime;
  /**
   * What this request has done so far, for the reason of a failure: whether a create was sent,
   * and whether one may have been processed without its answer reaching the handler.
   */
  readonly progress: { createSent: boolean; createMayExist: boolean };
}

/** What the accepter's lifecycle needs: the lifecycle context, with the receiver's and the connection operations. */
export interface AccepterContext extends LifecycleContext {
  /** The API, with the operations of both sides. */
  readonly api: InvitationApi & ConnectionApi;
}
