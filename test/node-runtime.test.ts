import * as lambda from 'aws-cdk-lib/aws-lambda';
import { latestNodeRuntime } from '../src/private/node-runtime';

/**
 * Runs `fn` while `lambda.Runtime.ALL` holds only the runtimes `make` returns (runtimes made in
 * `make` register themselves there too), then restores the list.
 */
function withRuntimes<T>(make: () => lambda.Runtime[], fn: () => T): T {
  const saved = [...lambda.Runtime.ALL];
  const runtimes = make();
  lambda.Runtime.ALL.splice(0, lambda.Runtime.ALL.length, ...runtimes);
  try {
    return fn();
  } finally {
    lambda.Runtime.ALL.splice(0, lambda.Runtime.ALL.length, ...saved);
  }
}

describe('latestNodeRuntime', () => {
  test('is Node.js 22 or newer with the installed aws-cdk-lib', () => {
    const runtime = latestNodeRuntime();
    expect(runtime.family).toBe(lambda.RuntimeFamily.NODEJS);
    expect(Number(/^nodejs(\d+)\.x$/.exec(runtime.name)?.[1])).toBeGreaterThanOrEqual(22);
  });

  test('picks the newest nodejs<N>.x runtime that aws-cdk-lib knows', () => {
    const runtimes = () => [
      lambda.Runtime.NODEJS_20_X,
      new lambda.Runtime('nodejs30.x', lambda.RuntimeFamily.NODEJS),
      lambda.Runtime.NODEJS_22_X,
      new lambda.Runtime('nodejs24.x', lambda.RuntimeFamily.NODEJS),
      new lambda.Runtime('python9.99', lambda.RuntimeFamily.PYTHON),
      new lambda.Runtime('nodejs99.x', lambda.RuntimeFamily.NODEJS, { isVariable: true }),
      new lambda.Runtime('nodejs31', lambda.RuntimeFamily.NODEJS),
    ];
    expect(withRuntimes(runtimes, () => latestNodeRuntime().name)).toBe('nodejs30.x');
  });

  test('falls back to Node.js 22 when nothing newer is known', () => {
    const runtimes = () => [lambda.Runtime.NODEJS_18_X, lambda.Runtime.NODEJS_20_X, lambda.Runtime.PYTHON_3_13];
    expect(withRuntimes(runtimes, () => latestNodeRuntime())).toBe(lambda.Runtime.NODEJS_22_X);
  });
});
