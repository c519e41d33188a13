/**
 * cdk-nag suppressions for the resources of the invitation provider, so that the library needs
 * no dependency on cdk-nag and its users have nothing of the library's to acknowledge, on both
 * majors of cdk-nag (nag-acknowledge.ts: how each major is told): which findings of which
 * resource are acknowledged, matched as each major prints them, with their reasons
 * (nag-reasons.ts).
 *
 * Internal: not exported from index.ts.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PARTNER_CENTRAL_REGION } from '../api-constraints';
import { acknowledge, acknowledgeAsTheyAre, flattenCfnReference, NAG_METADATA_KEY, type NagSuppression } from './nag-acknowledge';
import {
  CANCEL_ARNS_REASON,
  CANCEL_POLICY_REASON,
  CONNECTION_ARNS_REASON,
  DLQ_REASON,
  INLINE_POLICY_REASON,
  INVITATION_ARNS_REASON,
  LOG_STREAMS_REASON,
  NETWORK_INTERFACE_REASON,
  PARTNER_CENTRAL_REASON,
} from './nag-reasons';

/** The provider resources that carry suppressions. */
export interface ProviderNagTargets {
  /** The handler's role, whose inline policy holds the wildcard resources. */
  readonly role: iam.Role;
  /** The handler's function. */
  readonly function: lambda.Function;
  /** The resource of the role's log statement that names the log group's streams (`<log group ARN>:*`). */
  readonly logStreamsArn: string;
  /**
   * The invitation ARN patterns of the role's statements on invitations
   * (`arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/connection-invitation/*`), as
   * they are when asked: the stack's catalogs grow as invitations join it.
   */
  readonly invitationArnPatterns: () => string[];
  /**
   * The connection ARN patterns of the role's GetConnection statement
   * (`arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/connection/*`), as they are
   * when asked: none before the stack's first accepter.
   */
  readonly connectionArnPatterns: () => string[];
  /** Whether the function runs in a VPC (its role then has the network interface statement, on `*` too). */
  readonly inVpc: boolean;
}

/** The cancel policy of a provider (made with the first accepter that cancels on delete). */
export interface CancelPolicyNagTargets {
  /** The policy, whose statements name invitation and connection ARN patterns. */
  readonly policy: iam.Policy;
  /** Its invitation ARN patterns, as they are when asked. */
  readonly invitationArnPatterns: () => string[];
  /** Its connection ARN patterns, as they are when asked. */
  readonly connectionArnPatterns: () => string[];
}

/** The rule both findings belong to: wildcard resources in an IAM policy. */
const RULE = 'AwsSolutions-IAM5';

/** The compliance packs whose rules the library acknowledges on its own resources (cdk-nag's rule id prefixes). */
export const COMPLIANCE_PACKS = ['NIST.800.53.R5', 'HIPAA.Security'];

/**
 * Adds the provider's cdk-nag suppressions to its role. Returns what acknowledges (cdk-nag 3)
 * the ARN patterns of catalogs that joined the stack since: call it when one joins.
 *
 * The library fixes what can be fixed (latest Node.js runtime, no managed policy, log
 * retention; with `InvitationProvider.configure`: a VPC, reserved concurrency, encrypted logs);
 * what remains are AwsSolutions-IAM5 findings on the role, each suppressed for that exact
 * resource string only:
 *
 * - `Resource::*` of the Create and List statements: those actions take no resource type; the
 *   statements are scoped by the `partnercentral:Catalog` condition. In a VPC, also the network
 *   interface statement.
 * - `<invitation ARN pattern>` of the statements on invitations (Get and Cancel, and with
 *   accepters Accept), one per spelling of each catalog: the ids are Partner Central's.
 * - with accepters, `<connection ARN pattern>` of the GetConnection statement, likewise (its
 *   cdk-nag 2 suppression is added with the first accepter, `addAccepterNagSuppressions`).
 * - `<log group ARN>:*`: the log streams of the function's log group, whose names Lambda
 *   chooses at run time.
 *
 * and, of the NIST 800-53 R5 and HIPAA Security packs, the two rules whose fix would break the
 * library's guarantees: `LambdaDLQ` on the function (a queue would keep the ResponseURL and
 * personal data) and `IAMNoInlinePolicy` on the role (see the reasons below).
 */
export function addProviderNagSuppressions(targets: ProviderNagTargets): () => void {
  const stack = Stack.of(targets.role);
  const role = targets.role.node.defaultChild as CfnResource;
  const fn = targets.function.node.defaultChild as CfnResource;
  const wildcardReason = PARTNER_CENTRAL_REASON + (targets.inVpc ? NETWORK_INTERFACE_REASON : '');

  // cdk-nag 2: a regex, so that the log group ARN matches whether partition, region and account
  // are tokens (an environment-agnostic stack) or literals (a stack with an explicit env), and
  // whatever logical id the log group ends up with (an app may rename it after this runs). The
  // role's only statement with a log group is the one for its own log group.
  role.addMetadata(NAG_METADATA_KEY, {
    rules_to_suppress: [
      { id: RULE, reason: wildcardReason, applies_to: ['Resource::*'] },
      invitationArnsSuppression(),
      {
        id: RULE,
        reason: LOG_STREAMS_REASON,
        applies_to: [{
          // The log group's name: a reference to the provider's own, or a configured one's literal name.
          regex: `/^Resource::arn:${pseudo('Partition')}:logs:${pseudo('Region')}:${pseudo('AccountId')}`
            + ':log-group:(?:<[^<>]+>|[A-Za-z0-9._/#-]+):\\*$/',
        }],
      },
      ...COMPLIANCE_PACKS.map((pack) => ({ id: `${pack}-IAMNoInlinePolicy`, reason: INLINE_POLICY_REASON })),
    ] satisfies NagSuppression[],
  });
  fn.addMetadata(NAG_METADATA_KEY, {
    rules_to_suppress: COMPLIANCE_PACKS.map((pack) => ({ id: `${pack}-LambdaDLQ`, reason: DLQ_REASON })) satisfies NagSuppression[],
  });

  // cdk-nag 3: the exact finding ids, as cdk-nag renders the resources of the resolved policy,
  // followed until the app is synthesized (see acknowledgeAsTheyAre).
  const logStreamsFinding = () => `${RULE}[Resource::${flattenCfnReference(stack.resolve(targets.logStreamsArn))}]`;
  acknowledge(role, [
    { id: `${RULE}[Resource::*]`, reason: wildcardReason },
    ...COMPLIANCE_PACKS.map((pack) => ({ id: `${pack}-IAMNoInlinePolicy`, reason: INLINE_POLICY_REASON })),
  ]);
  acknowledge(fn, COMPLIANCE_PACKS.map((pack) => ({ id: `${pack}-LambdaDLQ`, reason: DLQ_REASON })));
  return acknowledgeAsTheyAre(role, () => [
    ...arnFindings(stack, targets.invitationArnPatterns(), INVITATION_ARNS_REASON),
    ...arnFindings(stack, targets.connectionArnPatterns(), CONNECTION_ARNS_REASON),
    { id: logStreamsFinding(), reason: LOG_STREAMS_REASON },
  ]);
}

