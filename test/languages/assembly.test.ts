/**
 * The comparison of the smoke tests (assembly.ts): it normalizes only the language's runtime
 * entry of CDK's analytics and the template's own asset hash, and finds every other difference.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeAnalytics, differences, expandAnalytics, readAssembly } from './assembly';

const analytics = (text: string) => `v2:deflate64:${gzipSync(text).toString('base64')}`;

/** A one-stack assembly folder with the given analytics text and a property of the function. */
function assembly(analyticsText: string, templateHash: string, memorySize = 128, handlerHash = 'abc123'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-assembly-'));
  const template = {
    Resources: {
      Handler: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: memorySize, Code: { S3Key: `${handlerHash}.zip` } } },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: analytics(analyticsText) } },
    },
  };
  fs.writeFileSync(path.join(dir, 'S.template.json'), JSON.stringify(template));
  fs.writeFileSync(path.join(dir, 'S.assets.json'), JSON.stringify({
    version: '39.0.0',
    files: {
      [templateHash]: { source: { path: 'S.template.json', packaging: 'file' }, destinations: { d: { objectKey: `${templateHash}.json` } } },
      [handlerHash]: { source: { path: `asset.${handlerHash}`, packaging: 'zip' }, destinations: { d: { objectKey: `${handlerHash}.zip` } } },
    },
  }));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } },
  }));
  return dir;
}

const NODE = '2.177.0!aws-cdk-lib.{Stack,Resource,aws_iam.{Role,CfnRole}},node.js/v20.20.2!jsii-runtime.Runtime';
const PYTHON = '2.177.0!aws-cdk-lib.{Resource,Stack,aws_iam.{CfnRole,Role}},Python/3.11.7!jsii-runtime.Runtime';

test('the analytics prefix encoding expands like brace expansion', () => {
  expect(expandAnalytics(NODE)).toEqual([
    '2.177.0!aws-cdk-lib.Stack', '2.177.0!aws-cdk-lib.Resource', '2.177.0!aws-cdk-lib.aws_iam.Role',
    '2.177.0!aws-cdk-lib.aws_iam.CfnRole', 'node.js/v20.20.2!jsii-runtime.Runtime',
  ]);
  expect(decodeAnalytics(analytics('a.{b,c.{d}},e'))).toEqual(['a.b', 'a.c.d', 'e']);
});

test('the same app from another language compares equal, and its runtime is named', () => {
  const ts = readAssembly(assembly(NODE, 'hash-a'));
  const py = readAssembly(assembly(PYTHON, 'hash-b'));
  expect(differences(ts.stacks, py.stacks)).toEqual([]);
  expect([ts.runtimes, py.runtimes]).toEqual([['node.js/v20.20.2!jsii-runtime.Runtime'], ['Python/3.11.7!jsii-runtime.Runtime']]);
});

test.each([
  ['a property', assembly(PYTHON, 'hash-b', 256), '/S/template/Resources/Handler/Properties/MemorySize: TypeScript 128, here 256'],
  ['another construct in the analytics', assembly(PYTHON.replace('Resource,', 'Resource,CfnOutput,'), 'hash-b'), '/S/template/Resources/CDKMetadata/Properties/Analytics/'],
  ['another version in the analytics', assembly(PYTHON.replace('2.177.0', '2.178.0'), 'hash-b'), '/S/template/Resources/CDKMetadata/Properties/Analytics/0'],
  ['another handler bundle', assembly(PYTHON, 'hash-b', 128, 'def456'), '/S/assets/files/abc123'],
])('%s is a difference', (_, other, found) => {
  const diff = differences(readAssembly(assembly(NODE, 'hash-a')).stacks, readAssembly(other).stacks);
  expect(diff.some((d) => d.startsWith(found))).toBe(true);
});
