import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { INVITATION_ID_PATTERN, parseInvitationArn } from '../../src/api-constraints';
import { parseParameter } from '../../tools/cli/rehearse-args';
import { runRehearse } from '../../tools/cli/rehearse-command';
import { formatFailure, formatText } from '../../tools/cli/report';
import type { CfnTemplate } from '../../tools/cloudformation/template';
import { rehearse } from '../../tools/rehearsal/rehearse';
import { MESSAGE_CHANGE } from '../../tools/rehearsal/replacement';
import type { RehearsalResult } from '../../tools/rehearsal/result';
import { expectNothingPersonal, FN_ARN, HANDLER, invitation, phase, PROVIDER, tempDirFor, writeAssembly } from '../support/rehearsal';

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

describe('rehearsal of a two-stack assembly with the real handler', () => {
  const dir = tempDirFor('all');
  let result: RehearsalResult;
  const connect = net.Socket.prototype.connect;

  beforeAll(async () => {
    expect(fs.existsSync(HANDLER)).toBe(true);
    // Consumer comes first in the manifest: only the dependency puts it second.
    writeAssembly(dir(), [['Consumer', CONSUMER, ['Producer']], ['Producer', PRODUCER]]);
    process.env.AWS_ACCESS_KEY_ID = 'AKIAUSERSOWNKEY';
    process.env.AWS_ENDPOINT_URL = 'https://example.invalid';
    try {
      result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
    } finally {
      expect(process.env.AWS_ACCESS_KEY_ID).toBe('AKIAUSERSOWNKEY');
      expect(process.env.AWS_ENDPOINT_URL).toBe('https://example.invalid');
      expect(process.env.AWS_ENDPOINT_URL_PARTNERCENTRAL_ACCOUNT).toBeUndefined();
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_ENDPOINT_URL;
    }
  });

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

  test('shows a replacement on Second: First is imported by Consumer, Kept has a pinned ClientToken', () => {
    expect(MESSAGE_CHANGE).toBe(' (rehearsal: message changed)');
    expect(phase(result, 'update')).toEqual([['Update', 'Producer/Second', 'SUCCESS']]);
    const [secondUpdate] = result.events.filter((e) => e.phase === 'update');
    expect(secondUpdate.physicalId).toBe(result.stacks[0].invitations[1].invitationId);
    expect(secondUpdate.responsePhysicalId).toMatch(INVITATION_ID_PATTERN);
    expect(secondUpdate.responsePhysicalId).not.toBe(secondUpdate.physicalId);
    expect(secondUpdate.note).toBe('Message changed; replaced by a new invitation');
    // cleanup: the old invitation canceled
    expect(result.events.filter((e) => e.phase === 'cleanup').map((e) => [e.requestType, e.logicalId, e.physicalId, e.invitationStatus])).toEqual([
      ['Delete', 'Second', secondUpdate.physicalId, 'CANCELED'],
    ]);
    expect(result.updateNotes).toEqual([]);
    expect(result.warnings).toEqual([]);
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
    expect(destroy[2].physicalId).toBe(updated[0].responsePhysicalId);
    expect(destroy[3].physicalId).toBe(result.stacks[0].invitations[0].invitationId);
  });

  test('the report and the JSON carry no e-mails, names or messages', () => {
    const text = formatText(result);
    expectNothingPersonal(text);
    expectNothingPersonal(JSON.stringify(result));
    expect(text).toMatch(/^ {2}STACK +RESOURCE +INVITATION +STATUS +ARN$/m);
    expect(text).toMatch(/^ {2}Producer +First +pacinv-[A-Za-z0-9]{13} +PENDING +arn:aws:partnercentral:/m);
    expect(text).toContain('<not rehearsed: Fn::GetAtt Fn.Arn>');
    expect(text).not.toMatch(/warning:/);
    expect(text).toMatch(/\nRehearsal passed: 2 stacks, 4 invitations created, 1 replaced, 4 canceled, 1 retained\. Nothing was sent to AWS\.\n$/);
    expect(formatFailure(result)).toBe('');
  });
});

