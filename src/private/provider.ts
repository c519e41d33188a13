import * as path from 'path';
import { Annotations, ArnFormat, CfnResource, Duration, Lazy, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { addAccepterNagSuppressions, addCancelPolicyNagSuppressions, addProviderNagSuppressions } from './nag-suppressions';
import { latestNodeRuntime } from './node-runtime';
import { cancelPolicyStatements, roleArnPatterns, roleStatements, RolePolicyInputs } from './provider-policy';
import {
  AccepterProviderRequest,
  ProviderConfiguration,
  ProviderRegistry,
  ProviderRequest,
  reservedIdProblem,
} from './provider-registry';
import { FUNCTION_NAME_MAX_LENGTH } from './validate-provider-props';

import { HANDLER_ASSET_NAME, HANDLER_TIMEOUT_SECONDS } from '../contract';
import type { IInvitationProvider, InvitationProviderProps } from '../invitation-provider';

/**
 * The construct id of the provider, a direct child of its stack. Stable: renaming it would
 * replace the function, its role and its log group in every deployed stack.
 */
export const PROVIDER_ID = 'PartnerCentralConnectionInvitationProvider';

/** The directory of the bundled handler; `../..` works both from `src/private/` (tests) and `lib/private/` (package). */
export const HANDLER_ASSET_DIR = path.join(__dirname, '..', '..', 'assets', HANDLER_ASSET_NAME);

/** How long the handler may run. It answers CloudFormation before this deadline. */
export const HANDLER_TIMEOUT = Duration.seconds(HANDLER_TIMEOUT_SECONDS);

/**
 * The construct id of the cancel policy, a child of the provider. Stable: renaming it would
 * replace the policy, and CloudFormation could delete the old one before a cleanup Delete.
 */
export const CANCEL_POLICY_ID = 'CancelConnectionsPolicy';

/** The id of the warning when the stack has more invitations than the reserved concurrency. */
export const CONCURRENCY_WARNING = 'cdk-partnercentral:reservedConcurrencyBelowInvitations';

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
    return existing.provider?.registry.conflicts(invitationPath, request) ?? existing.problems;
  }

  /**
   * What keeps an accepter that is about to be made at `accepterPath` under `scope` from joining
   * its stack's provider: another construct holding the provider's id, or another accepter of the
   * stack that names the same invitation. Changes nothing.
   */
  public static accepterProblemsFor(scope: IConstruct, accepterPath: string, request: AccepterProviderRequest): string[] {
    const existing = ConnectionInvitationProvider.existing(scope);
    return existing.provider?.registry.accepterConflicts(accepterPath, request) ?? existing.problems;
  }

  /**
   * What keeps `InvitationProvider.configure` from configuring the provider of `stack`: a
   * provider already there (configured before, or made with the defaults by an invitation), or
   * another construct holding its id.
   */
  public static configurationProblems(stack: Stack): string[] {
    const existing = ConnectionInvitationProvider.existing(stack);
    return existing.provider?.registry.configurationProblems() ?? existing.problems;
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
    provider.registry.register(scope.node.path, request);
    provider.registered();
    return provider;
  }

  /**
   * The provider of the stack that holds `scope`, created with the first accepter (or
   * invitation), registering what the accepter's requests need. The accepter has already
   * reported what `accepterProblemsFor` finds, before it joined the tree.
   */
  public static forAccepter(scope: IConstruct, request: AccepterProviderRequest): ConnectionInvitationProvider {
    const provider = ConnectionInvitationProvider.findOrMake(scope);
    if (!provider.registry.hasAccepters) addAccepterNagSuppressions(provider.role);
    provider.registry.registerAccepter(scope.node.path, request);
    provider.registered();
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
    return { problems: [reservedIdProblem(`${stack.node.path}/${PROVIDER_ID}`, isProviderOfAnotherCopy(existing))] };
  }

  /** The provider of the stack that holds `scope`, made with the defaults if the stack has none yet. */
  private static findOrMake(scope: IConstruct): ConnectionInvitationProvider {
    const stack = Stack.of(scope);
    return ConnectionInvitationProvider.find(stack) ?? new ConnectionInvitationProvider(stack, PROVIDER_ID);
  }

  /** The function CloudFormation invokes for every invitation and accepter of the stack. */
  public readonly function: lambda.Function;

  /**
   * The function's execution role: no managed policy, the inline policy below, and the cancel
   * policy while an accepter of the stack cancels on delete.
   */
  public readonly role: iam.Role;

  /** The log group the function writes to: its own, or the configured one. */
  public readonly logGroup: logs.ILogGroup;

  /** What the stack's invitations and accepters registered, which the role and the log group render. */
  private readonly registry: ProviderRegistry;
  /** The cancel policy, made with the first accepter that cancels on delete. */
  private cancelConnections?: iam.Policy;
  /** Acknowledge (cdk-nag 3) the ARN patterns of the role that catalogs added since. */
  private readonly acknowledgeNewCatalogs: () => void;

  private constructor(scope: Construct, id: string, configuration?: ProviderConfiguration) {
    super(scope, id);
    this.registry = new ProviderRegistry(configuration);
    const config = configuration?.props ?? {};

    this.logGroup = config.logGroup ?? new logs.LogGroup(this, 'LogGroup', {
      retention: Lazy.number({ produce: () => this.registry.retentionDays() }) as logs.RetentionDays,
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
    const policyInputs = (): RolePolicyInputs => this.registry.policyInputs({ logGroupArn, logStreamsArn, inVpc: config.vpc !== undefined });

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
        produce: () => new iam.PolicyDocument({ statements: roleStatements(stack, policyInputs()) }),
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
      invitationArnPatterns: () => roleArnPatterns(stack, policyInputs()).invitations,
      connectionArnPatterns: () => roleArnPatterns(stack, policyInputs()).connections,
      inVpc: config.vpc !== undefined,
    });
  }

  /** Whether an invitation or an accepter of the stack uses the provider (read once the app is built). */
  public get inUse(): boolean {
    return this.registry.inUse;
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
    const { statements, invitations, connections } = cancelPolicyStatements(Stack.of(this));
    const policy = new iam.Policy(this, CANCEL_POLICY_ID, {
      policyName: 'CancelConnections',
      roles: [this.role],
      statements,
    });
    addCancelPolicyNagSuppressions({ policy, invitationArnPatterns: () => invitations, connectionArnPatterns: () => connections });
    this.cancelConnections = policy;
    return policy;
  }

  /**
   * After an invitation or an accepter registered: warns once, when the stack's invitations and
   * accepters (whose requests all run on the one function) first outnumber the reserved
   * concurrency (the message stays true as they grow), and acknowledges the role's new catalogs.
   */
  private registered(): void {
    const reserved = this.registry.justOutnumberedReservation();
    if (reserved !== undefined) {
      Annotations.of(this).addWarningV2(CONCURRENCY_WARNING, 'The stack has more connection invitations and accepters than the '
        + `provider's reservedConcurrentExecutions (${reserved}, configured at ${this.registry.configuration!.configuredAt}): when `
        + 'CloudFormation creates or updates more of them at once, the requests beyond it wait in Lambda\'s queue (the wait '
        + 'counts against their serviceTimeout), and a create that reaches the function more than 60 s after CloudFormation '
        + 'issued it fails without sending anything (deploy again). Raise reservedConcurrentExecutions to the number of '
        + 'invitations and accepters, or leave it unset.');
    }
    this.acknowledgeNewCatalogs();
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
}

/** Whether a construct is the provider made by another copy of this library (same id, same shape). */
function isProviderOfAnotherCopy(construct: IConstruct): boolean {
  return construct.constructor.name === ConnectionInvitationProvider.name;
}
