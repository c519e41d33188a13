/**
 * Benchmark 4, API calls per lifecycle event: the shipped handler driven through one
 * invitation's life (create, unchanged update, replacing updates and their cleanup deletes,
 * delete) against an unthrottled emulator, counting the requests the emulator receives for each event.
 */
import { invitationProperties } from './apps';
import { loadShippedHandler, withHandlerEnvironment } from './shipped-handler';
import { table, title } from './stats';
import { CloudFormationDriver } from '../tools/cloudformation/driver';
import type { CloudFormationCustomResourceEvent } from '../tools/cloudformation/events';
import { OPERATIONS } from '../tools/emulator/model';
import { PartnerCentralEmulator } from '../tools/emulator/server';

/** The calls of one event. */
export interface LifecycleRow {
  readonly event: string;
  readonly status: string;
  /** Requests per operation (only operations that were called). */
  readonly calls: Record<string, number>;
  /** Error answers among them, by status and reason. */
  readonly errors: Record<string, number>;
  readonly total: number;
}

/** Everything benchmark 4 reports. */
export interface LifecycleResults {
  readonly rows: LifecycleRow[];
  /** Log lines the handler wrote over the whole life. */
  readonly logLines: number;
}

/** Runs benchmark 4. */
export async function runLifecycle(log: (line: string) => void): Promise<LifecycleResults> {
  const handler = loadShippedHandler();
  const emulator = await PartnerCentralEmulator.start();
  const driver = await CloudFormationDriver.start({ stackName: 'BenchLifecycle' });
  try {
    const { result: rows, logLines } = await withHandlerEnvironment(emulator, async () => {
      const out: LifecycleRow[] = [];
      const play = async (name: string, event: CloudFormationCustomResourceEvent): Promise<string> => {
        const before = emulator.calls.length;
        const d = await driver.send(handler, event, { timeoutMs: 30_000 });
        const calls: Record<string, number> = {};
        const errors: Record<string, number> = {};
        for (const c of emulator.calls.slice(before)) {
          const op = c.operation ?? c.target ?? 'unknown';
          calls[op] = (calls[op] ?? 0) + 1;
          if (c.status >= 400) {
            const key = `${c.status} ${c.errorReason ?? c.errorName ?? ''}`.trim();
            errors[key] = (errors[key] ?? 0) + 1;
          }
        }
        out.push({ event: name, status: d.response.Status, calls, errors, total: emulator.calls.length - before });
        return d.response.PhysicalResourceId;
      };

      const props = invitationProperties(0);
      const id = 'Invitation';
      const first = await play('create', driver.createEvent(id, props));
      await play('update, properties unchanged', driver.updateEvent(id, first, props, props));
      // The service keeps one pending invitation per receiver, catalog and connection type, so
      // replacing one for the same receiver cancels the old one first.
      const reworded = { ...props, Message: `${props.Message} Updated.` };
      const second = await play('update, message changed: replacement, same receiver', driver.updateEvent(id, first, reworded, props));
      // After a replacement CloudFormation deletes the old physical id (cleanup).
      await play('  cleanup delete of the replaced one (canceled)', driver.deleteEvent(id, first, props));
      const moved = { ...reworded, ReceiverIdentifier: invitationProperties(1).ReceiverIdentifier };
      const third = await play('update, receiver changed: replacement', driver.updateEvent(id, second, moved, reworded));
      await play('  cleanup delete of the replaced one (pending)', driver.deleteEvent(id, second, reworded));
      await play('delete (pending invitation)', driver.deleteEvent(id, third, moved));
      return out;
    });
    log('  lifecycle: done');

    return { rows, logLines };
  } finally {
    await driver.stop();
    await emulator.stop();
  }
}

/** `CreateConnectionInvitation` -> `Create`, for narrower columns. */
function shortOp(op: string): string {
  return op.replace(/ConnectionInvitations?$/, '');
}

/** The printed report of benchmark 4. */
export function reportLifecycle(r: LifecycleResults): string {
  const ops = OPERATIONS.filter((op) => r.rows.some((row) => row.calls[op]));
  const other = (row: LifecycleRow): number => row.total - ops.reduce((a, op) => a + (row.calls[op] ?? 0), 0);
  const showOther = r.rows.some((row) => other(row) > 0);
  const rows = r.rows.map((row) => [
    row.event,
    row.status,
    ...ops.map((op) => String(row.calls[op] ?? 0)),
    ...(showOther ? [String(other(row))] : []),
    String(row.total),
    Object.entries(row.errors).map(([k, v]) => `${v} x ${k}`).join(', ') || '-',
  ]);
  return [
    title('4. API calls per lifecycle event (shipped handler, unthrottled emulator)'),
    table(['event', 'response', ...ops.map(shortOp), ...(showOther ? ['other'] : []), 'total', 'error answers'], rows),
    `Log lines the handler wrote over this life: ${r.logLines}.`,
  ].join('\n');
}
