/**
 * The validation of an InvitationProvider's props, apart from the construct as
 * `validate-props.ts` is for the invitation. Internal: not exported from index.ts.
 */
import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { checkNumber, checkString, describeType } from './runtime-types';
import type { InvitationProviderProps } from '../invitation-provider';

/** The values of `logs.RetentionDays` (a numeric enum: its keys are in `Object.values` too). */
const SUBNET_TYPES: string[] = Object.values(ec2.SubnetType);

const RETENTION_DAYS = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');

/** Lambda's limit on a function name. */
export const FUNCTION_NAME_MAX_LENGTH = 64;
/** The longest prefix: the rest of the name is left to the part that makes it unique. */
export const FUNCTION_NAME_PREFIX_MAX_LENGTH = 32;
const FUNCTION_NAME_PREFIX = /^[A-Za-z0-9_-]+$/;

/**
 * The problems of an InvitationProvider's props: their types (for callers TypeScript does not
 * check), the options that need or exclude another, and the values known at synth time.
 */
export function validateProviderProps(props: InvitationProviderProps): string[] {
  if (typeof props !== 'object' || props === null) {
    return [`\`props\` must be an object of InvitationProviderProps, got: ${describeType(props)}`];
  }
  const problems: string[] = [];
  const given = (name: keyof InvitationProviderProps) => props[name] !== undefined;

  for (const name of ['vpcSubnets', 'securityGroups'] as const) {
    if (given(name) && !given('vpc')) problems.push(`\`${name}\` applies only with \`vpc\`: set \`vpc\` too, or remove \`${name}\``);
  }
  problems.push(...constructProblems('vpc', 'ec2.IVpc', props.vpc, 'vpcId'));
  problems.push(...subnetSelectionProblems(props.vpcSubnets));
  if (props.securityGroups !== undefined) {
    if (!Array.isArray(props.securityGroups)) {
      problems.push(`\`securityGroups\` must be an array of ec2.ISecurityGroup, got: ${describeType(props.securityGroups)}`);
    } else if (props.securityGroups.length === 0) {
      problems.push('`securityGroups` must name at least one security group (leave it unset for the provider\'s own)');
    } else {
      props.securityGroups.forEach((group, i) => problems.push(...constructProblems(`securityGroups[${i}]`, 'ec2.ISecurityGroup', group, 'securityGroupId')));
    }
  }
  problems.push(...constructProblems('environmentEncryption', 'kms.IKey', props.environmentEncryption, 'keyArn'));
  problems.push(...constructProblems('logGroup', 'logs.ILogGroup', props.logGroup, 'logGroupName'));
  problems.push(...constructProblems('logEncryptionKey', 'kms.IKey', props.logEncryptionKey, 'keyArn'));
  if (given('logGroup')) {
    for (const name of ['logRetention', 'logEncryptionKey'] as const) {
      if (given(name)) {
        problems.push(`\`${name}\` applies to the provider's own log group, not with \`logGroup\`: set the ${name === 'logRetention' ? 'retention' : 'key'} on your log group instead`);
      }
    }
  }
  problems.push(...logRetentionProblems(props.logRetention));
  const concurrency = props.reservedConcurrentExecutions;
  if (concurrency !== undefined) {
    const wrongType = checkNumber('reservedConcurrentExecutions', 'whole number', concurrency);
    if (wrongType !== undefined) {
      problems.push(wrongType);
    } else if (!Token.isUnresolved(concurrency) && (!Number.isInteger(concurrency) || concurrency < 1)) {
      problems.push('`reservedConcurrentExecutions` must be a whole number of at least 1 (0 would keep the function from ever '
        + `running, and every invitation of the stack would wait for CloudFormation's timeout), got: ${concurrency}`);
    }
  }
  const prefix = props.functionNamePrefix;
  if (prefix !== undefined) {
    const wrongType = checkString('functionNamePrefix', prefix);
    if (wrongType !== undefined) {
      problems.push(wrongType);
    } else if (Token.isUnresolved(prefix)) {
      problems.push('`functionNamePrefix` must be known at synth time (not a token): the rest of the name is fitted to its length');
    } else if (prefix.length > FUNCTION_NAME_PREFIX_MAX_LENGTH || !FUNCTION_NAME_PREFIX.test(prefix)) {
      problems.push(`\`functionNamePrefix\` must be 1 to ${FUNCTION_NAME_PREFIX_MAX_LENGTH} letters, digits, hyphens and underscores `
        + `(Lambda allows ${FUNCTION_NAME_MAX_LENGTH} characters in a function name, and the rest makes it unique), got: ${JSON.stringify(prefix)}`);
    }
  }
  return problems;
}

/**
 * The problem of a value that should be a construct of the given interface (`undefined` is
 * fine): a caller in another language may pass an id or a name instead. A construct has a
 * `node`, and the interface's identifying attribute is a string (or a token for one).
 */
