/**
 * cdk-nag suppressions for the resources of the invitation provider, so that the library needs
 * no dependency on cdk-nag and its users have nothing of the library's to acknowledge, on both
 * majors of cdk-nag:
 *
 * - cdk-nag 2 runs as an aspect and reads the `cdk_nag` CloudFormation metadata of a resource
 *   (what `NagSuppressions.addResourceSuppressions` writes), which may match a finding by regex.
 * - cdk-nag 3 runs as a policy validation plugin (`Validations.of(app).addPlugins(...)`) and
 *   reads the acknowledgements aws-cdk-lib's `Validations.of(scope).acknowledge(...)` records on
 *   the construct tree (aws-cdk-lib 2.257 and later), matching each finding id exactly.
 *
 * Internal: not exported from index.ts.
 */
import * as cdk from 'aws-cdk-lib';
import { Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { PARTNER_CENTRAL_REGION } from '../api-constraints';

/** The metadata key cdk-nag 2 reads suppressions from (`NagSuppressions.addResourceSuppressions` writes it). */
export const NAG_METADATA_KEY = 'cdk_nag';

/** A finding id cdk-nag 2 compares for equality, or `{ regex: '/.../' }` it tests. */
export type NagFinding = string | { readonly regex: string };

/** One suppression in cdk-nag 2's metadata shape (snake_case keys, as in the template). */
export interface NagSuppression {
  readonly id: string;
  readonly reason: string;
  readonly applies_to?: NagFinding[];
}

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
 * Why the function has no dead-letter queue (`LambdaDLQ`): a failed event would be stored whole.
 */
export const DLQ_REASON = 'A dead-letter queue would store whole CloudFormation events: the presigned ResponseURL '
  + '(a credential to answer for the stack) and the invitation\'s e-mail address, name and message. The handler answers '
  + 'every event itself, FAILED with a reason when it cannot succeed, and CloudFormation records the outcome.';

/**
 * Why the role keeps its one inline policy (`IAMNoInlinePolicy`).
 */
export const INLINE_POLICY_REASON = 'The one inline policy belongs to this role alone and is created and deleted with it, '
  + 'so the function never runs without its permissions and no other principal can be given them; its size depends '
  + 'on the catalogs the stack uses, not on the number of invitations (catalog conditions and one invitation ARN '
  + 'pattern per catalog spelling, not one statement per invitation).';

/** Why Create and List are on `*`. */
export const PARTNER_CENTRAL_REASON = 'CreateConnectionInvitation and ListConnectionInvitations take no resource type in the '
  + 'Service Authorization Reference for AWS Partner Central, so their statements name no ARN; they are scoped by the '
  + 'partnercentral:Catalog condition (sending only in the catalogs the stack uses; listing, to clean up after a create and '
  + 'to find an invitation an accepter names by its sender, in those and the documented ones).';
/** Why the invitation ARNs end in `connection-invitation/*`. */
export const INVITATION_ARNS_REASON = 'GetConnectionInvitation, CancelConnectionInvitation and AcceptConnectionInvitation are '
  + 'allowed on the invitation ARNs of the catalogs of the stack\'s invitations and accepters and the documented ones only '
  + '(catalog/<catalog>/connection-invitation/*, with the partnercentral:Catalog condition): Partner Central chooses the '
  + 'invitation ids when it creates them, and one pattern per catalog keeps the policy the same size whatever the number '
  + 'of invitations and accepters.';
/** Why the connection ARNs end in `connection/*`. */
export const CANCEL_ARNS_REASON = 'The cancel policy allows GetConnectionInvitation on the invitation ARNs and GetConnection and '
  + 'CancelConnection on the connection ARNs of every catalog (catalog/*/connection-invitation/* and catalog/*/connection/*, '
  + 'no catalog condition): CloudFormation updates the policy before the Delete of an accepter removed from the stack runs, '
  + 'so a policy naming the remaining accepters\' catalogs would deny the cancel of the last one of a catalog; Partner Central '
  + 'chooses the ids, and two patterns keep the policy the same size whatever the number of accepters and catalogs.';
export const CONNECTION_ARNS_REASON = 'GetConnection (and, in the cancel policy, CancelConnection) are allowed on the connection '
  + 'ARNs of the catalogs of the stack\'s accepters and the documented ones only (catalog/<catalog>/connection/*, with the '
  + 'partnercentral:Catalog condition): Partner Central chooses the connection id when an invitation is accepted, and one '
  + 'pattern per catalog keeps the policy the same size whatever the number of accepters.';
/**
 * Why the cancel permission is a policy of its own (`IAMNoInlinePolicy` on the cancel policy).
 */
export const CANCEL_POLICY_REASON = 'The permission to cancel the connections of accepters with cancelOnDelete is a policy '
  + 'of the handler\'s role alone, apart from the role\'s inline policy so that CloudFormation deletes the last such '
  + 'accepter (which depends on it) before the permission, when both leave the stack; a managed policy could be attached '
  + 'to other principals. It is the same size whatever the number of accepters.';
const NETWORK_INTERFACE_REASON = ' The network interface actions Lambda performs to attach the function to its VPC '
  + '(those of AWSLambdaVPCAccessExecutionRole) have no resource-level scope for Describe and act on interfaces Lambda names.';
const LOG_STREAMS_REASON = 'The handler writes to log streams that Lambda names at run time, all inside the '
  + 'handler\'s own log group.';

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

/**
 * Acknowledges (cdk-nag 3) the findings `findings` gives now, and those it gives and did not
 * before each time the returned function is called (the provider calls it when an invitation or
 * accepter joins the stack, with its catalog) and when the app is synthesized, before cdk-nag 3
 * runs (the log group's logical id after an app renamed it: overrideLogicalId, renameLogicalId).
 */
function acknowledgeAsTheyAre(resource: CfnResource, findings: () => { readonly id: string; readonly reason: string }[]): () => void {
  const acknowledged = new Set<string>();
  const acknowledgeNew = () => {
    const added = findings().filter((f) => !acknowledged.has(f.id));
    for (const f of added) acknowledged.add(f.id);
    if (added.length > 0) acknowledge(resource, added);
  };
  acknowledgeNew();
  Aspects.of(resource).add({
    visit(node: IConstruct): void {
      if (node === resource) acknowledgeNew();
    },
  });
  return acknowledgeNew;
}

/** What `Validations.of(scope)` offers in aws-cdk-lib 2.257 and later. */
interface ValidationsLike {
  acknowledge(...rules: { readonly id: string; readonly reason: string }[]): void;
}

/**
 * Records acknowledgements with aws-cdk-lib's `Validations` API where the installed aws-cdk-lib
 * has it. The library compiles against an older aws-cdk-lib (its floor), which has no
 * `Validations`, so the API is looked up at run time; on those releases cdk-nag 3 cannot run,
 * and there is nothing to record.
 */
function acknowledge(scope: IConstruct, rules: { readonly id: string; readonly reason: string }[]): void {
  const validations = (cdk as unknown as { Validations?: { of(scope: IConstruct): ValidationsLike } }).Validations;
  if (validations === undefined) return;
  validations.of(scope).acknowledge(...rules);
}

/**
 * A resolved CloudFormation value as cdk-nag prints it in a finding id (its
 * `flattenCfnReference`, the same in cdk-nag 2 and 3): `Fn::Join` joined, `Ref` and `Fn::GetAtt`
 * as `<LogicalId>` and `<LogicalId.Attribute>`, `${...}` of `Fn::Sub` as `<...>`.
 */
export function flattenCfnReference(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\${/g, '<').replace(/}/g, '>');
  const node = value as Record<string, any>;
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
    return items.map(flattenCfnReference).join(delimiter);
  }
  if (node['Fn::Sub']) return flattenCfnReference(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
    return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return flattenCfnReference(node['Fn::ImportValue']);
  if (node.Ref) return `<${flattenCfnReference(node.Ref)}>`;
  return JSON.stringify(value);
}

/** A regex for a pseudo parameter as cdk-nag prints it (`<AWS::Region>`) or its literal value. */
function pseudo(name: string): string {
  return `(?:<AWS::${name}>|[a-z0-9-]+)`;
}

