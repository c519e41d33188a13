import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_BUNDLE_PATH } from '../tools/cli-bundle';

/**
 * The shipped CLI, as `npx projen bundle` builds it (the test task bundles before jest): run as
 * a child process so a break in the bin, its bundling or the default handler path shows here.
 */
const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, CLI_BUNDLE_PATH);
const INVITATION = 'Custom::PartnerCentralConnectionInvitation';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], cwd: string = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') {
        reject(err);
        return;
      }
      resolve({ code: err ? (err.code as number) : 0, stdout, stderr });
    });
  });
}

function invitation(receiver: string, message: string): Record<string, unknown> {
  return {
    Type: INVITATION,
    Properties: {
      ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      Catalog: 'Sandbox',
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      ReceiverIdentifier: receiver,
      Email: 'partner@example.com',
      Name: 'Sam Partner',
      Message: message,
    },
  };
}

/** A cloud assembly of two stacks, `Second` deployed after `First`, one invitation each. */
function writeTwoStackAssembly(dir: string): void {
  const fn = { Type: 'AWS::Lambda::Function', Properties: { Timeout: 60 } };
  const stacks: Record<string, unknown> = {
    First: { Resources: { Fn: fn, Invite: invitation('pprofile-first00000000', 'Shall we co-sell?') }, Outputs: { Id: { Value: { Ref: 'Invite' } } } },
    Second: { Resources: { Fn: fn, Invite: invitation('pprofile-second0000000', 'Shall we co-sell too?') } },
  };
  const artifacts: Record<string, unknown> = {};
  for (const [id, template] of Object.entries(stacks)) {
    fs.writeFileSync(path.join(dir, `${id}.template.json`), JSON.stringify(template));
    artifacts[id] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://unknown-account/unknown-region',
      properties: { templateFile: `${id}.template.json` },
      dependencies: id === 'Second' ? ['First'] : [],
      displayName: id,
    };
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '39.0.0', artifacts }));
}

let tmp: string;
beforeAll(() => {
  expect(fs.existsSync(CLI)).toBe(true);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('--help prints the usage and exits 0', async () => {
  const run = await cli(['--help']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/^usage: cdk-partnercentral <command> \[options\]\n/);
  expect(run.stdout).toContain('rehearse [cdk.out]');
});

test('--version prints the version from the package.json next to the installed package', async () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  // run from elsewhere: the version comes from the bundle's location, not the working directory
  expect(await cli(['--version'], tmp)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
});

test('no command is a usage error', async () => {
  const run = await cli([]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^usage: cdk-partnercentral/);
});

test('rehearse without a cdk.out fails with a hint', async () => {
  const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
  const run = await cli(['rehearse'], empty);
  expect(run).toEqual({
    code: 1,
    stdout: '',
    stderr: 'Rehearsal failed: cdk.out is not a cloud assembly: it has no manifest.json (run cdk synth first)\n',
  });
});

test('rehearse plays a two-stack assembly with the handler bundled next to the CLI', async () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'assembly-'));
  writeTwoStackAssembly(dir);
  const run = await cli(['rehearse', dir]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^ {2}First +Invite +pacinv-[A-Za-z0-9]{13} +PENDING +arn:aws:partnercentral:/m);
  expect(run.stdout).toMatch(/^ {2}Second +Invite +pacinv-[A-Za-z0-9]{13} +PENDING +arn:aws:partnercentral:/m);
  expect(run.stdout).toMatch(/\nRehearsal passed: 2 stacks, 2 invitations created, 1 replaced, 3 canceled, 0 retained\. Nothing was sent to AWS\.\n$/);
  for (const personal of ['partner@example.com', 'Sam Partner', 'Shall we co-sell']) expect(run.stdout).not.toContain(personal);
});
