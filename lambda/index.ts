/**
 * The custom resource handler of `Custom::PartnerCentralConnectionInvitation` (`lifecycle/`)
 * and `Custom::PartnerCentralConnectionInvitationAccepter` (`accepter/`): budget the time, parse
 * the CloudFormation event, dispatch on its ResourceType, decide and act, answer with a PUT to
 * the ResponseURL.
 *
 * The handler answers every event it can answer, before its own deadline: a clear FAILED beats
 * a stack that waits an hour. It does not throw, with one deliberate exception: when the answer
 * itself could not be delivered (network errors or 5xx on every PUT attempt), the invocation
 * fails so that Lambda invokes it again; the deterministic ClientToken makes that second run
 * find the invitation the first one created instead of sending another.
 */
import { onAccepterCreate } from './accepter/create';
import { onAccepterDelete } from './accepter/delete';
import { onAccepterUpdate } from './accepter/update';
import { PartnerCentralClient } from './api/client';
import { budgetOf, remainingTimeOf } from './budget';
import { DEFAULT_RESPONSE_TUNING, putResponse, serializeResponse, type ResponseTuning } from './cfn-response';
import { failureOf } from './common/failure';
import { createWindowOf, DEFAULT_FENCE, requestTimesOf, type FenceTuning } from './common/fence';
import { createFailedId, isInvitationId } from './common/physical-id';
import { credentialsOf, endpointOf } from './config';
import { parseEvent, type Echo } from './event';
import { onCreate } from './lifecycle/create';
import { onDelete } from './lifecycle/delete';
import { unconfirmedMarker } from './lifecycle/physical-id';
import { onUpdate } from './lifecycle/update';
import { consoleSink, logEvent, logNote, type LogSink } from './log';
import { DEFAULT_RETRY, type RetryTuning } from './retry';
import { createScrubber, credentialValues, nameWords, personalValues, sensitiveValues } from './scrub';
import type { AccepterContext, CfnRequest, LambdaContext, Outcome, Runtime } from './types';
import { ACCEPTER_RESOURCE_TYPE, HANDLER_RESPONSE_BUDGET_MS, HANDLER_SAFETY_MARGIN_MS, RESOURCE_TYPE } from '../src/contract';

/** What the handler depends on; every member has a production default. */
export interface HandlerDeps {
  /**
   * The environment, read on every invocation.
   *
   * @default - process.env
   */
  readonly env?: () => Record<string, string | undefined>;
  /**
   * Clock, sleep and randomness.
   *
   * @default - the real ones
   */
  readonly runtime?: Partial<Runtime>;
  /**
   * Backoff and timeouts of API calls.
   *
   * @default - DEFAULT_RETRY (100 ms base, 2 s cap; throttling 1 s base, 5 s cap, decorrelated; 5 s per request)
   */
  readonly retry?: Partial<RetryTuning>;
  /**
   * Retries of the response PUT.
   *
   * @default - DEFAULT_RESPONSE_TUNING (5 attempts)
   */
  readonly response?: Partial<ResponseTuning>;
  /**
   * Time kept free before the Lambda deadline, after the response.
   *
   * @default 5000 (at most a tenth of the invocation's time)
   */
  readonly safetyMarginMs?: number;
  /**
   * Time reserved for the response PUT, after the API calls.
   *
   * @default 10000 (at most a quarter of the invocation's time)
   */
  readonly responseBudgetMs?: number;
  /**
   * The create fence: how long after CloudFormation issued a request a create may be sent, the
   * clock slack, the List lag.
   *
   * @default - DEFAULT_FENCE (60 s, 2 s, 5 s)
   */
  readonly fence?: Partial<FenceTuning>;
  /**
   * Where the structured log lines go.
   *
   * @default - console.log
   */
  readonly log?: LogSink;
  /**
   * The invocation's time when the context cannot tell.
   *
   * @default 60000
   */
  readonly defaultRemainingMs?: number;
}

