/**
 * The rehearsal plays the resources of top-level stacks only: this finds the connection
 * invitations and accepters held in nested stacks (at any depth), which it must refuse rather
 * than pass over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { constructPathOf, resourceLabel } from './names';
import { Stop } from './stop';
import { ACCEPTER_RESOURCE_TYPE, RESOURCE_TYPE } from '../../src/contract';
import type { AssemblyStack } from '../cloudformation/assembly';
import type { CfnTemplate } from '../cloudformation/template';

/** A nested stack holding invitations or accepters: its logical id in the top-level template, the path of nested stacks to it, how many. */
export interface NestedInvitations {
  readonly logicalId: string;
  readonly path: string[];
  /** Invitations. */
  readonly count: number;
  /** Accepters. */
  readonly accepters: number;
}

/**
 * The nested stacks (`AWS::CloudFormation::Stack` with its template in the assembly) whose
 * templates, or those of their own nested stacks, hold connection invitations.
 */
export function nestedInvitations(template: CfnTemplate, dir: string, seen: ReadonlySet<string> = new Set()): NestedInvitations[] {
  const out: NestedInvitations[] = [];
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    if (r.Type !== 'AWS::CloudFormation::Stack') continue;
    const file = r.Metadata?.['aws:asset:path'];
    if (typeof file !== 'string') continue;
    const full = path.resolve(dir, file);
    if (seen.has(full)) continue;
    let nested: CfnTemplate;
    try {
      nested = JSON.parse(fs.readFileSync(full, 'utf8')) as CfnTemplate;
    } catch {
      // the nested template is not in the assembly: nothing to say about it
      continue;
    }
    const own = Object.values(nested.Resources ?? {}).filter((n) => n.Type === RESOURCE_TYPE).length;
    const accepters = Object.values(nested.Resources ?? {}).filter((n) => n.Type === ACCEPTER_RESOURCE_TYPE).length;
    if (own + accepters > 0) out.push({ logicalId: id, path: [id], count: own, accepters });
    for (const deeper of nestedInvitations(nested, path.dirname(full), new Set([...seen, full]))) {
      out.push({ ...deeper, logicalId: id, path: [id, ...deeper.path] });
    }
  }
  return out;
}

/**
 * Stops when a nested stack (at any depth) holds invitations: the rehearsal plays only the
 * top-level stacks' resources, so passing would claim what it never tried.
 */
export function refuseNestedInvitations(stack: AssemblyStack): void {
  for (const nested of nestedInvitations(stack.template, path.dirname(stack.templateFile))) {
    const resource = stack.template.Resources![nested.logicalId];
    const element = resourceLabel(nested.logicalId, constructPathOf(stack, nested.logicalId, resource));
    const count = [
      ...(nested.count > 0 ? [`${nested.count} connection invitation${nested.count === 1 ? '' : 's'}`] : []),
      ...(nested.accepters > 0 ? [`${nested.accepters} accepter${nested.accepters === 1 ? '' : 's'}`] : []),
    ].join(' and ');
    throw new Stop({
      kind: 'unresolvable',
      stack: stack.displayName,
      resource: element,
      message: `${stack.displayName}: the nested stack ${nested.path.join('/')} holds ${count}, which the rehearsal cannot play; `
        + `rehearse them by declaring the ${nested.count > 0 ? 'invitations' : 'accepters'} in a top-level stack (a Stack rather than a NestedStack)`,
    });
  }
}
