/**
 * The accounts a rehearsal plays: one emulator account per account of the app's stacks (a
 * stack's `env.account`, or the rehearsal's default account for a stack without one), each with
 * its own credentials, so that the handler serving a stack signs as that stack's account; and
 * one per receiver outside the app, so that `--receiver` can answer as it. Pure.
 *
 * A receiver is in the app when it is the account of one of the app's stacks (a SUBSIDIARY
 * invitation's AWS account id), or the partner profile id of an OPPORTUNITY_COLLABORATION
 * invitation that an accepter of another account of the app names by its sender: that account
 * is given this partner profile id.
 */
import { createHash } from 'node:crypto';
import {
  AWS_ACCOUNT_ID_PATTERN, ID_SUFFIX_LENGTH, PARTNER_PROFILE_ID_PATTERN, PARTNER_PROFILE_ID_PREFIX, receiverIsAccount, receiverIsPartnerProfile,
} from '../../src/api-constraints';
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../../src/contract';
import { EmulatorAccount, PRIMARY_ACCOUNT_ID, PRIMARY_PARTNER_PROFILE_ID } from '../emulator/accounts';

/** One custom resource of the plan: its stack's account, its type and its delivered properties. */
export interface PlannedResource {
  readonly account: string;
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
}

/** The accounts of a rehearsal. */
export interface RehearsalAccounts {
  /** The accounts of the app's stacks, in the order the stacks come. */
  readonly appAccounts: readonly string[];
  /** The emulator's accounts besides its primary one (the app's, then the outside receivers'). */
  readonly emulatorAccounts: readonly EmulatorAccount[];
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function digest(label: string): Buffer {
  return createHash('sha256').update(label).digest();
}

/** A partner profile id made up for an account: reproducible, in the shape of `PARTNER_PROFILE_ID_PATTERN`. */
function madeUpProfile(accountId: string, n: number): string {
  const d = digest(`profile:${accountId}:${n}`);
  let out = PARTNER_PROFILE_ID_PREFIX;
  for (let i = 0; i < ID_SUFFIX_LENGTH; i++) out += ALPHANUMERIC[d[i] % ALPHANUMERIC.length];
  return out;
}

/** A 12-digit account id made up for a partner profile outside the app: reproducible. */
function madeUpAccount(profileId: string, n: number): string {
  const d = digest(`account:${profileId}:${n}`);
  let out = '';
  for (let i = 0; i < 12; i++) out += String(d[i] % 10);
  return out;
}

/**
 * The accounts to give the emulator.
 *
 * @param stackAccounts the account of every stack, in deployment order
 * @param planned every invitation and accepter of the plan
 */
export function rehearsalAccounts(stackAccounts: readonly string[], planned: readonly PlannedResource[]): RehearsalAccounts {
  const appAccounts = [...new Set(stackAccounts)];
  const profiles = new Map<string, string>([[PRIMARY_ACCOUNT_ID, PRIMARY_PARTNER_PROFILE_ID]]);
  const usedProfiles = new Set([PRIMARY_PARTNER_PROFILE_ID]);

  // An accepter in account B naming sender A for OPPORTUNITY_COLLABORATION is the receiver of
  // A's invitation of that type: B takes that invitation's partner profile id.
  for (const accepter of planned.filter((r) => r.type === ACCEPTER_RESOURCE_TYPE && receiverIsPartnerProfile(r.props.ConnectionType))) {
    if (profiles.has(accepter.account)) continue;
    const sent = planned.find((r) => r.type === RESOURCE_TYPE && r.account === accepter.props.SenderIdentifier
      && r.account !== accepter.account && receiverIsPartnerProfile(r.props.ConnectionType)
      && typeof r.props.ReceiverIdentifier === 'string' && PARTNER_PROFILE_ID_PATTERN.test(r.props.ReceiverIdentifier)
      && !usedProfiles.has(r.props.ReceiverIdentifier));
    if (!sent) continue;
    const profile = sent.props.ReceiverIdentifier as string;
    profiles.set(accepter.account, profile);
    usedProfiles.add(profile);
  }

  const accounts: EmulatorAccount[] = [];
  const add = (accountId: string, partnerProfileId: string) => {
    accounts.push({
      accountId,
      partnerProfileId,
      accessKeyId: `AKIDREHEARSAL${accountId}`,
      secretAccessKey: `rehearsal-secret-${accountId}`,
      displayName: `Account ${accountId}`,
    });
  };
  const profileFor = (accountId: string): string => {
    const assigned = profiles.get(accountId);
    if (assigned !== undefined) return assigned;
    let profile = madeUpProfile(accountId, 0);
    for (let n = 1; usedProfiles.has(profile); n++) profile = madeUpProfile(accountId, n);
    profiles.set(accountId, profile);
    usedProfiles.add(profile);
    return profile;
  };
  for (const accountId of appAccounts) {
    if (accountId !== PRIMARY_ACCOUNT_ID) add(accountId, profileFor(accountId));
  }

  // The receivers outside the app, so that --receiver can answer as them.
  const known = new Set([PRIMARY_ACCOUNT_ID, ...appAccounts]);
  for (const r of planned.filter((p) => p.type === RESOURCE_TYPE)) {
    const receiver = r.props.ReceiverIdentifier;
    if (typeof receiver !== 'string') continue;
    if (receiverIsAccount(r.props.ConnectionType) && AWS_ACCOUNT_ID_PATTERN.test(receiver) && !known.has(receiver)) {
      known.add(receiver);
      add(receiver, profileFor(receiver));
    } else if (receiverIsPartnerProfile(r.props.ConnectionType) && PARTNER_PROFILE_ID_PATTERN.test(receiver) && !usedProfiles.has(receiver)) {
      let accountId = madeUpAccount(receiver, 0);
      for (let n = 1; known.has(accountId); n++) accountId = madeUpAccount(receiver, n);
      known.add(accountId);
      profiles.set(accountId, receiver);
      usedProfiles.add(receiver);
      add(accountId, receiver);
    }
  }
  return { appAccounts, emulatorAccounts: accounts };
}