/** The real clock. */
export const REAL_RUNTIME: Runtime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random(),
};

/** The Lambda entry signature. */
export type Handler = (event: unknown, context?: LambdaContext) => Promise<void>;

/** Raised only when the answer could not be delivered, so that Lambda retries the invocation. */
export class ResponseNotDeliveredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseNotDeliveredError';
  }
}

/** Builds a handler; the Lambda entry is `handler`, built with the defaults. */
export function createHandler(deps: HandlerDeps = {}): Handler {
  const runtime: Runtime = { ...REAL_RUNTIME, ...deps.runtime };
  const retry: RetryTuning = { ...DEFAULT_RETRY, ...deps.retry };
  const responseTuning: ResponseTuning = { ...DEFAULT_RESPONSE_TUNING, ...deps.response };
  const fence: FenceTuning = { ...DEFAULT_FENCE, ...deps.fence };
  const sink = deps.log ?? consoleSink;
  const readEnv = deps.env ?? (() => process.env);

  return async function handler(event: unknown, context?: LambdaContext): Promise<void> {
    // Budget: the API calls end in time for the answer, and the answer before Lambda's deadline.
    const started = runtime.now();
    const { apiDeadline, responseDeadline } = budgetOf(started, remainingTimeOf(context, deps.defaultRemainingMs ?? 60_000), {
      safetyMarginMs: deps.safetyMarginMs ?? HANDLER_SAFETY_MARGIN_MS,
      responseBudgetMs: deps.responseBudgetMs ?? HANDLER_RESPONSE_BUDGET_MS,
    });

    // Parse: an event without a usable ResponseURL cannot be answered, only logged.
    const parsed = parseEvent(event);
    const echo = parsed.echo;
    if (parsed.kind === 'unanswerable') {
      logNote(sink, 'event not answered', { problem: parsed.problem });
      logEvent(sink, eventLine(echo, echo.physicalResourceId ?? '', 'UNANSWERED', runtime.now() - started));
      return;
    }

    // Scrubbers of this event's values: the server's text loses every personal value and
    // credential (and each word of the name) before it may reach a reason; the reason itself
    // loses the e-mail, name, message and credentials in whatever way they got into it.
    const env = environmentOf(readEnv);
    const serverScrubber = createScrubber(sensitiveValues(event, env), { words: nameWords(event) });
    const reasonScrubber = createScrubber([...personalValues(event), ...credentialValues(env)]);

    // Decide and act: the lifecycle of the request type, against the API.
    let outcome: Outcome;
    const times = requestTimesOf(parsed.url, started, fence);
    if (parsed.kind === 'malformed') {
      outcome = { status: 'FAILED', physicalResourceId: fallbackId(echo), reason: `Malformed request: ${parsed.problem}` };
    } else if (times.expiresAt !== undefined && started >= times.expiresAt) {
      // Nobody listens any more: CloudFormation gave up on this request long ago. Act on nothing.
      outcome = { status: 'FAILED', physicalResourceId: fallbackId(echo), reason: 'The ResponseURL of this request has expired: nothing was done.' };
    } else {
      try {
        const ctx: AccepterContext = {
          api: new PartnerCentralClient({
            endpoint: endpointOf(env), credentials: credentialsOf(env), runtime, retry, log: sink, scrub: serverScrubber.serverText,
          }),
          deadline: apiDeadline,
          times,
          fence,
          runtime,
          progress: { createSent: false, createMayExist: false },
        };
        outcome = await dispatch(parsed.request, ctx, (what, why) => logNote(sink, what, { why }));
      } catch (e) {
        // A defect of the handler itself: still answer. An invitation's Create may have sent a
        // create before it: its Delete sweeps the create window. An accepter's never acts on a marker.
        const window = createWindowOf(times, fence);
        const isCreate = parsed.request.RequestType === 'Create';
        const phys = !isCreate ? parsed.request.PhysicalResourceId
          : parsed.request.ResourceType === ACCEPTER_RESOURCE_TYPE ? createFailedId(echo.requestId) : unconfirmedMarker(window.from, window.to);
        outcome = failureOf(e, phys);
      }
    }

    // Answer: scrubbed, under 4096 bytes, PUT with retries; one log line.
    const reason = outcome.reason === undefined ? undefined : reasonScrubber.ownText(outcome.reason);
    const body = serializeResponse({
      Status: outcome.status,
      ...(reason !== undefined ? { Reason: reason } : {}),
      PhysicalResourceId: outcome.physicalResourceId,
      StackId: echo.stackId,
      RequestId: echo.requestId,
      LogicalResourceId: echo.logicalResourceId,
      ...(outcome.data ? { Data: outcome.data } : {}),
    });
    const delivery = await putResponse(parsed.url, body, { deadline: responseDeadline, runtime, tuning: responseTuning });
    logEvent(sink, {
      ...eventLine(echo, outcome.physicalResourceId, delivery.delivered ? outcome.status : 'UNANSWERED', runtime.now() - started),
      reason,
      responseStatus: delivery.status,
      responseAttempts: delivery.attempts,
    });
    if (!delivery.delivered && delivery.retryable) {
      throw new ResponseNotDeliveredError(`The response could not be delivered to CloudFormation after ${delivery.attempts} attempts (${delivery.error}); failing the invocation so that Lambda retries it.`);
    }
  };
}

