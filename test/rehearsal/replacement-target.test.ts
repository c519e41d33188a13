import { formatText } from '../../tools/cli/report';
import type { CfnTemplate } from '../../tools/cloudformation/template';
import { NO_REPLACEMENT_NOTE } from '../../tools/rehearsal/replacement-target';
import { invitation, phase, PROVIDER, rehearseStacks } from '../support/rehearsal';

/** A stack that imports an export of Producer in an output. */
const importer = (exportName: string, resources: CfnTemplate['Resources'] = {}): CfnTemplate => ({
  Resources: { ...PROVIDER, ...resources },
  Outputs: { Imported: { Value: { 'Fn::ImportValue': exportName } } },
});

describe('the invitation the rehearsal replaces', () => {
  test('is the first in stack order, then logical id, with a Message, no pinned ClientToken, that no other stack reads', async () => {
    const producer: CfnTemplate = {
      Resources: {
        ...PROVIDER,
        // read by Consumer through its export
        Alpha: invitation({ ReceiverIdentifier: 'pprofile-alpha000000000' }),
        // a pinned ClientToken
        Beta: invitation({ ReceiverIdentifier: 'pprofile-beta0000000000', ClientToken: 'pinned-token' }),
        // the one: its follower Echo is read by no other stack either
        Delta: invitation({ ReceiverIdentifier: 'pprofile-delta000000000' }),
        Echo: invitation({ ReceiverIdentifier: 'pprofile-echo0000000000', Message: { 'Fn::Sub': 'Follows ${Delta.Id}' } }),
      },
      Outputs: { AlphaId: { Value: { Ref: 'Alpha' }, Export: { Name: 'Producer-AlphaId' } } },
    };
    // Aardvark qualifies and sorts first, but its stack is deployed after Producer's.
    const consumer = importer('Producer-AlphaId', { Aardvark: invitation({ ReceiverIdentifier: 'pprofile-aardvark000000' }) });
    const result = await rehearseStacks([['Consumer', consumer, ['Producer']], ['Producer', producer]]);
    expect(result.error).toBeUndefined();
    expect(phase(result, 'update')).toEqual([['Update', 'Producer/Delta', 'SUCCESS'], ['Update', 'Producer/Echo', 'SUCCESS']]);
    expect(result.events.filter((e) => e.phase === 'update').map((e) => e.note)).toEqual([
      'Message changed; replaced by a new invitation',
      'its properties refer to Delta; replaced by a new invitation',
    ]);
    expect(phase(result, 'cleanup')).toEqual([['Delete', 'Producer/Echo', 'SUCCESS'], ['Delete', 'Producer/Delta', 'SUCCESS']]);
    expect(result.updateNotes).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  test.each<[string, (exportName: string) => CfnTemplate]>([
    ['imported', (exportName) => importer(exportName)],
    ['read with Fn::GetStackOutput', () => ({
      Resources: { ...PROVIDER },
      Outputs: { Read: { Value: { 'Fn::GetStackOutput': { StackName: 'Producer', Region: { Ref: 'AWS::Region' }, OutputName: 'ParamName' } } } },
    })],
  ])('an invitation whose id another resource carries to an output another stack reads (%s) is passed over', async (_, reader) => {
    const producer: CfnTemplate = {
      Resources: {
        ...PROVIDER,
        // Delta sorts first, but its id reaches Consumer through the parameter's output
        Delta: invitation({ ReceiverIdentifier: 'pprofile-delta000000000' }),
        DeltaParam: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { 'Fn::Sub': '${Delta.Id}' } } },
        Foxtrot: invitation({ ReceiverIdentifier: 'pprofile-foxtrot00000000' }),
      },
      Outputs: { ParamName: { Value: { Ref: 'DeltaParam' }, Export: { Name: 'Producer-ParamName' } } },
    };
    const result = await rehearseStacks([['Producer', producer], ['Consumer', reader('Producer-ParamName'), ['Producer']]]);
    expect(result.error).toBeUndefined();
    expect(phase(result, 'update')).toEqual([['Update', 'Producer/Foxtrot', 'SUCCESS']]);
    expect(result.updateNotes).toEqual([]);
  });

  test('none qualifies: a note says so, and no update is sent', async () => {
    const producer: CfnTemplate = {
      Resources: {
        ...PROVIDER,
        Delta: invitation({ ReceiverIdentifier: 'pprofile-delta000000000' }),
        // Echo follows Delta and is read by Consumer: replacing Delta would change what Consumer read
        Echo: invitation({ ReceiverIdentifier: 'pprofile-echo0000000000', Message: { 'Fn::Sub': 'Follows ${Delta.Id}' } }),
      },
      Outputs: { EchoArn: { Value: { 'Fn::GetAtt': ['Echo', 'Arn'] }, Export: { Name: 'Producer-EchoArn' } } },
    };
    const consumer = importer('Producer-EchoArn', { Kilo: invitation({ ReceiverIdentifier: 'pprofile-kilo0000000000', ClientToken: 'pinned-token' }) });
    const result = await rehearseStacks([['Producer', producer], ['Consumer', consumer, ['Producer']]]);
    expect(result.error).toBeUndefined();
    expect(phase(result, 'update')).toEqual([]);
    expect(phase(result, 'cleanup')).toEqual([]);
    expect(result.updateNotes).toEqual([NO_REPLACEMENT_NOTE]);
    expect(formatText(result)).toContain(`\nReplacement\n  note: ${NO_REPLACEMENT_NOTE}\n`);
  });
});
