/**
 * Update: read the properties and the current invitation, decide with {@link decideUpdate},
 * and act: answer the current invitation, or create a new one. When the old properties are
 * not the ones the current invitation carries (a rollback after an Update that may have sent
 * one), their invitation is swept before and after. See the Update table in lambda/README.md.
 */
import { createAsOutcome } from './create';
import { isDuplicateRefusal } from './decide-create';
import { currentCatalog, decideUpdate, oldPropertiesUnheld, propertiesChanged } from './decide-update';
import { createFailureOf } from './failure';
import { AcceptedMeanwhile, createInvitation, getOrUndefined } from './invitations';
import { succeeded, succeededNew } from './outcome';
import { readOldProperties, readProperties } from './properties';
import { sameRelationship } from './relationship';
import { sweepOnce, sweepWhenSettled } from './sweep';
import { failureOf } from '../common/failure';
import { createWindowOf } from '../common/fence';
import { failed } from '../common/outcome';
import { isInvitationId } from '../common/physical-id';
import { invalidProperties } from '../common/property-problems';
import { timestampMs } from '../json';
import type { CfnUpdateRequest, Invitation, InvitationProperties, LifecycleContext, Outcome } from '../types';

/** Handles Update; see the module doc and the README for the rules. */
export async function onUpdate(req: CfnUpdateRequest, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  if (!isInvitationId(phys)) return updateWithoutInvitation(req, ctx);
  const read = readProperties(req.ResourceProperties);
  if (!read.ok) return failed(phys, invalidProperties(read.problems));
  const props = read.props;
  const old = readOldProperties(req.OldResourceProperties);
  const catalog = currentCatalog(old, props);
  let current: Invitation | undefined;
  let unheld: InvitationProperties | undefined;
  try {
    current = await getOrUndefined(ctx, catalog, phys);
    const oldRead = readProperties(req.OldResourceProperties);
    if (oldRead.ok && oldPropertiesUnheld(oldRead.props, current)) {
      unheld = oldRead.props;
      // Before the create: the old properties' pending invitation to the same receiver would
      // refuse it (one pending invitation per receiver, catalog and connection type).
      await sweepOnce(req, ctx, unheld.fields, sweepWindow(ctx, current), new Set([phys]));
    }
  } catch (e) {
    return failureOf(e, phys);
  }
  const ended = endedBeforeRollback(unheld, current, props);
  const restore = ended.size > 0 && unheld ? { unheld, ended, window: sweepWindow(ctx, current) } : undefined;
  const outcome = await act(req, ctx, props, old, catalog, current, restore);
  if (!unheld) return outcome;
  try {
    // After: a delivery of the failed Update may still send until its create fence, which
    // closes before this request's own; then the old properties' invitation is listed.
    await sweepWhenSettled(req, ctx, unheld.fields, sweepWindow(ctx, current), new Set([phys, outcome.physicalResourceId]));
    return outcome;
  } catch (e) {
    return outcome.status === 'FAILED' ? outcome : failureOf(e, phys);
  }
}

/**
 * An Update of a resource that holds no invitation (its Create failed and, with rollback
 * disabled, kept its marker): behave as Create, but keep the current physical id on failure, as
 * an Update must. When the old properties differ from the new ones, they may be those of a
 * failed Update from this same id that sent its create (this is then its rollback, with the
 * failed properties as the old ones): nothing holds their invitation, so they are swept before
 * and after, as in the rollback of an Update of an invitation. Unchanged properties are not
 * swept: their invitation is the one the create adopts.
 */
async function updateWithoutInvitation(req: CfnUpdateRequest, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const read = readProperties(req.ResourceProperties);
  const oldRead = readProperties(req.OldResourceProperties);
  const create = () => createAsOutcome(req, ctx, phys, false);
  if (!read.ok || !oldRead.ok || !propertiesChanged(readOldProperties(req.OldResourceProperties), read.props)) return create();
  const unheld = oldRead.props;
  try {
    await sweepOnce(req, ctx, unheld.fields, sweepWindow(ctx, undefined), new Set());
  } catch (e) {
    return failureOf(e, phys);
  }
  const outcome = await create();
  try {
    await sweepWhenSettled(req, ctx, unheld.fields, sweepWindow(ctx, undefined), new Set([outcome.physicalResourceId]));
    return outcome;
  } catch (e) {
    return outcome.status === 'FAILED' ? outcome : failureOf(e, phys);
  }
}

