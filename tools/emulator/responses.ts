/**
 * How the emulator writes an answer on the wire: the API's JSON (an output or a `ServiceError`,
 * with `x-amzn-requestid` and `x-amzn-errortype`), a page that is not the API's JSON, or an
 * endless flood; each records its status on the call and writes the call's log line.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import type { CallRecord } from './call-record';
import { FloodFault, RawFault, writeFlood } from './faults';
import { JSON_CONTENT_TYPE } from './protocol';
import type { ServiceError } from './service-error';

/** Writes the log line of an answered (or dropped) call. */
export type CallLogger = (call: CallRecord) => void;

/** Answers a JSON document with a status. */
export function answer(
  res: http.ServerResponse, call: CallRecord, status: number, body: unknown, headers: Record<string, string>, logLine: CallLogger,
): void {
  const text = JSON.stringify(body);
  call.status = status;
  res.writeHead(status, {
    'content-type': JSON_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  res.end(text);
  logLine(call);
}

/** Answers an API error in the AWS JSON 1.0 shape. */
export function answerError(res: http.ServerResponse, call: CallRecord, err: ServiceError, logLine: CallLogger): void {
  call.errorName = err.errorName;
  call.errorReason = err.reason;
  answer(res, call, err.status, err.toBody(), { 'x-amzn-errortype': err.errorTypeHeader() }, logLine);
}

/** Answers a page that is not the API's JSON, as a gateway in front of the service would. */
export function answerRaw(res: http.ServerResponse, call: CallRecord, fault: RawFault, logLine: CallLogger): void {
  const body = fault.rawBody ?? '';
  const headers = fault.rawHeaders ?? { 'content-type': body.trimStart().startsWith('<') ? 'text/html' : 'text/plain' };
  call.status = fault.rawStatus;
  res.writeHead(fault.rawStatus, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
  logLine(call);
}

/** Answers a body of `floodBytes` bytes, announced or not. */
export async function answerFlood(res: http.ServerResponse, call: CallRecord, fault: FloodFault, logLine: CallLogger): Promise<void> {
  const status = fault.floodStatus ?? 200;
  call.status = status;
  res.writeHead(status, {
    'content-type': JSON_CONTENT_TYPE,
    ...(fault.announceLength ? { 'content-length': String(fault.floodBytes) } : {}),
  });
  logLine(call);
  await writeFlood(res, fault.floodBytes);
}