describe('rehearsal failures', () => {
  const dir = tempDirFor('each');

  test('a FAILED response stops with the reason, names stack and resource, and rolls the stack back', async () => {
    // The e-mail is a parameter default, so synth cannot check it: the handler rejects it.
    writeAssembly(dir(), [
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
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
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
    const code = await runRehearse([dir(), '--handler', HANDLER], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/^\nRehearsal failed: Bad\/Invite: Create FAILED: .*Email must be a valid e-mail address \(got a value of 13 characters\)\n$/);
    expect(out.join('')).toContain('Rollback (CloudFormation deletes what the failed stack created)');
    expect(out.join('')).toMatch(/^ {2}Bad +Invite +- +CREATE FAILED +-$/m);
    expect(out.join('')).not.toContain('Outputs');
    expect(out.join('')).not.toContain('Rehearsal passed');
  });

  test('the rollback of a failed create keeps what DeletionPolicy Retain keeps, and deletes RetainExceptOnCreate', async () => {
    // CloudFormation's DeletionPolicy: Retain keeps a resource on every deletion, the rollback of
    // its create included; RetainExceptOnCreate deletes it on the rollback of the operation that created it.
    writeAssembly(dir(), [
      ['Bad', {
        Parameters: { ContactEmail: { Type: 'String', Default: 'not-an-e-mail' } },
        Resources: {
          ...PROVIDER,
          Kept: invitation({ ReceiverIdentifier: 'pprofile-kept000000000' }, { DeletionPolicy: 'Retain' }),
          Fresh: invitation({ ReceiverIdentifier: 'pprofile-fresh00000000' }, { DeletionPolicy: 'RetainExceptOnCreate', DependsOn: 'Kept' }),
          Invite: invitation({ Email: { Ref: 'ContactEmail' }, ReceiverIdentifier: 'pprofile-other000000000' }, { DependsOn: 'Fresh' }),
        },
      }],
    ]);
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
    expect(result.ok).toBe(false);
    expect(phase(result, 'deploy')).toEqual([['Create', 'Bad/Kept', 'SUCCESS'], ['Create', 'Bad/Fresh', 'SUCCESS'], ['Create', 'Bad/Invite', 'FAILED']]);
    const [kept, fresh, failedOne] = result.events.map((e) => e.responsePhysicalId);
    const rollback = result.events.filter((e) => e.phase === 'rollback');
    expect(rollback.map((e) => [e.requestType, e.logicalId, e.physicalId, e.status, e.invitationStatus])).toEqual([
      ['Delete', 'Invite', failedOne, 'SUCCESS', undefined],
      ['Delete', 'Fresh', fresh, 'SUCCESS', 'CANCELED'],
      ['Retain', 'Kept', kept, 'SKIPPED', 'PENDING'],
    ]);
    expect(rollback[2].note).toBe('DeletionPolicy: Retain keeps it');
  });

  test('a value that needs AWS stops before any event, even in earlier stacks', async () => {
    writeAssembly(dir(), [
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
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
    expect(result).toMatchObject({ ok: false, events: [], stacks: [] });
    expect(result.error).toEqual({
      kind: 'unresolvable',
      stack: 'Second',
      resource: 'Team/Invite (Invite)',
      message: 'Second/Team/Invite (Invite): property Email uses Fn::GetAtt OtherThing.Value, which the rehearsal cannot resolve offline '
        + '(OtherThing is an AWS::SSM::Parameter, which the rehearsal does not create)',
    });
    const err: string[] = [];
    expect(await runRehearse([dir(), '--handler', HANDLER], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toContain('Rehearsal failed: Second/Team/Invite (Invite): property Email uses Fn::GetAtt OtherThing.Value');
  });

  test('a parameter without a default can be given with --parameter', async () => {
    writeAssembly(dir(), [['Params', {
      Parameters: { Receiver: { Type: 'String' } },
      Resources: { ...PROVIDER, Invite: invitation({ ReceiverIdentifier: { Ref: 'Receiver' } }) },
      Outputs: { Other: { Value: { 'Fn::GetAtt': ['Invite', 'OtherParticipantIdentifier'] } } },
    }]]);
    const missing = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
    expect(missing.error?.message).toBe('Params/Invite: property ReceiverIdentifier uses Ref Receiver, which the rehearsal cannot resolve offline '
      + '(parameter Receiver has no default; give it a value with --parameter)');
    const given = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER, parameters: [parseParameter('Params:Receiver=pprofile-given000000000')], update: false });
    expect(given.ok).toBe(true);
    expect(given.stacks[0].outputs).toEqual([{ name: 'Other', value: 'pprofile-given000000000' }]);
    expect(given.events.map((e) => e.phase)).toEqual(['deploy', 'destroy']);
    const unknown = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER, parameters: [parseParameter('Nope:Receiver=x')] });
    expect(unknown.error).toEqual({ kind: 'assembly', message: '--parameter Nope:Receiver: the assembly has no stack Nope' });
    // CloudFormation rejects a parameter the template does not declare: so does the rehearsal, with or without a stack
    const typo = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER, parameters: [parseParameter('Params:Reciever=pprofile-given000000000')] });
    expect(typo).toMatchObject({ ok: false, events: [] });
    expect(typo.error).toEqual({
      kind: 'invalid',
      stack: 'Params',
      message: '--parameter Params:Reciever: stack Params declares no parameter Reciever, and CloudFormation rejects a parameter its template does not declare',
    });
    const nowhere = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER, parameters: [parseParameter('Reciever=x')] });
    expect(nowhere.error).toEqual({
      kind: 'invalid',
      message: '--parameter Reciever: no stack declares a parameter Reciever, and CloudFormation rejects a parameter its template does not declare',
    });
    const err: string[] = [];
    expect(await runRehearse([dir(), '--handler', HANDLER, '--parameter', 'Params:Reciever=x'], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toContain('Rehearsal failed: --parameter Params:Reciever: stack Params declares no parameter Reciever');
  });

  test('a parameter value CloudFormation would refuse stops before any event, naming stack, parameter and rule', async () => {
    writeAssembly(dir(), [
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
    const result = await rehearse({ assemblyDir: dir(), handlerPath: HANDLER });
    expect(result).toMatchObject({ ok: false, events: [], stacks: [] });
    expect(result.error).toEqual({ kind: 'invalid', stack: 'Strict', message });
    expectNothingPersonal(JSON.stringify(result));

    // a given value is checked too, and one that fits lets the rehearsal pass
    const options = { assemblyDir: dir(), handlerPath: HANDLER, update: false, destroy: false };
    const given = (value: string) => rehearse({ ...options, parameters: [parseParameter(`Strict:ContactEmail=${value}`)] });
    expect((await given('partner@example.org.evil')).error).toMatchObject({ kind: 'invalid', message: message.replace('default', 'given') });
    expect((await given('partner@example.org')).error).toBeUndefined();

    const err: string[] = [];
    expect(await runRehearse([dir(), '--handler', HANDLER], { stdout: () => undefined, stderr: (t) => err.push(t) })).toBe(1);
    expect(err.join('')).toBe(`Rehearsal failed: ${message}\n`);
  });

  test('refuses to run a handler that does not call the local emulator, without reaching AWS', async () => {
    // A handler that ignores the endpoint override and answers SUCCESS whatever happens.
    const fake = path.join(dir(), 'fake-handler.js');
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
    writeAssembly(dir(), [['Stack', { Resources: { ...PROVIDER, Invite: invitation({}) } }]]);
    const result = await rehearse({ assemblyDir: dir(), handlerPath: fake });
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
    setup(dir());
    const result = await rehearse({ assemblyDir: path.join(dir(), sub), handlerPath: handler ? path.join(dir(), handler) : HANDLER });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    expect(result.error?.message).toMatch(message);
  });
});
