/**
 * One request through the emulator, in the order `PartnerCentralEmulator` documents: the
 * envelope and SigV4 (./envelope.ts), the rate limit, the injected fault or the gate, the JSON
 * body, then the operation on the store, and the answer (./responses.ts) the fault shapes.
 *
 * Part of the emulator, an independent oracle: it shares no code with the handler (lambda/).
 */
import type * as http from 'node:http';
import { AccountBook, accessKeyOf } from './accounts';
import type { CallRecord } from './call-record';
import { checkEnvelope } from './envelope';
import { Fault, faultKind, FaultQueue, FloodFault, RawFault, RewriteFault } from './faults';
import { echoedValues, hostileAnswer } from './hostile';
import { THROTTLING_QUOTA_CODE, THROTTLING_SERVICE_CODE } from './model';
import type { GatedRequest } from './options';
import type { TokenBucket } from './rate-limit';
import { answer, answerError, answerFlood, answerRaw, CallLogger } from './responses';
import { ServiceError } from './service-error';
import type { AcceptedCredential } from './sigv4-verify';
import type { InvitationStore } from './store';
import { resetHard } from '../local-server';

/** The parts of the emulator a request passes through. */
export interface RequestParts {
  /** Where every request is recorded, in arrival order. */
  readonly calls: CallRecord[];
  readonly store: InvitationStore;
  readonly book: AccountBook;
  readonly credentials: ReadonlyMap<string, AcceptedCredential>;
  readonly requireSessionToken: boolean;
  readonly clock: () => number;
  readonly signatureClock: () => number;
  readonly bucket: TokenBucket;
  readonly faults: FaultQueue;
  readonly gate?: (request: GatedRequest) => Promise<Fault | undefined>;
  readonly logLine: CallLogger;
  /** Waits on the emulator's clock of timers (cleared on stop). */
  sleep(ms: number): Promise<void>;
}

/** Answers one request whose body has been read. */
export async function handleRequest(parts: RequestParts, req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
  const logLine = parts.logLine;
  const target = req.headers['x-amz-target'];
  const call: CallRecord = {
    method: req.method ?? '',
    url: req.url ?? '',
    target: typeof target === 'string' ? target : undefined,
    status: 0,
    body: raw.toString('utf8'),
    headers: req.headers,
    signatureValid: false,
    time: parts.clock(),
  };
  parts.calls.push(call);

  const operation = checkEnvelope(req, raw, call, {
    lookup: (akid) => parts.credentials.get(akid),
    now: parts.signatureClock(),
    requireSessionToken: parts.requireSessionToken,
  });
  if (operation instanceof ServiceError) return answerError(res, call, operation, logLine);

  if (!parts.bucket.take()) {
    return answerError(res, call, new ServiceError(429, 'ThrottlingException', 'Rate exceeded', undefined,
      { ServiceCode: THROTTLING_SERVICE_CODE, QuotaCode: THROTTLING_QUOTA_CODE }), logLine);
  }

  const fault = parts.gate ? await parts.gate({ operation, body: call.body }) : parts.faults.next(operation);
  if (res.destroyed) return;
  let resetAfter = false;
  let rawAfter: RawFault | undefined;
  let rewrite: RewriteFault | undefined;
  let floodAfter: FloodFault | undefined;
  if (fault) {
    call.fault = faultKind(fault);
    if ('hostile' in fault) {
      const headers: Array<[string, string]> = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const values = echoedValues({ body: raw.toString('utf8'), headers, secretOf: (akid) => parts.credentials.get(akid)?.secretAccessKey }, fault.hostile.values);
      const hostile = hostileAnswer(fault.hostile, values);
      call.errorName = fault.hostile.name;
      return answer(res, call, hostile.status, hostile.body, hostile.headers, logLine);
    }
    if ('error' in fault) {
      const e = fault.error;
      return answerError(res, call, new ServiceError(e.status, e.name, e.message ?? `Injected ${e.name}`, e.reason, e.extra ?? {}), logLine);
    }
    if ('hang' in fault) {
      logLine(call);
      return;
    }
    if ('garble' in fault) {
      logLine(call);
      req.socket.end('SSH-2.0-not-http\r\n\r\n');
      return;
    }
    if ('reset' in fault) {
      if (!fault.after) {
        logLine(call);
        resetHard(req.socket);
        return;
      }
      resetAfter = true;
    }
    if ('rawStatus' in fault && fault.after) {
      rawAfter = fault;
    } else if ('rewrite' in fault) {
      rewrite = fault;
    } else if ('rawStatus' in fault) {
      return answerRaw(res, call, fault, logLine);
    }
    if ('floodBytes' in fault) {
      if (!fault.after) return answerFlood(res, call, fault, logLine);
      floodAfter = fault;
    }
    if ('delayMs' in fault) {
      await parts.sleep(fault.delayMs);
      if (res.destroyed) return;
    }
  }

  let input: unknown;
  try {
    input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    return answerError(res, call, new ServiceError(400, 'SerializationException', 'The request body is not valid JSON', undefined, {}, false), logLine);
  }
  call.input = input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return answerError(res, call, new ServiceError(400, 'SerializationException', 'The request body must be a JSON object', undefined, {}, false), logLine);
  }

  let output: Record<string, unknown>;
  try {
    const akid = accessKeyOf(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined, req.url ?? '');
    output = parts.store.execute(operation, input as Record<string, unknown>, (akid && parts.book.byAccessKey.get(akid)) || parts.store.primary);
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    if (resetAfter) {
      call.errorName = err.errorName;
      call.errorReason = err.reason;
      logLine(call);
      resetHard(req.socket);
      return;
    }
    if (rawAfter) return answerRaw(res, call, rawAfter, logLine);
    if (floodAfter) {
      call.errorName = err.errorName;
      call.errorReason = err.reason;
      return answerFlood(res, call, floodAfter, logLine);
    }
    return answerError(res, call, err, logLine);
  }
  if (resetAfter) {
    logLine(call);
    resetHard(req.socket);
    return;
  }
  if (rawAfter) return answerRaw(res, call, rawAfter, logLine);
  if (floodAfter) return answerFlood(res, call, floodAfter, logLine);
  answer(res, call, 200, rewrite ? rewrite.rewrite(output) : output, {}, logLine);
}
