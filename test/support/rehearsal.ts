/**
 * Fixtures of the rehearsal tests: cloud assemblies written to a temporary directory (made and
 * removed by `inTempDir` or `tempDirFor`), an invitation resource with valid properties, the
 * real handler bundle, and the check that no personal value reaches a result.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HANDLER_ASSET_NAME } from '../../src/contract';
import type { CfnResource, CfnTemplate, CfnValue } from '../../tools/cloudformation/template';
import { DEFAULT_INVITER } from '../../tools/emulator/model';
import type { RehearsalOptions } from '../../tools/rehearsal/options';
import { rehearse } from '../../tools/rehearsal/rehearse';
import type { EventRecord, RehearsalResult } from '../../tools/rehearsal/result';

/** The connection invitation's resource type. */
export const INVITATION = 'Custom::PartnerCentralConnectionInvitation';

/** A stack of `writeAssembly`: `[id, template, dependencies, extra artifact fields]`. */
export type StackSpec = [id: string, template: CfnTemplate, dependencies?: string[], artifact?: Record<string, unknown>];
/** Writes a cloud assembly of the given stacks (and extra artifacts) into a directory. */
export function writeAssembly(dir: string, stacks: StackSpec[], extraArtifacts: Record<string, unknown> = {}): void {
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

/** The real handler bundle (`npx projen bundle`; the test task bundles before jest). */
export const HANDLER = path.join(__dirname, '..', '..', 'assets', HANDLER_ASSET_NAME, 'index.js');

/** The provider function's ARN, as an invitation's ServiceToken reads it. */
export const FN_ARN: CfnValue = { 'Fn::GetAtt': ['Fn', 'Arn'] };
/** The provider function (a resource the rehearsal does not create), with its timeout. */
export const PROVIDER = { Fn: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 900 } } };

/** An invitation resource with the given properties over valid ones. */
export function invitation(props: Record<string, CfnValue>, extra: Record<string, unknown> = {}): CfnResource {
  return {
    Type: INVITATION,
    Properties: {
      ServiceToken: FN_ARN,
      Catalog: 'Sandbox',
      ConnectionType: 'OPPORTUNITY_COLLABORATION',
      ReceiverIdentifier: 'pprofile-0000example00',
      Email: 'partner@example.com',
      Name: 'Sam Partner',
      Message: 'Shall we co-sell?',
      ServiceTimeout: '300',
      ...props,
    },
    ...extra,
  };
}

/** The connection invitation accepter's resource type. */
export const ACCEPTER = 'Custom::PartnerCentralConnectionInvitationAccepter';

/** An accepter resource with the given properties over a SUBSIDIARY accept by sender that waits 1 s. */
export function accepter(props: Record<string, CfnValue>, extra: Record<string, unknown> = {}): CfnResource {
  return {
    Type: ACCEPTER,
    Properties: {
      ServiceToken: FN_ARN,
      ServiceTimeout: '300',
      Catalog: 'Sandbox',
      ConnectionType: 'SUBSIDIARY',
      WaitSeconds: '1',
      ...props,
    },
    ...extra,
  };
}

/** The manifest fields that put a stack of `writeAssembly` in an account. */
export function inAccount(account: string): Record<string, unknown> {
  return { environment: `aws://${account}/us-east-1` };
}

/** Personal values the fixtures use: none may appear in a result. */
export const PERSONAL = ['alliances@example.com', 'Pat Example', 'partner@example.com', 'Sam Partner', 'Shall we co-sell', 'Hello from', 'Follows',
  'is ours', DEFAULT_INVITER.email, DEFAULT_INVITER.name];

/** A fresh temporary directory (the caller removes it). */
function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-'));
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs `fn` in a fresh temporary directory, removed when `fn` has settled. */
export async function inTempDir<T>(fn: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = tempDir();
  try {
    return await fn(dir);
  } finally {
    removeDir(dir);
  }
}

/** Rehearses `stacks` with the real handler, written as a cloud assembly to a temporary directory. */
export async function rehearseStacks(stacks: StackSpec[], options: Omit<RehearsalOptions, 'assemblyDir' | 'handlerPath'> = {}): Promise<RehearsalResult> {
  return inTempDir(async (dir) => {
    writeAssembly(dir, stacks);
    return rehearse({ assemblyDir: dir, handlerPath: HANDLER, ...options });
  });
}

/**
 * A fresh temporary directory for the tests of the enclosing `describe` block, removed after
 * them: one per test (`each`: beforeEach and afterEach) or one for the whole block (`all`:
 * beforeAll and afterAll). Called before the block's own hooks, it is made before they run.
 * Returns the function that gives the directory.
 */
export function tempDirFor(scope: 'each' | 'all'): () => string {
  let dir: string | undefined;
  const make = (): void => { dir = tempDir(); };
  const remove = (): void => {
    if (dir !== undefined) removeDir(dir);
    dir = undefined;
  };
  if (scope === 'each') {
    beforeEach(make);
    afterEach(remove);
  } else {
    beforeAll(make);
    afterAll(remove);
  }
  return () => {
    if (dir === undefined) throw new Error(`the temporary directory exists only while the block's tests run (tempDirFor('${scope}'))`);
    return dir;
  };
}

/** The events of one phase as `[requestType, stack/logicalId, status]`. */
export function phase(result: RehearsalResult, p: EventRecord['phase']): Array<[string, string, string]> {
  return result.events.filter((e) => e.phase === p).map((e) => [e.requestType, `${e.stack}/${e.logicalId}`, e.status]);
}

/** Expects none of the fixtures' personal values in a text. */
export function expectNothingPersonal(text: string): void {
  for (const p of PERSONAL) expect(text).not.toContain(p);
}
