/**
 * Go: a module (go/go.mod, go.sum committed) that requires aws-cdk-go at the floor from the Go
 * module proxy and replaces cdk-partnercentral's module with the one jsii-pacmak wrote
 * (dist/go/cdkpartnercentral), as a user tries a local build. `go build` runs with the committed
 * go.mod and go.sum as they are (-mod=readonly), so a stale go.sum fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { built, CommandFailed, Language, ROOT, run } from './language';

const GO_DIR = path.join(ROOT, 'test', 'languages', 'go');
const CDK_MODULE = 'github.com/aws/aws-cdk-go/awscdk/v2';

export const go: Language = {
  name: 'go',
  // aws-cdk-go v2.177.0's awslambda does not compile beside constructs-go 10.5 or newer (.projenrc.ts, CONSTRUCTS_VERSION).
  newestConstructs: false,
  packageFiles: () => built('go', /^cdkpartnercentral$/, 'package:go'),
  install(ctx) {
    built(path.join('go', 'cdkpartnercentral'), /^go\.mod$/, 'package:go');
    const required = new RegExp(`^\\s*${CDK_MODULE.replace(/[./]/g, '\\$&')} v(\\S+)`, 'm').exec(fs.readFileSync(path.join(GO_DIR, 'go.mod'), 'utf8'))?.[1];
    if (required !== ctx.versions.cdk) {
      throw new CommandFailed(`test/languages/go/go.mod requires ${CDK_MODULE} v${required}, but the floor is ${ctx.versions.cdk}: `
        + `run \`go get ${CDK_MODULE}@v${ctx.versions.cdk} && go mod tidy\` in test/languages/go`);
    }
    run(ctx, 'go-build', 'go', ['build', '-mod=readonly', '-o', path.join(ctx.workDir, 'smoke-app'), '.'], { cwd: GO_DIR });
  },
  app: (ctx) => ({ command: path.join(ctx.workDir, 'smoke-app'), cwd: ctx.workDir }),
};
