/**
 * Python: a virtual environment, into which pip installs aws-cdk-lib and constructs from PyPI at
 * the floor and the wheel jsii-pacmak built (dist/python), as a user's `pip install` would.
 */
import * as path from 'node:path';
import { built, Language, ROOT, run, RunContext } from './language';

const venv = (ctx: RunContext) => path.join(ctx.workDir, 'venv');

export const python: Language = {
  name: 'python',
  newestConstructs: true,
  packageFiles: () => built('python', /\.whl$/, 'package:python'),
  install(ctx) {
    const [wheel] = built('python', /\.whl$/, 'package:python');
    run(ctx, 'python-venv', 'python3', ['-m', 'venv', venv(ctx)]);
    run(ctx, 'python-pip', path.join(venv(ctx), 'bin', 'pip'), ['install', '--quiet',
      `aws-cdk-lib==${ctx.versions.cdk}`, `constructs==${ctx.versions.constructs}`, wheel]);
  },
  app: (ctx) => ({
    command: `${path.join(venv(ctx), 'bin', 'python')} ${path.join(ROOT, 'test', 'languages', 'python', 'app.py')}`,
    cwd: ctx.workDir,
    env: { PATH: `${path.join(venv(ctx), 'bin')}${path.delimiter}${process.env.PATH}`, VIRTUAL_ENV: venv(ctx) },
  }),
};
