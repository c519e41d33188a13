import type { StackEntry } from '../../tools/cloudformation/evaluation-context';
import { TemplateEvaluator } from '../../tools/cloudformation/intrinsics';
import type { CfnValue } from '../../tools/cloudformation/template';
import { INVITATION } from '../support/rehearsal';
import { errorOf, evaluator, PSEUDO, TEMPLATE } from '../support/template-evaluation';

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
