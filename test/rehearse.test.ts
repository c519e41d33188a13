import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { INVITATION_ID_PATTERN, parseInvitationArn } from '../src/api-constraints';
import { parseParameter, parseRehearseArgs } from '../tools/cli/rehearse-args';
import { REHEARSE_USAGE, runRehearse } from '../tools/cli/rehearse-command';
import { formatFailure, formatText } from '../tools/cli/report';
import { readAssembly } from '../tools/cloudformation/assembly';
import { resourceOrder } from '../tools/cloudformation/dependency-order';
import { RehearsalResolutionError } from '../tools/cloudformation/intrinsic-errors';
import { ExportEntry, NO_VALUE, ResourceState, StackEntry, TemplateEvaluator } from '../tools/cloudformation/intrinsics';
import { parameterViolations } from '../tools/cloudformation/parameters';
import type { CfnResource, CfnTemplate, CfnValue } from '../tools/cloudformation/template';
import { DEFAULT_INVITER } from '../tools/emulator/model';
import { MESSAGE_CHANGE, rehearse } from '../tools/rehearsal/rehearse';
import type { EventRecord, RehearsalFailure, RehearsalResult } from '../tools/rehearsal/result';
import { enterSandbox, handlerEndpoint, handlerEnvironment, isLoopbackHost, isLoopbackUrl } from '../tools/rehearsal/sandbox';

const INVITATION = 'Custom::PartnerCentralConnectionInvitation';

