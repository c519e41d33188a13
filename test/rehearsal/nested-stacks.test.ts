import * as fs from 'node:fs';
import * as path from 'node:path';
import { runRehearse } from '../../tools/cli/rehearse-command';
import { formatText } from '../../tools/cli/report';
import type { CfnTemplate } from '../../tools/cloudformation/template';
import { rehearse } from '../../tools/rehearsal/rehearse';
import { accepter, HANDLER, inTempDir, invitation, PROVIDER, writeAssembly } from '../support/rehearsal';

test('notes a transform, and refuses to pass over invitations in nested stacks, which it does not play', async () => {
  await inTempDir(async (dir) => {
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

    // an accepter in a nested stack is refused too
    fs.writeFileSync(path.join(dir, 'ParentInner.nested.template.json'), JSON.stringify({ Resources: { Accept: accepter({ SenderIdentifier: '444455556666' }) } }));
    expect((await rehearse({ assemblyDir: dir, handlerPath: HANDLER })).error).toMatchObject({
      kind: 'unresolvable',
      message: 'Parent: the nested stack Middle/Inner holds 1 accepter, which the rehearsal cannot play; '
        + 'rehearse them by declaring the accepters in a top-level stack (a Stack rather than a NestedStack)',
    });
  });
});
