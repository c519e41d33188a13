/**
 * cdk-nag's packs (AwsSolutions, NIST 800-53 R5, HIPAA Security) run the way the installed major expects, with the findings in
 * one shape, so that a test reads the same in every cell of the matrix (see ./matrix.ts):
 *
 * - cdk-nag 2: the pack is an Aspect; findings are error and warning Annotations, read after synth.
 * - cdk-nag 3: the pack is a policy validation plugin registered with `Validations.of(app)`;
 *   `validateScope(scope)` returns its violations (`ruleName`, `violatingResources[].constructPath`),
 *   and a real `app.synth()` with the plugin registered throws when there is any.
 *
 * The test code is type-checked against the floor (aws-cdk-lib 2.177, cdk-nag 2), whose types know
 * neither `Validations` nor the v3 pack: those are reached through the narrow interfaces below.
 */
import * as cdk from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cdkNag from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { NAG_MAJOR } from './matrix';
import * as nagSuppressions from '../../src/private/nag-suppressions';

/** One finding: the construct path (`node.path`, no leading slash) and the rule with its finding, e.g. `AwsSolutions-IAM5[Resource::*]`. */
export interface NagFinding {
  readonly path: string;
  readonly rule: string;
  readonly level: 'error' | 'warning';
}

/** aws-cdk-lib's `Validations` (2.25x and newer), absent from the floor's types. */
interface ValidationsApi {
  of(scope: IConstruct): { addPlugins(...plugins: object[]): void };
}

/** A violation of cdk-nag 3's report (`PolicyValidationPluginReport` of aws-cdk-lib 2.25x and newer). */
interface Nag3Violation {
  readonly ruleName: string;
  readonly severity?: string;
  readonly violatingResources: ReadonlyArray<{ readonly constructPath?: string }>;
}

/** A cdk-nag 3 pack: the floor's cdk-nag 2 types have another constructor and no `validateScope`. */
type Nag3PackClass = new (scope?: IConstruct, props?: { readonly verbose?: boolean }) => {
  validateScope(scope: IConstruct): { readonly violations: readonly Nag3Violation[] };
};

/** The packs the tests run, by the prefix of their rule ids. */
export type NagPackName = 'AwsSolutions' | 'NIST.800.53.R5' | 'HIPAA.Security';

/** The class of each pack: the same export name in cdk-nag 2 and 3. */
const PACK_CLASSES: Record<NagPackName, keyof typeof cdkNag> = {
  'AwsSolutions': 'AwsSolutionsChecks',
  'NIST.800.53.R5': 'NIST80053R5Checks',
  'HIPAA.Security': 'HIPAASecurityChecks',
};

function nag3Pack(scope: IConstruct, pack: NagPackName) {
  const Pack = cdkNag[PACK_CLASSES[pack]] as unknown as Nag3PackClass;
  return new Pack(scope, { verbose: true });
}

function nag2Pack(pack: NagPackName): cdk.IAspect {
  const Pack = cdkNag[PACK_CLASSES[pack]] as unknown as new (props?: { readonly verbose?: boolean }) => cdk.IAspect;
  return new Pack({ verbose: true });
}

function validations(): ValidationsApi {
  const api = (cdk as unknown as { readonly Validations?: ValidationsApi }).Validations;
  if (api === undefined) {
    throw new Error('cdk-nag 3 needs aws-cdk-lib\'s Validations, which this aws-cdk-lib does not have');
  }
  return api;
}

/** A cdk-nag 2 message: `<rule>[<finding>]: <info> <explanation>` (the finding part is optional). */
const NAG2_MESSAGE = /^((?:(?:AwsSolutions|NIST\.800\.53\.R5|HIPAA\.Security)-[A-Za-z0-9]+|CdkNagValidationFailure)(?:\[.*?\])?): /s;

function nag2Findings(scope: IConstruct, pack: NagPackName): NagFinding[] {
  cdk.Aspects.of(scope).add(nag2Pack(pack));
  const stacks = cdk.Stack.isStack(scope) ? [scope] : scope.node.findAll().filter(cdk.Stack.isStack);
  const findings: NagFinding[] = [];
  for (const stack of stacks) {
    const annotations = Annotations.fromStack(stack);
    for (const [level, messages] of [
      ['error', annotations.findError('*', Match.anyValue())],
      ['warning', annotations.findWarning('*', Match.anyValue())],
    ] as const) {
      for (const message of messages) {
        const rule = NAG2_MESSAGE.exec(String(message.entry.data))?.[1];
        if (rule !== undefined) findings.push({ path: message.id.replace(/^\//, ''), rule, level });
      }
    }
  }
  return findings;
}

function nag3Findings(scope: IConstruct, pack: NagPackName): NagFinding[] {
  return nag3Pack(scope, pack).validateScope(scope).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      path: resource.constructPath ?? '',
      rule: violation.ruleName,
      level: violation.severity === 'error' ? 'error' as const : 'warning' as const,
    })));
}

/**
 * Runs a pack (AwsSolutionsChecks unless told) on `scope` (an App, a Stage or a Stack) and
 * returns every finding that is neither suppressed (v2) nor acknowledged (v3), sorted by path
 * and rule.
 *
 * With cdk-nag 2 this adds the pack as an Aspect and synthesizes the app, so call it once per app.
 */
export function nagFindings(scope: IConstruct, pack: NagPackName = 'AwsSolutions'): NagFinding[] {
  const findings = NAG_MAJOR === 2 ? nag2Findings(scope, pack) : nag3Findings(scope, pack);
  const inScope = scope.node.path === '' ? findings : findings.filter((f) => f.path === scope.node.path || f.path.startsWith(`${scope.node.path}/`));
  return inScope.sort((a, b) => a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule));
}

/**
 * Registers the packs (AwsSolutionsChecks unless told) on `app` the way a user of the installed major does, and runs a
 * real `app.synth()`. With cdk-nag 3 (`Validations.of(app).addPlugins(...)`) the synth throws when
 * the pack reports anything; with cdk-nag 2 (`Aspects.of(app).add(...)`) the findings become
 * annotations of the assembly and the synth does not throw. Call it on an app not yet synthesized.
 */
export function synthWithNag(app: cdk.App, packs: NagPackName[] = ['AwsSolutions']): ReturnType<cdk.App['synth']> {
  for (const pack of packs) {
    if (NAG_MAJOR === 2) {
      cdk.Aspects.of(app).add(nag2Pack(pack));
    } else {
      validations().of(app).addPlugins(nag3Pack(app, pack));
    }
  }
  return app.synth();
}

/**
 * Builds with the library's own nag acknowledgements left out (of the provider, the accepters and
 * the cancel policy), each of them still reached once, so that what cdk-nag finds without them shows.
 */
export function withoutLibraryAcknowledgements<T>(build: () => T): T {
  const spies = [
    jest.spyOn(nagSuppressions, 'addProviderNagSuppressions').mockImplementation(() => () => undefined),
    jest.spyOn(nagSuppressions, 'addAccepterNagSuppressions').mockImplementation(() => undefined),
    jest.spyOn(nagSuppressions, 'addCancelPolicyNagSuppressions').mockImplementation(() => () => undefined),
  ];
  try {
    const built = build();
    for (const spy of spies) expect(spy).toHaveBeenCalledTimes(1);
    return built;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
