/**
 * The handler's promises (lambda/README.md, "What the handler promises, and where it stops"),
 * checked on the service's state and the trace at the end of a history, and the windows A to G
 * the README leaves open, each as a predicate on the history. A breach inside a window counts
 * as an exemption of that window; any other breach is a violation.
 */
import { MESSAGES, RECEIVERS } from './history';
import type { Change, DeliveryRecord, RequestRecord, Trace } from './play';
import { DEFAULT_FENCE } from '../../lambda/common/fence';

/** The windows of lambda/README.md. */
export type Window = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';

/** The production fence (lambda/common/fence.ts DEFAULT_FENCE), as the README states it. */
const CREATE_WINDOW_MS = 60_000;
const ORDER_SLACK_MS = 2_000;
const LIST_LAG_MS = 5_000;
const ROLLBACK_LOOKBACK_MS = DEFAULT_FENCE.rollbackLookbackMs;

/** Histories whose stack stayed failed because another owner's pending invitation holds the receiver. */
export const stuckByOtherOwner = { count: 0 };

/** What the check found. */
export interface Verdict {
  readonly violations: string[];
  readonly exemptions: Partial<Record<Window, number>>;
}

/** `X-Amz-Date` has whole seconds: the issue time the handler reads. */
function signedAt(r: RequestRecord): number {
  return Math.floor(r.issuedAt / 1000) * 1000;
}

/** The window in which any delivery of a request may have created an invitation (service time, clock slack included). */
function createWindow(r: RequestRecord): { from: number; to: number } {
  return { from: signedAt(r) - 2 * ORDER_SLACK_MS, to: signedAt(r) + CREATE_WINDOW_MS + 2 * ORDER_SLACK_MS };
}

function ms(v: unknown): number {
  return typeof v === 'string' ? Date.parse(v) : NaN;
}

