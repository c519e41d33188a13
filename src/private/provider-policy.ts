/**
 * The provider role's IAM statements, as functions of what the stack's invitations and accepters
 * registered: which catalogs, and where. They change no construct, so the provider renders them
 * when the template is rendered and its cdk-nag acknowledgements name the same ARN patterns.
 */
import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { catalogCondition } from './catalog-condition';
import { PARTNER_CENTRAL_REGION } from '../api-constraints';
import {
  ACCEPT_ACTIONS,
  CANCEL_CONNECTION_ACTIONS,
  CANCEL_READ_ACTIONS,
  DOCUMENTED_CATALOGS,
  FIND_ACTIONS,
  LIST_ACTIONS,
  MANAGE_ACTIONS,
  NETWORK_INTERFACE_ACTIONS,
  READ_CONNECTION_ACTIONS,
  SEND_ACTIONS,
} from './provider-actions';


/** What the stack's invitations and accepters ask of the role, read when the template is rendered. */
export interface RolePolicyInputs {
  /** The log group the function writes to, and its log streams. */
  readonly logGroupArn: string;
  readonly logStreamsArn: string;
  /** The catalogs of the stack's invitations (may be tokens); none when the stack has no invitation. */
  readonly invitationCatalogs: readonly string[];
  /** The catalogs of the stack's accepters (may be tokens); none when the stack has no accepter. */
  readonly accepterCatalogs: readonly string[];
  /** The catalogs of the accepters that name their invitation by its sender. */
  readonly senderSearchCatalogs: readonly string[];
  /** Whether the function runs in a VPC. */
  readonly inVpc: boolean;
}

/**
 * The spellings of a catalog that an invitation ARN may carry. The `partnercentral:Catalog`
 * condition compares ignoring case (Partner Central's documentation spells the Sandbox catalog
 * both `Sandbox` and `sandbox`), but ARN matching is case-sensitive: the name as written, in
 * lower and upper case, and the documented spelling of a documented catalog (`sandbox` gives
 * `Sandbox` too). A token stands for itself: its value as written at deploy time.
 */
export function catalogSpellings(catalog: string): string[] {
  if (Token.isUnresolved(catalog)) return [catalog];
  const documented = DOCUMENTED_CATALOGS.filter((name) => name.toLowerCase() === catalog.toLowerCase());
  return [...new Set([catalog, catalog.toLowerCase(), catalog.toUpperCase(), ...documented])].sort();
}

/**
 * The ARN patterns of every invitation of the given catalogs, in the stack's partition and
 * Partner Central's region: `arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/connection-invitation/*`
 * for each spelling of each catalog (`catalogSpellings`), sorted, without duplicates.
 */
export function invitationArnPatterns(stack: Stack, catalogs: Iterable<string>): string[] {
  return arnPatterns(stack, catalogs, 'connection-invitation');
}

/**
 * The ARN patterns of every connection of the given catalogs, as `invitationArnPatterns` makes
 * those of invitations: `arn:<partition>:partnercentral:us-east-1::catalog/<catalog>/connection/*`.
 */
export function connectionArnPatterns(stack: Stack, catalogs: Iterable<string>): string[] {
  return arnPatterns(stack, catalogs, 'connection');
}

/** The catalogs the manage and list actions are allowed in: the invitations' and the documented ones, sorted. */
export function manageCatalogs(inputs: RolePolicyInputs): string[] {
  return withDocumented(inputs.invitationCatalogs);
}

/** The catalogs accepting and reading connections are allowed in: the accepters' and the documented ones, sorted. */
export function acceptCatalogs(inputs: RolePolicyInputs): string[] {
  return withDocumented(inputs.accepterCatalogs);
}

/**
 * The ARN patterns the role's statements name, as its cdk-nag acknowledgements list them: the
 * invitations of the manage and accept catalogs, and the connections of the accept catalogs
 * (none without an accepter).
 */
export function roleArnPatterns(stack: Stack, inputs: RolePolicyInputs): { readonly invitations: string[]; readonly connections: string[] } {
  return {
    invitations: invitationArnPatterns(stack, [...manageCatalogs(inputs), ...acceptCatalogs(inputs)]),
    connections: inputs.accepterCatalogs.length === 0 ? [] : connectionArnPatterns(stack, acceptCatalogs(inputs)),
  };
}

/**
 * The statements of the role's inline policy, in this order:
 *
 * - the log statement;
 * - for invitations: sending (only when the stack has invitations), reading and canceling,
 *   listing (always: see `MANAGE_ACTIONS`);
 * - for accepters, only when the stack has some: accepting and reading invitations, reading
 *   connections, and finding an invitation by its sender (only when an accepter names one);
 * - in a VPC, the network interface statement.
 *
 * What a Delete with `cancelOnDelete` needs is the cancel policy's (`cancelPolicyStatements`), not here.
 */
