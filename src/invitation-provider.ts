import { Annotations, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { PARTNER_CENTRAL_HOST } from './api-constraints';
import { ConnectionInvitationProvider } from './private/provider';
import { throwProblems } from './private/validate-props';
import { ISOLATED_SUBNETS_WARNING, PROVIDER_UNUSED_WARNING, subnetFindings, validateProviderProps } from './private/validate-provider-props';

/**
 * How the connection invitation provider of a stack is configured: its network, its keys,
 * its log group, its concurrency and its name.
 *
 * Every option is optional; an option left unset keeps what a stack without a configuration
 * gets.
 */
export interface InvitationProviderProps {
  /**
   * The VPC the function runs in.
   *
   * The function calls the Partner Central endpoint in us-east-1
   * (`partnercentral-account.us-east-1.api.aws`) and CloudFormation's presigned response URL
   * (Amazon S3, in the stack's region), both over HTTPS: its subnets need a route to both, such
   * as a NAT gateway (see the README: Partner Central documents no interface VPC endpoint).
   *
   * @default - the function runs outside any VPC, in Lambda's own network
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Where in `vpc` the function's network interfaces are placed.
   *
   * Only with `vpc`. Public subnets are an error: a function there gets no public address and
   * cannot reach the internet. Isolated subnets add the warning
   * `cdk-partnercentral:providerSubnetsIsolated`: they have no route out that the VPC declares,
   * so acknowledge it only when a transit gateway or a transparent egress proxy carries the
   * function's HTTPS (the handler reads no `HTTPS_PROXY`).
   *
   * @default - the VPC's private subnets with egress, else its isolated ones (aws-cdk-lib's
   * default for a function)
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The security groups of the function's network interfaces.
   *
   * Only with `vpc`. They must allow outbound HTTPS (TCP 443) to the Partner Central endpoint
   * and to Amazon S3.
   *
   * @default - one security group of the provider's own that allows outbound TCP 443 to any
   * IPv4 address and nothing else, no inbound rule
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The customer managed KMS key that encrypts the function's environment variables.
   *
   * The function has no environment variables of its own; the key covers any that you or
   * Lambda add later.
   *
   * @default - Lambda's AWS managed key (`aws/lambda`)
   */
  readonly environmentEncryption?: kms.IKey;

  /**
   * Your own log group for the function's logs.
   *
   * The provider then creates no log group: retention, encryption and removal are those of
   * yours. Cannot be combined with `logRetention` or `logEncryptionKey`, nor with the deprecated
   * `logRetention` of an invitation in the stack.
   *
   * @default - the provider's own log group, kept when the stack is deleted
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the provider's own log group keeps the function's logs.
   *
   * Not with `logGroup`.
   *
   * @default - `logs.RetentionDays.ONE_YEAR` (or the deprecated `logRetention` of the stack's
   * invitations)
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The customer managed KMS key that encrypts the provider's own log group.
   *
   * Not with `logGroup`. The key's policy must allow CloudWatch Logs of the stack's region
   * (`logs.<region>.amazonaws.com`) to use it, or the deployment fails when it creates the log
   * group (see "Encrypt log data in CloudWatch Logs using AWS KMS" in the CloudWatch Logs guide).
   *
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * How many instances of the function may run at once, reserved from the account's
   * concurrency.
   *
   * A whole number, at least 1. Invitations and accepters share the function: when a stack
   * deploys more of them at once than this, the requests beyond it wait in Lambda's queue, and a
   * create that reaches the function more than 60 seconds after CloudFormation issued it fails
   * without sending anything (the deployment can be run again): the synth warns when the stack
   * has more invitations and accepters than this. Lambda refuses a reservation that would leave
   * the account's unreserved concurrency below its minimum.
   *
   * @default - no reservation: the function shares the account's unreserved concurrency
   */
  readonly reservedConcurrentExecutions?: number;

  /**
   * A prefix for the function's name, for accounts whose policies match functions by name.
   *
   * The name is the prefix followed by a name made from the stack and construct path, 64
   * characters in all. 1 to 32 letters, digits, hyphens and underscores. Set it before the
   * stack's invitations are first deployed: changing or removing it later renames, and so
   * replaces, the function, and CloudFormation refuses to change the service token of the
   * invitations already deployed.
   *
   * @default - a name CloudFormation generates
   */
  readonly functionNamePrefix?: string;
}

/**
 * The provider of a stack's connection invitations: one Lambda function, its role and the log
 * group it writes to.
 */
export interface IInvitationProvider extends IConstruct {
  /** The function CloudFormation invokes for every invitation of the stack. */
  readonly function: lambda.IFunction;

  /** The function's execution role. */
  readonly role: iam.IRole;

  /** The log group the function writes to: the provider's own, or the one it was configured with. */
  readonly logGroup: logs.ILogGroup;
}

/**
 * Configures the provider behind the connection invitations of a stack, once.
 *
 * Every stack that holds invitations has one provider, made by its first invitation. To
 * configure it, call `InvitationProvider.configure(stack, props)` before the stack's first
 * invitation, and only once per stack: a second call, or a call after an invitation of the stack
 * already made the provider with the defaults, is an error that names both places. A stack
 * configured but left without any invitation or accepter gets the warning
 * `cdk-partnercentral:providerUnused`, as its provider would be deployed for nothing.
 *
 * A stack's configuration is its own: other stacks of the app, and the stack's nested stacks
 * (whose invitations have a provider in the nested stack), keep the defaults until they are
 * configured too.
 *
 * @example
 * declare const vpc: ec2.IVpc;
 * declare const key: kms.IKey;
 * InvitationProvider.configure(this, {
 *   vpc,
 *   vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
 *   environmentEncryption: key,
 *   logEncryptionKey: key,
 *   logRetention: logs.RetentionDays.TEN_YEARS,
 *   reservedConcurrentExecutions: 5,
 *   functionNamePrefix: 'acme-',
 * });
 */
export class InvitationProvider {
  /**
   * Configures the provider of the stack that holds `scope`, and returns it.
   *
   * @param scope the stack, or any construct in it
   * @param props the configuration
   */
  public static configure(scope: IConstruct, props: InvitationProviderProps): IInvitationProvider {
    if (Stage.isStage(scope) || scope.node.scope === undefined) {
      throw new Error(`Invalid InvitationProvider configuration at ${scope.node.path || 'the app'}: \`scope\` must be a stack `
        + 'or a construct in one, as each stack has its own provider: configure each stack that holds invitations');
    }
    const stack = Stack.of(scope);
    const problems = validateProviderProps(props);
    const subnets = problems.length === 0 && props.vpc !== undefined ? subnetFindings(props.vpc, props.vpcSubnets) : undefined;
    problems.push(...subnets?.problems ?? []);
    problems.push(...ConnectionInvitationProvider.configurationProblems(stack));
    throwProblems(`Invalid InvitationProvider configuration of stack ${stack.node.path}`, problems);
    const provider = ConnectionInvitationProvider.configured(stack, scope.node.path, props);
    provider.node.addValidation({
      // Read when the app is synthesized: invitations are usually added after the configuration.
      validate: () => {
        if (!provider.inUse) {
          Annotations.of(provider).addWarningV2(PROVIDER_UNUSED_WARNING, `The stack's provider is configured (at ${scope.node.path}) `
            + 'but no connection invitation or accepter of the stack uses it: the stack deploys its function, role and log group '
            + 'for nothing. Configure only the stacks that hold invitations or accepters, or acknowledge this warning.');
        }
        return [];
      },
    });
    if (subnets?.isolated) {
      Annotations.of(provider).addWarningV2(ISOLATED_SUBNETS_WARNING, 'The provider\'s function is placed in isolated subnets '
        + `(configured at ${scope.node.path}), which have no route out that the VPC declares, and Partner Central has no `
        + 'interface VPC endpoint: unless a transit gateway or a transparent egress proxy carries HTTPS to '
        + `${PARTNER_CENTRAL_HOST} and to Amazon S3, every call times out and each invitation fails only after `
        + 'its serviceTimeout. Select private subnets with egress (a NAT gateway), or acknowledge this warning when such a '
        + 'route exists.');
    }
    return provider;
  }

  /**
   * The provider of the stack that holds `scope`, if the stack has one yet (made by its first
   * invitation, or by `configure`).
   *
   * @param scope the stack, or any construct in it
   */
  public static find(scope: IConstruct): IInvitationProvider | undefined {
    return ConnectionInvitationProvider.find(Stack.of(scope));
  }

  private constructor() {}
}
