import { runRehearse } from '../../tools/cli/rehearse-command';
import { formatText } from '../../tools/cli/report';
import type { AssemblyStack } from '../../tools/cloudformation/assembly';
import { pseudoParameters } from '../../tools/cloudformation/assembly';
import type { StackEntry } from '../../tools/cloudformation/evaluation-context';
import type { PseudoParameters } from '../../tools/cloudformation/pseudo-parameters';
import type { CfnTemplate, CfnValue } from '../../tools/cloudformation/template';
import { importNames, weakReads } from '../../tools/rehearsal/cross-stack';
import { rehearse } from '../../tools/rehearsal/rehearse';
import type { RehearsalFailure, RehearsalResult } from '../../tools/rehearsal/result';
import { newStackRun } from '../../tools/rehearsal/stack-run';
import type { StackRun } from '../../tools/rehearsal/stack-run';
import { expectNothingPersonal, FN_ARN, HANDLER, inTempDir, invitation, phase, PROVIDER, StackSpec, tempDirFor, writeAssembly } from '../support/rehearsal';

test('exports are per account and region, and a duplicate export name in one is refused', async () => {
  await inTempDir(async (dir) => {
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
  });
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
  const dir = tempDirFor('all');
  let result: RehearsalResult;

  beforeAll(async () => {
    writeAssembly(dir(), [
      ['Consumer', weakConsumer(undefined, {
        // the stack name computed by an intrinsic
        ProducerArn: { Value: stackOutput('PublishOutputFnGetAttInviteArnDBB25FB5', { 'Fn::Sub': 'partner-producer-${Stage}' }) },
        FollowerReceiver: { Value: { 'Fn::GetAtt': ['Follower', 'OtherParticipantIdentifier'] } },
      }), ['Producer']],
      ['Producer', WEAK_PRODUCER, [], WEAK_PRODUCER_ARTIFACT],
    ]);
    result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
  });

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

  test('the replacement passes over the invitation the consumer reads with Fn::GetStackOutput, and replaces the consumer\'s', () => {
    const replaced = result.events.find((e) => e.phase === 'update')!;
    expect(phase(result, 'update')).toEqual([['Update', 'Consumer/Follower', 'SUCCESS']]);
    expect(replaced.responsePhysicalId).not.toBe(replaced.physicalId);
    expect(result.events.filter((e) => e.phase === 'cleanup').map((e) => [e.requestType, e.logicalId, e.physicalId, e.invitationStatus]))
      .toEqual([['Delete', 'Follower', replaced.physicalId, 'CANCELED']]);
    // the producer is not updated: what the consumer read stays true
    expect(result.events.filter((e) => e.stack === 'Producer').map((e) => [e.phase, e.requestType])).toEqual([['deploy', 'Create'], ['destroy', 'Delete']]);
    expect(result.warnings).toEqual([]);
    const text = formatText(result);
    expect(text).toMatch(/\nRehearsal passed: 2 stacks, 2 invitations created, 1 replaced, 3 canceled, 0 retained\. Nothing was sent to AWS\.\n$/);
    expectNothingPersonal(text);
  });
});

