import { Annotations, CustomResource, Duration, Fn, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { parseInvitationArn } from './api-constraints';
import { Catalog } from './catalog';
import { ConnectionInvitationBase, IConnectionInvitation } from './connection-invitation-base';
import { AttributeKey, InvitationResourceProperties, RESOURCE_TYPE } from './contract';
import { ConnectionType } from './enums';
import { leaveDefaultPoliciesOut, libraryCustomResource } from './private/custom-resource';
import { countAgainstDailyQuota } from './private/daily-quota';
import { futurePath } from './private/future-path';
import { ConnectionInvitationProvider } from './private/provider';
import type { ProviderRequest } from './private/provider-registry';
import { checkString, describeType } from './private/runtime-types';
import { DEFAULT_SERVICE_TIMEOUT, LOG_RETENTION_DEPRECATED, removalPolicyProblems, throwIfInvalid, validateProps } from './private/validate-props';

/** Marks instances of `ConnectionInvitation`, so `isConnectionInvitation` works across copies of this library. */
const CONNECTION_INVITATION_SYMBOL = Symbol.for('cdk-partnercentral.ConnectionInvitation');

/**
 * Properties of a connection invitation.
 */
export interface ConnectionInvitationProps {
  /**
   * The kind of connection the invitation proposes.
   *
   * `OPPORTUNITY_COLLABORATION` invites another partner; `SUBSIDIARY` links an AWS Marketplace
   * seller account you own to your primary account.
   */
  readonly connectionType: ConnectionType;

  /**
   * Who receives the invitation.
   *
   * A partner profile id (such as `pprofile-0123456789abc`) for `OPPORTUNITY_COLLABORATION`,
   * a 12-digit AWS account id for `SUBSIDIARY`. 1 to 100 letters, digits and hyphens.
   */
  readonly receiverIdentifier: string;

  /**
   * The e-mail address of the person the invitation is sent to (the API's `Email`).
   *
   * At most 320 characters. Personal data: the handler never logs it.
   */
  readonly email: string;

  /**
   * The name of the person sending the invitation (the API's `Name`).
   *
   * 1 to 80 printable characters, no newlines. Personal data: the handler never logs it.
   */
  readonly name: string;

  /**
   * The message the receiver reads with the invitation.
   *
   * 1 to 256 printable characters; newlines are allowed, tabs and other control characters are not.
   */
  readonly message: string;

  /**
   * The Partner Central catalog the invitation is created in.
   *
   * Use `Catalog.SANDBOX` while testing: its invitations touch no production data.
   *
   * @default - `Catalog.AWS`, the production catalog
   */
  readonly catalog?: Catalog;

  /**
   * The idempotency token sent with CreateConnectionInvitation.
   *
   * Partner Central returns the invitation already made with this token instead of making a
   * second one. Set it only to pin the token yourself: 1 to 64 letters, digits, hyphens and
   * underscores.
   *
   * @default - the handler derives a token from the stack, the resource's logical id and the
   * invitation's input, so a request CloudFormation or Lambda delivers twice never creates a
   * second invitation
   */
  readonly clientToken?: string;

  /**
   * What happens to the invitation when it leaves the stack.
   *
   * `RemovalPolicy.DESTROY` cancels the invitation if it is still pending (an invitation that
   * was accepted, rejected or has expired is left as it is); `RemovalPolicy.RETAIN` leaves it
   * (CloudFormation then never calls the handler on delete); `RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE`
   * leaves it too, except when the operation that created it rolls back. `RemovalPolicy.SNAPSHOT` does not
   * apply and is rejected.
   *
   * The policy also applies when a change replaces a pending invitation, with one exception:
   * when the new invitation goes to the same receiver, catalog and connection type, the handler
   * cancels the old one first whatever the policy, as Partner Central accepts only one pending
   * invitation per receiver, catalog and connection type.
   *
   * @default - `RemovalPolicy.DESTROY`: a pending invitation is canceled
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * How long CloudFormation waits for the handler before failing the operation.
   *
   * A whole number of seconds, at least 150 (the handler's 2-minute timeout plus 30 seconds) and
   * at most 3600 (one hour).
   *
   * @default - 5 minutes
   */
  readonly serviceTimeout?: Duration;

  /**
   * How long the handler's log is kept.
   *
   * All invitations of a stack share one handler and one log group: invitations of the same
   * stack that set this must set the same value, and it must agree with the stack's
   * `InvitationProvider` configuration (the same `logRetention`, and no `logGroup`). Using it
   * adds the warning `cdk-partnercentral:logRetentionDeprecated`.
   *
   * @default - the retention of the stack's `InvitationProvider` configuration, else
   * `logs.RetentionDays.ONE_YEAR`
   * @deprecated configure the stack's provider once instead:
   * `InvitationProvider.configure(stack, { logRetention })`. Still honoured in this major version.
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * What is needed to use a connection invitation made elsewhere.
 */
export interface ConnectionInvitationAttributes {
  /**
   * The invitation ARN, such as
   * `arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abc`.
   *
   * The invitation id and catalog are read from it.
   */
  readonly connectionInvitationArn: string;
}

/**
 * An AWS Partner Central connection invitation, created, read and canceled by CloudFormation.
 *
 * Deploying the stack sends the invitation (CreateConnectionInvitation); removing it from the
 * stack cancels it while it is still pending, unless `removalPolicy` is `RETAIN`. The
 * invitation is a custom resource backed by one Lambda function per stack, whose role may only
 * call the connection invitation actions in the catalogs the stack uses.
 *
 * @example
 * const invitation = new ConnectionInvitation(this, 'AcmeInvitation', {
 *   catalog: Catalog.SANDBOX,
 *   connectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
 *   receiverIdentifier: 'pprofile-0123456789abc',
 *   email: 'alliances@example.com',
 *   name: 'Pat Example',
 *   message: 'Let us co-sell on opportunities.',
 * });
 * new CfnOutput(this, 'InvitationArn', { value: invitation.connectionInvitationArn });
 */
export class ConnectionInvitation extends ConnectionInvitationBase {
  /**
   * Whether `x` is a `ConnectionInvitation` made by this library (an import is not).
   *
   * @param x any value
   */
  public static isConnectionInvitation(x: any): x is ConnectionInvitation {
    return typeof x === 'object' && x !== null && CONNECTION_INVITATION_SYMBOL in x;
  }

  /**
   * Uses a connection invitation made elsewhere, by its ARN.
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param connectionInvitationArn the invitation ARN; when it is not a token it must be a valid invitation ARN
   */
  public static fromConnectionInvitationArn(scope: Construct, id: string, connectionInvitationArn: string): IConnectionInvitation {
    return ConnectionInvitation.fromConnectionInvitationAttributes(scope, id, { connectionInvitationArn });
  }

  /**
   * Uses a connection invitation made elsewhere.
   *
   * When the ARN is known at synth time its id and catalog are parsed (and a malformed ARN is
   * an error); when it is a token they are read from it at deploy time with `Fn::Split`.
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param attrs the invitation's attributes
   */
  public static fromConnectionInvitationAttributes(scope: Construct, id: string, attrs: ConnectionInvitationAttributes): IConnectionInvitation {
    if (typeof attrs !== 'object' || attrs === null) {
      throw new Error(`Invalid ConnectionInvitation import ${futurePath(scope, id)}: \`attrs\` must be an object of ConnectionInvitationAttributes, got: ${describeType(attrs)}`);
    }
    const arn = attrs.connectionInvitationArn;
    const wrongType = checkString('connectionInvitationArn', arn);
    if (wrongType) throw new Error(`Invalid ConnectionInvitation import ${futurePath(scope, id)}: ${wrongType}`);
    let invitationId: string;
    let catalog: Catalog;
    if (Token.isUnresolved(arn)) {
      // arn:<partition>:partnercentral:<region>::catalog/<Catalog>/connection-invitation/<id>
      const parts = Fn.split('/', arn);
      catalog = Catalog.of(Fn.select(1, parts));
      invitationId = Fn.select(3, parts);
    } else {
      const parsed = parseInvitationArn(arn);
      if (!parsed) {
        throw new Error(`Invalid ConnectionInvitation import ${futurePath(scope, id)}: `
          + '`connectionInvitationArn` must be a connection invitation ARN such as '
          + `arn:aws:partnercentral:us-east-1::catalog/AWS/connection-invitation/pacinv-0123456789abc, got: ${JSON.stringify(arn)}`);
      }
      catalog = Catalog.of(parsed.catalog);
      invitationId = parsed.id;
    }
    return new ImportedConnectionInvitation(scope, id, arn, invitationId, catalog);
  }

  /**
   * The invitation id, such as `pacinv-0123456789abc` (the resource's physical id).
   *
   * @attribute
   */
  public readonly connectionInvitationId: string;

  /**
   * The invitation ARN.
   *
   * @attribute
   */
  public readonly connectionInvitationArn: string;

  /**
   * The invitation status when the handler last answered for it (see `InvitationStatus`).
   *
   * `PENDING` right after creation. CloudFormation does not watch the invitation: the value
   * changes only when the resource is updated (a change of its properties), so a redeploy
   * that changes nothing about the invitation keeps `PENDING` after the partner accepted.
   * Follow the live status with `onStatusChange` or `onAccepted` (EventBridge rules on the
   * events Partner Central publishes).
   *
   * @attribute
   */
  public readonly connectionInvitationStatus: string;

  /**
   * The catalog the invitation lives in, as returned by Partner Central.
   *
   * @attribute
   */
  public readonly connectionInvitationCatalog: string;

  /**
   * The connection type, as returned by Partner Central (see `ConnectionType`).
   *
   * @attribute
   */
  public readonly connectionInvitationConnectionType: string;

  /**
   * When the invitation was created (ISO-8601).
   *
   * @attribute
   */
  public readonly connectionInvitationCreatedAt: string;

  /**
   * When the invitation was last updated (ISO-8601).
   *
   * @attribute
   */
  public readonly connectionInvitationUpdatedAt: string;

  /**
   * When the invitation expires (ISO-8601).
   *
   * An empty string when Partner Central gives no expiry.
   *
   * @attribute
   */
  public readonly connectionInvitationExpiresAt: string;

  /**
   * The id of the connection the invitation led to.
   *
   * An empty string until the invitation is accepted and the handler has read it since (see
   * `connectionInvitationStatus` for when that happens).
   *
   * @attribute
   */
  public readonly connectionInvitationConnectionId: string;

  /**
   * The identifier of the receiver, as returned by Partner Central.
   *
   * @attribute
   */
  public readonly connectionInvitationOtherParticipantIdentifier: string;

  /**
   * Which side of the invitation this account is on: `SENDER` for invitations made by this
   * construct (see `ParticipantType`).
   *
   * @attribute
   */
  public readonly connectionInvitationParticipantType: string;

  /**
   * The inviter's e-mail address, as returned by Partner Central.
   *
   * An empty string when it was not returned.
   *
   * @attribute
   */
  public readonly connectionInvitationInviterEmail: string;

  /**
   * The inviter's name, as returned by Partner Central.
   *
   * An empty string when it was not returned.
   *
   * @attribute
   */
  public readonly connectionInvitationInviterName: string;

  /**
   * The catalog the invitation is created in, as chosen in the props.
   */
  public readonly catalog: Catalog;

  private readonly resource: CustomResource;

  /**
   * Declares a connection invitation: deploying the stack sends it.
   *
   * @param scope the parent construct
   * @param id the construct id; renaming it replaces the invitation (a new e-mail to the receiver)
   * @param props what to send, to whom, and in which catalog
   */
  constructor(scope: Construct, id: string, props: ConnectionInvitationProps) {
    // Validated before the construct joins the tree, so that an invalid invitation leaves
    // nothing behind, not even itself, for a caller that catches the error.
    super(scope, validated(scope, id, props));
    Object.defineProperty(this, CONNECTION_INVITATION_SYMBOL, { value: true });

    const catalog = props.catalog ?? Catalog.AWS;

    this.catalog = catalog;
    const provider = ConnectionInvitationProvider.forInvitation(this, providerRequest(props));
    countAgainstDailyQuota(this, catalog.name);
    if (props.logRetention !== undefined) {
      Annotations.of(this).addWarningV2(LOG_RETENTION_DEPRECATED, '`logRetention` of ConnectionInvitation is deprecated: '
        + 'configure the stack\'s provider once with InvitationProvider.configure(stack, { logRetention }) before its first '
        + 'invitation, and remove logRetention from the invitations');
    }

    const properties: InvitationResourceProperties = {
      Catalog: catalog.name,
      ConnectionType: props.connectionType,
      Email: props.email,
      Message: props.message,
      Name: props.name,
      ReceiverIdentifier: props.receiverIdentifier,
      ...(props.clientToken !== undefined ? { ClientToken: props.clientToken } : {}),
    };

    this.resource = libraryCustomResource(this, {
      resourceType: RESOURCE_TYPE,
      serviceToken: provider.function.functionArn,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
      serviceTimeout: props.serviceTimeout ?? DEFAULT_SERVICE_TIMEOUT,
      properties,
    });

    const att = (key: AttributeKey): string => this.resource.getAttString(key);
    this.connectionInvitationId = this.resource.ref;
    this.connectionInvitationArn = att('Arn');
    this.connectionInvitationStatus = att('Status');
    this.connectionInvitationCatalog = att('Catalog');
    this.connectionInvitationConnectionType = att('ConnectionType');
    this.connectionInvitationCreatedAt = att('CreatedAt');
    this.connectionInvitationUpdatedAt = att('UpdatedAt');
    this.connectionInvitationExpiresAt = att('ExpiresAt');
    this.connectionInvitationConnectionId = att('ConnectionId');
    this.connectionInvitationOtherParticipantIdentifier = att('OtherParticipantIdentifier');
    this.connectionInvitationParticipantType = att('ParticipantType');
    this.connectionInvitationInviterEmail = att('InviterEmail');
    this.connectionInvitationInviterName = att('InviterName');
  }

  /**
   * Sets what happens to the invitation when it leaves the stack, as the `removalPolicy` prop does.
   *
   * @param policy `DESTROY` (cancel a pending invitation), `RETAIN` or `RETAIN_ON_UPDATE_OR_DELETE`; `SNAPSHOT` is an error
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    throwIfInvalid(this, removalPolicyProblems(policy));
    this.resource.applyRemovalPolicy(policy);
    leaveDefaultPoliciesOut(this.resource);
  }
}

/** An invitation made elsewhere, known by its ARN. */
class ImportedConnectionInvitation extends ConnectionInvitationBase {
  public readonly connectionInvitationArn: string;
  public readonly connectionInvitationId: string;
  public readonly catalog: Catalog;

  constructor(scope: Construct, id: string, arn: string, invitationId: string, catalog: Catalog) {
    super(scope, id);
    this.connectionInvitationArn = arn;
    this.connectionInvitationId = invitationId;
    this.catalog = catalog;
  }
}

/**
 * Returns `id` when the props of an invitation about to be made at `id` under `scope` are
 * valid, together with what its stack's provider must accept; else throws one error for all
 * the problems.
 */
function validated(scope: Construct, id: string, props: ConnectionInvitationProps): string {
  const path = futurePath(scope, id);
  const problems = validateProps(props);
  if (typeof props === 'object' && props !== null) {
    problems.push(...ConnectionInvitationProvider.problemsFor(scope, path, providerRequest(props)));
  }
  throwIfInvalid(path, problems);
  return id;
}

/** What the stack's provider must know of an invitation: its catalog, receiver and log retention. */
function providerRequest(props: ConnectionInvitationProps): ProviderRequest {
  return {
    catalog: (props.catalog ?? Catalog.AWS).name,
    connectionType: props.connectionType,
    receiverIdentifier: props.receiverIdentifier,
    logRetention: props.logRetention,
  };
}
