import { parseRehearseArgs } from '../../tools/cli/rehearse-args';
import { REHEARSE_USAGE, runRehearse } from '../../tools/cli/rehearse-command';
import type { RehearsalResult } from '../../tools/rehearsal/result';
import { HANDLER, inTempDir, invitation, PROVIDER, writeAssembly } from '../support/rehearsal';

describe('the rehearse command', () => {
  test('parses its options', () => {
    expect(parseRehearseArgs([])).toEqual({ assemblyDir: 'cdk.out', parameters: [], update: true, destroy: true, receiver: 'ignore', json: false, verbose: false, help: false });
    expect(parseRehearseArgs(['--receiver', 'accept']).receiver).toBe('accept');
    expect(parseRehearseArgs(['--receiver=expire']).receiver).toBe('expire');
    expect(parseRehearseArgs(['out', '--no-update', '--no-destroy', '--receiver', 'reject', '--json', '--verbose', '--handler', 'h.js', '--timeout=2.5',
      '--parameter', 'Stack:Email=a=b@example.com', '--parameter=Name=x'])).toEqual({
      assemblyDir: 'out',
      parameters: [{ stack: 'Stack', name: 'Email', value: 'a=b@example.com' }, { name: 'Name', value: 'x' }],
      update: false,
      destroy: false,
      receiver: 'reject',
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
    [['--receiver', 'approve'], /--receiver takes accept, reject, ignore or expire, got "approve"/],
    [['--receiver'], /--receiver needs a value/],
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

    await inTempDir(async (dir) => {
      writeAssembly(dir, [['Solo', { Resources: { ...PROVIDER, Invite: invitation({}) } }]]);
      const json: string[] = [];
      expect(await runRehearse([dir, '--handler', HANDLER, '--json', '--no-update'], { stdout: (t) => json.push(t), stderr: () => undefined })).toBe(0);
      const parsed = JSON.parse(json.join('')) as RehearsalResult;
      expect(parsed).toMatchObject({ ok: true, stacks: [{ displayName: 'Solo', invitations: [{ logicalId: 'Invite', status: 'PENDING' }] }] });
      expect(parsed.events.map((e) => [e.phase, e.requestType])).toEqual([['deploy', 'Create'], ['destroy', 'Delete']]);
    });
  });
});
