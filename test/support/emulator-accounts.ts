/**
 * The emulator suites' set-up with more than one account: an emulator that knows two accounts
 * besides its primary one (RECEIVER and OTHER), started by `start` and stopped by
 * `stopEmulators` (call it in `afterEach`), and a create as any of its accounts over real signed HTTP.
 */
import type { EmulatorAccount } from '../../tools/emulator/accounts';
import type { EmulatorOptions } from '../../tools/emulator/options';
import { PartnerCentralEmulator } from '../../tools/emulator/server';

export const RECEIVER: EmulatorAccount = {
  accountId: '222222222222', partnerProfileId: 'pprofile-Receiver00001', accessKeyId: 'AKIDRECEIVER', secretAccessKey: 'receiver-secret',
};
export const OTHER: EmulatorAccount = {
  accountId: '333333333333', partnerProfileId: 'pprofile-Other00000001', accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret',
};

const started: PartnerCentralEmulator[] = [];
/** Starts an emulator with RECEIVER and OTHER that `stopEmulators` stops. */
export async function start(options: EmulatorOptions): Promise<PartnerCentralEmulator> {
  const e = await PartnerCentralEmulator.start({ accounts: [RECEIVER, OTHER], ...options });
  started.push(e);
  return e;
}
/** Stops the emulators the test started. */
export async function stopEmulators(): Promise<void> {
  await Promise.all(started.splice(0).map((e) => e.stop()));
}

/** Creates a SUBSIDIARY invitation from `from` to `to`; resolves with the status and Reason. */
export async function invite(emulator: PartnerCentralEmulator, from: string, to: string, catalog: string, token: string) {
  const answer = await emulator.as(from).call('CreateConnectionInvitation', {
    Catalog: catalog,
    ClientToken: token,
    ConnectionType: 'SUBSIDIARY',
    ReceiverIdentifier: to,
    Email: 'alliances@example.com',
    Message: 'Let us work together.',
    Name: 'Pat Example',
  });
  return { status: answer.status, reason: answer.body.Reason, id: answer.body.Id as string };
}
