/**
 * An example app: one stack declares Partner Central connection invitations, a second stack
 * uses one of them through a cross-stack reference (a CloudFormation export and import).
 *
 * Everything is in the Sandbox catalog, the receivers are made up and the addresses are
 * example.com. `npx projen rehearse` plays the whole deployment offline against an emulator of
 * the Partner Central API. To deploy it for real (`cd examples && npx cdk deploy --all`), first
 * replace the receivers in `stacks.ts` with a partner profile id and an AWS account id that
 * Partner Central knows: it rejects unknown receivers (ResourceNotFoundException,
 * RECEIVER_PROFILE_NOT_FOUND).
 *
 * The stacks are environment-agnostic: `cdk synth` needs no AWS account or credentials. The
 * handler always calls Partner Central in us-east-1, whatever region the stacks deploy to.
 */
import { App } from 'aws-cdk-lib';
import { PartnerConsumerStack, PartnerInvitationsStack } from './stacks';

const app = new App();
const invitations = new PartnerInvitationsStack(app, 'PartnerInvitations');
new PartnerConsumerStack(app, 'PartnerConsumer', { invitation: invitations.partnerInvitation });
app.synth();
