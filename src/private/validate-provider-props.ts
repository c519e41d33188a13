/**
 * The validation of an InvitationProvider's props, apart from the construct as
 * `validate-props.ts` is for the invitation. Internal: not exported from index.ts.
 */
import { Token } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { checkNumber, checkString, describeType } from './runtime-types';
import type { InvitationProviderProps } from '../invitation-provider';

/** The values of `logs.RetentionDays` (a numeric enum: its keys are in `Object.values` too). */
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
  if (props.securityGroups !== undefined) {
    if (!Array.isArray(props.securityGroups)) {
      problems.push(`\`securityGroups\` must be an array of ec2.ISecurityGroup, got: ${describeType(props.securityGroups)}`);
    } else if (props.securityGroups.length === 0) {
      problems.push('`securityGroups` must name at least one security group (leave it unset for the provider\'s own)');
    }
  }
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
