/**
 * Type checks at the public boundary, for callers the TypeScript compiler does not check:
 * JavaScript, and the jsii languages (Python, Java, Go, .NET), whose runtimes pass through
 * values that TypeScript would refuse, such as a string where a `Catalog` is expected.
 *
 * Each check returns a problem ("`catalog` must be a Catalog ..., got: a string") or
 * `undefined`, so that a construct can report every problem of its props together, before it
 * creates anything. Values that are tokens pass the type checks of their type: a string token
 * is a string, a number token a number.
 */

/** Describes a value by its type, without echoing it (it may be personal data). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'function': return 'a function';
    case 'object': {
      const name = (value as object).constructor?.name;
      return name && name !== 'Object' ? `an instance of ${name}` : 'an object';
    }
    default: return `a ${typeof value}`;
  }
}

/** A problem for a value that is not a string, or `undefined`. */
export function checkString(prop: string, value: unknown, what?: string): string | undefined {
  if (typeof value === 'string') return undefined;
  return `\`${prop}\` must be a string${what ? ` (${what})` : ''}, got: ${describeType(value)}`;
}

/** A problem for a value that is not one of a string enum's values, or `undefined`. */
export function checkEnum(prop: string, typeName: string, values: readonly string[], value: unknown): string | undefined {
  if (typeof value === 'string' && values.includes(value)) return undefined;
  const shown = typeof value === 'string' ? JSON.stringify(value) : describeType(value);
  return `\`${prop}\` must be a ${typeName} (one of ${values.join(', ')}), got: ${shown}`;
}

/** A problem for a value that is not a number, or `undefined`. */
export function checkNumber(prop: string, typeName: string, value: unknown): string | undefined {
  return typeof value === 'number' ? undefined : `\`${prop}\` must be a ${typeName} (a number), got: ${describeType(value)}`;
}

/**
 * A problem for a value that is not an instance of the given kind, or `undefined`.
 *
 * @param is the kind's own test, such as `Catalog.isCatalog`
 * @param expected how to make one, for the message: "a Catalog (Catalog.AWS, ...)"
 */
export function checkInstance(prop: string, expected: string, is: (x: unknown) => boolean, value: unknown): string | undefined {
  return is(value) ? undefined : `\`${prop}\` must be ${expected}, got: ${describeType(value)}`;
}

/**
 * Whether a value is an aws-cdk-lib `Duration`. Tested by shape rather than with `instanceof`,
 * so that a Duration from another copy of aws-cdk-lib in the same app still counts.
 */
export function isDuration(value: unknown): boolean {
  const d = value as { toSeconds?: unknown; isUnresolved?: unknown; toHumanString?: unknown } | null | undefined;
  return typeof d === 'object' && d !== null
    && typeof d.toSeconds === 'function' && typeof d.isUnresolved === 'function' && typeof d.toHumanString === 'function';
}

/** Whether a value is an `iam.IGrantable` (it has a `grantPrincipal`). */
export function isGrantable(value: unknown): boolean {
  const g = value as { grantPrincipal?: unknown } | null | undefined;
  return typeof g === 'object' && g !== null && typeof g.grantPrincipal === 'object' && g.grantPrincipal !== null;
}

/** The problems of a `grant(grantee, ...actions)` call: a grantee that is no IGrantable, an action that is no string. */
export function grantProblems(grantee: unknown, actions: readonly unknown[]): string[] {
  const problems: string[] = [];
  if (!isGrantable(grantee)) {
    problems.push(checkInstance('grantee', 'an iam.IGrantable (such as a role, user or function)', isGrantable, grantee)!);
  }
  actions.forEach((action, i) => {
    const wrongType = checkString(`actions[${i}]`, action);
    if (wrongType) problems.push(wrongType);
  });
  return problems;
}
