/**
 * The environment of the smoke tests' commands (language.ts): every tool's cache, the jsii
 * kernel's included, is the run's, so that nothing is cached between runs.
 */
import { commandEnv } from './language';

const cache = { pip: '/run/cache/pip', m2: '/run/cache/m2', goModules: '/run/cache/gomod', goBuild: '/run/cache/gobuild', jsii: '/run/cache/jsii' };

test('the jsii kernel keeps its package cache in the run\'s folder', () => {
  expect(commandEnv({ cache }).JSII_RUNTIME_PACKAGE_CACHE_ROOT).toBe('/run/cache/jsii');
});

test('the other tools\' caches are the run\'s too', () => {
  const env = commandEnv({ cache });
  expect(env).toMatchObject({ PIP_CACHE_DIR: '/run/cache/pip', GOMODCACHE: '/run/cache/gomod', GOCACHE: '/run/cache/gobuild' });
  expect(env.MAVEN_OPTS).toContain('-Dmaven.repo.local=/run/cache/m2');
});

test('a user\'s own cache root does not leak in', () => {
  const saved = process.env.JSII_RUNTIME_PACKAGE_CACHE_ROOT;
  process.env.JSII_RUNTIME_PACKAGE_CACHE_ROOT = '/home/user/.cache/jsii';
  try {
    expect(commandEnv({ cache }).JSII_RUNTIME_PACKAGE_CACHE_ROOT).toBe('/run/cache/jsii');
  } finally {
    if (saved === undefined) delete process.env.JSII_RUNTIME_PACKAGE_CACHE_ROOT;
    else process.env.JSII_RUNTIME_PACKAGE_CACHE_ROOT = saved;
  }
});
