/**
 * What an API call fails with: the error answers of the service, parsed and described, and
 * the errors the client throws.
 */
import type * as http from 'node:http';
import { isRecord, str } from '../json';

/** One validation problem the API reported (FieldValidationError or BusinessValidationError). */
export interface ErrorDetail {
  /** The input member, for field errors. */
  readonly name?: string;
  /** What is wrong, in the service's words. */
  readonly message?: string;
  /** A machine-readable code (`INVALID_STRING_FORMAT`). */
  readonly code?: string;
}

/** An error answer of the API, parsed. */
export interface ParsedError {
  /** The HTTP status. */
  readonly status: number;
  /** The error name (`ValidationException`), or `HTTP <status>` when none could be found. */
  readonly name: string;
  /** The `Reason` member (`CONFLICT_CLIENT_TOKEN`), when present. */
  readonly reason?: string;
  /** The `message` (or `Message`) member. */
  readonly message?: string;
  /** The `ErrorDetails` of a ValidationException, empty otherwise. */
  readonly details: readonly ErrorDetail[];
}

/**
 * Parses an error answer: the name from `__type` (may be `namespace#Name`, may carry `:...`),
 * else `code`, else the `x-amzn-errortype` header; cut at the first `:` and keep what follows `#`.
 */
export function parseError(status: number, headers: http.IncomingHttpHeaders, body: string): ParsedError {
  let parsed: Record<string, unknown> | undefined;
  try {
    const v: unknown = JSON.parse(body);
    if (isRecord(v)) parsed = v;
  } catch {
    parsed = undefined;
  }
  const header = headers['x-amzn-errortype'];
  const rawName = str(parsed?.__type) ?? str(parsed?.code) ?? str(Array.isArray(header) ? header[0] : header);
  const name = rawName ? cleanErrorName(rawName) : undefined;
  const message = str(parsed?.message) ?? str(parsed?.Message);
  const reason = str(parsed?.Reason);
  const details = parseDetails(parsed?.ErrorDetails);
  return { status, name: name || `HTTP ${status}`, reason, message, details };
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

function parseDetails(v: unknown): ErrorDetail[] {
  if (!Array.isArray(v)) return [];
  const out: ErrorDetail[] = [];
  for (const item of v.slice(0, 20)) {
    if (!isRecord(item)) continue;
    // The wire shape is a union ({FieldValidationError: {...}}); accept the flat shape too.
    const inner = isRecord(item.FieldValidationError) ? item.FieldValidationError
      : isRecord(item.BusinessValidationError) ? item.BusinessValidationError : item;
    out.push({ name: str(inner.Name), message: str(inner.Message) ?? str(inner.message), code: str(inner.Code) });
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
  public get reason(): string | undefined {
    return this.error.reason;
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