/** Checks a trace. */
export function check(t: Trace): Verdict {
  const violations: string[] = [];
  const exemptions: Partial<Record<Window, number>> = {};
  const exempt = (w: Window) => {
    exemptions[w] = (exemptions[w] ?? 0) + 1;
  };
  const h = t.history;
  const byId = new Map(t.invitations.map((i) => [String(i.Id), i]));
  const created = new Map<string, Change>();
  for (const c of t.changes) if (c.kind === 'created') created.set(c.id, c);
  const canceled = new Map<string, Change>();
  for (const c of t.changes) if (c.kind === 'status' && c.to === 'CANCELED') canceled.set(c.id, c);
  const ours = t.invitations.filter((i) => !t.foreign.has(String(i.Id)));
  const name = (d?: DeliveryRecord) => (d ? `${d.request.rid} (${d.request.role} ${d.request.type}) delivery ${d.copy}.${d.invocation}` : 'another actor');
  const beyondAllowances = h.listLagMs > LIST_LAG_MS || Math.abs(h.serviceSkewMs) > ORDER_SLACK_MS;

  // (1) Never cancels an invitation it did not create, nor any connection.
  for (const [id, c] of canceled) {
    if (!c.by) continue;
    if (!t.foreign.has(id)) continue;
    const inv = byId.get(id)!;
    // Window A: the same message to the same receiver, created within the create window of a
    // request of this resource with those properties.
    const words = (p?: { receiver: number; message: number }) => p !== undefined
      && RECEIVERS[p.receiver] === inv.OtherParticipantIdentifier && MESSAGES[p.message] === inv.InvitationMessage;
    const createdAt = ms(inv.CreatedAt);
    const sameWords = t.requests.some((r) => r.type !== 'Delete' && words(r.props)
      && createdAt >= createWindow(r).from && createdAt <= createWindow(r).to)
      // A rollback sweeps the failed properties back to its lookback (10 minutes before it was issued).
      || (c.by.request.role === 'rollback' && words(c.by.request.oldProps)
        && createdAt >= signedAt(c.by.request) - ROLLBACK_LOOKBACK_MS && createdAt <= createWindow(c.by.request).to);
    if (sameWords) exempt('A');
    else violations.push(`(1) ${name(c.by)} canceled ${id}, another owner's invitation (created ${String(inv.CreatedAt)})`);
  }
  for (const op of t.strayOperations) violations.push(`(1) the handler called ${op}`);
  for (const c of t.changes) {
    if (c.kind === 'status' && c.from === 'ACCEPTED') violations.push(`(1) ${name(c.by)} moved the accepted ${c.id} to ${c.to}`);
  }

  // (2) No e-mail the properties did not ask for.
  const perRequest = new Map<string, string[]>();
  for (const inv of ours) {
    const id = String(inv.Id);
    const c = created.get(id);
    const d = c?.by;
    if (!c || !d) {
      violations.push(`(2) ${id} was created by ${c?.actor ?? 'nobody seen'}, not by a delivery`);
      continue;
    }
    const r = d.request;
    if (RECEIVERS[r.props.receiver] !== inv.OtherParticipantIdentifier || MESSAGES[r.props.message] !== inv.InvitationMessage) {
      violations.push(`(2) ${name(d)} created ${id} with properties its request did not ask for`);
    }
    perRequest.set(r.rid, [...(perRequest.get(r.rid) ?? []), id]);
    if (r.answeredAt !== undefined && c.at > r.answeredAt) {
      // Window B: two deliveries of the request within its fence disagree: one answered FAILED,
      // the other, beside it or after it but before the fence, sent the invitation.
      const answering = r.answeredBy;
      const windowB = r.answer?.Status === 'FAILED' && answering !== undefined && answering !== d && d.startedAt < signedAt(r) + CREATE_WINDOW_MS;
      if (windowB) exempt('B');
      else violations.push(`(2) ${name(d)} created ${id} after CloudFormation had its answer (${r.answer?.Status} ${r.answer?.PhysicalResourceId})`);
    }
  }
  // (2) No e-mail to a partner who had accepted: an Update for an invitation that was ACCEPTED
  // before it created a new one to the same receiver (the table's ACCEPTED row keeps it).
  const acceptedAt = new Map<string, number>();
  for (const c of t.changes) if (c.kind === 'status' && c.to === 'ACCEPTED' && !acceptedAt.has(c.id)) acceptedAt.set(c.id, c.at);
  for (const inv of ours) {
    const c = created.get(String(inv.Id));
    const d = c?.by;
    if (!c || !d || d.request.type !== 'Update' || d.request.physicalId === undefined) continue;
    const held = byId.get(d.request.physicalId);
    const accepted = acceptedAt.get(d.request.physicalId);
    if (!held || accepted === undefined || accepted > c.at || held.OtherParticipantIdentifier !== inv.OtherParticipantIdentifier) continue;
    // Window G: accepted while this delivery ran (between its read and its create); the same
    // request then canceled the new invitation and kept the accepted one.
    const cancel = canceled.get(String(inv.Id));
    const windowG = accepted >= d.startedAt && cancel?.by?.request === d.request;
    if (windowG) exempt('G');
    else violations.push(`(2) ${name(d)} created ${String(inv.Id)}: an e-mail to the partner who had accepted ${d.request.physicalId}`);
  }
  for (const [rid, ids] of perRequest) {
    if (ids.length > 1) violations.push(`(2) request ${rid} created ${ids.length} invitations: ${ids.join(', ')}`);
  }

  // (3) After CloudFormation settles, the only PENDING invitation of the resource is the one its physical id names.
  for (const inv of ours) {
    const id = String(inv.Id);
    if (inv.Status !== 'PENDING' || id === t.live?.physicalId) continue;
    const named = t.requests.some((r) => r.answer?.Status === 'SUCCESS' && r.answer.PhysicalResourceId === id);
    if (beyondAllowances && !named) exempt('D');
    else violations.push(`(3) ${id} (created by ${name(created.get(id)?.by)}) is PENDING, but the resource ${t.live ? `names ${t.live.physicalId}` : 'is gone'}`);
  }
  if (t.live) {
    const id = t.live.physicalId;
    const inv = byId.get(id);
    if (!inv) {
      violations.push(`(3) the resource names ${id}, which does not exist`);
    } else if (inv.Status === 'CANCELED') {
      const c = canceled.get(id);
      const by = c?.by;
      // The request that brought the canceled invitation back to the resource.
      const answered = c && t.requests.find((r) => r.issuedAt >= c.at && r.answer?.Status === 'SUCCESS' && r.answer.PhysicalResourceId === id);
      // Window C: canceled within the slack before the request that answered it was issued.
      const windowC = answered !== undefined && ms(inv.UpdatedAt) >= signedAt(answered) - ORDER_SLACK_MS;
      // Window F: the cleanup Delete of a Create kept with rollback disabled swept it.
      const windowF = by !== undefined && by.request.role === 'cleanup' && (by.request.physicalId ?? '').startsWith('unconfirmed-')
        && h.ops.some((o) => o.op.kind === 'create' && o.op.noRollback);
      // Window B: another delivery of a request CloudFormation had its answer to, within the fence, replaced it.
      const windowB = by !== undefined && by.request.answeredBy !== undefined && by !== by.request.answeredBy
        && by.startedAt < signedAt(by.request) + CREATE_WINDOW_MS;
      if (windowC) exempt('C');
      else if (windowF) exempt('F');
      else if (windowB) exempt('B');
      else violations.push(`(3) the resource names ${id}, which ${name(by)} canceled`);
    }
  }

  // (4) Every event answered before its deadline.
  for (const d of t.deliveries) {
    if (d.endedAt === undefined || d.endedAt > d.deadline) violations.push(`(4) ${name(d)} ran past its deadline`);
  }
  for (const r of t.unanswered) violations.push(`(4) request ${r.rid} (${r.role} ${r.type}) was never answered`);
  for (const r of t.stuck) {
    // A true refusal: another owner's invitation holds the receiver (one pending per receiver);
    // the handler answered a clear FAILED each time, and the operator has to step in.
    const heldByOther = /DUPLICATE_CONNECTION_INVITATION/.test(r.answer?.Reason ?? '')
      && t.invitations.some((i) => t.foreign.has(String(i.Id)) && i.Status === 'PENDING' && i.OtherParticipantIdentifier === RECEIVERS[r.props.receiver]);
    if (heldByOther) stuckByOtherOwner.count++;
    else violations.push(`(4) request ${r.rid} (${r.role} ${r.type}) still failed after the operator's retries: ${r.answer?.Reason}`);
  }

  // Window E: deliveries that reached the handler past the fence and answered FAILED, nothing sent.
  for (const r of t.requests) {
    if (r.answer?.Status === 'FAILED' && r.answeredBy && r.answeredBy.startedAt >= signedAt(r) + CREATE_WINDOW_MS && r.type !== 'Delete') exempt('E');
  }

  // Privacy: no personal value in a log line.
  for (const line of t.logs) {
    for (const secret of ['alliances@example.com', 'Pat Example', ...MESSAGES]) {
      if (line.includes(secret)) violations.push(`(privacy) a log line carries a personal value: ${line.slice(0, 200)}`);
    }
  }
  return { violations, exemptions };
}

