import * as path from 'path';
import { Annotations, ArnFormat, CfnResource, Duration, Lazy, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { catalogCondition } from './catalog-condition';
import { addAccepterNagSuppressions, addCancelPolicyNagSuppressions, addProviderNagSuppressions } from './nag-suppressions';
import {
  ACCEPT_ACTIONS,
  CANCEL_CONNECTION_ACTIONS,
  CANCEL_READ_ACTIONS,
  DOCUMENTED_CATALOGS,
  FIND_ACTIONS,
  LIST_ACTIONS,
  MANAGE_ACTIONS,
  NETWORK_INTERFACE_ACTIONS,
  PARTNER_CENTRAL_REGION,
  READ_CONNECTION_ACTIONS,
  SEND_ACTIONS,
} from './provider-actions';
import { FUNCTION_NAME_MAX_LENGTH } from './validate-provider-props';

import { HANDLER_TIMEOUT_SECONDS } from '../contract';
import type { IInvitationProvider, InvitationProviderProps } from '../invitation-provider';

/**
 * The construct id of the provider, a direct child of its stack. Stable: renaming it would
 * replace the function, its role and its log group in every deployed stack.
 */
export const PROVIDER_ID = 'PartnerCentralConnectionInvitationProvider';

/** The directory of the bundled handler; `../..` works both from `src/private/` (tests) and `lib/private/` (package). */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', 'connection-invitation-handler');

/** How long the handler may run. It answers CloudFormation before this deadline. */
export const HANDLER_TIMEOUT = Duration.seconds(HANDLER_TIMEOUT_SECONDS);

/**
 * The construct id of the cancel policy, a child of the provider. Stable: renaming it would
 * replace the policy, and CloudFormation could delete the old one before a cleanup Delete.
 */
export const CANCEL_POLICY_ID = 'CancelConnectionsPolicy';

/** The id of the warning when the stack has more invitations than the reserved concurrency. */
export const CONCURRENCY_WARNING = 'cdk-partnercentral:reservedConcurrencyBelowInvitations';

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

/**
 * The spellings of a catalog that an invitation ARN may carry. The `partnercentral:Catalog`
 * condition compares ignoring case (Partner Central's documentation spells the Sandbox catalog
 * both `Sandbox` and `sandbox`), but ARN matching is case-sensitive: the name as written, in
 * lower and upper case, and the documented spelling of a documented catalog (`sandbox` gives
 * `Sandbox` too). A token stands for itself: its value as written at deploy time.
 */
export function catalogSpellings(catalog: string): string[] {
  if (Token.isUnresolved(catalog)) return [catalog];
  const documented = DOCUMENTED_CATALOGS.filter((name) => name.toLowerCase() === catalog.toLowerCase());
  return [...new Set([catalog, catalog.toLowerCase(), catalog.toUpperCase(), ...documented])].sort();
}

/**
 * The ARN patterns of every invitation of the given catalogs, in the stack's partition and
 * Partner Central's region: `arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/connection-invitation/*`
 * for each spelling of each catalog (`catalogSpellings`), sorted, without duplicates.
 */
export function invitationArnPatterns(stack: Stack, catalogs: Iterable<string>): string[] {
  return arnPatterns(stack, catalogs, 'connection-invitation');
}

/**
 * The ARN patterns of every connection of the given catalogs, as `invitationArnPatterns` makes
 * those of invitations: `arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/connection/*`.
 */
export function connectionArnPatterns(stack: Stack, catalogs: Iterable<string>): string[] {
  return arnPatterns(stack, catalogs, 'connection');
}

/** The ARN pattern of every invitation or connection of every catalog: the catalog part is a wildcard. */
function everyCatalogArn(stack: Stack, resource: 'connection-invitation' | 'connection'): string {
  return `arn:${stack.partition}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/*/${resource}/*`;
}

function arnPatterns(stack: Stack, catalogs: Iterable<string>, resource: 'connection-invitation' | 'connection'): string[] {
  const spellings = [...new Set([...catalogs].flatMap(catalogSpellings))].sort();
  return spellings.map((catalog) => `arn:${stack.partition}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/${catalog}/${resource}/*`);
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

/** What one accepter asks of its stack's provider. */
export interface AccepterProviderRequest {
  /** The accepter's catalog name (may be a token). */
  readonly catalog: string;
  /** Whether the accepter names its invitation by the sender (the handler then lists the invitations received). */
  readonly bySender: boolean;
  /** Whether the accepter cancels its connection type when it is deleted. */
  readonly cancelOnDelete: boolean;
  /**
   * What names the accepter's invitation, as far as it is known at synth time (an invitation id,
   * or the sender, connection type and catalog); two accepters of a stack must not name the same.
   */
  readonly invitationKey: string;
}

/** The configuration a provider was made with (`InvitationProvider.configure`), and where. */
interface ProviderConfiguration {
  readonly props: InvitationProviderProps;
  /** The construct path of the scope `configure` was given. */
  readonly configuredAt: string;
}

/**
 * The per-stack singleton behind every connection invitation and accepter of a stack: one
 * Lambda function, its role and its log group. The role's Partner Central permissions are
 * statements conditioned on catalogs: for invitations, sending in the stack's catalogs, reading
 * and canceling on the invitation ARNs of those and the documented ones, listing in the same
 * catalogs; for accepters, accepting and reading on the invitation and connection ARNs of their
 * catalogs and the documented ones, and finding by sender in those of accepters that name one.
 * Canceling connections is a policy of its own (`CANCEL_POLICY_ID`), present only while an
 * accepter cancels on delete, on the ARNs of every catalog. The role's statements grow with the
 * number of catalogs, never with the number of invitations or accepters; the cancel policy never grows.
 *
 * It is made either by `InvitationProvider.configure` (with a configuration) or by the stack's
 * first invitation (with the defaults); `InvitationProvider` is its public face.
 */
export class ConnectionInvitationProvider extends Construct implements IInvitationProvider {
  /**
   * What keeps an invitation that is about to be made at `invitationPath` under `scope` from joining its
   * stack's provider: another construct holding the provider's id, a second invitation to the
   * same receiver, catalog and connection type, or a log retention that differs from another
   * invitation's. Changes nothing, so that the invitation can report these with its other
   * problems before it creates anything.
   */
  public static problemsFor(scope: IConstruct, invitationPath: string, request: ProviderRequest): string[] {
    const existing = ConnectionInvitationProvider.existing(scope);
    return existing.provider?.conflicts(invitationPath, request) ?? existing.problems;
  }

  /**
   * What keeps an accepter that is about to be made at `accepterPath` under `scope` from joining
   * its stack's provider: another construct holding the provider's id, or another accepter of the
   * stack that names the same invitation. Changes nothing.
   */
  public static accepterProblemsFor(scope: IConstruct, accepterPath: string, request: AccepterProviderRequest): string[] {
    const existing = ConnectionInvitationProvider.existing(scope);
    if (existing.provider === undefined) return existing.problems;
    const first = existing.provider.accepterKeys.get(request.invitationKey);
    return first === undefined ? [] : [`${accepterPath} accepts the invitation that ${first} already accepts: `
      + 'an invitation is accepted once, so declare one accepter per invitation'];
  }

  /**
   * What keeps `InvitationProvider.configure` from configuring the provider of `stack`: a
   * provider already there (configured before, or made with the defaults by an invitation), or
   * another construct holding its id.
   */
  public static configurationProblems(stack: Stack): string[] {
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    if (existing === undefined) return [];
    if (!(existing instanceof ConnectionInvitationProvider)) {
      return [`${stack.node.path}/${PROVIDER_ID} is reserved for the connection invitation provider, but another construct has that id`];
    }
    if (existing.configuration !== undefined) {
      return [`the stack's provider was already configured at ${existing.configuration.configuredAt}: a stack's provider is `
        + 'configured once, so pass every option in one call to InvitationProvider.configure'];
    }
    if (existing.firstInvitation === undefined) {
      return [`the stack's provider was already made with the defaults for the accepter ${existing.firstAccepter}: `
        + 'call InvitationProvider.configure before the stack\'s first ConnectionInvitation or ConnectionInvitationAccepter'];
    }
    return [`the stack's provider was already made with the defaults for the invitation ${existing.firstInvitation}: `
      + 'call InvitationProvider.configure before the stack\'s first ConnectionInvitation'];
  }

  /** Makes the provider of `stack` with a configuration; `configurationProblems` found nothing. */
  public static configured(stack: Stack, configuredAt: string, props: InvitationProviderProps): ConnectionInvitationProvider {
    return new ConnectionInvitationProvider(stack, PROVIDER_ID, { props, configuredAt });
  }

  /** The provider of `stack`, if it has one. */
  public static find(stack: Stack): ConnectionInvitationProvider | undefined {
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    return existing instanceof ConnectionInvitationProvider ? existing : undefined;
  }

  /**
   * The provider of the stack that holds `scope`, created with the first invitation and
   * registering the invitation's catalog, receiver and log retention. The invitation has
   * already reported what `problemsFor` finds, before it joined the tree.
   */
  public static forInvitation(scope: IConstruct, request: ProviderRequest): ConnectionInvitationProvider {
    const provider = ConnectionInvitationProvider.findOrMake(scope);
    provider.register(scope.node.path, request);
    return provider;
  }

  /**
   * The provider of the stack that holds `scope`, created with the first accepter (or
   * invitation), registering what the accepter's requests need. The accepter has already
   * reported what `accepterProblemsFor` finds, before it joined the tree.
   */
  public static forAccepter(scope: IConstruct, request: AccepterProviderRequest): ConnectionInvitationProvider {
    const provider = ConnectionInvitationProvider.findOrMake(scope);
    provider.registerAccepter(scope.node.path, request);
    return provider;
  }

  /**
   * The provider already in the stack that holds `scope`, or why the provider's id is taken by
   * another construct (no problem when the stack has neither yet).
   */
  private static existing(scope: IConstruct): { readonly provider?: ConnectionInvitationProvider; readonly problems: string[] } {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(PROVIDER_ID);
    if (existing === undefined || existing instanceof ConnectionInvitationProvider) return { provider: existing, problems: [] };
    return {
      problems: [`${stack.node.path}/${PROVIDER_ID} is reserved for the connection invitation provider, but another construct has that id`
        + (isProviderOfAnotherCopy(existing) ? ' (the provider of another copy of cdk-partnercentral in this app: '
          + 'install one copy, for example with `npm dedupe`, and check with `npm ls cdk-partnercentral`)' : '')],
    };
  }

  /** The provider of the stack that holds `scope`, made with the defaults if the stack has none yet. */
  private static findOrMake(scope: IConstruct): ConnectionInvitationProvider {
    const stack = Stack.of(scope);
    return ConnectionInvitationProvider.find(stack) ?? new ConnectionInvitationProvider(stack, PROVIDER_ID);
  }

  /** The function CloudFormation invokes for every invitation and accepter of the stack. */
  public readonly function: lambda.Function;

  /** Whether an invitation or an accepter of the stack uses the provider (read once the app is built). */
  public get inUse(): boolean {
    return this.firstInvitation !== undefined || this.firstAccepter !== undefined;
  }

  /**
   * The function's execution role: no managed policy, the inline policy below, and the cancel
   * policy while an accepter of the stack cancels on delete.
   */
  public readonly role: iam.Role;

  /** The log group the function writes to: its own, or the configured one. */
  public readonly logGroup: logs.ILogGroup;

  private readonly configuration?: ProviderConfiguration;
  private readonly catalogs = new Set<string>();
  /** The construct path of the first invitation registered, and how many there are. */
  private firstInvitation?: string;
  private invitations = 0;
  /** How many accepters the stack has: they share the function, and so its reservation. */
  private accepters = 0;
  /** Construct path of the invitation to each known catalog, connection type and receiver. */
  private readonly receivers = new Map<string, string>();
  private retention?: { readonly days: logs.RetentionDays; readonly askedBy: string };
  /** The construct path of the first accepter registered. */
  private firstAccepter?: string;
  /** The catalogs of the stack's accepters: all of them, and those that name a sender. */
  private readonly accepterCatalogs = new Set<string>();
  private readonly senderSearchCatalogs = new Set<string>();
  /** Construct path of the accepter of each invitation key. */
  private readonly accepterKeys = new Map<string, string>();
  /** The cancel policy, made with the first accepter that cancels on delete. */
  private cancelConnections?: iam.Policy;
  /** Acknowledge (cdk-nag 3) the ARN patterns of the role that catalogs added since. */
  private readonly acknowledgeNewCatalogs: () => void;

  private constructor(scope: Construct, id: string, configuration?: ProviderConfiguration) {
    super(scope, id);
    this.configuration = configuration;
    const config = configuration?.props ?? {};

    this.logGroup = config.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
      retention: Lazy.number({ produce: () => this.renderRetention() }) as logs.RetentionDays,
      encryptionKey: config.logEncryptionKey,
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

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Creates, reads and cancels AWS Partner Central connection invitations for CloudFormation',
    });
    // Inline in the role, so the policy exists as soon as the role does: the function depends
    // on the role, and every invitation and accepter depends on the function (through its ARN).
    // Rendered when the template is, from the invitations and accepters the stack has then, in
    // one order whatever the order they were declared in.
    (this.role.node.defaultChild as iam.CfnRole).policies = [{
      policyName: 'ConnectionInvitations',
      policyDocument: Lazy.any({
        produce: () => new iam.PolicyDocument({ statements: this.roleStatements(logGroupArn, logStreamsArn, config.vpc !== undefined) }),
      }),
    }];

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
      ...(config.vpc === undefined ? {} : {
        vpc: config.vpc,
        vpcSubnets: config.vpcSubnets,
        securityGroups: config.securityGroups ?? [this.httpsOnlySecurityGroup(config.vpc)],
      }),
      environmentEncryption: config.environmentEncryption,
      reservedConcurrentExecutions: config.reservedConcurrentExecutions,
      functionName: config.functionNamePrefix === undefined ? undefined : `${config.functionNamePrefix}${Names.uniqueResourceName(this, {
        maxLength: FUNCTION_NAME_MAX_LENGTH - config.functionNamePrefix.length,
      })}`,
    });
    this.dependOnAllButTheRole();

    // cdk-nag reads these from the template metadata: the library does not depend on cdk-nag.
    this.acknowledgeNewCatalogs = addProviderNagSuppressions({
      role: this.role,
      function: this.function,
      logStreamsArn,
      invitationArnPatterns: () => invitationArnPatterns(stack, [...this.manageCatalogs(), ...this.acceptCatalogs()]),
      connectionArnPatterns: () => this.firstAccepter === undefined ? [] : connectionArnPatterns(stack, this.acceptCatalogs()),
      inVpc: config.vpc !== undefined,
    });
  }

  /**
   * Makes `resource`, the custom resource of an accepter with `cancelOnDelete`, depend on the
   * cancel policy (made now for the first of them), so that CloudFormation creates the policy
   * before the accepter and deletes the accepter before the policy.
   */
  public dependOnCancelPolicy(resource: IConstruct): void {
    resource.node.addDependency(this.cancelPolicy());
  }

  /**
   * The statements of the role's inline policy, in this order:
   *
   * - the log statement;
   * - for invitations: sending (only when the stack has invitations), reading and canceling,
   *   listing (always: see `MANAGE_ACTIONS`);
   * - for accepters, only when the stack has some: accepting and reading invitations, reading
   *   connections, and finding an invitation by its sender (only when an accepter names one);
   * - in a VPC, the network interface statement.
   *
   * What a Delete with `cancelOnDelete` needs is the cancel policy's (`cancelPolicy`), not here.
   */
  private roleStatements(logGroupArn: string, logStreamsArn: string, inVpc: boolean): iam.PolicyStatement[] {
    const stack = Stack.of(this);
    const statements = [
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroupArn, logStreamsArn],
      }),
    ];
    // Create and List take no resource type: `*`, scoped by the catalog condition. Get, Cancel
    // and Accept take the ConnectionInvitation resource type, GetConnection the Connection one:
    // the ARNs of the catalogs, with the condition kept (Service Authorization Reference).
    if (this.invitations > 0) {
      statements.push(new iam.PolicyStatement({
        sid: 'SendConnectionInvitations',
        actions: SEND_ACTIONS,
        resources: ['*'],
        conditions: catalogCondition([...this.catalogs].sort()),
      }));
    }
    statements.push(
      new iam.PolicyStatement({
        sid: 'ManageConnectionInvitations',
        actions: MANAGE_ACTIONS,
        resources: invitationArnPatterns(stack, this.manageCatalogs()),
        conditions: catalogCondition(this.manageCatalogs()),
      }),
      new iam.PolicyStatement({
        sid: 'ListConnectionInvitations',
        actions: LIST_ACTIONS,
        resources: ['*'],
        conditions: catalogCondition(this.manageCatalogs()),
      }),
    );
    if (this.firstAccepter !== undefined) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'AcceptConnectionInvitations',
          actions: ACCEPT_ACTIONS,
          resources: invitationArnPatterns(stack, this.acceptCatalogs()),
          conditions: catalogCondition(this.acceptCatalogs()),
        }),
        new iam.PolicyStatement({
          sid: 'ReadConnections',
          actions: READ_CONNECTION_ACTIONS,
          resources: connectionArnPatterns(stack, this.acceptCatalogs()),
          conditions: catalogCondition(this.acceptCatalogs()),
        }),
      );
    }
    if (this.senderSearchCatalogs.size > 0) {
      statements.push(new iam.PolicyStatement({
        sid: 'FindReceivedConnectionInvitations',
        actions: FIND_ACTIONS,
        resources: ['*'],
        conditions: catalogCondition(withDocumented(this.senderSearchCatalogs)),
      }));
    }
    if (inVpc) {
      statements.push(new iam.PolicyStatement({
        sid: 'ManageNetworkInterfaces',
        actions: NETWORK_INTERFACE_ACTIONS,
        resources: ['*'],
      }));
    }
    return statements;
  }

  /**
   * The policy that lets the Delete of an accepter with `cancelOnDelete` read its invitation and
   * connection and cancel its connection type: an `AWS::IAM::Policy` of the role, made with the
   * first such accepter, which each of them depends on. CloudFormation updates the role's inline
   * policy before it deletes the resources removed from the stack; this policy is one of those
   * resources when the last such accepter leaves, and CloudFormation deletes it after the
   * accepter that depends on it. It names no catalog (the ARNs' catalog is `*`, no catalog
   * condition): an accepter that leaves a catalog while others stay in other catalogs is updated
   * out of the policy before its Delete runs, and must still be allowed to cancel in it.
   */
  private cancelPolicy(): iam.Policy {
    if (this.cancelConnections !== undefined) return this.cancelConnections;
    const stack = Stack.of(this);
    const invitations = [everyCatalogArn(stack, 'connection-invitation')];
    const connections = [everyCatalogArn(stack, 'connection')];
    const policy = new iam.Policy(this, CANCEL_POLICY_ID, {
      policyName: 'CancelConnections',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadAcceptedConnectionInvitations',
          actions: CANCEL_READ_ACTIONS,
          resources: invitations,
        }),
        new iam.PolicyStatement({
          sid: 'CancelAcceptedConnections',
          actions: CANCEL_CONNECTION_ACTIONS,
          resources: connections,
        }),
      ],
    });
    addCancelPolicyNagSuppressions({ policy, invitationArnPatterns: () => invitations, connectionArnPatterns: () => connections });
    this.cancelConnections = policy;
    return policy;
  }

  /**
   * Renders the function's `DependsOn` as aws-cdk-lib would, without the role. aws-cdk-lib makes
   * a function depend on its role construct, so that it also waits for the role's separate
   * policies; this role has none (its policy is inline), and the function's `Role: Fn::GetAtt`
   * already orders it after the role (a redundant `DependsOn` is cfn-lint W3005). Everything else
   * stays: the routes out of its subnets (a NAT gateway's default route, which aws-cdk-lib adds in
   * a VPC, so that no invitation is sent before the function can reach Partner Central) and what
   * a user adds (`provider.function.node.addDependency(...)`). Read when the template is
   * rendered, after aws-cdk-lib turned construct dependencies into resource ones; routes of a VPC
   * in another stack (and anything else there) are ordered by the stacks' dependency instead.
   */
  private dependOnAllButTheRole(): void {
    const cfnFunction = this.function.node.defaultChild as CfnResource;
    const role = new Set(this.role.node.findAll().filter(CfnResource.isCfnResource));
    const stack = Stack.of(this);
    cfnFunction.addOverride('DependsOn', Lazy.list({
      produce: () => [...new Set(cfnFunction.obtainDependencies()
        // Resources of this template only: older aws-cdk-lib (2.177) also returns resources of the
        // stacks this one depends on, which a DependsOn cannot name (cfn-lint E3005).
        .filter((target): target is CfnResource => CfnResource.isCfnResource(target) && !role.has(target) && Stack.of(target) === stack)
        .map((target) => stack.resolve(target.logicalId) as string))].sort(),
    }, { omitEmpty: true }));
  }

  /** The provider's own security group in `vpc`: outbound HTTPS only, no inbound rule. */
  private httpsOnlySecurityGroup(vpc: ec2.IVpc): ec2.SecurityGroup {
    const group = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'Partner Central connection invitation handler: outbound HTTPS only',
      allowAllOutbound: false,
    });
    group.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
      'HTTPS to Partner Central (us-east-1) and to the CloudFormation response URL (Amazon S3)');
    return group;
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
    const configured = this.configuration;
    if (request.logRetention !== undefined && configured?.props.logGroup !== undefined) {
      problems.push(`\`logRetention\` of ${invitationPath} cannot apply: the stack's provider writes to the log group given to `
        + `InvitationProvider.configure at ${configured.configuredAt}, whose retention is its own: remove logRetention`);
    } else if (request.logRetention !== undefined && configured?.props.logRetention !== undefined
      && configured.props.logRetention !== request.logRetention) {
      problems.push(`\`logRetention\` of ${invitationPath} (${describeRetention(request.logRetention)}) differs from that of `
        + `the provider configured at ${configured.configuredAt} (${describeRetention(configured.props.logRetention)}): `
        + 'remove logRetention from the invitation (it is deprecated in favour of the configuration)');
    } else if (request.logRetention !== undefined && this.retention !== undefined && this.retention.days !== request.logRetention) {
      problems.push(`\`logRetention\` of ${invitationPath} (${describeRetention(request.logRetention)}) differs from that of `
        + `${this.retention.askedBy} (${describeRetention(this.retention.days)}): the invitations of a stack share `
        + 'one handler and one log group, so give them the same logRetention or leave it unset on all but one');
    }
    return problems;
  }

  private register(invitationPath: string, request: ProviderRequest): void {
    this.firstInvitation ??= invitationPath;
    this.invitations += 1;
    this.countAgainstReservation();
    this.catalogs.add(request.catalog);
    const key = receiverKey(request);
    if (key !== undefined) this.receivers.set(key, invitationPath);
    if (request.logRetention !== undefined && this.retention === undefined) {
      this.retention = { days: request.logRetention, askedBy: invitationPath };
    }
    this.acknowledgeNewCatalogs();
  }

  private registerAccepter(accepterPath: string, request: AccepterProviderRequest): void {
    if (this.firstAccepter === undefined) addAccepterNagSuppressions(this.role);
    this.firstAccepter ??= accepterPath;
    this.accepters += 1;
    this.countAgainstReservation();
    this.accepterCatalogs.add(request.catalog);
    if (request.bySender) this.senderSearchCatalogs.add(request.catalog);
    this.accepterKeys.set(request.invitationKey, accepterPath);
    this.acknowledgeNewCatalogs();
  }

  /**
   * Warns once, when the stack's invitations and accepters (whose requests all run on the one
   * function) first outnumber the reserved concurrency; the message stays true as they grow.
   */
  private countAgainstReservation(): void {
    const reserved = this.configuration?.props.reservedConcurrentExecutions;
    if (reserved === undefined || Token.isUnresolved(reserved) || this.invitations + this.accepters !== reserved + 1) return;
    Annotations.of(this).addWarningV2(CONCURRENCY_WARNING, 'The stack has more connection invitations and accepters than the '
      + `provider's reservedConcurrentExecutions (${reserved}, configured at ${this.configuration!.configuredAt}): when `
      + 'CloudFormation creates or updates more of them at once, the requests beyond it wait in Lambda\'s queue (the wait '
      + 'counts against their serviceTimeout), and a create that reaches the function more than 60 s after CloudFormation '
      + 'issued it fails without sending anything (deploy again). Raise reservedConcurrentExecutions to the number of '
      + 'invitations and accepters, or leave it unset.');
  }

  /** The catalogs the manage and list actions are allowed in: the stack's and the documented ones, sorted. */
  private manageCatalogs(): string[] {
    return withDocumented(this.catalogs);
  }

  /** The catalogs accepting and reading connections are allowed in: the accepters' and the documented ones, sorted. */
  private acceptCatalogs(): string[] {
    return withDocumented(this.accepterCatalogs);
  }

  private renderRetention(): number | undefined {
    const days = this.configuration?.props.logRetention ?? this.retention?.days ?? DEFAULT_LOG_RETENTION;
    return days === logs.RetentionDays.INFINITE ? undefined : days;
  }
}

/** The given catalogs and the documented ones, sorted, without duplicates. */
function withDocumented(catalogs: Iterable<string>): string[] {
  return [...new Set([...DOCUMENTED_CATALOGS, ...catalogs])].sort();
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
