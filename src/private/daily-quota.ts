import { Annotations, Aspects, IAspect, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { countsAgainstDailyQuota } from './daily-quota-catalog';
import { AWS_DAILY_INVITATION_QUOTA } from '../api-constraints';

/**
 * The id of the warning when an app sends more AWS-catalog invitations from one account than the
 * daily quota (counted by the stacks' account; environment-agnostic stacks count together).
 */
export const DAILY_QUOTA_WARNING = 'cdk-partnercentral:dailyInvitationQuota';

/**
 * The invitations of each app (the construct tree's root) that count against the daily quota,
 * by account (`UNKNOWN_ACCOUNT` for environment-agnostic stacks), in the order they were made.
 */
const COUNTED = Symbol.for('cdk-partnercentral.dailyQuotaInvitationsByAccount');
/** Marks a stage that checks the quota when it is synthesized. */
const CHECKED = Symbol.for('cdk-partnercentral.dailyQuotaChecked');
/** The bucket of the invitations whose stack's account is a token (environment-agnostic stacks): they share one. */
const UNKNOWN_ACCOUNT = '';

interface Root extends IConstruct {
  [COUNTED]?: Map<string, IConstruct[]>;
}

/**
 * Counts an invitation against its account's daily quota when its catalog counts
 * (`countsAgainstDailyQuota`: the AWS catalog, ignoring case; a token catalog is not known, so not counted).
 * The quota is per account (the quota page: "Rate of connection invitations per account"), so
 * the invitations are counted by their stack's account, across the app's stacks and stages, since
 * one deployment of the app sends them all on one day; the stacks whose account is a token
 * (environment-agnostic) share one count, as they may deploy to one account. When the stage of
 * the invitation that goes beyond an account's quota is synthesized, that invitation carries the
 * warning (a nested stage is synthesized before its app, so each stage with counted invitations
 * checks for itself).
 */
export function countAgainstDailyQuota(invitation: IConstruct, catalog: string): void {
  if (!countsAgainstDailyQuota(catalog)) return;
  const root = invitation.node.root as Root;
  if (root[COUNTED] === undefined) Object.defineProperty(root, COUNTED, { value: new Map() });
  const byAccount = root[COUNTED]!;
  const account = Stack.of(invitation).account;
  const key = Token.isUnresolved(account) ? UNKNOWN_ACCOUNT : account;
  if (!byAccount.has(key)) byAccount.set(key, []);
  byAccount.get(key)!.push(invitation);
  const stage = Stage.of(invitation) ?? root;
  if (!(CHECKED in stage)) {
    Object.defineProperty(stage, CHECKED, { value: true });
    Aspects.of(stage).add(new DailyQuotaCheck(stage, byAccount));
  }
}

/** Warns, once per account of the app, on the first invitation beyond the quota, when its stage is synthesized. */
class DailyQuotaCheck implements IAspect {
  private checked = false;

  constructor(private readonly stage: IConstruct, private readonly byAccount: Map<string, IConstruct[]>) {}

  public visit(node: IConstruct): void {
    if (node !== this.stage || this.checked) return;
    this.checked = true;
    for (const [account, counted] of this.byAccount) {
      // An invitation removed from the tree after it was made sends nothing.
      const present = counted.filter(inTree);
      if (present.length <= AWS_DAILY_INVITATION_QUOTA) continue;
      const first = present[AWS_DAILY_INVITATION_QUOTA];
      if ((Stage.of(first) ?? first.node.root) !== this.stage) continue;
      const where = account === UNKNOWN_ACCOUNT
        ? 'stacks whose account is not known at synth time (environment-agnostic; counted together, as they may deploy to one account)'
        : `account ${account}`;
      Annotations.of(first).addWarningV2(DAILY_QUOTA_WARNING, `The app sends ${present.length} connection invitations in the `
        + `AWS catalog from ${where}, more than Partner Central's quota of ${AWS_DAILY_INVITATION_QUOTA} a day per account: `
        + `deploying them all on one day, this one (number ${AWS_DAILY_INVITATION_QUOTA + 1} of that account) and those after it `
        + 'fail with ServiceQuotaExceededException (LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY) and roll their '
        + 'stacks back. Spread them over several days (deploy some stacks, or add invitations, one day at a time), or ask for '
        + 'a higher quota.');
    }
  }
}

/** Whether a construct is still in its tree: each scope on its path still holds it. */
function inTree(construct: IConstruct): boolean {
  const scopes = construct.node.scopes;
  for (let i = 1; i < scopes.length; i++) {
    if (scopes[i - 1].node.tryFindChild(scopes[i].node.id) !== scopes[i]) return false;
  }
  return true;
}
