/**
 * What the emulator records of each request, and the one log line it writes of it (method,
 * operation, status, error; never inputs, headers or credentials).
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type * as http from 'node:http';
import type { FaultKind } from './faults';
import type { Operation } from './model';

/** One request the emulator received. */
export interface CallRecord {
  /** The operation, when `X-Amz-Target` named a known one. */
  operation?: Operation;
  /** The raw `X-Amz-Target` header. */
  target?: string;
  /** HTTP method. */
  method: string;
  /** Raw request target (path and query). */
  url: string;
  /** HTTP status answered; 0 while unanswered or when the connection was reset or hung. */
  status: number;
  /** The error shape name answered, if any (e.g. `ConflictException`). */
  errorName?: string;
  /** The error's `Reason`, if any. */
  errorReason?: string;
  /** The parsed JSON input, when the body was JSON. */
  input?: unknown;
  /** The raw body as UTF-8. */
  body: string;
  /** Request headers as received (lower-case names). */
  headers: http.IncomingHttpHeaders;
  /** Whether the SigV4 signature verified (false when the request did not get that far). */
  signatureValid: boolean;
  /** Why the signature did not verify. */
  signatureReason?: string;
  /** The fault applied, if any. */
  fault?: FaultKind;
  /** The emulator clock when the request arrived (epoch ms). */
  time: number;
}

/**
 * The log line of an answered (or dropped) request.
 *
 * @param call the record
 */
export function logLineOf(call: CallRecord): string {
  const what = call.operation ?? call.target ?? '-';
  const outcome = call.status === 0 ? (call.fault ?? 'no answer') : String(call.status);
  return `${call.method} ${what} ${outcome}${call.errorName ? ` ${call.errorName}` : ''}${call.errorReason ? ` ${call.errorReason}` : ''}`;
}
