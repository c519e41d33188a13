/**
 * The golden `--json` output of `cdk-partnercentral rehearse`: the whole document, byte for byte,
 * for one assembly that plays every kind of event and record (creates in reference order, a
 * condition that is false, a retained invitation, outputs and exports, a strong and a weak
 * cross-stack read, the replacement with its cleanup, the destruction). A change to the rehearsal
 * that changes what a machine reads fails here.
 *
 * An intended change of the output: run this suite with `REHEARSE_GOLDEN=update` to rewrite
 * test/cli/rehearse-command.json.golden.json, and review its diff.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runRehearse } from '../../tools/cli/rehearse-command';
import type { CfnTemplate } from '../../tools/cloudformation/template';
import { FN_ARN, HANDLER, inTempDir, invitation, PROVIDER, writeAssembly } from '../support/rehearsal';

const GOLDEN = path.join(__dirname, 'rehearse-command.json.golden.json');

/** Where the assembly's temporary directory stands in the golden file. */
const ASSEMBLY_PLACEHOLDER = '<assembly>';

const PARTNERS: CfnTemplate = {
  Parameters: { Stage: { Type: 'String', Default: 'test' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
  Resources: {
    ...PROVIDER,
    // Listed before Lead on purpose: it is created after the invitation it refers to.
    Follower: invitation({
      ReceiverIdentifier: 'pprofile-follower000000',
      Message: { 'Fn::Sub': ['Follows ${Id}', { Id: { Ref: 'Lead' } }] },
    }, { Metadata: { 'aws:cdk:path': 'Partners/Follower/Resource' } }),
    Lead: invitation({ ReceiverIdentifier: 'pprofile-lead0000000000' }, { Metadata: { 'aws:cdk:path': 'Partners/Lead/Resource' } }),
    Kept: invitation({ ConnectionType: 'SUBSIDIARY', ReceiverIdentifier: '111122223333' }, { DeletionPolicy: 'Retain' }),
    ProdOnly: invitation({ ReceiverIdentifier: 'pprofile-prodonly000000' }, { Condition: 'IsProd' }),
  },
  Outputs: {
    LeadArn: { Value: { 'Fn::GetAtt': ['Lead', 'Arn'] }, Export: { Name: 'Partners-LeadArn' } },
    LeadStatus: { Value: { 'Fn::GetAtt': ['Lead', 'Status'] } },
    FunctionArn: { Value: FN_ARN },
  },
};

const READERS: CfnTemplate = {
  Resources: {
    ...PROVIDER,
    Reader: invitation({
      ReceiverIdentifier: 'pprofile-reader00000000',
      Message: { 'Fn::Join': [' ', ['After', { 'Fn::ImportValue': 'Partners-LeadArn' }]] },
    }),
  },
  Outputs: {
    ImportedArn: { Value: { 'Fn::ImportValue': 'Partners-LeadArn' } },
    ReadStatus: { Value: { 'Fn::GetStackOutput': { StackName: 'Partners', Region: { Ref: 'AWS::Region' }, OutputName: 'LeadStatus' } } },
  },
};

describe('rehearse --json', () => {
  test('prints the golden document', async () => {
    expect(fs.existsSync(HANDLER)).toBe(true);
    await inTempDir(async (dir) => {
      writeAssembly(dir, [['Readers', READERS, ['Partners']], ['Partners', PARTNERS]]);
      const out: string[] = [];
      const err: string[] = [];
      const code = await runRehearse([dir, '--handler', HANDLER, '--json'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
      expect(err.join('')).toBe('');
      expect(code).toBe(0);
      const text = out.join('').split(dir).join(ASSEMBLY_PLACEHOLDER);
      if (process.env.REHEARSE_GOLDEN === 'update') fs.writeFileSync(GOLDEN, text);
      expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
    });
  });
});
