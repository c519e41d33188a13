import { CustomResource, Duration, RemovalPolicy, Stack, Tokenization } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INVITATION_ID_PATTERN, parseInvitationArn } from './api-constraints';
import { Catalog } from './catalog';
import { ConnectionBase } from './connection-base';
import { ConnectionInvitation } from './connection-invitation';
import { IConnectionInvitation } from './connection-invitation-base';
import { ACCEPTER_RESOURCE_TYPE, AccepterAttributeKey, AccepterResourceProperties } from './contract';
import { ConnectionType } from './enums';
import { leaveDefaultPoliciesOut, libraryCustomResource } from './private/custom-resource';
import { futurePath } from './private/future-path';
import { ConnectionInvitationProvider } from './private/provider';
import { accepterCatalog, DEFAULT_WAIT_FOR, validateAccepterProps } from './private/validate-accepter-props';
import { DEFAULT_SERVICE_TIMEOUT, throwProblems } from './private/validate-props';

/** Marks instances of `ConnectionInvitationAccepter`, so `isConnectionInvitationAccepter` works across copies of this library. */
const ACCEPTER_SYMBOL = Symbol.for('cdk-partnercentral.ConnectionInvitationAccepter');

/**
 * What an accepter does to its connection when it is deleted: cancel the one connection type
 * it accepted, with the reason Partner Central requires.
 */
export interface CancelOnDeleteOptions {
  /**
   * The reason sent to CancelConnection, which the other participant may read.
   *
   * At most 256 characters.
   */
  readonly reason: string;
}

/**
 * Properties of a connection invitation accepter.
 *
 * Name the invitation in exactly one way: `invitation`, `invitationIdentifier`, or `sender`
 * with `connectionType`.
 */
export interface ConnectionInvitationAccepterProps {
  /**
   * The invitation to accept, as an `IConnectionInvitation`.
   *
   * An invitation of another account cannot be referenced across stacks: import it, for example
   * with `ConnectionInvitation.fromConnectionInvitationArn` and an ARN read from an SSM
   * parameter. The accepter works in the invitation's catalog. An invitation declared in the
   * accepter's own stack is refused: that stack would run in the sender's account.
   *
   * @default - the invitation is named by `invitationIdentifier` or `sender`
   */
  readonly invitation?: IConnectionInvitation;

  /**
   * The invitation to accept, by its id (`pacinv-0123456789abc`) or its ARN.
   *
   * A token is fine, for example a value from an SSM parameter. An ARN names the catalog; with
   * an id, set `catalog` unless it is `Catalog.AWS`.
   *
   * @default - the invitation is named by `invitation` or `sender`
   */
  readonly invitationIdentifier?: string;

  /**
   * The sender of the invitation to accept, as the receiver sees it: its 12-digit AWS account id
   * or its partner profile id (`pprofile-` and 13 letters or digits).
   *
   * The handler looks for the one PENDING invitation of `connectionType` from this sender in
   * `catalog` among the invitations the account received (ListConnectionInvitations as
   * RECEIVER), waiting up to `waitFor` for it to appear, and adopts one it already accepted.
   * Deploy the sender's stack first. Requires `connectionType`.
   *
   * @default - the invitation is named by `invitation` or `invitationIdentifier`
   */
  readonly sender?: string;

  /**
   * The connection type of the invitation.
   *
   * Required with `sender`. With `invitation` or `invitationIdentifier`, the handler refuses an
   * invitation of another type.
   *
   * @default - with `invitation` or `invitationIdentifier`, the invitation's own type
   */
  readonly connectionType?: ConnectionType;

  /**
   * The Partner Central catalog of the invitation.
   *
   * @default - the catalog of `invitation`, or of `invitationIdentifier` when it is an ARN known
   * at synth time; else `Catalog.AWS`
   */
  readonly catalog?: Catalog;

  /**
   * How long to wait for the invitation to appear when it is not visible yet (the sender's stack still deploying, or Partner Central's eventual consistency).
   *
   * By `sender`, the handler waits until one is received; by id or ARN, while reading it
   * answers not found. A whole number of seconds from 0 to 50: the handler's 2-minute timeout
   * leaves 105 s for the API, of which a wait may use half, less the reads before it.
   *
   * @default - with `sender`, 50 seconds; by id or ARN, no wait (a not-found invitation fails at once)
   */
  readonly waitFor?: Duration;

  /**
   * Cancel the accepted connection type when the accepter is deleted.
   *
   * Removing the accepter from the stack, deleting the stack, or a change that replaces the
   * accepter then sends CancelConnection for the one connection type it accepted, with this
   * reason; the connection's other types are left as they are. Destructive: the partnership of
   * that type ends for both sides.
   *
   * The stack's provider then holds the permission to cancel connections, in a policy of its own
   * that the accepter depends on, so that removing the accepter from the stack still finds it.
   *
   * An invitation the accepter adopted (accepted in the console or by another stack before it
   * was deployed) counts as its own: its connection type is canceled too.
   *
   * @default - deleting the accepter leaves the connection as it is, like a RETAIN resource
   */
  readonly cancelOnDelete?: CancelOnDeleteOptions;