/** A trace in a few lines, for a failing history. */
export function describe(t: Trace): string {
  const lines: string[] = [];
  const t0 = t.requests[0]?.issuedAt ?? 0;
  const at = (v: number | undefined) => (v === undefined ? '-' : `${((v - t0) / 1000).toFixed(3)}s`);
  for (const r of t.requests) {
    lines.push(`${r.rid} ${r.role} ${r.type} phys=${r.physicalId ?? '-'} props=r${r.props.receiver}m${r.props.message}${r.oldProps ? ` old=r${r.oldProps.receiver}m${r.oldProps.message}` : ''} issued=${at(r.issuedAt)} answered=${at(r.answeredAt)} ${r.answer?.Status ?? '?'} ${r.answer?.PhysicalResourceId ?? ''} ${r.answer?.Reason ? `(${r.answer.Reason.slice(0, 160)})` : ''}`);
  }
  for (const d of t.deliveries) lines.push(`  ${d.request.rid} delivery ${d.copy}.${d.invocation} ${at(d.startedAt)}..${at(d.endedAt)}${d.threw ? ' threw' : ''}`);
  for (const c of t.changes) lines.push(`  ${at(c.at)} ${c.id} ${c.kind === 'created' ? 'created' : `${c.from} -> ${c.to}`} by ${c.by ? `${c.by.request.rid} delivery ${c.by.copy}.${c.by.invocation}` : c.actor}${t.foreign.has(c.id) ? ' (another owner\'s)' : ''}`);
  lines.push(`  live: ${t.live ? `${t.live.physicalId} r${t.live.props.receiver}m${t.live.props.message}` : 'gone'}`);
  return lines.join('\n');
}
