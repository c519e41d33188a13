/**
 * Why a template value cannot be used offline: it needs AWS (`UnresolvableIntrinsic`), or
 * CloudFormation itself would reject it (`InvalidIntrinsic`); and the message that names where
 * the value is (`RehearsalResolutionError`).
 */

/**
 * A value needs something the rehearsal cannot know offline.
 *
 * `intrinsic` is the intrinsic as written (`Fn::GetAtt OtherThing.Attr`); `detail` says why.
 */
export class UnresolvableIntrinsic extends Error {
  constructor(public readonly intrinsic: string, public readonly detail?: string) {
    super(`${intrinsic} cannot be resolved offline${detail ? ` (${detail})` : ''}`);
    this.name = 'UnresolvableIntrinsic';
  }
}

/**
 * A value that CloudFormation itself would reject (an index out of range, an unknown
 * condition, an attribute the resource does not have).
 */
export class InvalidIntrinsic extends Error {
  constructor(public readonly intrinsic: string, public readonly detail: string) {
    super(`${intrinsic}: ${detail}`);
    this.name = 'InvalidIntrinsic';
  }
}

/**
 * Where a value is, for messages: the stack's display name, the resource (or output), and what
 * in it (`property Email`, `the value`).
 */
export interface Site {
  /** The stack's display name. */
  readonly stack: string;
  /** The resource (`constructPath (LogicalId)`) or output (`Outputs/Name`). */
  readonly element: string;
  /** What in it: `property Email`, `the value`, `its Condition`. */
  readonly what: string;
}

/**
 * A value the rehearsal cannot use, with a message naming the stack, the element and the
 * intrinsic: `Stack/Resource: property Email uses Fn::GetAtt OtherThing.Attr, which the
 * rehearsal cannot resolve offline (...)`.
 */
export class RehearsalResolutionError extends Error {
  constructor(public readonly site: Site, public readonly cause: UnresolvableIntrinsic | InvalidIntrinsic) {
    super(cause instanceof UnresolvableIntrinsic
      ? `${site.stack}/${site.element}: ${site.what} uses ${cause.intrinsic}, which the rehearsal cannot resolve offline`
        + (cause.detail ? ` (${cause.detail})` : '')
      : `${site.stack}/${site.element}: ${site.what} uses ${cause.intrinsic}, which CloudFormation would reject: ${cause.detail}`);
    this.name = 'RehearsalResolutionError';
  }
}
