/**
 * What a rehearsal is asked to do: the assembly, the handler bundle, the parameter values, what
 * receivers outside the app answer, and whether to show a replacement and the destruction.
 */
import * as path from 'node:path';
import type { ReceiverAnswer } from './result';
import { HANDLER_ASSET_NAME } from '../../src/contract';

/** How long the handler may take per event unless told otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A parameter value given for the rehearsal (`--parameter [Stack:]Name=Value`). */
export interface ParameterValue {
  /**
   * The stack (display name, artifact id or stack name) it applies to.
   *
   * @default - every stack that declares the parameter
   */
  readonly stack?: string;
  /** The parameter name. */
  readonly name: string;
  /** The value. */
  readonly value: string;
}

/** Options of {@link rehearse}. */
export interface RehearsalOptions {
  /** The cloud assembly directory (`cdk.out`). */
  readonly assemblyDir: string;
  /**
   * The bundled handler (a CommonJS file exporting `handler(event, context)`).
   *
   * @default - `defaultHandlerPath()`, the bundle shipped next to the CLI
   */
  readonly handlerPath?: string;
  /**
   * Whether to show a replacement of the first invitation (Update with a changed message, then
   * the cleanup Delete of the old invitation).
   *
   * @default true
   */
  readonly update?: boolean;
  /**
   * Whether to delete the stacks at the end.
   *
   * @default true
   */
  readonly destroy?: boolean;
  /**
   * Parameter values over the templates' defaults.
   *
   * @default - the defaults
   */
  readonly parameters?: readonly ParameterValue[];
  /**
   * What the receivers outside the app do with the invitations they get, played after the
   * deploy as the receiver's account: accept, reject, let it expire, or ignore it (it stays
   * PENDING). A receiver in the app (the account of one of its stacks) answers with the app's
   * accepters instead.
   *
   * @default 'ignore'
   */
  readonly receiver?: ReceiverAnswer;
  /**
   * The longest the handler may take per event, in milliseconds (the provider function's own
   * timeout, when shorter, applies).
   *
   * @default DEFAULT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
  /**
   * Receives the handler's log lines and the emulator's request lines as they happen.
   *
   * @default - they are dropped
   */
  readonly trace?: (line: string) => void;
}

/** The handler bundle shipped next to the CLI bundle: `index.js` in the `HANDLER_ASSET_NAME` folder beside `assets/cli/`. */
export function defaultHandlerPath(): string {
  return path.join(__dirname, '..', HANDLER_ASSET_NAME, 'index.js');
}
