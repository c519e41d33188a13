/**
 * A template value after its intrinsics are resolved: the `AWS::NoValue` marker, and the value
 * as a string, as compared by `Fn::Equals`, and as CloudFormation delivers custom resource
 * properties. Pure.
 */
import { InvalidIntrinsic } from './intrinsic-errors';

/** A value after resolution: `NO_VALUE` stands for `AWS::NoValue` (the property is left out). */
export type Resolved = string | number | boolean | null | typeof NO_VALUE | Resolved[] | { [key: string]: Resolved };

/** What `Ref AWS::NoValue` resolves to: removed from the enclosing object or list. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/**
 * A resolved value as a string (numbers and booleans as CloudFormation prints them).
 *
 * @param value the value
 * @param intrinsic what expects a string, for the error
 */
export function scalar(value: Resolved, intrinsic: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new InvalidIntrinsic(intrinsic, `expects a string, got ${value === NO_VALUE ? 'AWS::NoValue' : JSON.stringify(value)}`);
}

/** A resolved value as `Fn::Equals` compares it. */
export function comparable(value: Resolved): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * A resolved value as CloudFormation delivers custom resource properties: every scalar a
 * string, `AWS::NoValue` left out.
 *
 * @param value the value
 */
export function asDelivered(value: Resolved): unknown {
  if (value === NO_VALUE) return undefined;
  if (Array.isArray(value)) return value.filter((v) => v !== NO_VALUE).map(asDelivered);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: unknown } = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== NO_VALUE) out[k] = asDelivered(v);
    }
    return out;
  }
  return value === null ? '' : String(value);
}
