/**
 * How the library tells cdk-nag of the findings it acknowledges (src/private/nag-acknowledge.ts):
 * cdk-nag 2's metadata key and shape, cdk-nag's own rendering of a CloudFormation value in a
 * finding id, and aws-cdk-lib's `Validations` acknowledgements (cdk-nag 3), recorded where the
 * installed aws-cdk-lib has them (2.257 and later) and followed until the app is synthesized.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import { flattenCfnReference as nagFlattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { CDK_LIB_VERSION, NAG_MAJOR } from './support/matrix';
import { acknowledge, acknowledgeAsTheyAre, flattenCfnReference, NAG_METADATA_KEY, type NagSuppression } from '../src/private/nag-acknowledge';

/** aws-cdk-lib's metadata type for acknowledgements (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`, 2.257 and later). */
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

/** Whether the aws-cdk-lib of this cell has `Validations` (2.257 and later), by its version alone. */
const HAS_VALIDATIONS = (() => {
  const [major, minor] = CDK_LIB_VERSION.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 257);
})();

/** A resource of a type that needs no properties, so that the template checks of synth find nothing. */
function resourceIn(stack: Stack): CfnResource {
  return new CfnResource(stack, 'Resource', { type: 'AWS::CloudFormation::WaitConditionHandle' });
}

/** The acknowledgements recorded on a construct, in order, as [finding id, reason] (aws-cdk-lib prefixes the ids with their kind). */
function acknowledgementsOf(resource: CfnResource): Array<[string, string]> {
  return resource.node.metadata
    .filter((m) => m.type === ACKNOWLEDGED_RULES)
    .flatMap((m) => Object.entries(m.data as Record<string, string>))
    .map(([id, reason]) => [id.replace(/^[A-Za-z]+::/, ''), reason]);
}

const finding = (id: string) => ({ id, reason: `Why ${id} is acknowledged.` });

if (NAG_MAJOR === 2) {
  describe('cdk-nag 2', () => {
    test('reads suppressions from the metadata key and shape NagSuppressions writes', () => {
      const resource = resourceIn(new Stack(new App(), 'S'));
      NagSuppressions.addResourceSuppressions(resource, [
        { id: 'AwsSolutions-IAM5', reason: 'Why the wildcard is acknowledged.', appliesTo: ['Resource::*', { regex: '/^Resource::arn:.*$/' }] },
        { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: 'Why the inline policy is acknowledged.' },
      ]);
      const expected: NagSuppression[] = [
        { id: 'AwsSolutions-IAM5', reason: 'Why the wildcard is acknowledged.', applies_to: ['Resource::*', { regex: '/^Resource::arn:.*$/' }] },
        { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: 'Why the inline policy is acknowledged.' },
      ];
      expect(resource.getMetadata(NAG_METADATA_KEY)).toEqual({ rules_to_suppress: expected });
    });
  });
}

describe('flattenCfnReference', () => {
  test.each<[string, unknown, string]>([
    ['nothing', undefined, ''],
    ['a literal', 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*', 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*'],
    ['the ${...} of a string', 'arn:${AWS::Partition}:logs:${AWS::Region}', 'arn:<AWS::Partition>:logs:<AWS::Region>'],
    ['a Ref', { Ref: 'CatalogParam' }, '<CatalogParam>'],
    ['a GetAtt', { 'Fn::GetAtt': ['LogGroupF5B46931', 'Arn'] }, '<LogGroupF5B46931.Arn>'],
    ['a Join of literals and references', {
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':partnercentral:us-east-1::catalog/', { Ref: 'CatalogParam' }, '/connection-invitation/*']],
    }, 'arn:<AWS::Partition>:partnercentral:us-east-1::catalog/<CatalogParam>/connection-invitation/*'],
    ['a Join with a delimiter, nested', { 'Fn::Join': [':', ['a', { 'Fn::Join': ['-', ['b', { 'Fn::GetAtt': ['R', 'Arn'] }]] }]] }, 'a:b-<R.Arn>'],
    ['a Sub', { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${LogGroup}:*' }, 'arn:<AWS::Partition>:logs:<LogGroup>:*'],
    ['an ImportValue', { 'Fn::ImportValue': 'Shared-LogGroupArn' }, 'Shared-LogGroupArn'],
    ['anything else, as JSON', { 'Fn::Select': [0, ['a', 'b']] }, '{"Fn::Select":[0,["a","b"]]}'],
    ['an array, as JSON', ['a', 1], '["a",1]'],
  ])('%s: as cdk-nag prints it', (_what, value, printed) => {
    expect(flattenCfnReference(value)).toBe(printed);
    expect(nagFlattenCfnReference(value)).toBe(printed);
  });
});

if (HAS_VALIDATIONS) {
  describe('with aws-cdk-lib\'s Validations (cdk-nag 3 reads them)', () => {
    test('acknowledge records each finding with its reason on the construct', () => {
      const resource = resourceIn(new Stack(new App(), 'S'));
      acknowledge(resource, [finding('AwsSolutions-IAM5[Resource::*]'), finding('HIPAA.Security-IAMNoInlinePolicy')]);
      expect(acknowledgementsOf(resource)).toEqual([
        ['AwsSolutions-IAM5[Resource::*]', 'Why AwsSolutions-IAM5[Resource::*] is acknowledged.'],
        ['HIPAA.Security-IAMNoInlinePolicy', 'Why HIPAA.Security-IAMNoInlinePolicy is acknowledged.'],
      ]);
    });

    test('acknowledgeAsTheyAre: the findings at once, then on each call only those it did not acknowledge before', () => {
      const resource = resourceIn(new Stack(new App(), 'S'));
      const current = [finding('A[1]')];
      const again = acknowledgeAsTheyAre(resource, () => current);
      expect(acknowledgementsOf(resource).map(([id]) => id)).toEqual(['A[1]']);
      current.push(finding('A[2]'), finding('A[3]'));
      again();
      again();
      expect(acknowledgementsOf(resource).map(([id]) => id)).toEqual(['A[1]', 'A[2]', 'A[3]']);
    });

    test('acknowledgeAsTheyAre: the findings as they are when the app is synthesized, once', () => {
      const app = new App();
      const resource = resourceIn(new Stack(app, 'S'));
      let logGroup = 'LogGroupF5B46931';
      acknowledgeAsTheyAre(resource, () => [finding(`AwsSolutions-IAM5[Resource::<${logGroup}.Arn>:*]`)]);
      // The app renames the log group after the library acknowledged its finding.
      logGroup = 'AuditLogs';
      app.synth();
      app.synth();
      expect(acknowledgementsOf(resource).map(([id]) => id)).toEqual([
        'AwsSolutions-IAM5[Resource::<LogGroupF5B46931.Arn>:*]',
        'AwsSolutions-IAM5[Resource::<AuditLogs.Arn>:*]',
      ]);
    });
  });
} else {
  describe('without aws-cdk-lib\'s Validations (cdk-nag 3 cannot run)', () => {
    test('nothing is recorded, and nothing throws', () => {
      const app = new App();
      const resource = resourceIn(new Stack(app, 'S'));
      expect(() => acknowledge(resource, [finding('AwsSolutions-IAM5[Resource::*]')])).not.toThrow();
      const current = [finding('A[1]')];
      const again = acknowledgeAsTheyAre(resource, () => current);
      current.push(finding('A[2]'));
      again();
      app.synth();
      expect(resource.node.metadata.filter((m) => m.type === ACKNOWLEDGED_RULES)).toEqual([]);
      expect(resource.getMetadata(NAG_METADATA_KEY)).toBeUndefined();
    });
  });
}
