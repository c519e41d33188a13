import { NO_VALUE } from '../../tools/cloudformation/resolved';
import type { CfnValue } from '../../tools/cloudformation/template';
import { errorOf, evaluator, PSEUDO, TEMPLATE } from '../support/template-evaluation';

describe('intrinsic resolution', () => {
  test.each<[string, CfnValue, unknown]>([
    ['a literal', { a: ['x', 1, true] }, { a: ['x', 1, true] }],
    ['Ref of a parameter default', { Ref: 'Receiver' }, 'pprofile-0123456789abc'],
    ['Ref of a Number parameter', { Ref: 'Count' }, '3'],
    ['Ref of a CommaDelimitedList parameter', { Ref: 'Zones' }, ['a', 'b', 'c']],
    ['Ref AWS::Region', { Ref: 'AWS::Region' }, 'eu-west-1'],
    ['Ref AWS::AccountId', { Ref: 'AWS::AccountId' }, '123456789012'],
    ['Ref AWS::StackName', { Ref: 'AWS::StackName' }, 'Partner'],
    ['Ref AWS::StackId', { Ref: 'AWS::StackId' }, PSEUDO.stackId],
    ['Ref AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['Ref AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['Ref AWS::NotificationARNs', { Ref: 'AWS::NotificationARNs' }, []],
    ['AWS::NoValue in an object and a list', { a: { Ref: 'AWS::NoValue' }, b: ['x', { Ref: 'AWS::NoValue' }] }, { b: ['x'] }],
    ['Ref of an invitation (its physical id)', { Ref: 'Invite' }, 'pacinv-AAAAAAAAAAAAA'],
    ['Fn::GetAtt list form', { 'Fn::GetAtt': ['Invite', 'Status'] }, 'PENDING'],
    ['Fn::GetAtt string form', { 'Fn::GetAtt': 'Invite.Status' }, 'PENDING'],
    ['Fn::ImportValue', { 'Fn::ImportValue': 'Shared-Arn' }, 'arn:shared'],
    ['Fn::Join', { 'Fn::Join': ['-', ['a', { Ref: 'Stage' }, 7, { Ref: 'AWS::NoValue' }]] }, 'a-prod-7'],
    ['Fn::Join over a list parameter', { 'Fn::Join': ['+', { Ref: 'Zones' }] }, 'a+b+c'],
    ['Fn::Sub string form', { 'Fn::Sub': '${AWS::StackName}/${Stage}/${Invite}/${Invite.Status}/${!Literal}' }, 'Partner/prod/pacinv-AAAAAAAAAAAAA/PENDING/${Literal}'],
    ['Fn::Sub list form', { 'Fn::Sub': ['${Greeting}, ${Stage}', { Greeting: { 'Fn::Join': ['', ['he', 'llo']] } }] }, 'hello, prod'],
    ['Fn::Select', { 'Fn::Select': ['1', { Ref: 'Zones' }] }, 'b'],
    ['Fn::Split', { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Invite', 'Arn'] }] }, ['arn:aws:partnercentral:us-east-1::catalog', 'Sandbox', 'connection-invitation', 'pacinv-AAAAAAAAAAAAA']],
    ['Fn::Select over Fn::Split', { 'Fn::Select': [3, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Invite', 'Arn'] }] }] }, 'pacinv-AAAAAAAAAAAAA'],
    ['Fn::If (Fn::Equals true)', { 'Fn::If': ['IsProd', 'p', 't'] }, 'p'],
    ['Fn::If (Fn::Not false)', { 'Fn::If': ['IsTest', 't', 'p'] }, 'p'],
    ['Fn::If (Fn::And)', { 'Fn::If': ['ProdInEu', 'yes', 'no'] }, 'yes'],
    ['Fn::If (Fn::Or)', { 'Fn::If': ['TestOrEu', 'yes', 'no'] }, 'yes'],
    ['Fn::If to AWS::NoValue', { a: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 'x'] } }, {}],
    ['Fn::If leaves the other branch unevaluated', { 'Fn::If': ['IsProd', 'ok', { 'Fn::GetAtt': ['Fn', 'Arn'] }] }, 'ok'],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Catalogs', { Ref: 'Stage' }, 'Name'] }, 'AWS'],
    ['Fn::GetAZs', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'eu-west-1a'],
    ['Fn::Base64', { 'Fn::Base64': 'hi' }, 'aGk='],
  ])('%s', (_name, value, expected) => {
    expect(evaluator().resolve(value)).toEqual(expected);
  });

  test('a computed import name resolves through Fn::Sub', () => {
    const exports = new Map([['Shared-prod', { stack: 'Shared', value: 'v' }]]);
    expect(evaluator(TEMPLATE, { exports }).resolve({ 'Fn::ImportValue': { 'Fn::Sub': 'Shared-${Stage}' } })).toBe('v');
  });

  test('given parameters win over defaults', () => {
    expect(evaluator(TEMPLATE, { parameters: { Stage: 'test', NoDefault: 'given' } }).resolve({
      a: { 'Fn::If': ['IsProd', 'p', 't'] },
      b: { Ref: 'NoDefault' },
      c: { 'Fn::FindInMap': ['Catalogs', { Ref: 'Stage' }, 'Name'] },
    })).toEqual({ a: 't', b: 'given', c: 'Sandbox' });
  });

  test('Ref AWS::NoValue at the top is NO_VALUE', () => {
    expect(evaluator().resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  test.each<[string, CfnValue, RegExp]>([
    ['Fn::GetAtt of a resource the rehearsal does not create', { 'Fn::GetAtt': ['Fn', 'Arn'] },
      /^Partner\/Second: property Email uses Fn::GetAtt Fn\.Arn, which the rehearsal cannot resolve offline \(Fn is an AWS::Lambda::Function, which the rehearsal does not create\)$/],
    ['Ref of a resource the rehearsal does not create', { 'Fn::Join': ['', ['x', { Ref: 'Fn' }]] },
      /^Partner\/Second: property Email uses Ref Fn, which the rehearsal cannot resolve offline/],
    ['Fn::Sub of a resource attribute not rehearsed', { 'Fn::Sub': 'x-${Fn.Arn}' },
      /property Email uses Fn::Sub \$\{Fn\.Arn\}, which the rehearsal cannot resolve offline/],
    ['a parameter without default', { Ref: 'NoDefault' },
      /uses Ref NoDefault, which the rehearsal cannot resolve offline \(parameter NoDefault has no default; give it a value with --parameter\)/],
    ['an SSM parameter', { Ref: 'Bootstrap' }, /uses Ref Bootstrap, .*read from SSM Parameter Store/],
    ['an import nobody exports', { 'Fn::ImportValue': 'Nobody-Arn' },
      /uses Fn::ImportValue Nobody-Arn, which the rehearsal cannot resolve offline \(no stack rehearsed before this one exports it in the same account and region\)/],
    ['an import of a value not rehearsed', { 'Fn::ImportValue': 'Shared-FnArn' },
      /uses Fn::ImportValue Shared-FnArn, .*\(Shared exports it from Fn::GetAtt Fn\.Arn, which the rehearsal does not resolve\)/],
    ['an intrinsic the rehearsal does not evaluate', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      /uses Fn::Cidr, which the rehearsal cannot resolve offline \(the rehearsal does not evaluate Fn::Cidr\)/],
    ['a condition function the rehearsal does not evaluate', { 'Fn::If': ['Weird', 'a', 'b'] },
      /uses Fn::Contains, which the rehearsal cannot resolve offline/],
    ['an attribute the handler does not return', { 'Fn::GetAtt': ['Invite', 'Color'] },
      /uses Fn::GetAtt Invite\.Color, which CloudFormation would reject: the response for Invite has no attribute Color \(it has Arn, Status\)/],
    ['a resource whose condition is false', { Ref: 'Skipped' }, /uses Ref Skipped, which CloudFormation would reject: Skipped is not created: its condition IsTest is false/],
    ['a resource not created yet', { Ref: 'Later' }, /uses Ref Later, .*Later has not been created at this point/],
    ['an unknown name', { Ref: 'Nothing' }, /uses Ref Nothing, which CloudFormation would reject: the template has no parameter or resource Nothing/],
    ['an unknown pseudo parameter', { Ref: 'AWS::Nothing' }, /AWS::Nothing is not a pseudo parameter/],
    ['Fn::Select out of range', { 'Fn::Select': [5, ['a']] }, /uses Fn::Select, which CloudFormation would reject: index 5 is out of range for a list of 1/],
    ['an unknown condition', { 'Fn::If': ['Nope', 'a', 'b'] }, /uses Condition Nope, .*the template has no condition Nope/],
    ['a missing mapping entry', { 'Fn::FindInMap': ['Catalogs', 'dev', 'Name'] }, /the mapping Catalogs has no entry dev\.Name/],
    ['Fn::Join over a non-list', { 'Fn::Join': ['-', 'abc'] }, /uses Fn::Join, which CloudFormation would reject: takes a delimiter and a list/],
  ])('%s names the site and the intrinsic', (_name, value, message) => {
    expect(errorOf(value)).toMatch(message);
  });
});
