/**
 * The apps the rehearsal benchmark rehearses: `stacks` stacks of `n` invitations each, made with
 * this library's construct (the inputs of ./apps.ts), synthesized into a cloud assembly.
 *
 * Run as `rehearse-app.ts <stacks> <n> <outdir>` to synthesize in a child process, so the
 * benchmark's own memory does not hold the construct trees.
 */
import { App, Stack } from 'aws-cdk-lib';
import { addOurInvitations } from './apps';

/** The shape of one rehearsed app: how many stacks, how many invitations in each. */
export interface RehearseApp {
  readonly stacks: number;
  readonly invitationsPerStack: number;
}

/** A readable label: `496` or `4 x 496`. */
export function appLabel(app: RehearseApp): string {
  return app.stacks === 1 ? String(app.invitationsPerStack) : `${app.stacks} x ${app.invitationsPerStack}`;
}

/** The invitations of the whole app. */
export function invitationCount(app: RehearseApp): number {
  return app.stacks * app.invitationsPerStack;
}

/** Synthesizes the app into `outdir` (stacks `Bench0`, `Bench1`, ..., as the CDK CLI would). */
export function synthesizeApp(app: RehearseApp, outdir: string): void {
  const cdk = new App({ outdir, analyticsReporting: true });
  for (let s = 0; s < app.stacks; s++) {
    addOurInvitations(new Stack(cdk, `Bench${s}`), app.invitationsPerStack, s * app.invitationsPerStack);
  }
  cdk.synth();
}

if (require.main === module) {
  const [stacks, n, outdir] = process.argv.slice(2);
  if (!outdir || !Number.isInteger(Number(stacks)) || !Number.isInteger(Number(n))) {
    throw new Error(`usage: rehearse-app.ts <stacks> <invitations per stack> <outdir>, got: ${process.argv.slice(2).join(' ')}`);
  }
  synthesizeApp({ stacks: Number(stacks), invitationsPerStack: Number(n) }, outdir);
}