function constructProblems(prop: string, typeName: string, value: unknown, attribute: string): string[] {
  if (value === undefined) return [];
  const candidate = value as Record<string, unknown> | null;
  if (typeof candidate === 'object' && candidate !== null && typeof candidate.node === 'object' && typeof candidate[attribute] === 'string') return [];
  const shown = typeof value === 'string' ? `the string ${JSON.stringify(value)} (pass the construct, for example from ${typeName.split('.')[0]}.*.from*)` : describeType(value);
  return [`\`${prop}\` must be ${/^[aeiou]/i.test(typeName) ? 'an' : 'a'} ${typeName}, got: ${shown}`];
}

/** The problems of a `vpcSubnets` that is not an ec2.SubnetSelection (its `subnets`, if any, must be ec2.ISubnet constructs). */
function subnetSelectionProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`\`vpcSubnets\` must be an ec2.SubnetSelection (such as { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }), got: ${describeType(value)}`];
  }
  const { subnets, subnetType } = value as { subnets?: unknown; subnetType?: unknown };
  const problems: string[] = [];
  if (subnetType !== undefined && !SUBNET_TYPES.includes(subnetType as string)) {
    problems.push(`\`vpcSubnets.subnetType\` must be an ec2.SubnetType (one of ${SUBNET_TYPES.join(', ')}), got: `
      + (typeof subnetType === 'string' ? JSON.stringify(subnetType) : describeType(subnetType)));
  }
  if (subnets !== undefined) {
    if (!Array.isArray(subnets)) {
      problems.push(`\`vpcSubnets.subnets\` must be an array of ec2.ISubnet, got: ${describeType(subnets)}`);
    } else {
      subnets.forEach((subnet, i) => problems.push(...constructProblems(`vpcSubnets.subnets[${i}]`, 'ec2.ISubnet', subnet, 'subnetId')));
    }
  }
  return problems;
}

/** The problems of a `logRetention` (the provider's, or an invitation's deprecated one); none when unset. */
export function logRetentionProblems(value: unknown): string[] {
  if (value === undefined) return [];
  const wrongType = checkNumber('logRetention', 'logs.RetentionDays', value);
  if (wrongType !== undefined) return [wrongType];
  if (!Token.isUnresolved(value) && !RETENTION_DAYS.includes(value as number)) {
    return [`\`logRetention\` must be one of the logs.RetentionDays values (${RETENTION_DAYS.join(', ')} days), got: ${value}`];
  }
  return [];
}

/** The id of the warning when a configured provider serves no invitation or accepter of its stack. */
export const PROVIDER_UNUSED_WARNING = 'cdk-partnercentral:providerUnused';

/** The id of the warning when the function's subnets are isolated (no route out that the VPC declares). */
export const ISOLATED_SUBNETS_WARNING = 'cdk-partnercentral:providerSubnetsIsolated';

/** What the subnets `vpcSubnets` selects in `vpc` mean for the function. */
export interface SubnetFindings {
  /** Why the selection cannot work: errors, reported with the other problems of the props. */
  readonly problems: string[];
  /** Every selected subnet is one of the VPC's isolated subnets: the function has no declared route out. */
  readonly isolated: boolean;
}

/**
 * Reads the subnets the function would be placed in, as aws-cdk-lib's function selects them
 * (`vpcSubnets`, or its default), and says what they mean: public subnets are an error (a
 * function there gets no public address, so no call ever leaves), isolated ones a warning (no
 * route to Partner Central unless one the VPC does not declare, such as a transit gateway or a
 * proxy, carries it). Subnets the VPC does not classify (given as `subnets`) are taken as they come.
 */
export function subnetFindings(vpc: ec2.IVpc, vpcSubnets: ec2.SubnetSelection | undefined): SubnetFindings {
  let selected: string[];
  try {
    selected = vpc.selectSubnets(vpcSubnets).subnetIds;
  } catch (error) {
    return { problems: [`\`vpcSubnets\` selects no subnets of \`vpc\` ${vpc.node.path}: ${(error as Error).message}`], isolated: false };
  }
  const known = (subnets: ec2.ISubnet[]) => new Set(subnets.map((subnet) => subnet.subnetId));
  const publicIds = known(vpc.publicSubnets);
  const isolatedIds = known(vpc.isolatedSubnets);
  const where = vpcSubnets === undefined ? `the default subnets of \`vpc\` ${vpc.node.path} (it has no private ones)` : `\`vpcSubnets\` of \`vpc\` ${vpc.node.path}`;
  if (selected.some((id) => publicIds.has(id))) {
    return {
      problems: [`${where} include public subnets: a Lambda function there gets no public IP address and never reaches Partner Central `
        + 'or CloudFormation, so every invitation would wait for its serviceTimeout; select private subnets with a route through '
        + 'a NAT gateway (ec2.SubnetType.PRIVATE_WITH_EGRESS)'],
      isolated: false,
    };
  }
  return { problems: [], isolated: selected.length > 0 && selected.every((id) => isolatedIds.has(id)) };
}
