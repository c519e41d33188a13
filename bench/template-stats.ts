/**
 * What the synth benchmark reads from a synthesized CloudFormation template: its size, its
 * resources, its Lambda functions, and the inline IAM policy bytes of the role(s) behind the
 * invitations.
 */
import { RESOURCE_TYPE } from '../src/contract';

/** The invitation resource types of the two variants: this library's and `AwsCustomResource`'s. */
export const INVITATION_TYPES = [RESOURCE_TYPE, 'Custom::AWS'];

/** IAM's limit on the aggregate size of a role's inline policies (whitespace not counted). */
export const ROLE_INLINE_POLICY_LIMIT = 10_240;

/** CloudFormation's limit on the number of resources in one stack. */
export const STACK_RESOURCE_LIMIT = 500;

/** CloudFormation's limit on a template uploaded through S3. */
export const TEMPLATE_BYTES_LIMIT = 1_000_000;

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
}

/** A template as synthesized. */
export interface Template {
  readonly Resources?: Record<string, CfnResource>;
}

/** The figures of one synthesized template. */
export interface TemplateStats {
  /** Bytes of `JSON.stringify(template)` (UTF-8, no indentation). */
  readonly templateBytes: number;
  /** Resources in the template. */
  readonly resources: number;
  /** Resources by type. */
  readonly resourcesByType: Record<string, number>;
  /** The invitation resources (of a type of `INVITATION_TYPES`). */
  readonly invitations: number;
  /** `AWS::Lambda::Function` resources. */
  readonly lambdaFunctions: number;
  /** Logical ids of the roles whose functions serve the invitations. */
  readonly servingRoles: string[];
  /**
   * Bytes of every inline policy document of the serving roles (`Policies` of the role and every
   * `AWS::IAM::Policy` attached to it), each as `JSON.stringify` of its document as synthesized.
   */
  readonly iamPolicyBytes: number;
  /** The largest per-role figure of `iamPolicyBytes`, the one IAM's 10,240-byte limit applies to. */
  readonly largestRolePolicyBytes: number;
  /** Inline policy documents counted. */
  readonly iamPolicies: number;
  /**
   * The floor of an invitation's template bytes: the mean over the invitation resources of the
   * bytes the same resource takes as a bare custom resource (its logical id, `Type`, and
   * `Properties` with the `ServiceToken` and the invitation's own properties only: no
   * `ServiceTimeout`, `DependsOn`, policies or metadata), with its separators in the template.
   */
  readonly bareInvitationBytes: number;
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** The logical id in `{ "Fn::GetAtt": [id, "Arn"] }` or `{ "Ref": id }`, if that is what `value` is. */
function referencedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/** Reads the figures of `template`. */
export function templateStats(template: Template): TemplateStats {
  const resources = template.Resources ?? {};
  const resourcesByType: Record<string, number> = {};
  for (const r of Object.values(resources)) resourcesByType[r.Type] = (resourcesByType[r.Type] ?? 0) + 1;

  // invitation -> ServiceToken -> function -> Role
  const servingRoles = new Set<string>();
  let invitations = 0;
  for (const r of Object.values(resources)) {
    if (!INVITATION_TYPES.includes(r.Type)) continue;
    invitations++;
    const fnId = referencedId(r.Properties?.ServiceToken);
    const fn = fnId ? resources[fnId] : undefined;
    if (!fn || fn.Type !== 'AWS::Lambda::Function') throw new Error(`cannot follow the ServiceToken of a ${r.Type} to a function`);
    const roleId = referencedId(fn.Properties?.Role);
    if (!roleId || resources[roleId]?.Type !== 'AWS::IAM::Role') throw new Error(`cannot follow the function ${fnId} to its role`);
    servingRoles.add(roleId);
  }

  const perRole = new Map<string, number>();
  let iamPolicies = 0;
  const add = (roleId: string, document: unknown): void => {
    perRole.set(roleId, (perRole.get(roleId) ?? 0) + bytes(document));
    iamPolicies++;
  };
  for (const roleId of servingRoles) {
    for (const p of resources[roleId].Properties?.Policies ?? []) add(roleId, p.PolicyDocument);
  }
  for (const r of Object.values(resources)) {
    if (r.Type !== 'AWS::IAM::Policy') continue;
    for (const role of r.Properties?.Roles ?? []) {
      const roleId = referencedId(role);
      if (roleId && servingRoles.has(roleId)) add(roleId, r.Properties?.PolicyDocument);
    }
  }

  let bareBytes = 0;
  for (const [id, r] of Object.entries(resources)) {
    if (!INVITATION_TYPES.includes(r.Type)) continue;
    const { ServiceToken, ServiceTimeout: _timeout, ...own } = r.Properties ?? {};
    // "id":{...} and the comma that separates it from the next resource.
    bareBytes += bytes(id) + 1 + bytes({ Type: r.Type, Properties: { ServiceToken, ...own } }) + 1;
  }

  return {
    bareInvitationBytes: invitations > 0 ? bareBytes / invitations : 0,
    templateBytes: bytes(template),
    resources: Object.keys(resources).length,
    resourcesByType,
    invitations,
    lambdaFunctions: resourcesByType['AWS::Lambda::Function'] ?? 0,
    servingRoles: [...servingRoles].sort(),
    iamPolicyBytes: [...perRole.values()].reduce((a, b) => a + b, 0),
    largestRolePolicyBytes: Math.max(0, ...perRole.values()),
    iamPolicies,
  };
}
