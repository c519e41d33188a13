/**
 * What the smoke tests need of a language: how to install the built package the way its users
 * do, and the command that runs the smoke app. One file per language (python.ts, java.ts, go.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PackagedLanguage } from './manifest';

/** The repository's root. */
export const ROOT = path.join(__dirname, '..', '..');

/** The versions the smoke apps install, read from package.json (generated from .projenrc.ts). */
export interface Versions {
  /** The library's own version (the one jsii-pacmak writes into every package). */
  readonly library: string;
  /** The floor aws-cdk-lib: the peer dependency's minimum, pinned for the tests. */
  readonly cdk: string;
  /** The constructs this run installs: the floor (the peer dependency's minimum) or the newest. */
  readonly constructs: string;
}

/** Where one run keeps its files: its folder, and the caches the languages' tools share within it. */
export interface RunContext {
  readonly versions: Versions;
  /** This language's folder inside the run's temporary folder. */
  readonly workDir: string;
  /** The caches shared by the package step and the smoke tests of one run (never between runs). */
  readonly cache: { readonly pip: string; readonly m2: string; readonly goModules: string; readonly goBuild: string; readonly jsii: string };
  /** Where the commands' output goes. */
  readonly logDir: string;
}

/** A language of the smoke tests. */
export interface Language {
  /** Its name, as in `package:<name>`. */
  readonly name: PackagedLanguage;
  /**
   * Whether its smoke test also runs with the newest constructs (.matrix/current), besides the
   * floor's: a user's `pip install` or Maven build may well resolve the newest.
   */
  readonly newestConstructs: boolean;
  /** The package jsii-pacmak built for it (files or a folder), for the size in the report. */
  packageFiles(ctx: RunContext): string[];
  /** Installs the built package and what a user's app needs beside it, as a user would. */
  install(ctx: RunContext): void;
  /** The command that runs the smoke app (what `cdk synth --app` gets), and its working folder. */
  app(ctx: RunContext): { readonly command: string; readonly cwd: string; readonly env?: NodeJS.ProcessEnv };
}

/** A command that failed, with the end of its output, and the log that has all of it. */
export class CommandFailed extends Error {
  constructor(message: string, public readonly log?: string) {
    super(message);
  }
}

/** The environment of every command: the run's caches (pip, Maven, Go, the jsii kernel's) instead of the user's, and no version checks. */
export function commandEnv(ctx: Pick<RunContext, 'cache'>, extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PIP_CACHE_DIR: ctx.cache.pip,
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    GOMODCACHE: ctx.cache.goModules,
    GOCACHE: ctx.cache.goBuild,
    // Writable module files, so that the run's folder can be removed.
    GOFLAGS: `${process.env.GOFLAGS ?? ''} -modcacherw`.trim(),
    MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ''} -Dmaven.repo.local=${ctx.cache.m2}`.trim(),
    // The jsii kernel's package cache (else ~/.cache/aws/jsii/package-cache, kept between runs).
    JSII_RUNTIME_PACKAGE_CACHE_ROOT: ctx.cache.jsii,
    CDK_DISABLE_VERSION_CHECK: '1',
    ...extra,
  };
}

/**
 * Runs a command to its end, its output into `<logDir>/<log>.log`. Returns the output (stdout and
 * stderr), stdout alone and the exit status; throws CommandFailed with the output's end when `allowFailure` is not set and it fails.
 */
export function run(ctx: Pick<RunContext, 'cache' | 'logDir'>, log: string, command: string, args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; allowFailure?: boolean } = {}): { status: number; output: string; stdout: string } {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: commandEnv(ctx, options.env),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `$ ${[command, ...args].join(' ')}\n${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  fs.writeFileSync(path.join(ctx.logDir, `${log}.log`), output);
  const status = result.status ?? 1;
  if (status !== 0 && !options.allowFailure) {
    const tail = output.split('\n').slice(-40).join('\n');
    const file = path.join(ctx.logDir, `${log}.log`);
    throw new CommandFailed(`${command} ${args.join(' ')} exited with ${status} (log: ${file}):\n${tail}`, file);
  }
  return { status, output, stdout: result.stdout ?? '' };
}

/** The files of a folder of dist/ whose names match, or an error that says which package step to run. */
export function built(dir: string, match: RegExp, task: string): string[] {
  const full = path.join(ROOT, 'dist', dir);
  const files = fs.existsSync(full) ? fs.readdirSync(full).filter((f) => match.test(f)).map((f) => path.join(full, f)) : [];
  if (files.length === 0) throw new CommandFailed(`no package in dist/${dir}: run \`npx projen ${task}\` first`);
  return files;
}
