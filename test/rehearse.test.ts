import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readAssembly } from '../tools/rehearse-assembly';
import {
  CfnTemplate,
  CfnValue,
  ExportEntry,
  NO_VALUE,
  RehearsalResolutionError,
  resourceOrder,
  ResourceState,
  TemplateEvaluator,
} from '../tools/rehearse-template';

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
      /uses Fn::ImportValue Nobody-Arn, which the rehearsal cannot resolve offline \(no stack rehearsed before this one exports it\)/],
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
