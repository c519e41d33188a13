import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PartnerConsumerStack, PartnerInvitationsStack } from '../examples/stacks';
import { RESOURCE_TYPE } from '../src/contract';

function exampleApp(): { invitations: Template; consumer: Template } {
  const app = new App();
  const invitations = new PartnerInvitationsStack(app, 'PartnerInvitations');
  const consumer = new PartnerConsumerStack(app, 'PartnerConsumer', { invitation: invitations.partnerInvitation });
  return { invitations: Template.fromStack(invitations), consumer: Template.fromStack(consumer) };
}

/** The `Fn::ImportValue` of every export of the invitations stack whose value is `value`. */
function importOf(invitations: Template, value: unknown): { 'Fn::ImportValue': string } {
  const outputs = invitations.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
  const exported = Object.values(outputs).filter((o) => o.Export && JSON.stringify(o.Value) === JSON.stringify(value));
  expect(exported).toHaveLength(1);
  return { 'Fn::ImportValue': exported[0].Export!.Name };
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

  test('the consumer stack imports the partner invitation\'s ARN and id from the invitations stack', () => {
    const { invitations, consumer } = exampleApp();
    const [partnerId] = Object.keys(invitations.findResources(RESOURCE_TYPE, {
      Properties: { ConnectionType: 'OPPORTUNITY_COLLABORATION' },
    }));
    const arnImport = importOf(invitations, { 'Fn::GetAtt': [partnerId, 'Arn'] });
    const idImport = importOf(invitations, { Ref: partnerId });

    consumer.hasResourceProperties('AWS::SSM::Parameter', { Type: 'String', Value: arnImport });
    consumer.hasOutput('ConsumedInvitationId', { Value: idImport });
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
});
