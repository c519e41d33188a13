/**
 * An accepter's Create: validate the properties, accept the invitation they name (or adopt it),
 * answer with its id and the connection's attributes. A failure answers `create-failed-...`,
 * which the Delete that follows never acts on.
 */
import { acceptTarget } from './accept';
import { accepted } from './data';
import { accepterFailureOf } from './failure';
import { readAccepterProperties } from './properties';
import { failed } from '../common/outcome';
import { createFailedId } from '../common/physical-id';
import { invalidProperties } from '../common/property-problems';
import type { AccepterContext, CfnCreateRequest, Outcome } from '../types';

/** Handles an accepter's Create. */
export async function onAccepterCreate(req: CfnCreateRequest, ctx: AccepterContext): Promise<Outcome> {
  const phys = createFailedId(req.RequestId);
  const read = readAccepterProperties(req.ResourceProperties);
  if (!read.ok) return failed(phys, invalidProperties(read.problems));
  try {
    const a = await acceptTarget(req, read.props, ctx);
    return accepted(a.invitation, a.connection);
  } catch (e) {
    return accepterFailureOf(e, phys);
  }
}