/** The environment, or none when reading it throws (the client then fails with a ConfigError). */
function environmentOf(read: () => Record<string, string | undefined>): Record<string, string | undefined> {
  try {
    return read();
  } catch {
    return {};
  }
}

/**
 * The lifecycle of the event's resource type. Any other type is refused without a call: its
 * Create answers a `create-failed-...` id, which its Delete then leaves alone like any id this
 * handler did not make.
 */
async function dispatch(request: CfnRequest, ctx: AccepterContext, note: (what: string, why: string) => void): Promise<Outcome> {
  if (request.ResourceType === RESOURCE_TYPE) {
    switch (request.RequestType) {
      case 'Create': return onCreate(request, ctx);
      case 'Update': return onUpdate(request, ctx);
      case 'Delete': return onDelete(request, ctx);
    }
  }
  if (request.ResourceType === ACCEPTER_RESOURCE_TYPE) {
    switch (request.RequestType) {
      case 'Create': return onAccepterCreate(request, ctx);
      case 'Update': return onAccepterUpdate(request, ctx);
      case 'Delete': return onAccepterDelete(request, ctx, note);
    }
  }
  const phys = request.RequestType === 'Create' ? createFailedId(request.RequestId) : request.PhysicalResourceId;
  // The Delete after such a Create, or of any id this handler never made: nothing to do.
  if (request.RequestType === 'Delete' && !isInvitationId(request.PhysicalResourceId)) return { status: 'SUCCESS', physicalResourceId: phys };
  const shown = request.ResourceType.length > 80 ? `${request.ResourceType.slice(0, 80)}...` : request.ResourceType;
  return {
    status: 'FAILED',
    physicalResourceId: phys,
    reason: `Unsupported ResourceType ${JSON.stringify(shown)}: this function serves ${RESOURCE_TYPE} and ${ACCEPTER_RESOURCE_TYPE} only.`,
  };
}

function fallbackId(echo: Echo): string {
  // A Create never has a physical id of its own: never answer with one it brought along.
  if (echo.requestType !== 'Create' && echo.physicalResourceId) return echo.physicalResourceId;
  return createFailedId(echo.requestId);
}

function eventLine(echo: Echo, physicalResourceId: string, outcome: string, durationMs: number) {
  return {
    requestType: echo.requestType,
    requestId: echo.requestId,
    logicalResourceId: echo.logicalResourceId,
    physicalResourceId,
    outcome,
    durationMs,
  };
}

/** The Lambda entry point. */
export const handler: Handler = createHandler();