/**
 * Adds the cdk-nag 2 suppression of the connection ARN patterns to the provider's role, when
 * the stack's first accepter gives its role the GetConnection statement (cdk-nag 3's
 * acknowledgements follow the patterns by themselves).
 */
export function addAccepterNagSuppressions(role: iam.Role): void {
  const cfnRole = role.node.defaultChild as CfnResource;
  const metadata = cfnRole.getMetadata(NAG_METADATA_KEY) as { rules_to_suppress: NagSuppression[] };
  const rules = metadata.rules_to_suppress;
  // After the invitation ARNs' suppression, which it reads like.
  const at = rules.findIndex((r) => r.reason === INVITATION_ARNS_REASON) + 1;
  rules.splice(at, 0, connectionArnsSuppression());
}

/**
 * Adds the cdk-nag suppressions of the provider's cancel policy: AwsSolutions-IAM5 for its
 * invitation and connection ARN patterns (the ids are Partner Central's), and the compliance
 * packs' `IAMNoInlinePolicy` (see `CANCEL_POLICY_REASON`). Returns what acknowledges (cdk-nag 3)
 * the ARN patterns of catalogs that joined the policy since.
 */
export function addCancelPolicyNagSuppressions(targets: CancelPolicyNagTargets): () => void {
  const stack = Stack.of(targets.policy);
  const policy = targets.policy.node.defaultChild as CfnResource;
  policy.addMetadata(NAG_METADATA_KEY, {
    rules_to_suppress: [
      { id: RULE, reason: CANCEL_ARNS_REASON, applies_to: [{ regex: everyCatalogArnRegex('connection-invitation') }] },
      { id: RULE, reason: CANCEL_ARNS_REASON, applies_to: [{ regex: everyCatalogArnRegex('connection') }] },
      ...COMPLIANCE_PACKS.map((pack) => ({ id: `${pack}-IAMNoInlinePolicy`, reason: CANCEL_POLICY_REASON })),
    ] satisfies NagSuppression[],
  });
  acknowledge(policy, COMPLIANCE_PACKS.map((pack) => ({ id: `${pack}-IAMNoInlinePolicy`, reason: CANCEL_POLICY_REASON })));
  return acknowledgeAsTheyAre(policy, () => [
    ...arnFindings(stack, targets.invitationArnPatterns(), CANCEL_ARNS_REASON),
    ...arnFindings(stack, targets.connectionArnPatterns(), CANCEL_ARNS_REASON),
  ]);
}

/** The cancel policy's ARN of every catalog, as cdk-nag 2 prints it. */
function everyCatalogArnRegex(resource: 'connection-invitation' | 'connection'): string {
  return `/^Resource::arn:${pseudo('Partition')}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/\\*/${resource}/\\*$/`;
}

/** cdk-nag 2's suppression of the invitation ARN patterns: the catalog a literal name, or a token as cdk-nag prints it (`<Param>`). */
function invitationArnsSuppression(): NagSuppression {
  return { id: RULE, reason: INVITATION_ARNS_REASON, applies_to: [{ regex: partnerCentralArnRegex('connection-invitation') }] };
}

/** cdk-nag 2's suppression of the connection ARN patterns, as `invitationArnsSuppression`. */
function connectionArnsSuppression(): NagSuppression {
  return { id: RULE, reason: CONNECTION_ARNS_REASON, applies_to: [{ regex: partnerCentralArnRegex('connection') }] };
}

function partnerCentralArnRegex(resource: 'connection-invitation' | 'connection'): string {
  return `/^Resource::arn:${pseudo('Partition')}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/(?:<[^<>]+>|[A-Za-z0-9-]+)/${resource}/\\*$/`;
}

/** The AwsSolutions-IAM5 finding ids of ARN patterns, as cdk-nag 3 prints them, with a reason. */
function arnFindings(stack: Stack, patterns: string[], reason: string): { readonly id: string; readonly reason: string }[] {
  return patterns.map((arn) => ({ id: `${RULE}[Resource::${flattenCfnReference(stack.resolve(arn))}]`, reason }));
}

/** A regex for a pseudo parameter as cdk-nag prints it (`<AWS::Region>`) or its literal value. */
function pseudo(name: string): string {
  return `(?:<AWS::${name}>|[a-z0-9-]+)`;
}