describe('weak reference failures', () => {
  const dir = tempDirFor('each');

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
    writeAssembly(dir(), stacks());
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
    expect(result).toMatchObject({ ok: false, events: [], stacks: [] });
    expect(result.error).toEqual({ ...failure, stack: 'Consumer', resource: 'Follower' });

    const err: string[] = [];
    expect(await runRehearse([dir(), '--handler', HANDLER], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toBe(`Rehearsal failed: ${failure.message}\n`);
    const json: string[] = [];
    expect(await runRehearse([dir(), '--handler', HANDLER, '--json'], { stdout: (t) => json.push(t), stderr: () => undefined })).toBe(1);
    expect((JSON.parse(json.join('')) as RehearsalResult).error).toEqual(result.error);
  });

  test('an output that reads a value the rehearsal cannot read is a warning naming the stack and the output, in text and JSON alike', async () => {
    writeAssembly(dir(), [
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
    expect(await runRehearse([dir(), '--handler', HANDLER, '--no-update'], { stdout: (t) => out.push(t), stderr: () => undefined })).toBe(0);
    const json: string[] = [];
    expect(await runRehearse([dir(), '--handler', HANDLER, '--no-update', '--json'], { stdout: (t) => json.push(t), stderr: () => undefined })).toBe(0);
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

/** A stack as the rehearsal plays it, from its template alone (us-east-1, the rehearsal's account). */
function runOf(displayName: string, template: CfnTemplate, others: () => StackEntry[] = () => []): StackRun {
  const stack: AssemblyStack = {
    key: displayName,
    artifactId: displayName,
    displayName,
    stackName: displayName,
    templateFile: `/nowhere/${displayName}.template.json`,
    template,
    dependencies: [],
    account: '123456789012',
    region: 'us-east-1',
    parameters: {},
    constructPaths: {},
  };
  return newStackRun(stack, {}, new Map(), others);
}

function pick(p: PseudoParameters) {
  return { stackName: p.stackName, stackId: p.stackId, account: p.accountId, region: p.region };
}

describe('what a stack reads of another (pure)', () => {
  const reader: CfnTemplate = {
    Parameters: { Stage: { Type: 'String' } },
    Conditions: {
      Never: { 'Fn::Equals': ['a', 'b'] },
      Always: { 'Fn::Equals': ['a', 'a'] },
      // not computable offline: the element is taken as reading
      Staged: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    },
    Resources: {
      Skipped: { Type: 'AWS::SSM::Parameter', Condition: 'Never', Properties: { Value: { 'Fn::ImportValue': 'in-skipped-resource' } } },
      Kept: { Type: 'AWS::SSM::Parameter', Condition: 'Always', Properties: { Value: { 'Fn::ImportValue': 'in-kept-resource' } } },
      Plain: { Type: 'AWS::SSM::Parameter', Properties: { Value: { 'Fn::Sub': ['${V}', { V: { 'Fn::ImportValue': 'in-plain-resource' } }] } } },
      Unknown: { Type: 'AWS::SSM::Parameter', Condition: 'Staged', Properties: { Value: { 'Fn::ImportValue': 'in-staged-resource' } } },
    },
    Outputs: {
      SkippedOut: { Condition: 'Never', Value: { 'Fn::ImportValue': 'in-skipped-output' } },
      KeptOut: { Value: { 'Fn::ImportValue': { 'Fn::Sub': 'in-${AWS::Region}-output' } } },
    },
  };

  test('importNames: the exports imported by resources and outputs that exist; a false Condition imports nothing', () => {
    expect([...importNames(runOf('Reader', reader))].sort()).toEqual([
      'in-kept-resource', 'in-plain-resource', 'in-staged-resource', 'in-us-east-1-output',
    ]);
  });

  test('weakReads: the same rule for Fn::GetStackOutput, with the site of each read', () => {
    const producer = runOf('Producer', { Outputs: { A: { Value: 'a' }, B: { Value: 'b' } } });
    const read = (name: string): CfnValue => ({ 'Fn::GetStackOutput': { StackName: 'Producer', Region: 'us-east-1', OutputName: name } });
    const entry: StackEntry = { stack: 'Producer', ...pick(pseudoParameters(producer.stack)), template: producer.stack.template };
    const weak = runOf('Weak', {
      Conditions: reader.Conditions,
      Resources: {
        Skipped: { Type: 'AWS::SSM::Parameter', Condition: 'Never', Properties: { Value: read('A') } },
        Kept: { Type: 'AWS::SSM::Parameter', Condition: 'Always', Properties: { Value: read('A') } },
      },
      Outputs: { SkippedOut: { Condition: 'Never', Value: read('B') }, KeptOut: { Value: read('B') } },
    }, () => [entry]);
    expect(weakReads(weak, producer)).toEqual([
      { outputName: 'A', where: 'Kept: property Value' },
      { outputName: 'B', where: 'Outputs/KeptOut' },
    ]);
  });
});
