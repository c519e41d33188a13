/**
 * What an API call fails with: the error answers of the service, parsed and described, and
 * the errors the client throws.
 */
import type * as http from 'node:http';
import {
  type ApiReason, KNOWN_DETAIL_CODES, KNOWN_ERROR_NAMES, KNOWN_FIELD_NAMES, type KnownReason, recognized, recognizedReason,
  UNRECOGNIZED_CODE, UNRECOGNIZED_ERROR, UNRECOGNIZED_FIELD,
} from './known-names';
import { isRecord, str } from '../json';

/** One validation problem the API reported (FieldValidationError or BusinessValidationError). */
export interface ErrorDetail {
  /** The input member, for field errors: one of `KNOWN_FIELD_NAMES`, or `UnrecognizedField`. */
  readonly name?: string;
  /** What is wrong, in the service's words, scrubbed. */
  readonly message?: string;
  /** A machine-readable code (`INVALID_STRING_FORMAT`): one of `KNOWN_DETAIL_CODES`, or `UNRECOGNIZED_CODE`. */
  readonly code?: string;
}

/**
 * An error answer of the API, parsed into structured parts: a name, a Reason and detail codes
 * and field names from the model's closed sets (anything else becomes a fixed token, never the
 * server's text), and the server's free text only after it was scrubbed.
 */
export interface ParsedError {
  /** The HTTP status. */
  readonly status: number;
  /**
   * The error name, one of `KNOWN_ERROR_NAMES` (`ValidationException`); `UnrecognizedError` when
   * the answer names none of them; `HTTP <status>` when it names nothing.
   */
  readonly name: string;
  /** The `Reason` member, one of `KNOWN_REASONS` or `UNRECOGNIZED_REASON`, when present. */
  readonly reason?: ApiReason;
  /** The `message` (or `Message`) member, scrubbed. */
  readonly message?: string;
  /** The `ErrorDetails` of a ValidationException, empty otherwise. */
  readonly details: readonly ErrorDetail[];
}

/** Server text to a text that may reach a reason: see `serverText` of `../scrub`. */
export type ServerTextScrub = (text: string) => string;

/**
 * Parses an error answer: the name is the first of the body's `__type` (may be
 * `namespace#Name`, may carry `:...`), its `code` and the `x-amzn-errortype` header that, cut at
 * the first `:` and kept after `#`, is a known name. The message and the detail messages pass
 * through `scrub`.
 */
export function parseError(status: number, headers: http.IncomingHttpHeaders, body: string, scrub: ServerTextScrub): ParsedError {
  let parsed: Record<string, unknown> | undefined;
  try {
    const v: unknown = JSON.parse(body);
    if (isRecord(v)) parsed = v;
  } catch {
    parsed = undefined;
  }
  const header = headers['x-amzn-errortype'];
  const candidates = [str(parsed?.__type), str(parsed?.code), str(Array.isArray(header) ? header[0] : header)]
    .filter((n): n is string => n !== undefined)
    .map(cleanErrorName)
    .filter((n) => n.length > 0);
  const name = candidates.find((n) => KNOWN_ERROR_NAMES.has(n)) ?? (candidates.length > 0 ? UNRECOGNIZED_ERROR : `HTTP ${status}`);
  const rawMessage = str(parsed?.message) ?? str(parsed?.Message);
  const rawReason = str(parsed?.Reason);
  const reason = rawReason === undefined ? undefined : recognizedReason(rawReason);
  const details = parseDetails(parsed?.ErrorDetails, scrub);
  return { status, name, reason, message: rawMessage === undefined ? undefined : scrub(rawMessage), details };
}

/** `aws.partnercentral#ValidationException:http://...` -> `ValidationException`. */
export function cleanErrorName(raw: string): string {
  let name = raw;
  const colon = name.indexOf(':');
  if (colon >= 0) name = name.slice(0, colon);
  const hash = name.indexOf('#');
  if (hash >= 0) name = name.slice(hash + 1);
  return name.trim();
}

