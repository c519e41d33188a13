/**
 * Structured log lines, one JSON object per line.
 *
 * Every line is built from an explicit allow-list of fields: nothing is ever spread from the
 * event, the environment or an API response, so e-mail addresses, names, messages, the
 * presigned ResponseURL and credentials cannot reach the logs by accident. The only text from
 * the service is the reason's, scrubbed (`./scrub`); the error name is from a closed set
 * (`./api/known-names`).
 */

/** Where log lines go (console.log in Lambda, a capture in tests). */
export type LogSink = (line: string) => void;

/** The line written once per CloudFormation event. */
export interface EventLogLine {
  /** Create, Update, Delete, or whatever a malformed event said. */
  readonly requestType: string;
  /** The event's RequestId. */
  readonly requestId: string;
  /** The event's LogicalResourceId. */
  readonly logicalResourceId: string;
  /** The physical id answered. */
  readonly physicalResourceId: string;
  /** SUCCESS, FAILED, or UNANSWERED when no response could be delivered. */
  readonly outcome: string;
  /** Time from the start of the invocation to the end of the response PUT. */
  readonly durationMs: number;
  /** The failure reason, already scrubbed (`ownText` of `./scrub`). */
  readonly reason?: string;
  /** HTTP status of the last response PUT attempt (0 when none answered). */
  readonly responseStatus?: number;
  /** How many response PUT attempts were made. */
  readonly responseAttempts?: number;
}

/** The line written once per attempt of an API call. */
export interface ApiCallLogLine {
  /** The operation (`CreateConnectionInvitation`). */
  readonly operation: string;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /**
   * The API's error name (one of `KNOWN_ERROR_NAMES`, `UnrecognizedError`, `HTTP <status>`),
   * `InvalidResponse`, or the network error's code from Node.js; absent on success.
   */
  readonly errorName?: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Time from sending to the answer (or the failure). */
  readonly latencyMs: number;
}

/** The default sink: one line on stdout, which Lambda sends to CloudWatch Logs. */
export const consoleSink: LogSink = (line) => console.log(line);

const MAX_TEXT = 1000;

function clip(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}...` : value;
}

/** Writes the per-event line. */
export function logEvent(sink: LogSink, line: EventLogLine): void {
  const out: Record<string, string | number> = {
    kind: 'event',
    requestType: clip(line.requestType),
    requestId: clip(line.requestId),
    logicalResourceId: clip(line.logicalResourceId),
    physicalResourceId: clip(line.physicalResourceId),
    outcome: line.outcome,
    durationMs: line.durationMs,
  };
  if (line.reason !== undefined) out.reason = clip(line.reason);
  if (line.responseStatus !== undefined) out.responseStatus = line.responseStatus;
  if (line.responseAttempts !== undefined) out.responseAttempts = line.responseAttempts;
  safeWrite(sink, out);
}

/** Writes the per-attempt API call line. */
export function logApiCall(sink: LogSink, line: ApiCallLogLine): void {
  const out: Record<string, string | number> = {
    kind: 'api',
    operation: line.operation,
    status: line.status,
    attempt: line.attempt,
    latencyMs: line.latencyMs,
  };
  if (line.errorName !== undefined) out.errorName = clip(line.errorName);
  safeWrite(sink, out);
}

/** Writes a note that is neither an event nor an API call (e.g. an event that cannot be answered). */
export function logNote(sink: LogSink, note: string, fields: Record<string, string | number> = {}): void {
  const out: Record<string, string | number> = { kind: 'note', note };
  for (const [k, v] of Object.entries(fields)) out[k] = typeof v === 'string' ? clip(v) : v;
  safeWrite(sink, out);
}

function safeWrite(sink: LogSink, out: Record<string, string | number>): void {
  try {
    sink(JSON.stringify(out));
  } catch {
    // Logging must never change the outcome of a request.
  }
}
