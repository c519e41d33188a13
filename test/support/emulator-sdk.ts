/**
 * The emulator suites' set-up with the official client: emulators and clients a test starts and
 * `stopEmulators` ends (call it in `afterEach`), a clock the test moves by hand, one valid
 * create, and the SDK exception of a call that must fail.
 */
import { CreateConnectionInvitationCommandInput, PartnerCentralAccountClient, PartnerCentralAccountServiceException } from '@aws-sdk/client-partnercentral-account';
import { emulatorClient } from './sdk-wire';
import type { EmulatorOptions } from '../../tools/emulator/options';
import { PartnerCentralEmulator } from '../../tools/emulator/server';

export const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;

/** A clock the test moves by hand. */
export function manualClock(from = T0) {
  let now = from;
  return { now: () => now, advance: (ms: number) => { now += ms; } };
}

export const CREATE: CreateConnectionInvitationCommandInput = {
  Catalog: 'Sandbox',
  ClientToken: 'token-1',
  ConnectionType: 'OPPORTUNITY_COLLABORATION',
  Email: 'alliances@example.com',
  Message: 'Let us co-sell on opportunities.',
  Name: 'Pat Example',
  ReceiverIdentifier: 'pprofile-0123456789abc',
};

const started: PartnerCentralEmulator[] = [];
/** Starts an emulator that `stopEmulators` stops. */
export async function start(options: EmulatorOptions = {}): Promise<PartnerCentralEmulator> {
  const e = await PartnerCentralEmulator.start(options);
  started.push(e);
  return e;
}
const clients: PartnerCentralAccountClient[] = [];
/** An official client of `emulator` that `stopEmulators` destroys. */
export function client(emulator: PartnerCentralEmulator, overrides: Parameters<typeof emulatorClient>[1] = {}) {
  const c = emulatorClient(emulator, overrides);
  clients.push(c);
  return c;
}
/** Destroys the clients and stops the emulators the test made. */
export async function stopEmulators(): Promise<void> {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(started.splice(0).map((e) => e.stop()));
}

/** Runs a call that must fail and returns the SDK's exception. */
export async function failure(p: Promise<unknown>): Promise<PartnerCentralAccountServiceException> {
  try {
    await p;
  } catch (err) {
    return err as PartnerCentralAccountServiceException;
  }
  throw new Error('expected the call to fail');
}