function parseDetails(v: unknown, scrub: ServerTextScrub): ErrorDetail[] {
  if (!Array.isArray(v)) return [];
  const out: ErrorDetail[] = [];
  for (const item of v.slice(0, 20)) {
    if (!isRecord(item)) continue;
    // The wire shape is a union ({FieldValidationError: {...}}); accept the flat shape too.
    const inner = isRecord(item.FieldValidationError) ? item.FieldValidationError
      : isRecord(item.BusinessValidationError) ? item.BusinessValidationError : item;
    const name = str(inner.Name);
    const message = str(inner.Message) ?? str(inner.message);
    const code = str(inner.Code);
    out.push({
      name: name === undefined ? undefined : recognized(name, KNOWN_FIELD_NAMES, UNRECOGNIZED_FIELD),
      message: message === undefined ? undefined : scrub(message),
      code: code === undefined ? undefined : recognized(code, KNOWN_DETAIL_CODES, UNRECOGNIZED_CODE),
    });
  }
  return out;
}

/** `ValidationException (REQUEST_VALIDATION_FAILED): msg; Email: bad (INVALID)`. */
export function describeError(e: ParsedError): string {
  let text = e.reason ? `${e.name} (${e.reason})` : e.name;
  if (e.message) text += `: ${e.message}`;
  const details = e.details.map((d) => {
    const head = d.name ? `${d.name}: ` : '';
    const body = d.message ?? '';
    const code = d.code ? ` (${d.code})` : '';
    return `${head}${body}${code}`.trim();
  }).filter((d) => d.length > 0);
  if (details.length > 0) text += `; ${details.join('; ')}`;
  return text;
}

/** A non-retryable error answer of the API. */
export class ApiError extends Error {
  /** The operation that failed. */
  public readonly operation: string;
  /** The parsed error. */
  public readonly error: ParsedError;

  /** Whether an earlier attempt of the same call may have been processed (its answer was lost). */
  public readonly mayHaveSucceeded: boolean;

  constructor(operation: string, error: ParsedError, mayHaveSucceeded = false) {
    super(`${operation} failed: ${describeError(error)}`);
    this.name = 'ApiError';
    this.operation = operation;
    this.error = error;
    this.mayHaveSucceeded = mayHaveSucceeded;
  }

  /** The HTTP status. */
  public get status(): number {
    return this.error.status;
  }

  /** The API error name. */
  public get errorName(): string {
    return this.error.name;
  }

  /** The API's `Reason` member. */
  public get reason(): ApiReason | undefined {
    return this.error.reason;
  }
}

/** Whether an error is the API's answer with this HTTP status and this `Reason`. */
export function hasReason(e: unknown, status: number, reason: KnownReason): e is ApiError {
  return e instanceof ApiError && e.status === status && e.reason === reason;
}

/** What `read` answers, or undefined when it is refused as not found (404) with this `Reason`; any other error is thrown. */
export async function unlessNotFound<T>(reason: KnownReason, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (hasReason(e, 404, reason)) return undefined;
    throw e;
  }
}

/** The time budget ran out while every attempt failed with a retryable error. */
export class RetriesExhaustedError extends Error {
  /** The operation. */
  public readonly operation: string;
  /** How many attempts were made. */
  public readonly attempts: number;
  /** The last error, described. */
  public readonly lastError: string;
  /**
   * Whether some attempt may have been processed by the service (timeout, reset or 5xx),
   * as opposed to refused before doing anything (throttled, connection refused).
   */
  public readonly mayHaveSucceeded: boolean;
  /** When the first attempt started (ms since the epoch). */
  public readonly firstAttemptAt: number;
  /** When the last attempt ended (ms since the epoch). */
  public readonly lastAttemptAt: number;

  constructor(props: {
    operation: string; attempts: number; lastError: string; mayHaveSucceeded: boolean; firstAttemptAt: number; lastAttemptAt: number;
  }) {
    const secs = ((props.lastAttemptAt - props.firstAttemptAt) / 1000).toFixed(1);
    super(`${props.operation} timed out after ${props.attempts} attempt${props.attempts === 1 ? '' : 's'} in ${secs} s, last error: ${props.lastError}`);
    this.name = 'RetriesExhaustedError';
    this.operation = props.operation;
    this.attempts = props.attempts;
    this.lastError = props.lastError;
    this.mayHaveSucceeded = props.mayHaveSucceeded;
    this.firstAttemptAt = props.firstAttemptAt;
    this.lastAttemptAt = props.lastAttemptAt;
  }
}

/** The handler's configuration is unusable (no credentials, bad endpoint). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