  /**
   * How long CloudFormation waits for the handler before failing the operation.
   *
   * A whole number of seconds, at least 150 and at most 3600.
   *
   * @default - 5 minutes
   */
  readonly serviceTimeout?: Duration;
}

/**
 * The receiver's side of a Partner Central connection invitation: deployed in the account that
 * received the invitation, it accepts exactly that invitation (AcceptConnectionInvitation) and
 * exposes the connection it made.
 *
 * It never accepts an invitation it was not told about. An invitation already accepted is
 * adopted; one rejected, canceled or expired fails the deployment with a reason that says what
 * to do. By default deleting the accepter leaves the connection (the partnership outlives the
 * stack); `cancelOnDelete` cancels the one connection type it accepted. The accepter is a custom
 * resource served by the stack's one provider function, shared with its invitations.
 *
 * @example
 * const accepter = new ConnectionInvitationAccepter(this, 'AcceptPrimary', {
 *   catalog: Catalog.SANDBOX,
 *   sender: '444455556666',
 *   connectionType: ConnectionType.SUBSIDIARY,
 *   waitFor: Duration.seconds(30),
 * });
 * new CfnOutput(this, 'ConnectionId', { value: accepter.connectionId });
 */
export class ConnectionInvitationAccepter extends ConnectionBase {
  /**
   * Whether `x` is a `ConnectionInvitationAccepter` made by this library (an import of a
   * connection is not).
   *
   * @param x any value
   */
  public static isConnectionInvitationAccepter(x: any): x is ConnectionInvitationAccepter {
    return typeof x === 'object' && x !== null && ACCEPTER_SYMBOL in x;
  }

  /**
   * The id of the connection the invitation made, such as `pac-0123456789abc`.
   *
   * @attribute
   */
  public readonly connectionId: string;

  /**
   * The ARN of the connection the invitation made.
   *
   * @attribute
   */
  public readonly connectionArn: string;

  /**
   * The catalog the accepter works in.
   */
  public readonly catalog: Catalog;

  /**
   * The AWS account id of the other participant (the sender), as the connection gives it.
   *
   * @attribute
   */
  public readonly otherParticipantAccountId: string;

  /**
   * The id of the accepted invitation (the resource's physical id).
   *
   * @attribute
   */
  public readonly invitationId: string;

  /**
   * The ARN of the accepted invitation.
   *
   * @attribute
   */
  public readonly invitationArn: string;

  /**
   * The connection type the accepter accepted (see `ConnectionType`).
   *
   * @attribute
   */
  public readonly connectionType: string;

  /**
   * The status of the accepted connection type (`ACTIVE` or `CANCELED`) when the handler last
   * answered for the accepter.
   *
   * CloudFormation does not watch the connection: the value changes only when the resource is
   * created or updated.
   *
   * @attribute
   */
  public readonly connectionTypeStatus: string;

  private readonly resource: CustomResource;
  private readonly cancelsOnDelete: boolean;

  /**
   * Declares the acceptance of one connection invitation.
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param props which invitation to accept, and what deleting the accepter does
   */
  constructor(scope: Construct, id: string, props: ConnectionInvitationAccepterProps) {
    // Validated before the construct joins the tree, so that an invalid accepter leaves nothing behind.
    super(scope, validated(scope, id, props));
    Object.defineProperty(this, ACCEPTER_SYMBOL, { value: true });

    const catalog = accepterCatalog(props);
    this.catalog = catalog;
    this.cancelsOnDelete = props.cancelOnDelete !== undefined;
    const provider = ConnectionInvitationProvider.forAccepter(this, {
      catalog: catalog.name,
      bySender: props.sender !== undefined,
      cancelOnDelete: props.cancelOnDelete !== undefined,
      invitationKey: invitationKey(props, catalog),
    });

    const identifier = props.invitation?.connectionInvitationArn ?? props.invitationIdentifier;
    // By sender the wait defaults to DEFAULT_WAIT_FOR; by id only a waitFor that is set is sent.
    const waitFor = props.waitFor ?? (props.sender !== undefined ? DEFAULT_WAIT_FOR : undefined);
    const properties: AccepterResourceProperties = {
      Catalog: catalog.name,
      ...(identifier !== undefined ? { InvitationIdentifier: identifier } satisfies Partial<AccepterResourceProperties> : {}),
      ...(props.sender !== undefined ? { SenderIdentifier: props.sender } satisfies Partial<AccepterResourceProperties> : {}),
      ...(waitFor !== undefined
        ? { WaitSeconds: Tokenization.stringifyNumber(waitFor.toSeconds()) } satisfies Partial<AccepterResourceProperties> : {}),
      ...(props.connectionType !== undefined ? { ConnectionType: props.connectionType } satisfies Partial<AccepterResourceProperties> : {}),
      ...(props.cancelOnDelete !== undefined ? { CancelOnDelete: 'true', CancelReason: props.cancelOnDelete.reason } satisfies Partial<AccepterResourceProperties> : {}),
    };

    this.resource = libraryCustomResource(this, {
      resourceType: ACCEPTER_RESOURCE_TYPE,
      serviceToken: provider.function.functionArn,
      removalPolicy: RemovalPolicy.DESTROY,
      serviceTimeout: props.serviceTimeout ?? DEFAULT_SERVICE_TIMEOUT,
      properties,
    });
    if (props.cancelOnDelete !== undefined) provider.dependOnCancelPolicy(this.resource);

    const att = (key: AccepterAttributeKey): string => this.resource.getAttString(key);
    this.invitationId = this.resource.ref;
    this.connectionId = att('ConnectionId');
    this.connectionArn = att('ConnectionArn');
    this.otherParticipantAccountId = att('OtherParticipantAccountId');
    this.invitationArn = att('InvitationArn');
    this.connectionType = att('ConnectionType');
    this.connectionTypeStatus = att('ConnectionTypeStatus');
  }

