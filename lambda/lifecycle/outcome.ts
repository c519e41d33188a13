/**
 * What an invitation's lifecycle answers on success: SUCCESS with the invitation's attributes as
 * Data (a FAILED outcome is `../common/outcome.ts`'s).
 */
import { ATTRIBUTE_KEYS } from '../../src/contract';
import type { Invitation, Outcome } from '../types';

/** The Data of an invitation: every attribute key, as a string ('' when the API omitted it). */
export function toData(inv: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ATTRIBUTE_KEYS) {
    const v = inv[key];
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' && Number.isFinite(v) && /At$/.test(key)) out[key] = epochToIso(v);
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
    else out[key] = '';
  }
  return out;
}

function epochToIso(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? String(seconds) : d.toISOString();
}

/** SUCCESS under `phys`, with the invitation's attributes. */
export function succeeded(phys: string, inv: Invitation): Outcome {
  return { status: 'SUCCESS', physicalResourceId: phys, data: toData(inv) };
}

/** SUCCESS under the invitation's own id (a new physical id, or the same on a Create). */
export function succeededNew(inv: Invitation): Outcome {
  return succeeded(inv.Id as string, inv);
}
