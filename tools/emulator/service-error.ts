/**
 * An error answer of the emulated PartnerCentral Account API: its HTTP status, the error shape
 * and the body and `x-amzn-errortype` header the service sends with it.
 *
 * Part of the emulator, an independent oracle on purpose: it shares no code with the handler
 * (lambda/), whose own `ApiError` is the client's view of such an answer.
 */

/** The Smithy namespace the service's error shapes live in (the `__type` prefix). */
export const ERROR_NAMESPACE = 'com.amazonaws.partnercentralaccount';

/**
 * An API error as the service answers it: the HTTP status, the error shape name and its members.
 */
export class ServiceError extends Error {
  /** HTTP status. */
  public readonly status: number;
  /** Error shape name, e.g. `ConflictException`. */
  public readonly errorName: string;
  /** The `Reason` member, when the shape has one. */
  public readonly reason?: string;
  /** Further members (`ErrorDetails`, `ServiceCode`, ...). */
  public readonly extra: Record<string, unknown>;
  /**
   * Whether the shape belongs to the service model (body `__type` is namespaced and the message
   * member is `Message`) or to the AWS front end (bare `__type`, lower-case `message`).
   */
  public readonly modeled: boolean;

  /**
   * @param status HTTP status
   * @param errorName the error shape name
   * @param message the human-readable message (never contains personal data)
   * @param reason the `Reason` member
   * @param extra further members
   * @param modeled see `modeled`
   */
  constructor(status: number, errorName: string, message: string, reason?: string, extra: Record<string, unknown> = {}, modeled = true) {
    super(message);
    this.status = status;
    this.errorName = errorName;
    this.reason = reason;
    this.extra = extra;
    this.modeled = modeled;
  }

  /** The JSON body the service sends for this error. */
  public toBody(): Record<string, unknown> {
    if (!this.modeled) {
      return { __type: this.errorName, message: this.message };
    }
    const body: Record<string, unknown> = { __type: `${ERROR_NAMESPACE}#${this.errorName}`, Message: this.message };
    if (this.reason !== undefined) body.Reason = this.reason;
    return { ...body, ...this.extra };
  }

  /** The `x-amzn-errortype` header value the service sends with it. */
  public errorTypeHeader(): string {
    return this.modeled ? `${this.errorName}:http://internal.amazon.com/coral/${ERROR_NAMESPACE}/` : this.errorName;
  }
}
