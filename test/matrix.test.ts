/**
 * The test matrix really swaps the packages: each cell loads the aws-cdk-lib, constructs and
 * cdk-nag it declares (.projenrc.ts), one copy of each, and cdk-nag works on the same aws-cdk-lib
 * classes as the test. Runs in every cell.
 */
import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as constructs from 'constructs';
import { CDK_LIB_VERSION, CONSTRUCTS_VERSION, MATRIX_CELL, MatrixPackage, NAG_MAJOR, NAG_VERSION } from './support/matrix';
import { nagFindings, synthWithNag } from './support/nag';

const ROOT = path.resolve(__dirname, '..');
const PACKAGES: MatrixPackage[] = ['aws-cdk-lib', 'constructs', 'cdk-nag'];

/** A stack with one finding cdk-nag can only make with the test's own classes (`instanceof iam.CfnPolicy`). */
function wildcardStack(): { app: cdk.App; policy: iam.CfnPolicy } {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'Matrix');
  const policy = new iam.CfnPolicy(stack, 'Wide', {
    policyName: 'wide',
    roles: ['some-role'],
    policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
  });
  return { app, policy };
}

/** The package folders (from the repository root) of every loaded file of `pkg`, as jest's module registry holds them. */
function loadedFolders(pkg: MatrixPackage): string[] {
  const dirName = pkg === 'cdk-nag' ? 'cdk-nag(?:-3)?' : pkg;
  const folder = new RegExp(`^(.*/node_modules/${dirName})/`);
  const folders = Object.keys(require.cache)
    .map((file) => folder.exec(file.split(path.sep).join('/'))?.[1])
    .filter((dir): dir is string => dir !== undefined)
    .map((dir) => path.relative(ROOT, dir).split(path.sep).join('/'));
  return [...new Set(folders)].sort();
}

test(`the cell ${MATRIX_CELL.name} resolves the versions it declares`, () => {
  expect({ 'aws-cdk-lib': CDK_LIB_VERSION, 'constructs': CONSTRUCTS_VERSION, 'cdk-nag': NAG_VERSION }).toEqual({
    'aws-cdk-lib': MATRIX_CELL.packages['aws-cdk-lib'].version,
    'constructs': MATRIX_CELL.packages.constructs.version,
    'cdk-nag': MATRIX_CELL.packages['cdk-nag'].version,
  });
  expect(NAG_MAJOR).toBe(Number(MATRIX_CELL.packages['cdk-nag'].version.split('.')[0]));
});

test('cdk-nag finds what only the test\'s own aws-cdk-lib classes show', () => {
  const { policy } = wildcardStack();
  expect(nagFindings(policy.stack)).toContainEqual({ path: policy.node.path, rule: 'AwsSolutions-IAM5[Resource::*]', level: 'error' });
});

test('one copy of each package is loaded, from the cell\'s folder, and cdk-nag requires the same aws-cdk-lib', () => {
  const { app } = wildcardStack();
  nagFindings(app);

  for (const pkg of PACKAGES) {
    expect({ pkg, folders: loadedFolders(pkg) }).toEqual({ pkg, folders: [MATRIX_CELL.packages[pkg].dir] });
  }

  // What cdk-nag's own modules get for `require('aws-cdk-lib')`, and aws-cdk-lib's for `require('constructs')`.
  const nagModule = require.cache[require.resolve('cdk-nag')];
  const cdkModule = require.cache[require.resolve('aws-cdk-lib')];
  expect(nagModule?.require('aws-cdk-lib').App).toBe(cdk.App);
  expect(nagModule?.require('constructs').Construct).toBe(constructs.Construct);
  expect(cdkModule?.require('constructs').Construct).toBe(constructs.Construct);
});

test('a real synth with the pack registered the way this cdk-nag major expects', () => {
  const clean = new cdk.App();
  new cdk.CfnResource(new cdk.Stack(clean, 'Clean'), 'Handle', { type: 'AWS::CloudFormation::WaitConditionHandle' });
  expect(() => synthWithNag(clean)).not.toThrow();

  const { app } = wildcardStack();
  if (NAG_MAJOR === 3) {
    // The validation plugin fails the synth and names the rule.
    expect(() => synthWithNag(app)).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  } else {
    // The Aspect reports an error annotation; the synth itself succeeds.
    const assembly = synthWithNag(app);
    const messages = assembly.getStackByName('Matrix').messages.map((m) => `${m.level} ${String(m.entry.data)}`);
    expect(messages).toContainEqual(expect.stringMatching(/^error AwsSolutions-IAM5\[Resource::\*\]: /));
  }
});