  /**
   * Sets whether CloudFormation calls the handler when the accepter leaves the stack.
   *
   * `RETAIN` (and `RETAIN_ON_UPDATE_OR_DELETE`) make CloudFormation skip the handler on delete,
   * which can never cancel the connection, so they are refused with `cancelOnDelete`. `DESTROY`
   * keeps the default: the handler does what `cancelOnDelete` says (by default it leaves the
   * connection). `SNAPSHOT` is refused.
   *
   * @param policy `DESTROY`, `RETAIN` or `RETAIN_ON_UPDATE_OR_DELETE`
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    const problems: string[] = [];
    if (!Object.values(RemovalPolicy).includes(policy)) {
      problems.push(`\`removalPolicy\` must be a RemovalPolicy (one of ${Object.values(RemovalPolicy).join(', ')}), got: ${String(policy)}`);
    } else if (policy === RemovalPolicy.SNAPSHOT) {
      problems.push('`removalPolicy` must be DESTROY, RETAIN or RETAIN_ON_UPDATE_OR_DELETE, as an accepter has no snapshot, got: SNAPSHOT');
    } else if (policy !== RemovalPolicy.DESTROY && this.cancelsOnDelete) {
      problems.push(`\`removalPolicy\` ${policy === RemovalPolicy.RETAIN ? 'RETAIN' : 'RETAIN_ON_UPDATE_OR_DELETE'} keeps CloudFormation from calling the handler on delete, so \`cancelOnDelete\` `
        + 'could never cancel the connection: remove cancelOnDelete to leave the connection');
    }
    throwProblems(`Invalid ConnectionInvitationAccepter ${this.node.path}`, problems);
    this.resource.applyRemovalPolicy(policy);
    leaveDefaultPoliciesOut(this.resource);
  }

}

/**
 * What names the accepter's invitation in its stack: the invitation id (an ARN's id), or the
 * sender, connection type and catalog; a token stands for itself.
 */
function invitationKey(props: ConnectionInvitationAccepterProps, catalog: Catalog): string {
  const identifier = props.invitation?.connectionInvitationArn ?? props.invitationIdentifier;
  if (identifier !== undefined) {
    const id = INVITATION_ID_PATTERN.test(identifier) ? identifier : parseInvitationArn(identifier)?.id ?? identifier;
    return JSON.stringify(['invitation', id]);
  }
  return JSON.stringify(['sender', props.sender, props.connectionType, catalog.name]);
}


/** Returns `id` when the props of an accepter about to be made at `id` under `scope` are valid; else throws one error for all the problems. */
function validated(scope: Construct, id: string, props: ConnectionInvitationAccepterProps): string {
  const path = futurePath(scope, id);
  const problems = validateAccepterProps(props);
  if (problems.length === 0 && ConnectionInvitation.isConnectionInvitation(props.invitation) && Stack.of(props.invitation) === Stack.of(scope)) {
    // The invitation's stack runs in the sender's account, the accepter's must run in the receiver's: one stack is never both.
    problems.push(`\`invitation\` ${props.invitation.node.path} is declared in the same stack: an accepter runs in the account that received `
      + 'the invitation, never the sender\'s; declare the accepter in a stack of the receiver\'s account');
  }
  if (problems.length === 0) {
    problems.push(...ConnectionInvitationProvider.accepterProblemsFor(scope, path, {
      catalog: accepterCatalog(props).name,
      bySender: props.sender !== undefined,
      cancelOnDelete: props.cancelOnDelete !== undefined,
      invitationKey: invitationKey(props, accepterCatalog(props)),
    }));
  }
  throwProblems(`Invalid ConnectionInvitationAccepter ${path}`, problems);
  return id;
}
