import * as lambda from 'aws-cdk-lib/aws-lambda';

/** The oldest Node.js major the handler is built for. */
const MIN_NODE_MAJOR = 22;

/**
 * The newest `nodejs<N>.x` runtime with N >= 22 that the installed aws-cdk-lib knows, so the
 * provider's function stays on the latest Node.js runtime whichever aws-cdk-lib the user has.
 */
export function latestNodeRuntime(): lambda.Runtime {
  let best: lambda.Runtime = lambda.Runtime.NODEJS_22_X;
  let bestMajor = MIN_NODE_MAJOR;
  for (const runtime of lambda.Runtime.ALL) {
    if (runtime.family !== lambda.RuntimeFamily.NODEJS || runtime.isVariable) continue;
    const m = /^nodejs(\d+)\.x$/.exec(runtime.name);
    if (!m) continue;
    const major = Number(m[1]);
    if (major > bestMajor) {
      best = runtime;
      bestMajor = major;
    }
  }
  return best;
}
