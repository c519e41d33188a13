/**
 * How the library acknowledges cdk-nag findings on its own resources, on both majors of cdk-nag:
 *
 * - cdk-nag 2 runs as an aspect and reads the `cdk_nag` CloudFormation metadata of a resource
 *   (what `NagSuppressions.addResourceSuppressions` writes), which may match a finding by regex.
 * - cdk-nag 3 runs as a policy validation plugin (`Validations.of(app).addPlugins(...)`) and
 *   reads the acknowledgements aws-cdk-lib's `Validations.of(scope).acknowledge(...)` records on
 *   the construct tree (aws-cdk-lib 2.257 and later), matching each finding id exactly.
 *
 * Which findings are acknowledged, and why, is nag-suppressions.ts's.
 *
 * Internal: not exported from index.ts.
 */
import * as cdk from 'aws-cdk-lib';
import { Aspects, CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

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

/**
 * Acknowledges (cdk-nag 3) the findings `findings` gives now, and those it gives and did not
 * before each time the returned function is called (the provider calls it when an invitation or
 * accepter joins the stack, with its catalog) and when the app is synthesized, before cdk-nag 3
 * runs (the log group's logical id after an app renamed it: overrideLogicalId, renameLogicalId).
 */
export function acknowledgeAsTheyAre(resource: CfnResource, findings: () => { readonly id: string; readonly reason: string }[]): () => void {
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
export function acknowledge(scope: IConstruct, rules: { readonly id: string; readonly reason: string }[]): void {
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
