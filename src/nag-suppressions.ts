/**
 * cdk-nag suppressions for the resources of the invitation provider, written as the CloudFormation
 * metadata cdk-nag reads, so that the library needs no dependency on cdk-nag and its users have
 * nothing of the library's to suppress. Internal: not exported from index.ts.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';

/** The metadata key cdk-nag reads suppressions from (`NagSuppressions.addResourceSuppressions` writes it). */
export const NAG_METADATA_KEY = 'cdk_nag';

/** A finding id cdk-nag compares for equality, or `{ regex: '/.../' }` it tests. */
export type NagFinding = string | { readonly regex: string };

/** One suppression in cdk-nag's metadata shape (snake_case keys, as in the template). */
export interface NagSuppression {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: NagFinding[];
}

/** The provider resources that carry suppressions. */
export interface ProviderNagTargets {
  /** The handler's role, whose inline policy holds both wildcard resources. */
  readonly role: iam.Role;
  /** The handler's log group, whose ARN the role's log statement names. */
  readonly logGroup: logs.LogGroup;
}

/**
 * Adds the provider's cdk-nag suppressions to its role.
 *
 * The library fixes what can be fixed (latest Node.js runtime, no managed policy, log
 * retention); what remains are two AwsSolutions-IAM5 findings on the role, each suppressed
 * for that exact resource string only:
 *
 * - `Resource::*` of the two Partner Central statements: the service documents no resource-level
 *   ARNs for the connection invitation actions; the statements are scoped by the
 *   `partnercentral:Catalog` condition instead.
 * - `<log group ARN>:*`: the log streams of the function's own log group, whose names Lambda
 *   chooses at run time.
 */
export function addProviderNagSuppressions(targets: ProviderNagTargets): void {
  const stack = Stack.of(targets.role);
  const logGroupLogicalId = stack.resolve((targets.logGroup.node.defaultChild as CfnResource).logicalId) as string;

  addSuppressions(targets.role.node.defaultChild as CfnResource, [
    {
      id: 'AwsSolutions-IAM5',
      reason: 'AWS Partner Central documents no resource-level ARNs for the connection invitation actions; '
        + 'the statements are scoped by the partnercentral:Catalog condition (sending to the catalogs the stack uses).',
      applies_to: ['Resource::*'],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason: 'The handler writes to log streams that Lambda names at run time, all inside the '
        + 'handler\'s own log group.',
      // The ARN of this provider's log group followed by `:*`; partition, region and account
      // are tokens in an environment-agnostic stack and literals in one with an explicit env.
      applies_to: [{
        regex: `/^Resource::arn:${pseudo('Partition')}:logs:${pseudo('Region')}:${pseudo('AccountId')}`
          + `:log-group:<${escapeRegex(logGroupLogicalId)}>:\\*$/`,
      }],
    },
  ]);
}

/** Writes suppressions to a resource's cdk-nag metadata (the provider's resources are new: nothing to keep). */
function addSuppressions(resource: CfnResource, suppressions: NagSuppression[]): void {
  resource.addMetadata(NAG_METADATA_KEY, { rules_to_suppress: suppressions });
}

/** A regex for a pseudo parameter as cdk-nag prints it (`<AWS::Region>`) or its literal value. */
function pseudo(name: string): string {
  return `(?:<AWS::${name}>|[a-z0-9-]+)`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
