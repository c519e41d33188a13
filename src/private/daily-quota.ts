import { Annotations, Aspects, IAspect, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { countsAgainstDailyQuota } from './daily-quota-catalog';

/**
 * The daily quota of connection invitations in the AWS catalog (Partner Central's quota page):
 * a create beyond it fails with `ServiceQuotaExceededException`, Reason
 * `LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY`.
 */
export const AWS_DAILY_INVITATION_QUOTA = 50;

/** The id of the warning when an app sends more AWS-catalog invitations than the daily quota. */
export const DAILY_QUOTA_WARNING = 'cdk-partnercentral:dailyInvitationQuota';

/** The invitations of each app (the construct tree's root) that count against the daily quota, in the order they were made. */
const COUNTED = Symbol.for('cdk-partnercentral.dailyQuotaInvitations');
/** Marks a stage that checks the quota when it is synthesized. */
const CHECKED = Symbol.for('cdk-partnercentral.dailyQuotaChecked');

interface Root extends IConstruct {
  [COUNTED]?: IConstruct[];
}

/**
 * Counts an invitation against its app's daily quota when its catalog counts
 * (`countsAgainstDailyQuota`: the AWS catalog, ignoring case; a token catalog is not known, so not counted).
 * The app is the whole construct tree, across its stacks and stages, since one deployment of
 * the app sends them all on one day: when the stage of the invitation that goes beyond the
 * quota is synthesized, that invitation carries the warning (a nested stage is synthesized
 * before its app, so each stage with counted invitations checks for itself).
 */
export function countAgainstDailyQuota(invitation: IConstruct, catalog: string): void {
  if (!countsAgainstDailyQuota(catalog)) return;
  const root = invitation.node.root as Root;
  if (root[COUNTED] === undefined) Object.defineProperty(root, COUNTED, { value: [] });
  const counted = root[COUNTED]!;
  counted.push(invitation);
  const stage = Stage.of(invitation) ?? root;
  if (!(CHECKED in stage)) {
    Object.defineProperty(stage, CHECKED, { value: true });
    Aspects.of(stage).add(new DailyQuotaCheck(stage, counted));
  }
}

/** Warns, once per app, on the first invitation beyond the quota, when its stage is synthesized. */
class DailyQuotaCheck implements IAspect {
  private checked = false;

  constructor(private readonly stage: IConstruct, private readonly counted: IConstruct[]) {}

  public visit(node: IConstruct): void {
    if (node !== this.stage || this.checked) return;
    this.checked = true;
    // An invitation removed from the tree after it was made sends nothing.
    const present = this.counted.filter(inTree);
    if (present.length <= AWS_DAILY_INVITATION_QUOTA) return;
    const first = present[AWS_DAILY_INVITATION_QUOTA];
    if ((Stage.of(first) ?? first.node.root) !== this.stage) return;
    Annotations.of(first).addWarningV2(DAILY_QUOTA_WARNING, `The app sends ${present.length} connection invitations in the `
      + `AWS catalog, more than Partner Central's quota of ${AWS_DAILY_INVITATION_QUOTA} a day: deploying them all on one day, `
      + `this one (number ${AWS_DAILY_INVITATION_QUOTA + 1} of the app) and those after it fail with ServiceQuotaExceededException `
      + '(LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY) and roll their stacks back. Spread them over several '
      + 'days (deploy some stacks, or add invitations, one day at a time), or ask for a higher quota.');
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
