/**
 * Java: a Maven project (java/pom.xml) that depends on aws-cdk-lib and constructs from Maven
 * Central at the floor and on cdk-partnercentral from the local Maven repository jsii-pacmak
 * wrote (dist/java). Maven compiles the app and writes its class path; the app runs with `java`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { built, Language, ROOT, run } from './language';

const JAVA_DIR = path.join(ROOT, 'test', 'languages', 'java');
const MAIN_CLASS = 'io.github.cdk_partnercentral.smoke.SmokeApp';

export const java: Language = {
  name: 'java',
  newestConstructs: true,
  packageFiles: (ctx) => built(path.join('java', 'io', 'github', 'cdk-partnercentral', 'cdk-partnercentral', ctx.versions.library),
    /^cdk-partnercentral-[^-]+\.jar$/, 'package:java'),
  install(ctx) {
    built('java', /^io$/, 'package:java');
    // The project is copied so that Maven's target/ stays out of the repository.
    fs.cpSync(JAVA_DIR, ctx.workDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
    run(ctx, 'java-maven', 'mvn', ['--batch-mode', '--quiet', '--no-transfer-progress',
      `-Dmaven.repo.local=${ctx.cache.m2}`,
      `-Dcdk.version=${ctx.versions.cdk}`,
      `-Dconstructs.version=${ctx.versions.constructs}`,
      `-Dpartnercentral.version=${ctx.versions.library}`,
      `-Dpartnercentral.repository=file://${path.join(ROOT, 'dist', 'java')}`,
      'compile', 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt'], { cwd: ctx.workDir });
  },
  app(ctx) {
    const classpath = [path.join(ctx.workDir, 'target', 'classes'), fs.readFileSync(path.join(ctx.workDir, 'classpath.txt'), 'utf8').trim()];
    return { command: `java -cp ${classpath.join(path.delimiter)} ${MAIN_CLASS}`, cwd: ctx.workDir };
  },
};
