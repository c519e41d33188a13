import * as path from 'path';
import { ArnFormat, CfnResource, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { addProviderNagSuppressions } from './nag-suppressions';

/**
 * The construct id of the provider, a direct child of its stack. Stable: renaming it would
 * replace the function, its role and its log group in every deployed stack.
 */
export const PROVIDER_ID = 'PartnerCentralConnectionInvitationProvider';

/** The directory of the bundled handler; `../..` works both from `src/private/` (tests) and `lib/private/` (package). */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'connection-invitation-handler');

/** How long the handler may run. It answers CloudFormation before this deadline. */
export const HANDLER_TIMEOUT = Duration.minutes(2);

/** The action that sends an invitation: allowed only in the catalogs the stack's invitations use. */
export const SEND_ACTIONS = ['partnercentral:CreateConnectionInvitation'];

/**
 * The actions that read, cancel and list invitations the stack made earlier. They run for
 * invitations that are leaving the stack too (a cleanup Delete after an invitation moved to
 * another catalog, or after the last invitation of a catalog was removed), which CloudFormation
 * runs after the role already lost that catalog: they are allowed in the documented catalogs as
 * well as the stack's own.
 */
export const MANAGE_ACTIONS = [
  'partnercentral:GetConnectionInvitation',
  'partnercentral:CancelConnectionInvitation',
  'partnercentral:ListConnectionInvitations',
];

/** The catalogs Partner Central documents; the manage actions are always allowed in them. */
export const DOCUMENTED_CATALOGS = ['AWS', 'Sandbox'];

/** The log retention when no invitation of the stack asks for one. */
export const DEFAULT_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/** The oldest Node.js major the handler is built for. */
const MIN_NODE_MAJOR = 22;

/**
 * The newest `nodejs<N>.x` runtime with N >= 22 that the installed aws-cdk-lib knows, so the
 * function stays on the latest Node.js runtime whichever aws-cdk-lib the user has.
 */
export function latestNodeRuntime(): lambda.Runtime {
  let best: lambda.Runtime = lambda.Runtime.NODEJS_22_X;
  let bestMajor = MIN_NODE_MAJOR;
  for (const runtime of lambda.Runtime.ALL) {
    if (runtime.family !== lambda.RuntimeFamily.NODEJS || runtime.isVariable) continue;
    const m = /^nodejs(\d+)\.x$/.exec(runtime.name);
    if (!m) continue;
    const major = Number(m[1]);
    if (major > bestMajor) {
      best = runtime;
      bestMajor = major;
    }
  }
  return best;
}

/** What one invitation asks of its stack's provider. */
export interface ProviderRequest {
  /** The invitation's catalog name (may be a token). */
  readonly catalog: string;
  /** The invitation's connection type (may be a token). */
  readonly connectionType: string;
  /** The invitation's receiver (may be a token). */
  readonly receiverIdentifier: string;
  /** The log retention the invitation asks for; `undefined` for no preference. */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The per-stack singleton behind every connection invitation of a stack: one Lambda function,
 * its role and its log group. The role's Partner Central permissions are two statements
 * conditioned on catalogs (sending in the stack's catalogs; reading, canceling and listing in
 * those and the documented ones), so the policy does not grow with the number of invitations.
 */
export class ConnectionInvitationProvider extends Construct {
  /**
   * What keeps an invitation that is about to be made at `invitationPath` under `scope` from joining its
   * stack's provider: another construct holding the provider's id, a second invitation to the
   * same receiver, catalog and connection type, or a log retention that differs from another
   * invitation's. Changes nothing, so that the invitation can report these with its other
   * problems before it creates anything.
   */
  public static problemsFor(scope: IConstruct, invitationPath: string, request: ProviderRequest): string[] {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    if (existing === undefined) return [];
    if (!(existing instanceof ConnectionInvitationProvider)) {
      return [`${stack.node.path}/${PROVIDER_ID} is reserved for the connection invitation provider, but another construct has that id`
        + (isProviderOfAnotherCopy(existing) ? ' (the provider of another copy of cdk-partnercentral in this app: '
          + 'install one copy, for example with `npm dedupe`, and check with `npm ls cdk-partnercentral`)' : '')];
    }
    return existing.conflicts(invitationPath, request);
  }

  /**
   * The provider of the stack that holds `scope`, created with the first invitation and
   * registering the invitation's catalog, receiver and log retention. The invitation has
   * already reported what `problemsFor` finds, before it joined the tree.
   */
  public static forInvitation(scope: IConstruct, request: ProviderRequest): ConnectionInvitationProvider {
    const stack = Stack.of(scope);
    const provider = (stack.node.tryFindChild(PROVIDER_ID) as ConnectionInvitationProvider | undefined)
      ?? new ConnectionInvitationProvider(stack, PROVIDER_ID);
    provider.register(scope.node.path, request);
    return provider;
  }

  /** The function CloudFormation invokes for every invitation of the stack. */
  public readonly function: lambda.Function;

  /** The function's execution role: no managed policy, only the inline policy below. */
  public readonly role: iam.Role;

  /** The log group the function writes to. */
  public readonly logGroup: logs.LogGroup;