const PSEUDO = {
  region: 'eu-west-1',
  accountId: '123456789012',
  stackName: 'Partner',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Partner/00000000-0000-0000-0000-000000000000',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};

const INVITE_STATE: ResourceState = {
  physicalId: 'pacinv-AAAAAAAAAAAAA',
  attributes: { Arn: 'arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/pacinv-AAAAAAAAAAAAA', Status: 'PENDING' },
};

/** A template with one created invitation (`Invite`), a function that is not rehearsed, parameters and conditions. */
const TEMPLATE: CfnTemplate = {
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

function evaluator(template: CfnTemplate = TEMPLATE, opts: { exports?: Map<string, ExportEntry>; parameters?: Record<string, string> } = {}) {
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

const SITE = { stack: 'Partner', element: 'Second', what: 'property Email' };

function errorOf(value: CfnValue, e = evaluator()): string {
  try {
    e.resolveAt(value, SITE);
  } catch (err) {
    expect(err).toBeInstanceOf(RehearsalResolutionError);
    return (err as Error).message;
  }
  throw new Error(`resolved: ${JSON.stringify(value)}`);
}

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

describe('Fn::GetStackOutput resolution', () => {
  /** A stack of the assembly; `outputs` undefined means not deployed yet. */
  const entry = (over: Partial<StackEntry> & { stack: string }): StackEntry => ({
    stackName: over.stack,
    stackId: `arn:aws:cloudformation:eu-west-1:123456789012:stack/${over.stack}/1`,
    account: '123456789012',
    region: 'eu-west-1',
    template: {},
    ...over,
  });
  const STACKS: StackEntry[] = [
    entry({
      stack: 'Producer',
      stackName: 'producer-prod',
      template: { Outputs: { Id: { Value: 'x' }, FnArn: { Value: 'x' }, ProdOnly: { Value: 'x', Condition: 'IsProd' } } },
      outputs: new Map([['Id', { value: 'pacinv-AAAAAAAAAAAAA' }], ['FnArn', { notRehearsed: 'Fn::GetAtt Fn.Arn' }]]),
    }),
    entry({ stack: 'Usa', region: 'us-east-1', outputs: new Map([['Id', { value: 'from-us' }]]) }),
    entry({ stack: 'Other', account: '111122223333', outputs: new Map([['Id', { value: 'from-other-account' }]]) }),
    entry({ stack: 'Later', template: { Outputs: { Id: { Value: 'x' } } } }),
    entry({ stack: 'Partner', stackId: PSEUDO.stackId }),
  ];
  const weak = (ctx: { stacks?: StackEntry[] } = {}) => new TemplateEvaluator({
    template: TEMPLATE,
    pseudo: PSEUDO,
    resource: () => undefined,
    exports: new Map(),
    stacks: () => ctx.stacks ?? STACKS,
    rehearsedTypes: new Set([INVITATION]),
  });
  const gso = (arg: Record<string, CfnValue>): CfnValue => ({ 'Fn::GetStackOutput': arg });

  test.each<[string, CfnValue, unknown]>([
    ['by the deployed stack name, in this stack\'s account and region', gso({ StackName: 'producer-prod', OutputName: 'Id' }), 'pacinv-AAAAAAAAAAAAA'],
    ['with the stack name computed by an intrinsic', gso({ StackName: { 'Fn::Sub': 'producer-${Stage}' }, OutputName: 'Id' }), 'pacinv-AAAAAAAAAAAAA'],
    ['with Region as CDK renders it (Ref AWS::Region)', gso({ StackName: 'producer-prod', Region: { Ref: 'AWS::Region' }, OutputName: 'Id' }), 'pacinv-AAAAAAAAAAAAA'],
    ['by the stack id', gso({ StackName: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Usa/1', Region: 'us-east-1', OutputName: 'Id' }), 'from-us'],
    ['in another region', gso({ StackName: 'Usa', Region: 'us-east-1', OutputName: 'Id' }), 'from-us'],
    ['in another account through RoleArn', gso({
      StackName: 'Other',
      Region: 'eu-west-1',
      RoleArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:role/OtherPublishGetStackOutputRole']] },
      OutputName: 'Id',
    }), 'from-other-account'],
    ['inside other intrinsics', { 'Fn::Select': [1, { 'Fn::Split': ['-', gso({ StackName: 'producer-prod', OutputName: 'Id' })] }] }, 'AAAAAAAAAAAAA'],
  ])('%s', (_name, value, expected) => {
    expect(weak().resolve(value)).toEqual(expected);
  });

  test.each<[string, CfnValue, string]>([
    ['a stack the assembly does not have (the display name is not the stack name)', gso({ StackName: 'Producer', OutputName: 'Id' }),
      'Partner/Second: property Email uses Fn::GetStackOutput Producer.Id, which the rehearsal cannot resolve offline '
      + '(the assembly has no stack Producer in account 123456789012 and region eu-west-1, and the rehearsal cannot read a stack outside it)'],
    ['a stack of another region, without Region', gso({ StackName: 'Usa', OutputName: 'Id' }),
      'Partner/Second: property Email uses Fn::GetStackOutput Usa.Id, which the rehearsal cannot resolve offline '
      + '(the assembly has no stack Usa in account 123456789012 and region eu-west-1, and the rehearsal cannot read a stack outside it '
      + '(Usa is in account 123456789012 and region us-east-1: Fn::GetStackOutput reads another region with Region, another account with RoleArn))'],
    ['a stack of another account, without RoleArn', gso({ StackName: 'Other', OutputName: 'Id' }),
      'Partner/Second: property Email uses Fn::GetStackOutput Other.Id, which the rehearsal cannot resolve offline '
      + '(the assembly has no stack Other in account 123456789012 and region eu-west-1, and the rehearsal cannot read a stack outside it '
      + '(Other is in account 111122223333 and region eu-west-1: Fn::GetStackOutput reads another region with Region, another account with RoleArn))'],
    ['an output the stack does not have', gso({ StackName: 'producer-prod', OutputName: 'Arn' }),
      'Partner/Second: property Email uses Fn::GetStackOutput producer-prod.Arn, which CloudFormation would reject: Producer has no output Arn (it has Id, FnArn)'],
    ['an output whose condition is false', gso({ StackName: 'producer-prod', OutputName: 'ProdOnly' }),
      'Partner/Second: property Email uses Fn::GetStackOutput producer-prod.ProdOnly, which CloudFormation would reject: '
      + 'the output ProdOnly of Producer is not created: its condition IsProd is false'],
    ['an output whose value the rehearsal does not resolve', gso({ StackName: 'producer-prod', OutputName: 'FnArn' }),
      'Partner/Second: property Email uses Fn::GetStackOutput producer-prod.FnArn, which the rehearsal cannot resolve offline '
      + '(the output FnArn of Producer comes from Fn::GetAtt Fn.Arn, which the rehearsal does not resolve)'],
    ['a stack deployed after this one', gso({ StackName: 'Later', OutputName: 'Id' }),
      'Partner/Second: property Email uses Fn::GetStackOutput Later.Id, which CloudFormation would reject: Later is not deployed at this point: '
      + 'it is deployed after this stack, and CloudFormation reads the output when this stack is deployed (make this stack depend on it: consumer.addDependency(producer))'],
    ['its own output', gso({ StackName: { Ref: 'AWS::StackName' }, OutputName: 'Id' }),
      'Partner/Second: property Email uses Fn::GetStackOutput Partner.Id, which CloudFormation would reject: '
      + 'Partner reads its own output, which does not exist while the stack is being deployed'],
    ['a RoleArn that is not a role', gso({ StackName: 'Other', OutputName: 'Id', RoleArn: 'arn:aws:iam::111122223333:user/someone' }),
      'Partner/Second: property Email uses Fn::GetStackOutput Other.Id, which CloudFormation would reject: RoleArn arn:aws:iam::111122223333:user/someone is not the ARN of an IAM role'],
    ['a missing OutputName', gso({ StackName: 'Other' }),
      'Partner/Second: property Email uses Fn::GetStackOutput, which CloudFormation would reject: '
      + 'takes { StackName, OutputName, Region (optional), RoleArn (optional) }: OutputName is missing'],
    ['an unknown argument', gso({ StackName: 'Other', OutputName: 'Id', Account: '111122223333' }),
      'Partner/Second: property Email uses Fn::GetStackOutput, which CloudFormation would reject: '
      + 'takes { StackName, OutputName, Region (optional), RoleArn (optional) }, not Account'],
    ['a stack name that needs AWS', gso({ StackName: { Ref: 'NoDefault' }, OutputName: 'Id' }),
      'Partner/Second: property Email uses Ref NoDefault, which the rehearsal cannot resolve offline (parameter NoDefault has no default; give it a value with --parameter)'],
  ])('%s names the site, the stack and the output', (_name, value, message) => {
    expect(errorOf(value, weak())).toBe(message);
  });

  test('without the assembly\'s stacks every stack is outside it', () => {
    expect(errorOf(gso({ StackName: 'producer-prod', OutputName: 'Id' }), weak({ stacks: [] })))
      .toMatch(/the assembly has no stack producer-prod in account 123456789012 and region eu-west-1/);
    expect(evaluator().resolve({ 'Fn::If': ['IsProd', 'ok', gso({ StackName: 'x', OutputName: 'y' })] })).toBe('ok');
  });
});

describe('parameter constraints', () => {
  const check = (p: CfnTemplate['Parameters'], given: Record<string, string> = {}) => parameterViolations({ Parameters: p }, given);

  test.each<[string, NonNullable<CfnTemplate['Parameters']>[string], string | undefined, string]>([
    ['AllowedPattern matches the whole value, not a part', { Type: 'String', Default: 'prod1', AllowedPattern: '[a-z]+' }, undefined,
      'parameter P: the default value does not match AllowedPattern "[a-z]+"; CloudFormation would refuse the stack'],
    ['AllowedPattern with an alternation is anchored as a whole', { Default: 'xprod', AllowedPattern: 'dev|prod' }, undefined,
      'parameter P: the default value does not match AllowedPattern "dev|prod"; CloudFormation would refuse the stack'],
    ['AllowedPattern with its ConstraintDescription', { Default: 'Prod', AllowedPattern: '[a-z]+', ConstraintDescription: 'lower case letters only' }, undefined,
      'parameter P: the default value does not match AllowedPattern "[a-z]+": lower case letters only; CloudFormation would refuse the stack'],
    ['AllowedPattern on each value of a CommaDelimitedList', { Type: 'CommaDelimitedList', Default: 'a,b', AllowedPattern: '[a-z]+' }, 'a,B',
      'parameter P: the given value does not match AllowedPattern "[a-z]+" (each value of the list must); CloudFormation would refuse the stack'],
    ['AllowedValues', { Default: 'dev', AllowedValues: ['dev', 'prod'] }, 'test',
      'parameter P: the given value is not one of AllowedValues ["dev","prod"]; CloudFormation would refuse the stack'],
    ['AllowedValues of a Number', { Type: 'Number', Default: 3, AllowedValues: [1, 2] }, undefined,
      'parameter P: the default value is not one of AllowedValues ["1","2"]; CloudFormation would refuse the stack'],
    ['MinLength', { Default: 'ab', MinLength: 3 }, undefined,
      'parameter P: the default value has 2 characters, fewer than MinLength 3; CloudFormation would refuse the stack'],
    ['MaxLength, counted on the given value', { Default: 'ok', MaxLength: '4', ConstraintDescription: 'at most 4' }, 'toolong',
      'parameter P: the given value has 7 characters, more than MaxLength 4: at most 4; CloudFormation would refuse the stack'],
    ['MinValue', { Type: 'Number', Default: '-1', MinValue: 0 }, undefined,
      'parameter P: the default value is -1, less than MinValue 0; CloudFormation would refuse the stack'],
    ['MaxValue', { Type: 'Number', Default: 5, MaxValue: 10 }, '10.5',
      'parameter P: the given value is 10.5, more than MaxValue 10; CloudFormation would refuse the stack'],
    ['MaxValue on each value of a List<Number>', { Type: 'List<Number>', Default: '1,2', MaxValue: 3 }, '1, 4',
      'parameter P: the given value holds 4, more than MaxValue 3; CloudFormation would refuse the stack'],
    ['a Number that is not a number', { Type: 'Number', Default: 'three' }, undefined,
      'parameter P: the default value is not a number, which its Type Number requires; CloudFormation would refuse the stack'],
  ])('%s', (_name, parameter, given, message) => {
    const violations = check({ P: parameter }, given === undefined ? {} : { P: given });
    expect(violations).toEqual([{ parameter: 'P', rule: expect.any(String), kind: 'invalid', message }]);
    expect(message).toContain(violations[0].rule);
  });

  test('values within the constraints pass, and so do parameters without a value or of AWS types', () => {
    expect(check({
      Stage: { Type: 'String', Default: 'prod', AllowedPattern: 'dev|prod', AllowedValues: ['dev', 'prod'], MinLength: 3, MaxLength: 4 },
      Count: { Type: 'Number', Default: 3, MinValue: 1, MaxValue: '3', AllowedValues: ['1', '3.0'] },
      Zones: { Type: 'CommaDelimitedList', Default: 'a, b', AllowedPattern: '[a-z]', AllowedValues: ['a', 'b'] },
      NoValue: { Type: 'String', AllowedPattern: 'x' },
      Bootstrap: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/version', AllowedPattern: 'x' },
    })).toEqual([]);
    // a given value is checked instead of the default
    expect(check({ Stage: { Default: 'PROD', AllowedPattern: '[a-z]+' } }, { Stage: 'prod' })).toEqual([]);
  });

  test('a pattern the rehearsal cannot evaluate is unresolvable, not a pass', () => {
    expect(check({ P: { Default: 'a', AllowedPattern: '[a-z' } })).toEqual([{
      parameter: 'P',
      rule: 'AllowedPattern',
      kind: 'unresolvable',
      message: expect.stringMatching(/^parameter P: the default value cannot be checked: AllowedPattern "\[a-z" is not a regular expression the rehearsal understands/),
    }]);
  });
});

describe('resource order', () => {
  test('follows DependsOn and references, otherwise the template order', () => {
    const template: CfnTemplate = {
      Resources: {
        C: { Type: INVITATION, Properties: { Message: { 'Fn::Sub': 'after ${B.Arn}' } } },
        A: { Type: INVITATION },
        B: { Type: INVITATION, DependsOn: 'D', Properties: { Email: { 'Fn::GetAtt': 'A.InviterEmail' } } },
        D: { Type: 'AWS::Lambda::Function', Properties: { X: { Ref: 'A' } } },
        E: { Type: INVITATION, DependsOn: ['C'] },
        F: { Type: INVITATION, Properties: { Message: { 'Fn::Sub': ['${B}', { B: 'not a resource here' }] } } },
      },
    };
    expect(resourceOrder(template)).toEqual(['A', 'D', 'B', 'C', 'E', 'F']);
  });

  test('a cycle is an error naming its members', () => {
    expect(() => resourceOrder({ Resources: { A: { Type: 'T', DependsOn: 'B' }, B: { Type: 'T', Properties: { x: { Ref: 'A' } } } } }))
      .toThrow(/the resources A, B depend on each other in a cycle/);
  });
});

/** Writes a cloud assembly: stacks as `[id, template, dependencies, extra artifact fields]`. */
type StackSpec = [id: string, template: CfnTemplate, dependencies?: string[], artifact?: Record<string, unknown>];
function writeAssembly(dir: string, stacks: StackSpec[], extraArtifacts: Record<string, unknown> = {}): void {
  fs.mkdirSync(dir, { recursive: true });
  const artifacts: Record<string, unknown> = {};
  for (const [id, template, deps, extra] of stacks) {
    fs.writeFileSync(path.join(dir, `${id}.template.json`), JSON.stringify(template));
    artifacts[`${id}.assets`] = { type: 'cdk:asset-manifest', properties: { file: `${id}.assets.json` } };
    artifacts[id] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://unknown-account/unknown-region',
      properties: { templateFile: `${id}.template.json` },
      dependencies: [`${id}.assets`, ...(deps ?? [])],
      displayName: id,
      ...extra,
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '39.0.0', artifacts: { ...artifacts, ...extraArtifacts } }));
}

describe('reading the assembly', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-assembly-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('orders stacks by dependencies, including those of nested assemblies (stages)', () => {
    writeAssembly(tmp, [
      ['Consumer', {}, ['Producer']],
      ['Producer', {}, [], { environment: 'aws://111122223333/eu-central-1', properties: { templateFile: 'Producer.template.json', stackName: 'producer-stack' } }],
    ], { 'assembly-Prod': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod', displayName: 'Prod' } } });
    writeAssembly(path.join(tmp, 'assembly-Prod'), [
      ['ProdB', {}, ['ProdA'], { displayName: 'Prod/B' }],
      ['ProdA', {}, [], { displayName: 'Prod/A' }],
    ]);
    const stacks = readAssembly(tmp);
    expect(stacks.map((s) => s.displayName)).toEqual(['Producer', 'Consumer', 'Prod/A', 'Prod/B']);
    expect(stacks[0]).toMatchObject({ stackName: 'producer-stack', account: '111122223333', region: 'eu-central-1', dependencies: [] });
    expect(stacks[1]).toMatchObject({ stackName: 'Consumer', account: '123456789012', region: 'us-east-1', dependencies: ['Producer'] });
    expect(stacks[3]).toMatchObject({ key: 'assembly-Prod/ProdB', dependencies: ['assembly-Prod/ProdA'] });
  });

  test('a directory without manifest.json is refused with a hint', () => {
    expect(() => readAssembly(tmp)).toThrow(/is not a cloud assembly: it has no manifest\.json \(run cdk synth first\)/);
  });

  test('stacks that depend on each other are refused', () => {
    writeAssembly(tmp, [['A', {}, ['B']], ['B', {}, ['A']]]);
    expect(() => readAssembly(tmp)).toThrow(/the stacks A, B depend on each other in a cycle/);
  });
});

/** The real handler bundle (`npx projen bundle`; the test task bundles before jest). */
const HANDLER = path.join(__dirname, '..', 'assets', 'connection-invitation-handler', 'index.js');

const FN_ARN: CfnValue = { 'Fn::GetAtt': ['Fn', 'Arn'] };
const PROVIDER = { Fn: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 900 } } };

/** An invitation resource with the given properties over valid ones. */
function invitation(props: Record<string, CfnValue>, extra: Record<string, unknown> = {}): CfnResource {
  return {
    Type: INVITATION,
    Properties: {
      ServiceToken: FN_ARN,
      Catalog: 'Sandbox',
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      ReceiverIdentifier: 'pprofile-0000example00',
      Email: 'partner@example.com',
      Name: 'Sam Partner',
      Message: 'Shall we co-sell?',
      ServiceTimeout: '300',
      ...props,
    },
    ...extra,
  };
}

/** Personal values the fixtures use: none may appear in a result. */
const PERSONAL = ['alliances@example.com', 'Pat Example', 'partner@example.com', 'Sam Partner', 'Shall we co-sell', 'Hello from', 'Follows',
  'is ours', DEFAULT_INVITER.email, DEFAULT_INVITER.name];

/** Producer: invitations with parameters, conditions, references, a retained one; Consumer imports from it. */
const PRODUCER: CfnTemplate = {
  Parameters: {
    ContactEmail: { Type: 'String', Default: 'alliances@example.com' },
    ContactName: { Type: 'String', Default: 'Pat Example' },
    Stage: { Type: 'String', Default: 'test' },
  },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsTest: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    TestInUsEast1: { 'Fn::And': [{ Condition: 'IsTest' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] },
  },
  Resources: {
    ...PROVIDER,
    // Listed before First on purpose: the rehearsal must follow the references, not the template order.
    Second: invitation({
      Catalog: { 'Fn::GetAtt': ['First', 'Catalog'] },
      ReceiverIdentifier: { 'Fn::Join': ['-', ['pprofile', { 'Fn::Select': [1, { 'Fn::Split': ['-', { Ref: 'First' }] }] }]] },
      Message: { 'Fn::Sub': ['Follows ${Id}', { Id: { 'Fn::GetAtt': ['First', 'Id'] } }] },
    }, { Metadata: { 'aws:cdk:path': 'Producer/Second/Resource/Default' } }),
    First: invitation({
      Catalog: { 'Fn::If': ['IsProd', 'AWS', 'Sandbox'] },
      Email: { Ref: 'ContactEmail' },
      Name: { Ref: 'ContactName' },
      Message: { 'Fn::Sub': 'Hello from ${AWS::StackName} in ${AWS::Region}' },
      ReceiverIdentifier: 'pprofile-first00000000',
      ClientToken: { 'Fn::If': ['TestInUsEast1', { Ref: 'AWS::NoValue' }, 'never-used'] },
    }, { Metadata: { 'aws:cdk:path': 'Producer/First/Resource/Default' }, DependsOn: ['Fn'] }),
    Kept: invitation({
      ConnectionType: 'SUBSIDIARY',
      ReceiverIdentifier: '111122223333',
      ClientToken: { 'Fn::Join': ['-', ['kept', { Ref: 'AWS::AccountId' }]] },
    }, { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' }),
    Skipped: invitation({ ReceiverIdentifier: 'pprofile-skipped000000' }, { Condition: 'IsProd' }),
  },
  Outputs: {
    FirstArn: { Value: { 'Fn::GetAtt': ['First', 'Arn'] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-FirstArn' } } },
    FirstId: { Value: { Ref: 'First' }, Export: { Name: 'Producer-FirstId' } },
    SecondReceiver: { Value: { 'Fn::GetAtt': ['Second', 'OtherParticipantIdentifier'] } },
    FunctionArn: { Value: FN_ARN },
    Contact: { Value: { Ref: 'ContactEmail' } },
    ProdOnly: { Value: 'x', Condition: 'IsProd' },
  },
};

const CONSUMER: CfnTemplate = {
  Resources: {
    ...PROVIDER,
    Third: invitation({
      ReceiverIdentifier: 'pprofile-third00000000',
      Message: { 'Fn::Join': [' ', ['Invitation', { 'Fn::ImportValue': 'Producer-FirstId' }, 'is ours']] },
    }),
  },
  Outputs: {
    ImportedArn: { Value: { 'Fn::ImportValue': { 'Fn::Sub': 'Producer-FirstArn' } } },
  },
};

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-'));
}

function phase(result: RehearsalResult, p: EventRecord['phase']): Array<[string, string, string]> {
  return result.events.filter((e) => e.phase === p).map((e) => [e.requestType, `${e.stack}/${e.logicalId}`, e.status]);
}

function expectNothingPersonal(text: string): void {
  for (const p of PERSONAL) expect(text).not.toContain(p);
}

describe('rehearsal of a two-stack assembly with the real handler', () => {
  let dir: string;
  let result: RehearsalResult;
  const connect = net.Socket.prototype.connect;

  beforeAll(async () => {
    expect(fs.existsSync(HANDLER)).toBe(true);
    dir = tempDir();
    // Consumer comes first in the manifest: only the dependency puts it second.
    writeAssembly(dir, [['Consumer', CONSUMER, ['Producer']], ['Producer', PRODUCER]]);
    process.env.AWS_ACCESS_KEY_ID = 'AKIAUSERSOWNKEY';
    process.env.AWS_ENDPOINT_URL = 'https://example.invalid';
    try {
      result = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    } finally {
      expect(process.env.AWS_ACCESS_KEY_ID).toBe('AKIAUSERSOWNKEY');
      expect(process.env.AWS_ENDPOINT_URL).toBe('https://example.invalid');
      expect(process.env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT).toBeUndefined();
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('passes, and leaves the environment and the network as they were', () => {
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(net.Socket.prototype.connect).toBe(connect);
  });

  test('creates in stack and resource dependency order, skipping a resource whose condition is false', () => {
    expect(result.stacks.map((s) => s.displayName)).toEqual(['Producer', 'Consumer']);
    expect(phase(result, 'deploy')).toEqual([
      ['Create', 'Producer/First', 'SUCCESS'],
      ['Create', 'Producer/Second', 'SUCCESS'],
      ['Create', 'Producer/Kept', 'SUCCESS'],
      ['Create', 'Consumer/Third', 'SUCCESS'],
    ]);
    expect(result.stacks[0].notes).toEqual(['Skipped is not created: its condition IsProd is false']);
    for (const s of result.stacks) {
      for (const i of s.invitations) {
        expect(i.invitationId).toMatch(INVITATION_ID_PATTERN);
        expect(i.status).toBe('PENDING');
        expect(parseInvitationArn(i.arn)).toEqual({ catalog: 'Sandbox', id: i.invitationId });
      }
    }
    expect(result.stacks[0].invitations.map((i) => [i.logicalId, i.constructPath, i.retain])).toEqual([
      ['First', 'First', false], ['Second', 'Second', false], ['Kept', undefined, true],
    ]);
  });

  test('resolves references between invitations, outputs and exports', () => {
    const [producer, consumer] = result.stacks;
    const first = producer.invitations[0];
    const outputs = Object.fromEntries(producer.outputs.map((o) => [o.name, o]));
    expect(Object.keys(outputs)).toEqual(['FirstArn', 'FirstId', 'SecondReceiver', 'FunctionArn', 'Contact']);
    expect(outputs.FirstArn).toEqual({ name: 'FirstArn', value: first.arn, exportName: 'Producer-FirstArn' });
    expect(outputs.FirstId).toEqual({ name: 'FirstId', value: first.invitationId, exportName: 'Producer-FirstId' });
    // Second's receiver was computed from First's id with Fn::Split, Fn::Select and Fn::Join.
    expect(outputs.SecondReceiver.value).toBe(`pprofile-${first.invitationId.split('-')[1]}`);
    expect(outputs.FunctionArn).toEqual({ name: 'FunctionArn', value: '<not rehearsed: Fn::GetAtt Fn.Arn>', notRehearsed: 'Fn::GetAtt Fn.Arn' });
    expect(outputs.Contact.value).toBe('<personal data>');
    expect(consumer.outputs).toEqual([{ name: 'ImportedArn', value: first.arn }]);
  });

  test('shows a replacement: the message changes, the invitation that refers to it follows, the old ones are canceled', () => {
    expect(MESSAGE_CHANGE).toBe(' (rehearsal: message changed)');
    expect(phase(result, 'update')).toEqual([['Update', 'Producer/First', 'SUCCESS'], ['Update', 'Producer/Second', 'SUCCESS']]);
    const [firstUpdate, secondUpdate] = result.events.filter((e) => e.phase === 'update');
    expect(firstUpdate.physicalId).toBe(result.stacks[0].invitations[0].invitationId);
    expect(firstUpdate.responsePhysicalId).toMatch(INVITATION_ID_PATTERN);
    expect(firstUpdate.responsePhysicalId).not.toBe(firstUpdate.physicalId);
    expect(firstUpdate.note).toBe('Message changed; replaced by a new invitation');
    expect(secondUpdate.note).toBe('its properties refer to First; replaced by a new invitation');
    // cleanup: last replaced first, each old invitation canceled
    expect(result.events.filter((e) => e.phase === 'cleanup').map((e) => [e.requestType, e.logicalId, e.physicalId, e.invitationStatus])).toEqual([
      ['Delete', 'Second', secondUpdate.physicalId, 'CANCELED'],
      ['Delete', 'First', firstUpdate.physicalId, 'CANCELED'],
    ]);
    expect(result.updateNotes).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(
      /^this replacement changes the exports Producer-FirstArn, Producer-FirstId of Producer, which Consumer imports\. CloudFormation does not update an export in use/)]);
  });

  test('deletes the stacks in reverse order and keeps the retained invitation', () => {
    const destroy = result.events.filter((e) => e.phase === 'destroy');
    expect(destroy.map((e) => [e.requestType, `${e.stack}/${e.logicalId}`, e.status, e.invitationStatus])).toEqual([
      ['Delete', 'Consumer/Third', 'SUCCESS', 'CANCELED'],
      ['Retain', 'Producer/Kept', 'SKIPPED', 'PENDING'],
      ['Delete', 'Producer/Second', 'SUCCESS', 'CANCELED'],
      ['Delete', 'Producer/First', 'SUCCESS', 'CANCELED'],
    ]);
    expect(destroy[1].note).toBe('DeletionPolicy: Retain keeps it');
    // the invitations deleted are the current ones (after the replacement)
    const updated = result.events.filter((e) => e.phase === 'update');
    expect(destroy[2].physicalId).toBe(updated[1].responsePhysicalId);
    expect(destroy[3].physicalId).toBe(updated[0].responsePhysicalId);
  });

  test('the report and the JSON carry no e-mails, names or messages', () => {
    const text = formatText(result);
    expectNothingPersonal(text);
    expectNothingPersonal(JSON.stringify(result));
    expect(text).toMatch(/^ {2}STACK +RESOURCE +INVITATION +STATUS +ARN$/m);
    expect(text).toMatch(/^ {2}Producer +First +pacinv-[A-Za-z0-9]{13} +PENDING +arn:aws:partnercentral:/m);
    expect(text).toContain('<not rehearsed: Fn::GetAtt Fn.Arn>');
    expect(text).toMatch(/^ {2}warning: this replacement changes the exports Producer-FirstArn, Producer-FirstId of Producer, which Consumer imports\./m);
    // the export in use would fail a real deployment: the summary must not read as a clean pass
    expect(text).toMatch(/\nRehearsal passed with 1 warning: 2 stacks, 4 invitations created, 2 replaced, 5 canceled, 1 retained\. Nothing was sent to AWS\.\n$/);
    expect(formatFailure(result)).toBe('');
  });
});

describe('rehearsal failures', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a FAILED response stops with the reason, names stack and resource, and rolls the stack back', async () => {
    // The e-mail is a parameter default, so synth cannot check it: the handler rejects it.
    writeAssembly(dir, [
      ['Bad', {
        Parameters: { ContactEmail: { Type: 'String', Default: 'not-an-e-mail' } },
        Resources: {
          ...PROVIDER,
          Good: invitation({}),
          Invite: invitation({ Email: { Ref: 'ContactEmail' }, ReceiverIdentifier: 'pprofile-other000000000' }, { DependsOn: 'Good' }),
        },
      }],
      ['Later', { Resources: { ...PROVIDER, Never: invitation({ ReceiverIdentifier: 'pprofile-never000000000' }) } }, ['Bad']],
    ]);
    const result = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'failed', stack: 'Bad', resource: 'Invite' });
    expect(result.error!.message).toMatch(/^Bad\/Invite: Create FAILED: .*Email must be a valid e-mail address/);
    expect(result.error!.message).not.toContain('not-an-e-mail');
    expect(phase(result, 'deploy')).toEqual([['Create', 'Bad/Good', 'SUCCESS'], ['Create', 'Bad/Invite', 'FAILED']]);
    // CloudFormation deletes the failed resource (with the id its FAILED response gave), then the rest.
    const failedId = result.events[1].responsePhysicalId;
    expect(result.events.filter((e) => e.phase === 'rollback').map((e) => [e.logicalId, e.physicalId, e.status, e.invitationStatus])).toEqual([
      ['Invite', failedId, 'SUCCESS', undefined],
      ['Good', result.events[0].responsePhysicalId, 'SUCCESS', 'CANCELED'],
    ]);
    expect(result.stacks.map((s) => [s.displayName, s.deployed])).toEqual([['Bad', false]]);

    const out: string[] = [];
    const err: string[] = [];
    const code = await runRehearse([dir, '--handler', HANDLER], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/^\nRehearsal failed: Bad\/Invite: Create FAILED: .*Email must be a valid e-mail address \(got a value of 13 characters\)\n$/);
    expect(out.join('')).toContain('Rollback (CloudFormation deletes what the failed stack created)');
    expect(out.join('')).toMatch(/^ {2}Bad +Invite +- +CREATE FAILED +-$/m);
    expect(out.join('')).not.toContain('Outputs');
    expect(out.join('')).not.toContain('Rehearsal passed');
  });

  test('a value that needs AWS stops before any event, even in earlier stacks', async () => {
    writeAssembly(dir, [
      ['First', { Resources: { ...PROVIDER, Fine: invitation({}) } }],
      ['Second', {
        Resources: {
          ...PROVIDER,
          OtherThing: { Type: 'AWS::SSM::Parameter' },
          Invite: invitation({ Email: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['OtherThing', 'Value'] }, '@example.com']] } },
            { Metadata: { 'aws:cdk:path': 'Second/Team/Invite/Resource/Default' } }),
        },
      }, ['First']],
    ]);
    const result = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    expect(result).toMatchObject({ ok: false, events: [], stacks: [] });
    expect(result.error).toEqual({
      kind: 'unresolvable',
      stack: 'Second',
      resource: 'Team/Invite (Invite)',
      message: 'Second/Team/Invite (Invite): property Email uses Fn::GetAtt OtherThing.Value, which the rehearsal cannot resolve offline '
        + '(OtherThing is an AWS::SSM::Parameter, which the rehearsal does not create)',
    });
    const err: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toContain('Rehearsal failed: Second/Team/Invite (Invite): property Email uses Fn::GetAtt OtherThing.Value');
  });

  test('a parameter without a default can be given with --parameter', async () => {
    writeAssembly(dir, [['Params', {
      Parameters: { Receiver: { Type: 'String' } },
      Resources: { ...PROVIDER, Invite: invitation({ ReceiverIdentifier: { Ref: 'Receiver' } }) },
      Outputs: { Other: { Value: { 'Fn::GetAtt': ['Invite', 'OtherParticipantIdentifier'] } } },
    }]]);
    const missing = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    expect(missing.error?.message).toBe('Params/Invite: property ReceiverIdentifier uses Ref Receiver, which the rehearsal cannot resolve offline '
      + '(parameter Receiver has no default; give it a value with --parameter)');
    const given = await rehearse({ assemblyDir: dir, handlerPath: HANDLER, parameters: [parseParameter('Params:Receiver=pprofile-given000000000')], update: false });
    expect(given.ok).toBe(true);
    expect(given.stacks[0].outputs).toEqual([{ name: 'Other', value: 'pprofile-given000000000' }]);
    expect(given.events.map((e) => e.phase)).toEqual(['deploy', 'destroy']);
    const unknown = await rehearse({ assemblyDir: dir, handlerPath: HANDLER, parameters: [parseParameter('Nope:Receiver=x')] });
    expect(unknown.error).toEqual({ kind: 'assembly', message: '--parameter Nope:Receiver: the assembly has no stack Nope' });
    // CloudFormation rejects a parameter the template does not declare: so does the rehearsal, with or without a stack
    const typo = await rehearse({ assemblyDir: dir, handlerPath: HANDLER, parameters: [parseParameter('Params:Reciever=pprofile-given000000000')] });
    expect(typo).toMatchObject({ ok: false, events: [] });
    expect(typo.error).toEqual({
      kind: 'invalid',
      stack: 'Params',
      message: '--parameter Params:Reciever: stack Params declares no parameter Reciever, and CloudFormation rejects a parameter its template does not declare',
    });
    const nowhere = await rehearse({ assemblyDir: dir, handlerPath: HANDLER, parameters: [parseParameter('Reciever=x')] });
    expect(nowhere.error).toEqual({
      kind: 'invalid',
      message: '--parameter Reciever: no stack declares a parameter Reciever, and CloudFormation rejects a parameter its template does not declare',
    });
    const err: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER, '--parameter', 'Params:Reciever=x'], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toContain('Rehearsal failed: --parameter Params:Reciever: stack Params declares no parameter Reciever');
  });

  test('a parameter value CloudFormation would refuse stops before any event, naming stack, parameter and rule', async () => {
    writeAssembly(dir, [
      ['Fine', { Resources: { ...PROVIDER, Invite: invitation({}) } }],
      ['Strict', {
        Parameters: {
          ContactEmail: { Type: 'String', Default: 'partner@example.com', AllowedPattern: '[^@]+@example\\.org', ConstraintDescription: 'an example.org address' },
        },
        Resources: { ...PROVIDER, Invite: invitation({ Email: { Ref: 'ContactEmail' }, ReceiverIdentifier: 'pprofile-strict0000000' }) },
      }, ['Fine']],
    ]);
    const message = 'Strict: parameter ContactEmail: the default value does not match AllowedPattern "[^@]+@example\\\\.org": '
      + 'an example.org address; CloudFormation would refuse the stack';
    const result = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    expect(result).toMatchObject({ ok: false, events: [], stacks: [] });
    expect(result.error).toEqual({ kind: 'invalid', stack: 'Strict', message });
    expectNothingPersonal(JSON.stringify(result));

    // a given value is checked too, and one that fits lets the rehearsal pass
    const options = { assemblyDir: dir, handlerPath: HANDLER, update: false, destroy: false };
    const given = (value: string) => rehearse({ ...options, parameters: [parseParameter(`Strict:ContactEmail=${value}`)] });
    expect((await given('partner@example.org.evil')).error).toMatchObject({ kind: 'invalid', message: message.replace('default', 'given') });
    expect((await given('partner@example.org')).error).toBeUndefined();

    const err: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toBe(`Rehearsal failed: ${message}\n`);
  });

  test('refuses to run a handler that does not call the local emulator, without reaching AWS', async () => {
    // A handler that ignores the endpoint override and answers SUCCESS whatever happens.
    const fake = path.join(dir, 'fake-handler.js');
    fs.writeFileSync(fake, `
      const https = require('node:https');
      const http = require('node:http');
      exports.handler = (event) => new Promise((resolve) => {
        const req = https.request('https://partnercentral-account.us-east-1.api.aws/', { method: 'POST' });
        req.on('error', () => {
          const body = JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: 'x', StackId: event.StackId, RequestId: event.RequestId,
            LogicalResourceId: event.LogicalResourceId });
          const put = http.request(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
            (res) => { res.resume(); res.on('end', resolve); });
          put.end(body);
        });
        req.end('{}');
      });
    `);
    writeAssembly(dir, [['Stack', { Resources: { ...PROVIDER, Invite: invitation({}) } }]]);
    const result = await rehearse({ assemblyDir: dir, handlerPath: fake });
    expect(result.events).toEqual([]);
    expect(result.error).toEqual({
      kind: 'refused',
      message: expect.stringMatching(/^refusing to rehearse: the handler did not call the PartnerCentral emulator at http:\/\/127\.0\.0\.1:\d+ \(it tried to reach partnercentral-account\.us-east-1\.api\.aws, which the rehearsal blocked\); the rehearsal never contacts AWS$/),
    });
  });

  test.each([
    ['no manifest', (d: string) => fs.mkdirSync(path.join(d, 'empty')), 'empty', undefined, /empty is not a cloud assembly/, 'assembly'],
    ['no handler bundle', (d: string) => writeAssembly(path.join(d, 'a'), []), 'a', 'missing.js', /the handler bundle .*missing\.js does not exist \(build it with npx projen bundle, or pass --handler\)/, 'handler'],
    ['a handler bundle without handler', (d: string) => {
      writeAssembly(path.join(d, 'a'), []);
      fs.writeFileSync(path.join(d, 'nohandler.js'), 'exports.other = 1;');
    }, 'a', 'nohandler.js', /does not export a handler function/, 'handler'],
  ])('%s is a clear error', async (_name, setup, sub, handler, message, kind) => {
    setup(dir);
    const result = await rehearse({ assemblyDir: path.join(dir, sub), handlerPath: handler ? path.join(dir, handler) : HANDLER });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    expect(result.error?.message).toMatch(message);
  });
});

