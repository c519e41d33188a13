/**
 * An example app in two accounts. In the primary account, one stack declares Partner Central
 * connection invitations and a second uses one of them through a cross-stack reference; in the
 * AWS Marketplace seller account, a third accepts the SUBSIDIARY invitation the primary account
 * sent it.
 *
 * Everything is in the Sandbox catalog, the accounts and receivers are made up and the
 * addresses are example.com. `npx projen rehearse` plays the whole deployment offline against an
 * emulator of the Partner Central API, each stack in its account. To deploy it for real, first
 * replace the two account ids and the partner profile id in `stacks.ts` with ones Partner
 * Central knows (it rejects unknown receivers: ResourceNotFoundException,
 * RECEIVER_PROFILE_NOT_FOUND), then deploy the primary account's stacks with its credentials
 * (`npx cdk deploy PartnerInvitations PartnerConsumer`) and the seller's stack with the seller
 * account's (`npx cdk deploy SellerAccount`), in that order.
 *
 * The stacks name their account and no region: `cdk synth` needs no AWS credentials. The handler
 * always calls Partner Central in us-east-1, whatever region the stacks deploy to.
 */
import { App } from 'aws-cdk-lib';
import { EXAMPLE_PRIMARY_ACCOUNT, EXAMPLE_SELLER_ACCOUNT, PartnerConsumerStack, PartnerInvitationsStack, SellerAccountStack } from './stacks';

const app = new App();
const primary = { account: EXAMPLE_PRIMARY_ACCOUNT };
const invitations = new PartnerInvitationsStack(app, 'PartnerInvitations', { env: primary });
new PartnerConsumerStack(app, 'PartnerConsumer', { env: primary, invitation: invitations.partnerInvitation });
// Last: the accepter finds the invitation the PartnerInvitations stack sent, so that stack deploys
// first (stacks in different accounts share no references; the app's order is the deployment's).
new SellerAccountStack(app, 'SellerAccount', { env: { account: EXAMPLE_SELLER_ACCOUNT }, primaryAccount: EXAMPLE_PRIMARY_ACCOUNT });
app.synth();
