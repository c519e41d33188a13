/**
 * The rehearsal's result as text for a terminal, or as JSON for machines. Neither carries
 * e-mails, names or messages: the result is already free of them.
 */
import { resourceLabel } from '../rehearsal/names';
import type { AnswerRow, DailyQuotaUse, EventRecord, Phase, RehearsalResult } from '../rehearsal/result';

/** Lays rows out in columns separated by two spaces (the last column is not padded). */
export function columns(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd());
}

function eventRow(e: EventRecord): string[] {
  const ids = e.requestType === 'Update' && e.responsePhysicalId && e.responsePhysicalId !== e.physicalId
    ? `${e.physicalId} -> ${e.responsePhysicalId}`
    : e.physicalId ?? e.responsePhysicalId ?? '';
  const details: string[] = [];
  if (e.invitationStatus) details.push(`now ${e.invitationStatus}`);
  if (e.note) details.push(e.note);
  if (e.reason) details.push(`reason: ${e.reason}`);
  return [e.requestType, `${e.stack}/${resourceLabel(e.logicalId, e.constructPath)}`, ids, e.status, details.join('; ')];
}

function eventLines(events: readonly EventRecord[]): string[] {
  return columns(events.map(eventRow), '  ');
}

/** The destroy log: every deployed stack in reverse order, with its Delete events or a word that it had none. */
function destroyLines(result: RehearsalResult): string[] {
  const rows: string[][] = [];
  for (const s of [...result.stacks].reverse()) {
    if (!s.deployed) continue;
    const events = result.events.filter((e) => e.phase === 'destroy' && e.stack === s.displayName);
    if (events.length === 0) rows.push(['-', `${s.displayName}: no invitations to delete`]);
    else rows.push(...events.map(eventRow));
  }
  return columns(rows, '  ');
}

const SECTION_TITLES: Record<Exclude<Phase, 'deploy'>, string> = {
  rollback: 'Rollback (CloudFormation deletes what the failed stack created)',
  update: 'Replacement (one invitation\'s message changed)',
  cleanup: '',
  destroy: 'Destroy (stacks in reverse order)',
};

/**
 * The result as text: the deployed invitations, the outputs per stack, the replacement and
 * the destruction as short lifecycle logs, and a last line when it passed, with the number of
 * warnings when there are any (a failure is for the caller to print, see {@link formatFailure}).
 */
export function formatText(result: RehearsalResult): string {
  const out: string[] = [];
  if (result.stacks.length === 0) return '';
  const deployed = result.stacks.filter((s) => s.deployed);
  const count = result.stacks.reduce((n, s) => n + s.invitations.length, 0);
  out.push(`Rehearsal of ${result.assembly}: offline, against the local PartnerCentral emulator (nothing is sent to AWS)`);
  if (result.dailyQuota) out.push(dailyQuotaLine(result.dailyQuota));

  out.push('', `Deploy (${result.stacks.length} stack${result.stacks.length === 1 ? '' : 's'} in dependency order)`);
  const rows: string[][] = [['STACK', 'RESOURCE', 'INVITATION', 'STATUS', 'ARN']];
  for (const s of result.stacks) {
    for (const i of s.invitations) rows.push([s.displayName, resourceLabel(i.logicalId, i.constructPath), i.invitationId, i.status, i.arn]);
    for (const a of s.accepters) rows.push([s.displayName, `accepter ${resourceLabel(a.logicalId, a.constructPath)}`, a.invitationId, a.invitationStatus, a.invitationArn]);
    for (const e of result.events) {
      if (e.phase === 'deploy' && e.status === 'FAILED' && e.stack === s.displayName) {
        rows.push([s.displayName, resourceLabel(e.logicalId, e.constructPath), '-', 'CREATE FAILED', '-']);
      }
    }
  }
  if (rows.length > 1) out.push(...columns(rows, '  '));
  else out.push('  (no connection invitations in these stacks)');
  const accounts = [...new Set(result.stacks.map((s) => s.account))];
  if (accounts.length > 1) {
    out.push(`  accounts: ${accounts.map((a) => `${result.stacks.filter((s) => s.account === a).map((s) => s.displayName).join(', ')} in ${a}`).join('; ')}`);
  }
  for (const s of result.stacks) for (const note of s.notes) out.push(`  note: ${s.displayName}: ${note}`);

  if (result.answers.length > 0) out.push('', ...receiverLines(result));

  if (deployed.length > 0) {
    out.push('', 'Outputs');
    for (const s of deployed) {
      out.push(`  ${s.displayName}`);
      if (s.outputs.length === 0) out.push('    (none)');
      out.push(...columns(s.outputs.map((o) => [o.name, o.value, o.exportName !== undefined ? `(export ${o.exportName})` : '']), '    '));
      for (const o of s.outputs) if (o.warning !== undefined) out.push(`    warning: ${o.warning}`);
    }
  }

  const sections: Array<[string, EventRecord[]]> = [
    [SECTION_TITLES.rollback, result.events.filter((e) => e.phase === 'rollback')],
    [SECTION_TITLES.update, result.events.filter((e) => e.phase === 'update' || e.phase === 'cleanup')],
    [SECTION_TITLES.destroy, result.events.filter((e) => e.phase === 'destroy')],
  ];
  for (const [title, events] of sections) {
    if (events.length === 0) continue;
    out.push('', title, ...(title === SECTION_TITLES.destroy ? destroyLines(result) : eventLines(events)));
    if (title === SECTION_TITLES.update) out.push(...replacementNotes(result));
  }
  if ((result.updateNotes.length > 0 || replacementWarnings(result).length > 0) && !result.events.some((e) => e.phase === 'update')) {
    out.push('', 'Replacement', ...replacementNotes(result));
  }

  if (!result.error) {
    out.push('');
    const of = (type: EventRecord['requestType'], phase?: Phase) => result.events.filter((e) => e.requestType === type && (phase === undefined || e.phase === phase));
    const replaced = of('Update').filter((e) => e.responsePhysicalId !== e.physicalId).length;
    const canceled = result.events.filter((e) => (e.requestType === 'Delete' || e.requestType === 'Retain') && e.invitationStatus === 'CANCELED').length;
    const retained = of('Retain').length;
    const warnings = result.warnings.length;
    const accepted = result.answers.filter((a) => a.status === 'ACCEPTED').length;
    out.push(`Rehearsal passed${warnings > 0 ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: ${result.stacks.length} stack${result.stacks.length === 1 ? '' : 's'}, `
      + `${count} invitation${count === 1 ? '' : 's'} created, ${accepted > 0 ? `${accepted} accepted, ` : ''}${replaced} replaced, ${canceled} canceled, ${retained} retained. `
      + 'Nothing was sent to AWS.');
  }
  return out.join('\n') + '\n';
}

