/**
 * An accepter's Update: accept the invitation the new properties name (a new physical id when
 * it is another invitation), or read again the one it accepted when they name the same one (see
 * `decide-update.ts`). A failure keeps the old physical id.
 */
import { acceptNamed, acceptTarget } from './accept';
import { accepted } from './data';
import { updateTarget } from './decide-update';
import { accepterFailureOf } from './failure';
import { readAccepterProperties } from './properties';
import { failed } from '../common/outcome';
import { invalidProperties } from '../common/property-problems';
import type { AccepterContext, CfnUpdateRequest, Outcome } from '../types';

/** Handles an accepter's Update. */
export async function onAccepterUpdate(req: CfnUpdateRequest, ctx: AccepterContext): Promise<Outcome> {
  const phys = req.PhysicalResourceId;
  const read = readAccepterProperties(req.ResourceProperties);
  if (!read.ok) return failed(phys, invalidProperties(read.problems));
  const { target, connectionType, reread } = updateTarget(phys, readAccepterProperties(req.OldResourceProperties), read.props);
  try {
    const a = target.by === 'id'
      ? await acceptNamed(req, read.props.catalog, target.id, connectionType, ctx, { waitMs: 0, purpose: reread ? 'reread' : 'accept' })
      : await acceptTarget(req, read.props, ctx);
    return accepted(a.invitation, a.connection);
  } catch (e) {
    return accepterFailureOf(e, phys);
  }
}