test('exports are per account and region, and a duplicate export name in one is refused', async () => {
  const dir = tempDir();
  try {
    const exporter = (value: string): CfnTemplate => ({ Outputs: { Out: { Value: value, Export: { Name: 'Shared' } } } });
    const env = (region: string) => ({ environment: `aws://111122223333/${region}` });
    writeAssembly(dir, [
      ['Eu', exporter('from-eu'), [], env('eu-west-1')],
      ['Us', exporter('from-us'), [], env('us-east-1')],
      ['EuImporter', { Outputs: { In: { Value: { 'Fn::ImportValue': 'Shared' } } } }, ['Eu', 'Us'], env('eu-west-1')],
    ]);
    const result = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    expect(result.error).toBeUndefined();
    expect(result.stacks[2]).toMatchObject({ region: 'eu-west-1', account: '111122223333', outputs: [{ name: 'In', value: 'from-eu' }] });

    writeAssembly(dir, [['Eu', exporter('a'), [], env('eu-west-1')], ['Eu2', exporter('b'), [], env('eu-west-1')]]);
    expect((await rehearse({ assemblyDir: dir, handlerPath: HANDLER })).error).toEqual({
      kind: 'invalid', stack: 'Eu2', message: 'Eu2: export Shared is already exported by Eu, which CloudFormation would reject',
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('notes a transform, and refuses to pass over invitations in nested stacks, which it does not play', async () => {
  const dir = tempDir();
  try {
    const nestedStack = (file: string, extra: Record<string, unknown> = {}) => ({
      Type: 'AWS::CloudFormation::Stack',
      Metadata: { 'aws:asset:path': file, ...extra },
    });
    const parent = (resources: Record<string, unknown>): CfnTemplate => ({
      Transform: 'AWS::LanguageExtensions',
      Resources: { ...PROVIDER, Invite: invitation({}), ...resources } as CfnTemplate['Resources'],
    });
    fs.writeFileSync(path.join(dir, 'ParentPlain.nested.template.json'), JSON.stringify({ Resources: PROVIDER }));
    writeAssembly(dir, [['Parent', parent({ Plain: nestedStack('ParentPlain.nested.template.json') })]]);
    const plain = await rehearse({ assemblyDir: dir, handlerPath: HANDLER, update: false });
    expect(plain.error).toBeUndefined();
    expect(plain.stacks[0].notes).toEqual([
      'the template declares Transform "AWS::LanguageExtensions", which CloudFormation applies first; the rehearsal plays the template as synthesized',
    ]);
    expect(formatText(plain)).toContain('\n  note: Parent: the template declares Transform');

    fs.writeFileSync(path.join(dir, 'ParentChild.nested.template.json'), JSON.stringify({
      Resources: { One: invitation({}), Two: invitation({ ReceiverIdentifier: 'pprofile-two00000000000' }), ...PROVIDER },
    }));
    writeAssembly(dir, [['Parent', parent({
      Plain: nestedStack('ParentPlain.nested.template.json'),
      Child: nestedStack('ParentChild.nested.template.json', { 'aws:cdk:path': 'Parent/Team/Child.NestedStack/Child.NestedStackResource' }),
    })]]);
    const nested = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    expect(nested).toMatchObject({ ok: false, events: [], stacks: [] });
    expect(nested.error).toEqual({
      kind: 'unresolvable',
      stack: 'Parent',
      resource: 'Team/Child.NestedStack/Child.NestedStackResource (Child)',
      message: 'Parent: the nested stack Child holds 2 connection invitations, which the rehearsal cannot play; '
        + 'rehearse them by declaring the invitations in a top-level stack (a Stack rather than a NestedStack)',
    });
    const err: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toMatch(/^Rehearsal failed: Parent: the nested stack Child holds 2 connection invitations/);

    // one level deeper: the path of nested stacks is named
    fs.writeFileSync(path.join(dir, 'ParentMiddle.nested.template.json'), JSON.stringify({
      Resources: { Inner: nestedStack('ParentInner.nested.template.json') },
    }));
    fs.writeFileSync(path.join(dir, 'ParentInner.nested.template.json'), JSON.stringify({ Resources: { Only: invitation({}) } }));
    writeAssembly(dir, [['Parent', parent({ Middle: nestedStack('ParentMiddle.nested.template.json') })]]);
    expect((await rehearse({ assemblyDir: dir, handlerPath: HANDLER })).error).toMatchObject({
      kind: 'unresolvable',
      resource: 'Middle',
      message: expect.stringMatching(/^Parent: the nested stack Middle\/Inner holds 1 connection invitation, which the rehearsal cannot play; /),
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * `Fn::GetStackOutput` as aws-cdk-lib 2.276 renders a weak reference between stacks of one
 * account and region (`@aws-cdk/core:defaultCrossStackReferences: weak`, the default of new apps).
 */
function stackOutput(outputName: string, stackName: CfnValue = 'partner-producer-test'): CfnValue {
  return { 'Fn::GetStackOutput': { StackName: stackName, Region: { Ref: 'AWS::Region' }, OutputName: outputName } };
}

/** The producer of weak references: CDK's `Publish` outputs, and an export no stack imports (as `both` leaves it). */
const WEAK_PRODUCER: CfnTemplate = {
  Resources: { ...PROVIDER, Invite: invitation({ ReceiverIdentifier: 'pprofile-producer000000' }) },
  Outputs: {
    PublishOutputRefInvite10A26B82: { Value: { Ref: 'Invite' } },
    PublishOutputFnGetAttInviteArnDBB25FB5: { Value: { 'Fn::GetAtt': ['Invite', 'Arn'] } },
    PublishOutputFnGetAttFnArnB10A4CA7: { Value: FN_ARN },
    ExportsOutputRefInvite56BA08B2: { Value: { Ref: 'Invite' }, Export: { Name: 'partner-producer-test:ExportsOutputRefInvite56BA08B2' } },
  },
};

/** Deployed as `partner-producer-test`: Fn::GetStackOutput names the stack as deployed, not as displayed. */
const WEAK_PRODUCER_ARTIFACT = { properties: { templateFile: 'Producer.template.json', stackName: 'partner-producer-test' } };

/** A consumer whose invitation's receiver is computed from the producer's invitation id, read with Fn::GetStackOutput. */
function weakConsumer(read: CfnValue = stackOutput('PublishOutputRefInvite10A26B82'), outputs: CfnTemplate['Outputs'] = {}): CfnTemplate {
  return {
    Parameters: { Stage: { Type: 'String', Default: 'test' } },
    Resources: {
      ...PROVIDER,
      Follower: invitation({ ReceiverIdentifier: { 'Fn::Join': ['-', ['pprofile', { 'Fn::Select': [1, { 'Fn::Split': ['-', read] }] }]] } }),
    },
    Outputs: outputs,
  };
}

describe('rehearsal of weak cross-stack references (Fn::GetStackOutput) with the real handler', () => {
  let dir: string;
  let result: RehearsalResult;

  beforeAll(async () => {
    dir = tempDir();
    writeAssembly(dir, [
      ['Consumer', weakConsumer(undefined, {
        // the stack name computed by an intrinsic
        ProducerArn: { Value: stackOutput('PublishOutputFnGetAttInviteArnDBB25FB5', { 'Fn::Sub': 'partner-producer-${Stage}' }) },
        FollowerReceiver: { Value: { 'Fn::GetAtt': ['Follower', 'OtherParticipantIdentifier'] } },
      }), ['Producer']],
      ['Producer', WEAK_PRODUCER, [], WEAK_PRODUCER_ARTIFACT],
    ]);
    result = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('resolves a property and an output from the producer\'s outputs as deployed before the consumer', () => {
    expect(result.error).toBeUndefined();
    expect(phase(result, 'deploy')).toEqual([['Create', 'Producer/Invite', 'SUCCESS'], ['Create', 'Consumer/Follower', 'SUCCESS']]);
    const [producer, consumer] = result.stacks;
    expect(producer.stackName).toBe('partner-producer-test');
    const invite = producer.invitations[0];
    expect(consumer.outputs).toEqual([
      { name: 'ProducerArn', value: invite.arn },
      // the receiver property was computed from the producer's invitation id
      { name: 'FollowerReceiver', value: `pprofile-${invite.invitationId.split('-')[1]}` },
    ]);
  });

  test('a replacement behind a weak reference updates the producer and leaves the consumer with what it read, with a warning', () => {
    const replaced = result.events.find((e) => e.phase === 'update')!;
    expect(phase(result, 'update')).toEqual([['Update', 'Producer/Invite', 'SUCCESS']]);
    expect(replaced.responsePhysicalId).not.toBe(replaced.physicalId);
    expect(result.events.filter((e) => e.phase === 'cleanup').map((e) => [e.requestType, e.logicalId, e.physicalId, e.invitationStatus]))
      .toEqual([['Delete', 'Invite', replaced.physicalId, 'CANCELED']]);
    // the consumer is not updated: its invitation and outputs keep the values read before the replacement
    expect(result.events.filter((e) => e.stack === 'Consumer').map((e) => [e.phase, e.requestType])).toEqual([['deploy', 'Create'], ['destroy', 'Delete']]);
    expect(result.events.find((e) => e.phase === 'destroy' && e.stack === 'Consumer')!.physicalId).toBe(result.stacks[1].invitations[0].invitationId);
    expect(result.stacks[1].outputs[1].value).toBe(`pprofile-${replaced.physicalId!.split('-')[1]}`);
    // no "export in use": the export changed, but no stack imports it
    expect(result.warnings).toEqual([
      'this replacement changes the outputs PublishOutputRefInvite10A26B82, PublishOutputFnGetAttInviteArnDBB25FB5 of Producer, which Consumer reads '
      + 'with Fn::GetStackOutput (Follower: property ReceiverIdentifier; Outputs/ProducerArn). Unlike an export in use, an output read this way '
      + 'does not stop the update: CloudFormation updates Producer, but Consumer keeps the values it read when it was deployed, from before the '
      + 'replacement, until Consumer is updated again (CloudFormation does not tell it, and cdk deploy skips a stack whose template has not changed). '
      + 'The rehearsal leaves Consumer as it was deployed.',
    ]);
    const text = formatText(result);
    expect(text).toContain(`\n  warning: ${result.warnings[0]}\n`);
    expect(text).toMatch(/\nRehearsal passed with 1 warning: 2 stacks, 2 invitations created, 1 replaced, 3 canceled, 0 retained\. Nothing was sent to AWS\.\n$/);
    expectNothingPersonal(text);
  });
});

describe('weak reference failures', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each<[string, () => StackSpec[], Omit<RehearsalFailure, 'stack' | 'resource'>]>([
    ['a stack the assembly does not have (named by its display name)', () => [
      ['Producer', WEAK_PRODUCER, [], WEAK_PRODUCER_ARTIFACT],
      ['Consumer', weakConsumer(stackOutput('PublishOutputRefInvite10A26B82', 'Producer')), ['Producer']],
    ], {
      kind: 'unresolvable',
      message: 'Consumer/Follower: property ReceiverIdentifier uses Fn::GetStackOutput Producer.PublishOutputRefInvite10A26B82, which the rehearsal cannot '
        + 'resolve offline (the assembly has no stack Producer in account 123456789012 and region us-east-1, and the rehearsal cannot read a stack outside it)',
    }],
    ['an output the producer does not have', () => [
      ['Producer', WEAK_PRODUCER, [], WEAK_PRODUCER_ARTIFACT],
      ['Consumer', weakConsumer(stackOutput('PublishOutputRefInvite')), ['Producer']],
    ], {
      kind: 'invalid',
      message: 'Consumer/Follower: property ReceiverIdentifier uses Fn::GetStackOutput partner-producer-test.PublishOutputRefInvite, which CloudFormation '
        + 'would reject: Producer has no output PublishOutputRefInvite (it has PublishOutputRefInvite10A26B82, PublishOutputFnGetAttInviteArnDBB25FB5, '
        + 'PublishOutputFnGetAttFnArnB10A4CA7, ExportsOutputRefInvite56BA08B2)',
    }],
    ['a producer deployed after the consumer (no stack dependency)', () => [
      ['Consumer', weakConsumer()],
      ['Producer', WEAK_PRODUCER, [], WEAK_PRODUCER_ARTIFACT],
    ], {
      kind: 'invalid',
      message: 'Consumer/Follower: property ReceiverIdentifier uses Fn::GetStackOutput partner-producer-test.PublishOutputRefInvite10A26B82, which '
        + 'CloudFormation would reject: Producer is not deployed at this point: it is deployed after this stack, and CloudFormation reads the output '
        + 'when this stack is deployed (make this stack depend on it: consumer.addDependency(producer))',
    }],
  ])('%s stops before any event, naming the consumer, the stack and the output, in text and JSON alike', async (_name, stacks, failure) => {
    writeAssembly(dir, stacks());
    const result = await rehearse({ assemblyDir: dir, handlerPath: HANDLER });
    expect(result).toMatchObject({ ok: false, events: [], stacks: [] });
    expect(result.error).toEqual({ ...failure, stack: 'Consumer', resource: 'Follower' });

    const err: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toBe(`Rehearsal failed: ${failure.message}\n`);
    const json: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER, '--json'], { stdout: (t) => json.push(t), stderr: () => undefined })).toBe(1);
    expect((JSON.parse(json.join('')) as RehearsalResult).error).toEqual(result.error);
  });

  test('an output that reads a value the rehearsal cannot read is a warning naming the stack and the output, in text and JSON alike', async () => {
    writeAssembly(dir, [
      ['Producer', WEAK_PRODUCER, [], WEAK_PRODUCER_ARTIFACT],
      ['Consumer', weakConsumer(undefined, {
        FnArn: { Value: stackOutput('PublishOutputFnGetAttFnArnB10A4CA7') },
        VpcId: { Value: stackOutput('VpcId', 'platform-network') },
      }), ['Producer']],
    ]);
    const fnArn = 'Fn::GetStackOutput partner-producer-test.PublishOutputFnGetAttFnArnB10A4CA7';
    const vpcId = 'Fn::GetStackOutput platform-network.VpcId';
    const warnings = [
      `Consumer/Outputs/FnArn: the value uses ${fnArn}, which the rehearsal cannot resolve offline `
        + '(the output PublishOutputFnGetAttFnArnB10A4CA7 of Producer comes from Fn::GetAtt Fn.Arn, which the rehearsal does not resolve)',
      `Consumer/Outputs/VpcId: the value uses ${vpcId}, which the rehearsal cannot resolve offline `
        + '(the assembly has no stack platform-network in account 123456789012 and region us-east-1, and the rehearsal cannot read a stack outside it)',
    ];
    const out: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER, '--no-update'], { stdout: (t) => out.push(t), stderr: () => undefined })).toBe(0);
    const json: string[] = [];
    expect(await runRehearse([dir, '--handler', HANDLER, '--no-update', '--json'], { stdout: (t) => json.push(t), stderr: () => undefined })).toBe(0);
    const result = JSON.parse(json.join('')) as RehearsalResult;
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual(warnings);
    expect(result.stacks[1].outputs).toEqual([
      { name: 'FnArn', value: `<not rehearsed: ${fnArn}>`, notRehearsed: fnArn, warning: warnings[0] },
      { name: 'VpcId', value: `<not rehearsed: ${vpcId}>`, notRehearsed: vpcId, warning: warnings[1] },
    ]);
    // the text shows each warning under its output, not as a replacement's, and counts them
    const text = out.join('');
    expect(text).toContain(`\n    FnArn  <not rehearsed: ${fnArn}>\n    VpcId  <not rehearsed: ${vpcId}>\n    warning: ${warnings[0]}\n    warning: ${warnings[1]}\n`);
    expect(text).not.toContain('Replacement');
    expect(text).toMatch(/\nRehearsal passed with 2 warnings: 2 stacks, /);
  });
});

describe('the offline sandbox', () => {
  test.each([
    ['localhost', true], ['127.0.0.1', true], ['127.1.2.3', true], ['::1', true], ['[::1]', true], ['::ffff:127.0.0.1', true],
    ['partnercentral-account.us-east-1.api.aws', false], ['10.0.0.1', false], ['128.0.0.1', false], ['localhost.example.com', false],
  ])('%s is local: %s', (host, local) => {
    expect(isLoopbackHost(host)).toBe(local);
  });

  test('the handler endpoint follows the SDK convention, and only a local one is accepted', () => {
    expect(handlerEndpoint({})).toBe('https://partnercentral-account.us-east-1.api.aws');
    expect(handlerEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).toBe('http://127.0.0.1:1');
    expect(handlerEndpoint({ AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: 'http://b' })).toBe('http://b');
    expect(isLoopbackUrl('http://127.0.0.1:8080/')).toBe(true);
    expect(isLoopbackUrl('ftp://127.0.0.1/')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
    const base = { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 't', region: 'us-east-1' };
    expect(handlerEnvironment({ ...base, endpoint: 'http://127.0.0.1:9' })).toMatchObject({ AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT: 'http://127.0.0.1:9', AWS_SESSION_TOKEN: 't' });
    expect(() => handlerEnvironment({ ...base, endpoint: 'https://partnercentral-account.us-east-1.api.aws' }))
      .toThrow(/refusing to rehearse: the handler would call https:\/\/partnercentral-account\.us-east-1\.api\.aws, which is not the local emulator/);
  });

  test('refuses connections that leave the machine, lets local ones through, and restores everything', async () => {
    process.env.AWS_PROFILE = 'someone';
    const sandbox = enterSandbox({ AWS_REGION: 'us-east-1' });
    try {
      expect(process.env.AWS_PROFILE).toBeUndefined();
      expect(process.env.AWS_REGION).toBe('us-east-1');
      expect(() => enterSandbox({})).toThrow(/already running/);
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        net.connect({ host: '192.0.2.1', port: 443 }).on('error', resolve);
      });
      expect(error.code).toBe('ECONNREFUSED');
      const server = net.createServer((s) => s.end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as net.AddressInfo).port;
      await new Promise<void>((resolve, reject) => net.connect(port, '127.0.0.1').on('connect', resolve).on('error', reject));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      expect(sandbox.blocked).toEqual(['192.0.2.1']);
    } finally {
      sandbox.restore();
    }
    expect(process.env.AWS_PROFILE).toBe('someone');
    expect(process.env.AWS_REGION).toBeUndefined();
    delete process.env.AWS_PROFILE;
  });
});

describe('the rehearse command', () => {
  test('parses its options', () => {
    expect(parseRehearseArgs([])).toEqual({ assemblyDir: 'cdk.out', parameters: [], update: true, destroy: true, json: false, verbose: false, help: false });
    expect(parseRehearseArgs(['out', '--no-update', '--no-destroy', '--json', '--verbose', '--handler', 'h.js', '--timeout=2.5',
      '--parameter', 'Stack:Email=a=b@example.com', '--parameter=Name=x'])).toEqual({
      assemblyDir: 'out',
      parameters: [{ stack: 'Stack', name: 'Email', value: 'a=b@example.com' }, { name: 'Name', value: 'x' }],
      update: false,
      destroy: false,
      handlerPath: 'h.js',
      timeoutMs: 2500,
      json: true,
      verbose: true,
      help: false,
    });
    expect(parseRehearseArgs(['-h']).help).toBe(true);
  });

  test.each([
    [['--bogus'], /unknown option --bogus/],
    [['--handler'], /--handler needs a value/],
    [['--timeout', 'soon'], /--timeout takes a number of seconds, got "soon"/],
    [['--parameter', 'novalue'], /--parameter takes \[Stack:\]Name=Value, got "novalue"/],
    [['a', 'b'], /rehearse takes one assembly directory, got 2: a b/],
  ])('%j is a usage error', async (argv, message) => {
    expect(() => parseRehearseArgs(argv)).toThrow(message);
    const err: string[] = [];
    expect(await runRehearse(argv, { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(2);
    expect(err.join('')).toContain(REHEARSE_USAGE);
  });

  test('--help prints the usage and --json the result', async () => {
    const out: string[] = [];
    expect(await runRehearse(['--help'], { stdout: (t) => out.push(t), stderr: () => undefined })).toBe(0);
    expect(out.join('')).toBe(`${REHEARSE_USAGE}\n`);

    const dir = tempDir();
    try {
      writeAssembly(dir, [['Solo', { Resources: { ...PROVIDER, Invite: invitation({}) } }]]);
      const json: string[] = [];
      expect(await runRehearse([dir, '--handler', HANDLER, '--json', '--no-update'], { stdout: (t) => json.push(t), stderr: () => undefined })).toBe(0);
      const parsed = JSON.parse(json.join('')) as RehearsalResult;
      expect(parsed).toMatchObject({ ok: true, stacks: [{ displayName: 'Solo', invitations: [{ logicalId: 'Invite', status: 'PENDING' }] }] });
      expect(parsed.events.map((e) => [e.phase, e.requestType])).toEqual([['deploy', 'Create'], ['destroy', 'Delete']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
