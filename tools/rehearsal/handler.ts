/**
 * Loading the handler bundle the rehearsal runs in-process, as Lambda would run it: a CommonJS
 * file that exports `handler(event, context)`, whose console lines go to the trace, not stdout.
 */
import { Stop } from './stop';
import type { CustomResourceHandler } from '../cloudformation/events';

/**
 * Loads a handler bundle.
 *
 * @param file the bundle's absolute path
 * @param trace receives each line the handler logs
 * @throws Stop when the bundle cannot be loaded or exports no handler function
 */
export function loadHandler(file: string, trace: (line: string) => void): CustomResourceHandler {
  let mod: { handler?: unknown };
  try {
    mod = require(file) as { handler?: unknown };
  } catch (e) {
    throw new Stop({ kind: 'handler', message: `the handler bundle ${file} cannot be loaded: ${(e as Error).message}` });
  }
  const handler = mod.handler;
  if (typeof handler !== 'function') {
    throw new Stop({ kind: 'handler', message: `the handler bundle ${file} does not export a handler function` });
  }
  // The handler logs to stdout as it does in Lambda: keep those lines out of the report.
  return async (event, context) => {
    const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
    const capture = (...args: unknown[]) => trace(`handler: ${args.map(String).join(' ')}`);
    Object.assign(console, { log: capture, info: capture, warn: capture, error: capture });
    try {
      return await (handler as CustomResourceHandler)(event, context);
    } finally {
      Object.assign(console, saved);
    }
  };
}