export function roleStatements(stack: Stack, inputs: RolePolicyInputs): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({
      sid: 'WriteOwnLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [inputs.logGroupArn, inputs.logStreamsArn],
    }),
  ];
  // The sending, listing and finding statements are of `UNSCOPED_ACTIONS`: `*`, scoped by the
  // catalog condition. Get, Cancel and Accept take the ConnectionInvitation resource type,
  // GetConnection the Connection one: the ARNs of the catalogs, with the condition kept.
  if (inputs.invitationCatalogs.length > 0) {
    statements.push(new iam.PolicyStatement({
      sid: 'SendConnectionInvitations',
      actions: SEND_ACTIONS,
      resources: ['*'],
      conditions: catalogCondition(sortedUnique(inputs.invitationCatalogs)),
    }));
  }
  const manage = manageCatalogs(inputs);
  statements.push(
    new iam.PolicyStatement({
      sid: 'ManageConnectionInvitations',
      actions: MANAGE_ACTIONS,
      resources: invitationArnPatterns(stack, manage),
      conditions: catalogCondition(manage),
    }),
    new iam.PolicyStatement({
      sid: 'ListConnectionInvitations',
      actions: LIST_ACTIONS,
      resources: ['*'],
      conditions: catalogCondition(manage),
    }),
  );
  if (inputs.accepterCatalogs.length > 0) {
    const accept = acceptCatalogs(inputs);
    statements.push(
      new iam.PolicyStatement({
        sid: 'AcceptConnectionInvitations',
        actions: ACCEPT_ACTIONS,
        resources: invitationArnPatterns(stack, accept),
        conditions: catalogCondition(accept),
      }),
      new iam.PolicyStatement({
        sid: 'ReadConnections',
        actions: READ_CONNECTION_ACTIONS,
        resources: connectionArnPatterns(stack, accept),
        conditions: catalogCondition(accept),
      }),
    );
  }
  if (inputs.senderSearchCatalogs.length > 0) {
    statements.push(new iam.PolicyStatement({
      sid: 'FindReceivedConnectionInvitations',
      actions: FIND_ACTIONS,
      resources: ['*'],
      conditions: catalogCondition(withDocumented(inputs.senderSearchCatalogs)),
    }));
  }
  if (inputs.inVpc) {
    statements.push(new iam.PolicyStatement({
      sid: 'ManageNetworkInterfaces',
      actions: NETWORK_INTERFACE_ACTIONS,
      resources: ['*'],
    }));
  }
  return statements;
}

/**
 * The statements of the cancel policy (see `ConnectionInvitationProvider`): reading the accepted
 * invitation and canceling its connection, on the ARNs of every catalog (the catalog part is a
 * wildcard, no catalog condition), and those ARNs, which its cdk-nag acknowledgements list.
 */
export function cancelPolicyStatements(stack: Stack): {
  readonly statements: iam.PolicyStatement[];
  readonly invitations: string[];
  readonly connections: string[];
} {
  const invitations = [everyCatalogArn(stack, 'connection-invitation')];
  const connections = [everyCatalogArn(stack, 'connection')];
  return {
    invitations,
    connections,
    statements: [
      new iam.PolicyStatement({
        sid: 'ReadAcceptedConnectionInvitations',
        actions: CANCEL_READ_ACTIONS,
        resources: invitations,
      }),
      new iam.PolicyStatement({
        sid: 'CancelAcceptedConnections',
        actions: CANCEL_CONNECTION_ACTIONS,
        resources: connections,
      }),
    ],
  };
}

type PartnerCentralResource = 'connection-invitation' | 'connection';

/** The ARN pattern of every invitation or connection of every catalog: the catalog part is a wildcard. */
function everyCatalogArn(stack: Stack, resource: PartnerCentralResource): string {
  return `arn:${stack.partition}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/*/${resource}/*`;
}

function arnPatterns(stack: Stack, catalogs: Iterable<string>, resource: PartnerCentralResource): string[] {
  const spellings = sortedUnique([...catalogs].flatMap(catalogSpellings));
  return spellings.map((catalog) => `arn:${stack.partition}:partnercentral:${PARTNER_CENTRAL_REGION}::catalog/${catalog}/${resource}/*`);
}

/** The given catalogs and the documented ones, sorted, without duplicates. */
function withDocumented(catalogs: Iterable<string>): string[] {
  return sortedUnique([...DOCUMENTED_CATALOGS, ...catalogs]);
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