async function act(
  req: CfnUpdateRequest, ctx: LifecycleContext, props: InvitationProperties, old: ReturnType<typeof readOldProperties>,
  catalog: string, current: Invitation | undefined, restore?: Restore,
): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const knownEnded = (inv: Invitation) => (restore?.ended.has(String(inv.Id)) ?? false) || endedBeforeHeld(inv, current);
  try {
    const action = decideUpdate(old, props, current);
    switch (action) {
      case 'refresh':
      case 'keep':
        // Decided only for an invitation that exists.
        return succeeded(phys, current as Invitation);
      case 'fail-gone':
        return failed(phys, `Invitation ${phys} no longer exists in catalog ${catalog}. `
          + 'To send a new one, change a property of the resource (for example the message, or set a clientToken).');
      case 'replace-cancel-first':
        return succeededNew(await createInvitation(req, props, ctx, { catalog, id: phys }, knownEnded));
      default:
        // create, replace, create-beside-accepted, re-invite: a new invitation. The cleanup
        // Delete of the old id then cancels the old one if it is still pending.
        return succeededNew(restore
          ? await createRestoring(req, ctx, props, restore, knownEnded)
          : await createInvitation(req, props, ctx, undefined, knownEnded));
    }
  } catch (e) {
    // The partner accepted while a wording change was replacing the invitation: keep it, as
    // the Update table does for an accepted invitation.
    if (e instanceof AcceptedMeanwhile) return succeeded(phys, e.invitation);
    return createFailureOf(e, phys, false, ctx);
  }
}

/** A rollback that restores the wording of a canceled original (see {@link endedBeforeRollback}). */
interface Restore {
  /** The failed Update's properties, which nothing holds. */
  readonly unheld: InvitationProperties;
  /** The canceled original, taken for ended before the rollback. */
  readonly ended: ReadonlySet<string>;
  /** Where the failed Update's invitation can have been created. */
  readonly window: { from: number; to: number };
}

/**
 * The create of a rollback that restores a canceled original's wording. The failed Update's
 * invitation to the same receiver may have been created so shortly before that the sweep before
 * the create did not list it yet, and it refuses the create (one pending invitation per
 * receiver): then, once the List lag has passed (it was created before now), it is swept and the
 * create repeated.
 */
async function createRestoring(
  req: CfnUpdateRequest, ctx: LifecycleContext, props: InvitationProperties, restore: Restore, knownEnded: (inv: Invitation) => boolean,
): Promise<Invitation> {
  try {
    return await createInvitation(req, props, ctx, undefined, knownEnded);
  } catch (e) {
    if (!isDuplicateRefusal(e)) throw e;
    await ctx.runtime.sleep(ctx.fence.listLagMs);
    await sweepOnce(req, ctx, restore.unheld.fields, restore.window, new Set([req.PhysicalResourceId]));
    return createInvitation(req, props, ctx, undefined, knownEnded);
  }
}

/**
 * Whether an invitation ended (canceled or expired) no later than the invitation this request
 * names was created, by the service's own clock: the request names that one, so CloudFormation
 * issued it afterwards, and it is not a late delivery of a request for the ended one. That is the
 * rollback of a same-receiver wording change that succeeded (another resource failed): the
 * original was canceled just before the new one was created, and the rollback, issued within
 * the 2 s slack of that cancel, still sends the earlier wording.
 */
function endedBeforeHeld(inv: Invitation, current: Invitation | undefined): boolean {
  if (!current || inv.Id === current.Id || (inv.Status !== 'CANCELED' && inv.Status !== 'EXPIRED')) return false;
  const ended = timestampMs(inv.UpdatedAt);
  const created = timestampMs(current.CreatedAt);
  return ended !== undefined && created !== undefined && ended <= created;
}

/**
 * The invitations a rollback takes for ended before it was issued, whatever the clock says: the
 * current invitation when it is CANCELED and for the same relationship as the properties the
 * rollback restores, and the old properties are unheld (the failed Update came after it). That is
 * the original that a failed same-receiver wording change canceled before sending its own: the
 * rollback is not a late delivery of a request for it (its cancel may be within the 2 s slack of
 * the rollback's issue when the Update failed fast, window C), so it sends the earlier wording.
 */
function endedBeforeRollback(
  unheld: InvitationProperties | undefined, current: Invitation | undefined, props: InvitationProperties,
): ReadonlySet<string> {
  if (!unheld || current?.Status !== 'CANCELED' || typeof current.Id !== 'string' || !sameRelationship(current, props.fields)) return new Set();
  return new Set([current.Id]);
}

/**
 * Where the old properties' invitation can have been created: after the current invitation
 * (the failed Update came later) and at most `rollbackLookbackMs` before this request was
 * issued (the failed Update was answered, and this request issued, within that time of the
 * failed Update's issue), and before this request's own create window closes (the failed
 * Update was issued before this request, so its fence closes first).
 */
function sweepWindow(ctx: LifecycleContext, current: Invitation | undefined): { from: number; to: number } {
  const own = createWindowOf(ctx.times, ctx.fence);
  const since = (current ? timestampMs(current.CreatedAt) : undefined) ?? Number.NEGATIVE_INFINITY;
  return { from: Math.max(since, ctx.times.issuedAt - ctx.fence.rollbackLookbackMs), to: own.to };
}
