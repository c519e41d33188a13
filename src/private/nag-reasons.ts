/**
 * The reasons the library gives cdk-nag for the findings it acknowledges on the invitation
 * provider's resources (nag-suppressions.ts says which finding gets which): the same text in
 * cdk-nag 2's metadata and in cdk-nag 3's acknowledgements, shown to users in cdk-nag's reports.
 *
 * Internal: not exported from index.ts.
 */

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
/** Why the cancel policy's invitation and connection ARNs name every catalog. */
export const CANCEL_ARNS_REASON = 'The cancel policy allows GetConnectionInvitation on the invitation ARNs and GetConnection and '
  + 'CancelConnection on the connection ARNs of every catalog (catalog/*/connection-invitation/* and catalog/*/connection/*, '
  + 'no catalog condition): CloudFormation updates the policy before the Delete of an accepter removed from the stack runs, '
  + 'so a policy naming the remaining accepters\' catalogs would deny the cancel of the last one of a catalog; Partner Central '
  + 'chooses the ids, and two patterns keep the policy the same size whatever the number of accepters and catalogs.';
/** Why the connection ARNs of the role end in `connection/*`. */
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
/** What `PARTNER_CENTRAL_REASON` adds in a VPC, where the network interface statement is on `*` too. */
export const NETWORK_INTERFACE_REASON = ' The network interface actions Lambda performs to attach the function to its VPC '
  + '(those of AWSLambdaVPCAccessExecutionRole) have no resource-level scope for Describe and act on interfaces Lambda names.';
/** Why the log statement ends in `<log group ARN>:*`. */
export const LOG_STREAMS_REASON = 'The handler writes to log streams that Lambda names at run time, all inside the '
  + 'handler\'s own log group.';
