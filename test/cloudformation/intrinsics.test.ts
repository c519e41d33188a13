import { RehearsalResolutionError } from '../../tools/cloudformation/intrinsic-errors';
import { ExportEntry, NO_VALUE, ResourceState, StackEntry, TemplateEvaluator } from '../../tools/cloudformation/intrinsics';
import type { CfnTemplate, CfnValue } from '../../tools/cloudformation/template';
import { INVITATION } from '../support/rehearsal';

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
