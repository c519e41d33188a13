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
import { addExampleStacks } from './stacks';

const app = new App();
// PartnerInvitations and PartnerConsumer in the primary account, then SellerAccount (stacks.ts)
addExampleStacks(app);
app.synth();
