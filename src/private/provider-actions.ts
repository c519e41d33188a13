/**
 * The IAM actions the provider's role grants, one list per job, the actions of the constructs'
 * grants, and the facts of the Service Authorization Reference they follow. Pure data, without
 * aws-cdk-lib (`catalog.ts` imports nothing), so that the handler's tests can check that the
 * handler calls only what the role grants. Internal: not exported from index.ts.
 */
import { Catalog } from '../catalog';

/** The action that sends an invitation: allowed only in the catalogs the stack's invitations use. */
export const SEND_ACTIONS = ['partnercentral:CreateConnectionInvitation'];

/** The action that reads one invitation: what an invitation's `grantRead` grants, and part of the jobs below. */
export const READ_INVITATION_ACTIONS = ['partnercentral:GetConnectionInvitation'];

/**
 * The actions that read and cancel invitations the stack made earlier. The Service Authorization
 * Reference gives them the `ConnectionInvitation` resource type, so they are allowed on the
 * invitation ARNs of their catalogs (`invitationArnPatterns`). They run for invitations that are
 * leaving the stack too (a cleanup Delete after an invitation moved to another catalog, or after
 * the last invitation of a catalog was removed), which CloudFormation runs after the role already
 * lost that catalog: they are allowed in the documented catalogs as well as the stack's own.
 */
export const MANAGE_ACTIONS = [...READ_INVITATION_ACTIONS, 'partnercentral:CancelConnectionInvitation'];

/**
 * The action that lists invitations, used only to clean up after a create whose outcome is
 * unknown. One of `UNSCOPED_ACTIONS`, with the catalog condition of the manage actions.
 */
export const LIST_ACTIONS = ['partnercentral:ListConnectionInvitations'];

/**
 * The connection invitation actions that take no resource type (Service Authorization
 * Reference): a statement naming an invitation ARN never matches them, so they are granted on
 * `*`, scoped by the `partnercentral:Catalog` condition. The role's sending, listing and finding
 * statements are such, and an invitation's `grant` grants them so.
 */
export const UNSCOPED_ACTIONS = [...SEND_ACTIONS, ...LIST_ACTIONS];

/**
 * The actions of an accepter's Create and Update: read the invitation it names, accept it. The
 * Service Authorization Reference gives both the `ConnectionInvitation` resource type: they are
 * allowed on the invitation ARNs of the accepters' catalogs and the documented ones.
 */
export const ACCEPT_ACTIONS = ['partnercentral:AcceptConnectionInvitation', ...READ_INVITATION_ACTIONS];

/**
 * The action that reads one connection: the role's, to read the connection of an invitation
 * already accepted (adopting it), on the connection ARNs (`Connection` resource type) of the same
 * catalogs; and what a connection's `grantRead` grants.
 */
export const READ_CONNECTION_ACTIONS = ['partnercentral:GetConnection'];

/**
 * The action that finds an invitation named by its sender among those the account received. One
 * of `UNSCOPED_ACTIONS`, with the catalog condition, only when an accepter of the stack names a
 * sender.
 */
export const FIND_ACTIONS = [...LIST_ACTIONS];

/**
 * What the Delete of an accepter with `cancelOnDelete` calls: it reads the accepted invitation
 * (`ConnectionInvitation` resource type), then reads the connection and cancels its connection
 * type (`Connection` resource type). They are the statements of a policy of their own
 * (`CANCEL_POLICY_ID`), which those accepters depend on, so that CloudFormation deletes the last
 * of them before the policy (see `ConnectionInvitationProvider`).
 */
export const CANCEL_READ_ACTIONS = [...READ_INVITATION_ACTIONS];
export const CANCEL_CONNECTION_ACTIONS = [...READ_CONNECTION_ACTIONS, 'partnercentral:CancelConnection'];

/** The catalogs Partner Central documents; the manage actions are always allowed in them. */
export const DOCUMENTED_CATALOGS = [Catalog.AWS.name, Catalog.SANDBOX.name];

/**
 * What Lambda does with the execution role to attach a function to a VPC: create, describe and
 * delete its network interfaces and their addresses (the actions of the AWS managed policy
 * AWSLambdaVPCAccessExecutionRole, without its log actions). EC2 offers no resource-level
 * scope for the Describe actions, and Lambda names the interfaces it creates.
 */
export const NETWORK_INTERFACE_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];