  private readonly catalogs = new Set<string>();
  /** Construct path of the invitation to each known catalog, connection type and receiver. */
  private readonly receivers = new Map<string, string>();
  private retention?: { readonly days: logs.RetentionDays; readonly askedBy: string };

  private constructor(scope: Construct, id: string) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: Lazy.number({ produce: () => this.renderRetention() }) as logs.RetentionDays,
      // The log is the record of which invitations were sent and canceled: keep it after the
      // stack is gone (it expires with its retention, and its generated name never collides).
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const stack = Stack.of(this);
    const logGroupArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const logStreamsArn = `${logGroupArn}:*`;

    // Inline in the role, so the policy exists as soon as the role does: the function depends
    // on the role, and every invitation depends on the function (through its ARN).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Creates, reads and cancels AWS Partner Central connection invitations for CloudFormation',
      inlinePolicies: {
        ConnectionInvitations: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'WriteOwnLogs',
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroupArn, logStreamsArn],
            }),
            // Partner Central does not document resource-level ARNs for these actions: the
            // catalog condition is the scope of both statements.
            new iam.PolicyStatement({
              sid: 'SendConnectionInvitations',
              actions: SEND_ACTIONS,
              resources: ['*'],
              conditions: {
                StringEqualsIgnoreCase: {
                  'partnercentral:Catalog': Lazy.list({ produce: () => [...this.catalogs].sort() }),
                },
              },
            }),
            new iam.PolicyStatement({
              sid: 'ManageConnectionInvitations',
              actions: MANAGE_ACTIONS,
              resources: ['*'],
              conditions: {
                StringEqualsIgnoreCase: {
                  'partnercentral:Catalog': Lazy.list({ produce: () => [...new Set([...DOCUMENTED_CATALOGS, ...this.catalogs])].sort() }),
                },
              },
            }),
          ],
        }),
      },
    });

    this.function = new lambda.Function(this, 'Function', {
      description: 'CloudFormation custom resource handler for AWS Partner Central connection invitations',
      code: lambda.Code.fromAsset(HANDLER_ASSET_DIR),
      handler: 'index.handler',
      runtime: latestNodeRuntime(),
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: HANDLER_TIMEOUT,
      role: this.role,
      logGroup: this.logGroup,
    });
    // aws-cdk-lib makes a function depend on its role construct, so that it also waits for the
    // role's separate policies; this role has none (its policy is inline), and the function's
    // `Role: Fn::GetAtt` already orders it after the role (a redundant DependsOn is cfn-lint W3005).
    (this.function.node.defaultChild as CfnResource).addDeletionOverride('DependsOn');

    // cdk-nag reads these from the template metadata: the library does not depend on cdk-nag.
    addProviderNagSuppressions({ role: this.role, logStreamsArn });
  }

  /** The problems `request` of the invitation at `invitationPath` has with the invitations already registered. */
  private conflicts(invitationPath: string, request: ProviderRequest): string[] {
    const problems: string[] = [];
    const key = receiverKey(request);
    const first = key === undefined ? undefined : this.receivers.get(key);
    if (first !== undefined) {
      // Partner Central keeps one pending invitation per receiver, catalog and connection type:
      // the second one would fail at deploy time with DUPLICATE_CONNECTION_INVITATION.
      problems.push(`${invitationPath} invites ${request.receiverIdentifier} (${request.connectionType}, catalog ${request.catalog}) as ${first} `
        + 'already does: Partner Central accepts one pending invitation per receiver, catalog and connection type, '
        + 'so declare one invitation per receiver');
    }
    if (request.logRetention !== undefined && this.retention !== undefined && this.retention.days !== request.logRetention) {
      problems.push(`\`logRetention\` of ${invitationPath} (${describeRetention(request.logRetention)}) differs from that of `
        + `${this.retention.askedBy} (${describeRetention(this.retention.days)}): the invitations of a stack share `
        + 'one handler and one log group, so give them the same logRetention or leave it unset on all but one');
    }
    return problems;
  }

  private register(invitationPath: string, request: ProviderRequest): void {
    this.catalogs.add(request.catalog);
    const key = receiverKey(request);
    if (key !== undefined) this.receivers.set(key, invitationPath);
    if (request.logRetention !== undefined && this.retention === undefined) {
      this.retention = { days: request.logRetention, askedBy: invitationPath };
    }
  }

  private renderRetention(): number | undefined {
    const days = this.retention?.days ?? DEFAULT_LOG_RETENTION;
    return days === logs.RetentionDays.INFINITE ? undefined : days;
  }
}

/** The key of a receiver, catalog and connection type, or `undefined` when one of them is a token. */
function receiverKey(request: ProviderRequest): string | undefined {
  const { catalog, connectionType, receiverIdentifier } = request;
  if ([catalog, connectionType, receiverIdentifier].some((v) => Token.isUnresolved(v))) return undefined;
  return JSON.stringify([catalog, connectionType, receiverIdentifier]);
}

/** Whether a construct is the provider made by another copy of this library (same id, same shape). */
function isProviderOfAnotherCopy(construct: IConstruct): boolean {
  return construct.constructor.name === ConnectionInvitationProvider.name;
}

function describeRetention(days: logs.RetentionDays): string {
  if (Token.isUnresolved(days)) return 'a token';
  return days === logs.RetentionDays.INFINITE ? 'never expire' : `${days} days`;
}
