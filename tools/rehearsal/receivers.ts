/**
 * The receivers' side of the rehearsal, after the deploy: what the receivers outside the app do
 * with the invitations they got (`--receiver accept|reject|ignore|expire`, played as the
 * receiver's account over the emulator's signed API), and, for every invitation the app sent,
 * who answered it and where that left it (its status, and the connection an acceptance made).
 *
 * A receiver in the app (the account of one of its stacks) is answered by the app's accepters,
 * never by `--receiver`.
 */
import { resourceLabel } from './names';
import type { AnswerRow, ReceiverAnswer } from './result';
import type { StackRun } from './stack-run';
import { receiverIsAccount } from '../../src/api-constraints';
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../../src/contract';
import type { Invitation } from '../emulator/model';
import type { PartnerCentralEmulator } from '../emulator/server';

/** The values `--receiver` takes. */
export const RECEIVER_ANSWERS: readonly ReceiverAnswer[] = ['accept', 'reject', 'ignore', 'expire'];

/** What the emulator of a rehearsal offers the receivers' side. */
export type ReceiverEmulator = Pick<PartnerCentralEmulator, 'accounts' | 'as' | 'connections' | 'expire' | 'invitations' | 'setStatus'>;

/** The account id of an invitation's receiver, when the emulator knows it. */
function receiverAccountOf(emulator: ReceiverEmulator, inv: Invitation): string | undefined {
  const byAccount = receiverIsAccount(inv.ConnectionType);
  return emulator.accounts.find((a) => (byAccount ? a.accountId : a.partnerProfileId) === inv.OtherParticipantIdentifier)?.accountId;
}

/** An invitation the app sent, with its stack and resource. */
interface Sent {
  readonly run: StackRun;
  readonly logicalId: string;
  readonly constructPath?: string;
  readonly inv: Invitation;
}

/** Every invitation the app sent: its stack, its resource and its state in the emulator. */
function sentInvitations(emulator: ReceiverEmulator, runs: readonly StackRun[]): Sent[] {
  const byId = new Map(emulator.invitations().map((i) => [i.Id, i]));
  return runs.flatMap((run) => run.played.filter((p) => p.resource.Type === RESOURCE_TYPE).flatMap((p) => {
    const inv = byId.get(p.state.physicalId);
    return inv ? [{ run, logicalId: p.logicalId, constructPath: p.constructPath, inv }] : [];
  }));
}

/**
 * Plays `answer` for each PENDING invitation of the app whose receiver is not in the app: accept
 * or reject as the receiver's account (its own signed request), expire as the end of its
 * lifetime would, or nothing for `ignore`. A receiver the emulator does not know (one the plan
 * could not foresee) has the status set directly.
 *
 * @param emulator the rehearsal's emulator
 * @param runs every stack deployed
 * @param appAccounts the accounts of the app's stacks
 * @param answer what the receivers do
 * @throws Error when the emulator refuses the receiver's answer
 */
export async function playOutsideAnswers(
  emulator: ReceiverEmulator,
  runs: readonly StackRun[],
  appAccounts: readonly string[],
  answer: ReceiverAnswer,
): Promise<void> {
  if (answer === 'ignore') return;
  for (const { inv } of sentInvitations(emulator, runs)) {
    const receiver = receiverAccountOf(emulator, inv);
    if (inv.Status !== 'PENDING' || (receiver !== undefined && appAccounts.includes(receiver))) continue;
    if (answer === 'expire') {
      emulator.expire(inv.Id);
      continue;
    }
    if (receiver === undefined) {
      emulator.setStatus(inv.Id, answer === 'accept' ? 'ACCEPTED' : 'REJECTED');
      continue;
    }
    const client = emulator.as(receiver);
    const reply = answer === 'accept' ? await client.accept(inv.Catalog, inv.Id) : await client.reject(inv.Catalog, inv.Id);
    if (reply.status !== 200) {
      throw new Error(`the receiver ${inv.OtherParticipantIdentifier} could not ${answer} ${inv.Id}: ${reply.status} ${String(reply.body.__type ?? '')}`);
    }
  }
}

/**
 * Who answered each invitation of the app, and its status and connection now.
 *
 * @param emulator the rehearsal's emulator
 * @param runs every stack deployed
 * @param appAccounts the accounts of the app's stacks
 * @param answer what `--receiver` played for receivers outside the app
 */
export function answerRows(
  emulator: ReceiverEmulator,
  runs: readonly StackRun[],
  appAccounts: readonly string[],
  answer: ReceiverAnswer,
): AnswerRow[] {
  const accepters = new Map<string, string>();
  for (const run of runs) {
    for (const p of run.played) {
      if (p.resource.Type === ACCEPTER_RESOURCE_TYPE) accepters.set(p.state.physicalId, `${run.stack.displayName}/${resourceLabel(p.logicalId, p.constructPath)}`);
    }
  }
  return sentInvitations(emulator, runs).map(({ run, logicalId, constructPath, inv }) => {
    const receiver = receiverAccountOf(emulator, inv);
    const receiverInApp = receiver !== undefined && appAccounts.includes(receiver);
    const accepter = accepters.get(inv.Id);
    type Types = { ConnectionTypes?: Record<string, { Status?: string }> };
    const connection = inv.ConnectionId === undefined
      ? undefined
      : emulator.connections(run.stack.account).find((c) => c.Id === inv.ConnectionId) as Types | undefined;
    const connectionStatus = connection?.ConnectionTypes?.[inv.ConnectionType]?.Status;
    return {
      stack: run.stack.displayName,
      logicalId,
      ...(constructPath ? { constructPath } : {}),
      invitationId: inv.Id,
      connectionType: inv.ConnectionType,
      receiver: inv.OtherParticipantIdentifier,
      receiverInApp,
      ...(accepter !== undefined ? { accepter } : {}),
      ...(!receiverInApp ? { answer } : {}),
      status: inv.Status,
      ...(inv.ConnectionId !== undefined ? { connectionId: inv.ConnectionId } : {}),
      ...(connectionStatus !== undefined ? { connectionStatus } : {}),
    };
  });
}
