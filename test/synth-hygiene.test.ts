/**
 * What `cdk synth --strict` and `JSII_DEPRECATED=fail` demand of the library, on the feature
 * flags a new `cdk init` app of the installed aws-cdk-lib starts with: no warning or error in
 * the cloud assembly, and no deprecated aws-cdk-lib API on any path the library's
 * non-deprecated members take.
 */
import { SecretValue } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { everyMemberApp } from './support/apps';
import { strictProblems } from './support/strict';

/** Runs `fn` with `JSII_DEPRECATED=fail`, as `JSII_DEPRECATED=fail npx cdk synth` would. */
function withDeprecatedFailing<T>(fn: () => T): T {
  const saved = process.env.JSII_DEPRECATED;
  process.env.JSII_DEPRECATED = 'fail';
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.JSII_DEPRECATED;
    else process.env.JSII_DEPRECATED = saved;
  }
}


describe.each([
  ['the flags of a new cdk init app', cxapi.CURRENTLY_RECOMMENDED_FLAGS],
  // An app that keeps exports and imports explicitly (on releases that know weak references,
  // leaving the strength unset is itself a warning, about the app rather than the library).
  ['strong cross-stack references', { '@aws-cdk/core:defaultCrossStackReferences': 'strong' }],
])('with %s', (_name, context) => {
  test('every member of the library synthesizes with JSII_DEPRECATED=fail and leaves no warning or error', () => {
    const assembly = withDeprecatedFailing(() => everyMemberApp({ context }).synth());
    expect(strictProblems(assembly)).toEqual([]);
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(['Readers', 'Receivers', 'Senders']);
  });
});

test('JSII_DEPRECATED=fail does fail on a deprecated aws-cdk-lib API (the check is live)', () => {
  // Deprecated on the floor and on current releases alike.
  expect(() => withDeprecatedFailing(() => SecretValue.plainText('not a secret')))
    .toThrow(/aws-cdk-lib\.SecretValue#plainText is deprecated/);
});
