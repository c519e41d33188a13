import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { addExampleStacks, EXAMPLE_PRIMARY_ACCOUNT, EXAMPLE_SELLER_ACCOUNT } from '../examples/stacks';
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../src/contract';

/** The context of the example's cdk.json, which `cdk synth` passes to the app. */
const EXAMPLE_CONTEXT = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', 'cdk.json'), 'utf8')).context;

/**
 * Whether the installed aws-cdk-lib knows weak cross-stack references (`Fn::GetStackOutput`);
 * older releases ignore the flag and make exports and imports.
 */
const WEAK_REFERENCES = cxapi.CURRENTLY_RECOMMENDED_FLAGS['@aws-cdk/core:defaultCrossStackReferences'] !== undefined;

/** The stacks as examples/app.ts makes them, in its accounts. */
function exampleApp(): { invitations: Template; consumer: Template; seller: Template; accounts: string[] } {
  const { invitations, consumer, seller } = addExampleStacks(new App({ context: EXAMPLE_CONTEXT }));
  return {
    invitations: Template.fromStack(invitations),
    consumer: Template.fromStack(consumer),
    seller: Template.fromStack(seller),
    accounts: [invitations.account, consumer.account, seller.account],
  };
}

/**
 * How the consumer stack reads a value of the invitations stack:
 * `Fn::GetStackOutput` of that output (weak reference), or `Fn::ImportValue` of its export.
 */
function referenceTo(invitations: Template, value: unknown): unknown {
  const outputs = invitations.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
  // The output CDK adds for the reference, beside the app's own outputs of the same value:
  // `PublishOutput...` without an export (weak), or `ExportsOutput...` with one (strong).
  const published = Object.entries(outputs).filter(([name, o]) => JSON.stringify(o.Value) === JSON.stringify(value)
    && name.startsWith(WEAK_REFERENCES ? 'PublishOutput' : 'ExportsOutput'));
  expect(published).toHaveLength(1);
  const [name, output] = published[0];
  if (WEAK_REFERENCES) {
    expect(output.Export).toBeUndefined();
    return { 'Fn::GetStackOutput': { StackName: 'PartnerInvitations', Region: { Ref: 'AWS::Region' }, OutputName: name } };
  }
  return { 'Fn::ImportValue': output.Export!.Name };
}

describe('example app', () => {
  test('declares one invitation of each connection type in the Sandbox catalog, with outputs', () => {
    const { invitations } = exampleApp();
    invitations.resourceCountIs(RESOURCE_TYPE, 2);
    invitations.hasResourceProperties(RESOURCE_TYPE, {
      Catalog: 'Sandbox',
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      Email: Match.stringLikeRegexp('@example\\.com$'),
    });
    invitations.hasResourceProperties(RESOURCE_TYPE, {
      Catalog: 'Sandbox',
      ConnectionType: 'SUBSIDIARY',
      ReceiverIdentifier: Match.stringLikeRegexp('^\\d{12}$'),
      Email: Match.stringLikeRegexp('@example\\.com$'),
    });
    for (const name of ['Partner', 'Subsidiary']) {
      invitations.hasOutput(`${name}InvitationId`, { Value: { Ref: Match.anyValue() } });
      invitations.hasOutput(`${name}InvitationArn`, { Value: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
    }
  });

  test('the two invitations go to different receivers (Partner Central refuses a second pending one)', () => {
    const { invitations } = exampleApp();
    const receivers = Object.values(invitations.findResources(RESOURCE_TYPE)).map((r) => r.Properties.ReceiverIdentifier);
    expect(new Set(receivers).size).toBe(2);
  });

  test(`the consumer stack reads the partner invitation's ARN from the invitations stack (${WEAK_REFERENCES ? 'Fn::GetStackOutput' : 'export and import'})`, () => {
    const { invitations, consumer } = exampleApp();
    const [partnerId] = Object.keys(invitations.findResources(RESOURCE_TYPE, {
      Properties: { ConnectionType: 'OPPORTUNITY_COLLABORATION' },
    }));
    const arnImport = referenceTo(invitations, { 'Fn::GetAtt': [partnerId, 'Arn'] });

    consumer.hasResourceProperties('AWS::SSM::Parameter', { Type: 'String', Value: arnImport });
    consumer.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'partnercentral:GetConnectionInvitation',
          Effect: 'Allow',
          Resource: arnImport,
          Condition: { StringEqualsIgnoreCase: { 'partnercentral:Catalog': 'Sandbox' } },
        }],
      },
    });
    // The consumer has no invitation provider of its own.
    expect(consumer.findResources('AWS::Lambda::Function')).toEqual({});
  });

  test('the seller account stack accepts the SUBSIDIARY invitation the primary account sends it', () => {
    const { invitations, seller, accounts } = exampleApp();
    expect(accounts).toEqual([EXAMPLE_PRIMARY_ACCOUNT, EXAMPLE_PRIMARY_ACCOUNT, EXAMPLE_SELLER_ACCOUNT]);
    expect(EXAMPLE_PRIMARY_ACCOUNT).not.toBe(EXAMPLE_SELLER_ACCOUNT);
    invitations.hasResourceProperties(RESOURCE_TYPE, { ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: EXAMPLE_SELLER_ACCOUNT });
    seller.resourceCountIs(ACCEPTER_RESOURCE_TYPE, 1);
    seller.resourceCountIs(RESOURCE_TYPE, 0);
    // The sender as the receiver sees it: the primary account's id (what the emulator answers).
    seller.hasResourceProperties(ACCEPTER_RESOURCE_TYPE, { Catalog: 'Sandbox', SenderIdentifier: EXAMPLE_PRIMARY_ACCOUNT, ConnectionType: 'SUBSIDIARY' });
    seller.hasOutput('ConnectionId', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'ConnectionId'] } });
    seller.hasOutput('ConnectionStatus', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'ConnectionTypeStatus'] } });
  });
});
