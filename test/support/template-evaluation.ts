/**
 * Fixtures of the template evaluator's tests: a stack's pseudo parameters, a template with one
 * created invitation, parameters and conditions, and the error a value raises at a site.
 */
import { INVITATION } from './rehearsal';
import type { ExportEntry, ResourceState } from '../../tools/cloudformation/evaluation-context';
import { RehearsalResolutionError } from '../../tools/cloudformation/intrinsic-errors';
import { TemplateEvaluator } from '../../tools/cloudformation/intrinsics';
import type { CfnTemplate, CfnValue } from '../../tools/cloudformation/template';

/** The pseudo parameters of the evaluated stack, `Partner` in eu-west-1. */
export const PSEUDO = {
  region: 'eu-west-1',
  accountId: '123456789012',
  stackName: 'Partner',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Partner/00000000-0000-0000-0000-000000000000',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};

/** The state of the created invitation `Invite`. */
export const INVITE_STATE: ResourceState = {
  physicalId: 'pacinv-AAAAAAAAAAAAA',
  attributes: { Arn: 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-AAAAAAAAAAAAA', Status: 'PENDING' },
};

/** A template with one created invitation (`Invite`), a function that is not rehearsed, parameters and conditions. */
export const TEMPLATE: CfnTemplate = {
  Parameters: {
    Receiver: { Type: 'String', Default: 'pprofile-0123456789abc' },
    Stage: { Type: 'String', Default: 'prod' },
    Count: { Type: 'Number', Default: 3 },
    Zones: { Type: 'CommaDelimitedList', Default: 'a, b,c' },
    NoDefault: { Type: 'String' },
    Bootstrap: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
  },
  Mappings: { Catalogs: { prod: { Name: 'AWS' }, test: { Name: 'Sandbox' } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsTest: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    ProdInEu: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }] },
    TestOrEu: { 'Fn::Or': [{ Condition: 'IsTest' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }] },
    Weird: { 'Fn::Contains': [['a'], 'a'] },
  },
  Resources: {
    Invite: { Type: INVITATION, Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    Fn: { Type: 'AWS::Lambda::Function' },
    Skipped: { Type: INVITATION, Condition: 'IsTest' },
    Later: { Type: INVITATION },
  },
};

/** An evaluator of `template` where `Invite` is created and two exports exist. */
export function evaluator(template: CfnTemplate = TEMPLATE, opts: { exports?: Map<string, ExportEntry>; parameters?: Record<string, string> } = {}) {
  return new TemplateEvaluator({
    template,
    pseudo: PSEUDO,
    parameters: opts.parameters,
    resource: (id) => (id === 'Invite' ? INVITE_STATE : undefined),
    exports: opts.exports ?? new Map([
      ['Shared-Arn', { stack: 'Shared', value: 'arn:shared' }],
      ['Shared-FnArn', { stack: 'Shared', notRehearsed: 'Fn::GetAtt Fn.Arn' }],
    ]),
    rehearsedTypes: new Set([INVITATION]),
  });
}

/** The site errors name. */
export const SITE = { stack: 'Partner', element: 'Second', what: 'property Email' };

/** The message of the resolution error a value raises at `SITE`. */
export function errorOf(value: CfnValue, e = evaluator()): string {
  try {
    e.resolveAt(value, SITE);
  } catch (err) {
    expect(err).toBeInstanceOf(RehearsalResolutionError);
    return (err as Error).message;
  }
  throw new Error(`resolved: ${JSON.stringify(value)}`);
}
