/**
 * Update: read the properties and the current invitation, decide with {@link decideUpdate},
 * and act: answer the current invitation, or create a new one. See the Update table in
 * lambda/README.md.
 */
import { createAsOutcome } from './create';
import { currentCatalog, decideUpdate } from './decide-update';
import { failureOf } from './failure';
import { createInvitation, getOrUndefined } from './invitations';
import { failed, succeeded, succeededNew } from './outcome';
import { isInvitationId } from './physical-id';
import { readOldProperties, readProperties } from './properties';
import type { CfnUpdateRequest, Invitation, LifecycleContext, Outcome } from '../types';

/** Handles Update; see the module doc and the README for the rules. */
export async function onUpdate(req: CfnUpdateRequest, ctx: LifecycleContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  if (!isInvitationId(phys)) {
    // Not an invitation we made (e.g. the resource failed to create earlier): behave as Create,
    // but keep the current physical id on failure, as an Update must.
    return createAsOutcome(req, ctx, phys, false);
  }
  const read = readProperties(req.ResourceProperties);
  if (!read.ok) return failed(phys, `Invalid properties: ${read.problems.join('; ')}`);
  const props = read.props;
  const old = readOldProperties(req.OldResourceProperties);
  const catalog = currentCatalog(old, props);
  try {
    const current = await getOrUndefined(ctx, catalog, phys);
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
        return succeededNew(await createInvitation(req, props, ctx, { catalog, id: phys }));
      default:
        // create, replace, create-beside-accepted, re-invite: a new invitation. The cleanup
        // Delete of the old id then cancels the old one if it is still pending.
        return succeededNew(await createInvitation(req, props, ctx));
    }
  } catch (e) {
    return failureOf(e, phys);
  }
}
