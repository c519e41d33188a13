/**
 * Benchmark 5, the provider's size: the template bytes of the provider's own resources and the
 * bytes of its role's inline policy, with the defaults and fully configured
 * (`InvitationProvider.configure`: VPC, security group, keys, retention, reserved concurrency,
 * name prefix), at 1 and 100 invitations. Figures of a synthesis, not timings: they are the same
 * on every machine for one aws-cdk-lib.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { addOurInvitations } from './apps';
import { fmt, table, title } from './stats';
import { Template, templateStats } from './template-stats';
import { InvitationProvider } from '../src';
import { PROVIDER_ID } from '../src/private/provider';

/** The configurations measured. */
export type ProviderVariant = 'defaults' | 'configured';

/** The invitation counts measured. */
export const PROVIDER_SIZES = [1, 100] as const;

/** The figures of one configuration at one size. */
export interface ProviderCell {
  readonly variant: ProviderVariant;
  readonly n: number;
  /** Resources of the provider (function, role, log group, security group). */
  readonly providerResources: number;
  /** Bytes of `JSON.stringify` of the provider's resources as synthesized (assets' code location included). */
  readonly providerTemplateBytes: number;
  /** Bytes of the role's inline policy documents. */
  readonly iamPolicyBytes: number;
  /** Bytes of the whole template. */
  readonly templateBytes: number;
}

/** Everything benchmark 5 reports. */
export interface ProviderResults {
  readonly cells: ProviderCell[];
}

function configure(stack: Stack): void {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  InvitationProvider.configure(stack, {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    environmentEncryption: key,
    logEncryptionKey: key,
    logRetention: logs.RetentionDays.TEN_YEARS,
    reservedConcurrentExecutions: 100,
    functionNamePrefix: 'acme-',
  });
}

/** The provider's resources are those whose logical ids start with its construct id (`PROVIDER_ID`). */
function measure(variant: ProviderVariant, n: number): ProviderCell {
  const app = new App({ analyticsReporting: false });
  const stack = new Stack(app, 'Bench');
  if (variant === 'configured') configure(stack);
  addOurInvitations(stack, n);
  const template = app.synth().getStackByName(stack.stackName).template as Template;
  const own = Object.entries(template.Resources ?? {}).filter(([id]) => id.startsWith(PROVIDER_ID)).map(([, r]) => r);
  const stats = templateStats(template);
  return {
    variant,
    n,
    providerResources: own.length,
    providerTemplateBytes: Buffer.byteLength(JSON.stringify(own), 'utf8'),
    iamPolicyBytes: stats.iamPolicyBytes,
    templateBytes: stats.templateBytes,
  };
}

/** Runs benchmark 5. */
export function runProviderConfig(): ProviderResults {
  const cells: ProviderCell[] = [];
  for (const variant of ['defaults', 'configured'] as const) {
    for (const n of PROVIDER_SIZES) cells.push(measure(variant, n));
  }
  return { cells };
}

/** The table of benchmark 5. */
export function reportProviderConfig(r: ProviderResults): string {
  return [
    title('5. The provider, with the defaults and fully configured'),
    table(
      ['configuration', 'invitations', 'provider resources', 'provider template bytes', 'IAM policy bytes', 'template bytes'],
      r.cells.map((c) => [c.variant, fmt(c.n), fmt(c.providerResources), fmt(c.providerTemplateBytes), fmt(c.iamPolicyBytes), fmt(c.templateBytes)]),
    ),
    'Fully configured: a VPC (2 AZs, 1 NAT gateway; its resources are not the provider\'s), the provider\'s security group, '
      + 'a customer managed key for the environment and the log group, a 10-year retention, 100 reserved executions and a name prefix.',
  ].join('\n');
}
