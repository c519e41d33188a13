/**
 * A new app as `cdk init app` makes it today, end to end: the feature flags of the installed
 * aws-cdk-lib's new projects (weak cross-stack references where it knows them), two stacks of
 * invitations with references between them in an invitation property and in outputs, the
 * installed cdk-nag's AwsSolutions checks registered as its users register them, and
 * `JSII_DEPRECATED=fail`. It synthesizes with no warning in the cloud assembly (what
 * `cdk synth --strict` refuses), and the rehearsal plays it with every output resolved.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Catalog, ConnectionInvitation, ConnectionType } from '../src';
import { HANDLER_ASSET_NAME } from '../src/contract';
import { CDK_LIB_VERSION, NAG_MAJOR } from './support/matrix';
import { synthWithNag } from './support/nag';
import { strictProblems } from './support/strict';
import { rehearse } from '../tools/rehearsal/rehearse';

const HANDLER = path.join(__dirname, '..', 'assets', HANDLER_ASSET_NAME, 'index.js');
const WEAK_REFERENCES = cxapi.CURRENTLY_RECOMMENDED_FLAGS['@aws-cdk/core:defaultCrossStackReferences'] === 'weak';

function newApp(outdir: string): App {
  const app = new App({ outdir, context: cxapi.CURRENTLY_RECOMMENDED_FLAGS });
  const senders = new Stack(app, 'Senders');
  const invite = (scope: Stack, id: string, receiverIdentifier: string, message: string, connectionType = ConnectionType.OPPORTUNITY_COLLABORATION) =>
    new ConnectionInvitation(scope, id, {
      catalog: Catalog.SANDBOX,
      connectionType,
      receiverIdentifier,
      email: 'alliances@example.com',
      name: 'Pat Example',
      message,
    });
  // The rehearsal replaces First: first in stack order and logical id, and no other stack reads it.
  invite(senders, 'First', 'pprofile-0000000000001', 'Let us co-sell on opportunities.');
  const partner = invite(senders, 'Partner', 'pprofile-0000000000002', 'Let us co-sell on opportunities.');

  const readers = new Stack(app, 'Readers');
  const subsidiary = invite(readers, 'Subsidiary', '111122223333',
    `Link this seller account; see ${partner.connectionInvitationId}.`, ConnectionType.SUBSIDIARY);
  new CfnOutput(readers, 'PartnerInvitationArn', { value: partner.connectionInvitationArn });
  new CfnOutput(readers, 'SubsidiaryInvitationId', { value: subsidiary.connectionInvitationId });
  return app;
}

test(`a new app on aws-cdk-lib ${CDK_LIB_VERSION} with cdk-nag ${NAG_MAJOR} synthesizes cleanly and rehearses with every output resolved`, async () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-app-'));
  const saved = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'fail';
  let assembly: cxapi.CloudAssembly;
  try {
    assembly = synthWithNag(newApp(outdir));
  } finally {
    if (saved === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = saved;
  }
  expect(strictProblems(assembly)).toEqual([]);

  const readers = JSON.stringify(assembly.getStackByName('Readers').template);
  expect(readers).toContain(WEAK_REFERENCES ? '"Fn::GetStackOutput"' : '"Fn::ImportValue"');

  const result = await rehearse({ assemblyDir: outdir, handlerPath: HANDLER });
  expect(result.error).toBeUndefined();
  expect(result.ok).toBe(true);
  expect(result.warnings).toEqual([]);
  const outputs = Object.fromEntries(result.stacks.flatMap((s) => s.outputs.map((o) => [`${s.stackName}.${o.name}`, o])));
  const partnerId = result.stacks[0].invitations.find((i) => i.logicalId.startsWith('Partner'))?.invitationId;
  expect(partnerId).toMatch(/^pacinv-/);
  expect(outputs['Readers.PartnerInvitationArn']).toMatchObject({
    value: `arn:aws:partnercentral:us-east-1::catalog/Sandbox/connection-invitation/${partnerId}`,
  });
  expect(outputs['Readers.SubsidiaryInvitationId'].value).toMatch(/^pacinv-/);
  for (const output of Object.values(outputs)) {
    expect(output.notRehearsed).toBeUndefined();
    expect(output.warning).toBeUndefined();
  }
  // A whole app synthesized and rehearsed on the matrix's aws-cdk-lib: seconds alone, longer on a busy machine.
}, 120_000);
