/**
 * The check, before any invitation is played, that the handler really calls the local emulator:
 * a Delete of an invitation that does not exist makes it look the invitation up, which must
 * reach the emulator. A handler that calls anything else is refused.
 */
import type { Sandbox } from './sandbox';
import { Stop } from './stop';
import { PARTNER_CENTRAL_REGION } from '../../src/api-constraints';
import { Catalog } from '../../src/catalog';
import { ConnectionType } from '../../src/enums';
import { CloudFormationDriver } from '../cloudformation/driver';
import type { CustomResourceHandler } from '../cloudformation/events';

/** What the probe sends to and watches. */
export interface ProbeContext {
  /** The handler under rehearsal. */
  readonly handler: CustomResourceHandler;
  /** The emulator it must call. */
  readonly emulator: { readonly endpoint: string };
  /** The sandbox, which records the hosts it blocked. */
  readonly sandbox: Sandbox;
  /** The rehearsal's timeout per event, ms (the probe waits at most 10 s). */
  readonly timeoutMs: number;
  /** How many requests the emulator has received so far. */
  readonly requests: () => number;
}

/**
 * Sends the probe's Delete; throws a `refused` stop when the emulator received nothing.
 *
 * @param ctx the handler, the emulator and the sandbox
 */
export async function probeEmulator(ctx: ProbeContext): Promise<void> {
  const driver = await CloudFormationDriver.start({ stackName: 'RehearsalProbe', region: PARTNER_CENTRAL_REGION });
  const before = ctx.requests();
  let answered = true;
  try {
    await driver.send(ctx.handler, driver.deleteEvent('EndpointProbe', 'pacinv-0000000000000', {
      Catalog: Catalog.SANDBOX.name,
      ConnectionType: ConnectionType.OPPORTUNITY_COLLABORATION,
      // a well-formed partner profile id (pprofile- and 13 letters or digits) that no account has
      ReceiverIdentifier: 'pprofile-rehearsalprob',
      Email: 'rehearsal@example.com',
      Name: 'Rehearsal',
      Message: 'Rehearsal',
    }), { timeoutMs: Math.min(ctx.timeoutMs, 10_000), retries: 0 });
  } catch {
    answered = false;
  } finally {
    await driver.stop();
  }
  if (ctx.requests() > before) return;
  const tried = [...new Set(ctx.sandbox.blocked)];
  throw new Stop({
    kind: 'refused',
    message: `refusing to rehearse: the handler did not call the PartnerCentral emulator at ${ctx.emulator.endpoint}`
      + (tried.length > 0 ? ` (it tried to reach ${tried.join(', ')}, which the rehearsal blocked)` : '')
      + (answered ? '' : ' and did not answer')
      + '; the rehearsal never contacts AWS',
  });
}
