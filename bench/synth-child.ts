/**
 * One synth measurement in its own process: `synth-child.ts <variant> <n> <outdir>`.
 *
 * Builds a fresh App with one stack holding `n` invitations of `variant`, synthesizes it into
 * `outdir`, and prints one line `RESULT <json>` with the time from `new App()` to the end of
 * `app.synth()` (construct tree, validation, template and asset staging) and the template's
 * figures. Modules are loaded before the clock starts, so the time is that of the synthesis.
 */
import { App, Stack } from 'aws-cdk-lib';
import { addInvitations, Variant, VARIANTS } from './apps';
import { msSince } from './stats';
import { Template, templateStats } from './template-stats';

/** The line prefix the parent looks for. */
export const RESULT_PREFIX = 'RESULT ';

function main(argv: string[]): void {
  const [variant, nText, outdir] = argv;
  const n = Number(nText);
  if (!VARIANTS.includes(variant as Variant) || !Number.isInteger(n) || n < 1 || !outdir) {
    throw new Error(`usage: synth-child.ts <${VARIANTS.join('|')}> <n> <outdir>, got: ${argv.join(' ')}`);
  }

  const start = process.hrtime.bigint();
  const app = new App({
    outdir,
    // As the CDK CLI synthesizes by default: the stack also holds the AWS::CDK::Metadata resource.
    analyticsReporting: true,
    // Measure past CloudFormation's 500-resource limit instead of stopping at it: the
    // benchmark reports the resource count and the largest N that deploys.
    context: { '@aws-cdk/core:stackResourceLimit': 0 },
  });
  const stack = new Stack(app, 'Bench');
  addInvitations(variant as Variant, stack, n);
  const assembly = app.synth();
  const synthMs = msSince(start);

  const template = assembly.getStackByName(stack.stackName).template as Template;
  console.log(RESULT_PREFIX + JSON.stringify({ variant, n, synthMs, ...templateStats(template) }));
}

if (require.main === module) main(process.argv.slice(2));