/** How many invitations the app sends in the AWS catalog, against the quota a day (per account) there. */
export function dailyQuotaLine(q: DailyQuotaUse): string {
  const line = `Daily quota: the app sends ${q.invitations} connection invitation${q.invitations === 1 ? '' : 's'} in the ${q.catalog} catalog, `
    + `where Partner Central allows ${q.perDay} a day (the Sandbox catalog's quota is not documented)`;
  if (q.mostInOneAccount <= q.perDay) return line;
  const oneAccount = q.mostInOneAccount === q.invitations ? '' : ` (${q.mostInOneAccount} from one account)`;
  return `${line}${oneAccount}: deployed on one day, invitation ${q.perDay + 1} of that account and those after it fail with ServiceQuotaExceededException `
    + '(LIMIT_EXCEEDED_NUMBER_OF_CONNECTION_INVITATION_PER_DAY); spread them over several days or ask for a higher quota';
}

/** What the sender's stack does next with an invitation in each status, from the handler's lifecycle. */
const NEXT_BY_STATUS: Readonly<Record<string, string>> = {
  PENDING: 'PENDING: an Update of the invitation replaces it (the cleanup cancels the old one); a Delete cancels it',
  ACCEPTED: 'ACCEPTED: an Update of Email, Name or Message keeps it (nothing sent); one of Catalog, ConnectionType or ReceiverIdentifier sends a new invitation; a Delete leaves it and its connection',
  REJECTED: 'REJECTED: the next Update of the invitation sends a new one (how to invite again); a Delete leaves it as it is',
  EXPIRED: 'EXPIRED: the next Update of the invitation sends a new one (how to invite again); a Delete leaves it as it is',
  CANCELED: 'CANCELED: the next Update of the invitation sends a new one; a Delete leaves it as it is',
};

function answeredBy(a: AnswerRow): string {
  if (a.accepter !== undefined) return a.accepter;
  if (a.answer !== undefined) return `outside the app: --receiver ${a.answer}`;
  return 'in the app, no accepter';
}

/** Who answered each invitation after the deploy, its status and connection, and what the sender's stack does next. */
function receiverLines(result: RehearsalResult): string[] {
  const rows = [['INVITATION', 'ID', 'RECEIVER', 'ANSWERED BY', 'STATUS', 'CONNECTION'], ...result.answers.map((a) => [
    `${a.stack}/${resourceLabel(a.logicalId, a.constructPath)}`,
    a.invitationId,
    a.receiver,
    answeredBy(a),
    a.status,
    a.connectionId !== undefined ? `${a.connectionId} ${a.connectionType} ${a.connectionStatus ?? ''}`.trimEnd() : '-',
  ])];
  const statuses = [...new Set(result.answers.map((a) => a.status))];
  return [
    'Receivers (who answered each invitation after the deploy)',
    ...columns(rows, '  '),
    ...statuses.flatMap((st) => (NEXT_BY_STATUS[st] !== undefined ? [`  next: ${NEXT_BY_STATUS[st]}`] : [])),
  ];
}

/** The warnings not already shown with an output (those of the replacement). */
function replacementWarnings(result: RehearsalResult): string[] {
  const shown = new Set(result.stacks.flatMap((s) => s.outputs.flatMap((o) => (o.warning !== undefined ? [o.warning] : []))));
  return result.warnings.filter((w) => !shown.has(w));
}

/** The replacement's notes, then its warnings (what a real deployment would do differently). */
function replacementNotes(result: RehearsalResult): string[] {
  return [...result.updateNotes.map((n) => `  note: ${n}`), ...replacementWarnings(result).map((w) => `  warning: ${w}`)];
}

/** The line that says why a rehearsal failed (empty when it passed). */
export function formatFailure(result: RehearsalResult): string {
  return result.error ? `Rehearsal failed: ${result.error.message}\n` : '';
}

/** The result as indented JSON. */
export function formatJson(result: RehearsalResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
