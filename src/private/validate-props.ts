/**
 * The validation of a ConnectionInvitation's props, as aws-cdk-lib's `aws-sqs/lib/validate-props.ts`
 * keeps it apart from the construct. Internal: not exported from index.ts.
 */
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { HANDLER_TIMEOUT } from './provider';
import { checkEnum, checkInstance, checkString, describeType, isDuration } from './runtime-types';
import { catalogProblem } from './validate-catalog';
import { logRetentionProblems } from './validate-provider-props';
import { validateInvitationInput, InvitationInput } from '../api-constraints';
import type { ConnectionInvitationProps } from '../connection-invitation';
import { ConnectionType } from '../enums';

/** The id of the warning an invitation that sets the deprecated `logRetention` adds. */
export const LOG_RETENTION_DEPRECATED = 'cdk-partnercentral:logRetentionDeprecated';

/** The service timeout when none is given: long enough for the handler's own retries. */
export const DEFAULT_SERVICE_TIMEOUT = Duration.minutes(5);
/** The shortest service timeout: the handler's timeout plus time for CloudFormation to hear back. */
const MIN_SERVICE_TIMEOUT_SECONDS = HANDLER_TIMEOUT.toSeconds() + 30;
/** The longest service timeout CloudFormation accepts. */
const MAX_SERVICE_TIMEOUT_SECONDS = 3600;

/** Why a connection invitation cannot be snapshotted. */
const SNAPSHOT_ERROR = '`removalPolicy` must be DESTROY (cancel a pending invitation), RETAIN or '
  + 'RETAIN_ON_UPDATE_OR_DELETE (leave it), as a connection invitation has no snapshot, got: SNAPSHOT';

/**
 * The problems of a ConnectionInvitation's props: first each prop's type (for callers that TypeScript does not check: JavaScript and
 * the jsii languages), then, when its value is known at synth time, the API's rules. Returns
 * every problem, one per entry.
 */
export function validateProps(props: ConnectionInvitationProps): string[] {
  if (typeof props !== 'object' || props === null) {
    return [`\`props\` must be an object of ConnectionInvitationProps, got: ${describeType(props)}`];
  }
  const problems: string[] = [];
  const known = (v: string | undefined): string | undefined => (v === undefined || Token.isUnresolved(v) ? undefined : v);
  /** The value to validate against the API's rules, or `undefined` when its type is wrong (already reported). */
  const typed = (problem: string | undefined, value: string | undefined): string | undefined => {
    if (problem !== undefined) {
      problems.push(problem);
      return undefined;
    }
    return known(value);
  };

  // The catalog's type problem comes first, its rule problem first among the API's rules.
  const wrongCatalog = props.catalog === undefined ? undefined : catalogProblem(props.catalog);
  if (wrongCatalog?.kind === 'type') problems.push(wrongCatalog.problem);
  const input: InvitationInput = {
    ClientToken: typed(props.clientToken === undefined ? undefined : checkString('clientToken', props.clientToken), props.clientToken),
    ConnectionType: typed(checkConnectionType(props.connectionType), props.connectionType),
    Email: typed(checkString('email', props.email), props.email),
    Message: typed(checkString('message', props.message), props.message),
    Name: typed(checkString('name', props.name), props.name),
    ReceiverIdentifier: typed(checkString('receiverIdentifier', props.receiverIdentifier), props.receiverIdentifier),
  };
  if (wrongCatalog?.kind === 'rule') problems.push(wrongCatalog.problem);
  problems.push(...validateInvitationInput(input)
    .map((v) => `\`${v.prop}\` ${v.rule}, got: ${JSON.stringify(input[v.field])}`));

  if (props.removalPolicy !== undefined) {
    problems.push(...removalPolicyProblems(props.removalPolicy));
  }

  problems.push(...serviceTimeoutProblems(props.serviceTimeout));
  problems.push(...logRetentionProblems(props.logRetention));
  return problems;
}

/** The problems of a `serviceTimeout` prop (of an invitation or an accepter); none when it is undefined. */
export function serviceTimeoutProblems(timeout: Duration | undefined): string[] {
  if (timeout === undefined) return [];
  if (!isDuration(timeout)) {
    return [checkInstance('serviceTimeout', 'a Duration (such as Duration.minutes(5))', isDuration, timeout)!];
  }
  if (timeout.isUnresolved()) {
    return convertsToSeconds(timeout) ? [] : ['`serviceTimeout` that is a token must be given in seconds, as Duration.seconds(token): '
      + 'aws-cdk-lib cannot convert a token in another unit'];
  }
  const seconds = timeout.toSeconds({ integral: false });
  if (seconds < MIN_SERVICE_TIMEOUT_SECONDS || seconds > MAX_SERVICE_TIMEOUT_SECONDS) {
    return [`\`serviceTimeout\` must be between ${MIN_SERVICE_TIMEOUT_SECONDS} seconds (the handler's `
      + `timeout of ${HANDLER_TIMEOUT.toHumanString()} plus 30 seconds) and ${MAX_SERVICE_TIMEOUT_SECONDS} seconds `
      + `(one hour), got: ${seconds} seconds`];
  }
  return Number.isInteger(seconds) ? [] : [`\`serviceTimeout\` must be a whole number of seconds, got: ${seconds} seconds`];
}

/** A problem for a connection type that is not a string (its value is checked with the API's rules), or `undefined`. */
function checkConnectionType(value: unknown): string | undefined {
  return typeof value === 'string' ? undefined : checkEnum('connectionType', 'ConnectionType', Object.values(ConnectionType), value);
}

/**
 * Throws one error for the problems of a construct's props, naming the construct by its path,
 * with every problem on its own line.
 */
export function throwIfInvalid(scope: IConstruct | string, problems: string[]): void {
  throwProblems(`Invalid ConnectionInvitation ${typeof scope === 'string' ? scope : scope.node.path}`, problems);
}

/** Throws one error for `problems` (when there are any): the header, then every problem on its own line. */
export function throwProblems(header: string, problems: string[]): void {
  if (problems.length === 0) return;
  throw new Error([`${header}:`, ...problems.map((p) => `  ${p}`)].join('\n'));
}

/** The problems of a removal policy given to the prop or to `applyRemovalPolicy`. */
export function removalPolicyProblems(policy: unknown): string[] {
  const wrongType = checkEnum('removalPolicy', 'RemovalPolicy', Object.values(RemovalPolicy), policy);
  if (wrongType !== undefined) return [wrongType];
  return policy === RemovalPolicy.SNAPSHOT ? [SNAPSHOT_ERROR] : [];
}

/** Whether aws-cdk-lib can express a duration in seconds (a token in another unit it cannot). */
function convertsToSeconds(timeout: Duration): boolean {
  try {
    timeout.toSeconds();
    return true;
  } catch {
    return false;
  }
}
