/**
 * The shipped CLI's `emulator` command as a child process (the bundle `npx projen bundle` builds;
 * the test task bundles before jest): started, its banner read, stopped with a signal.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import { CLI_BUNDLE_PATH } from '../../tools/cli-bundle';

/** The bundled CLI. */
export const CLI = path.join(__dirname, '..', '..', CLI_BUNDLE_PATH);

/** A running `cdk-partnercentral emulator`. */
export interface EmulatorProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** The banner as printed (through its `# quotas:` line). */
  readonly banner: string;
  /** The `export NAME=value` assignments of the banner. */
  readonly env: Readonly<Record<string, string>>;
  /** The names the banner `unset`s. */
  readonly unset: readonly string[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Sends a signal and resolves with the exit code and signal once the process has ended. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the command and resolves once its banner is out; rejects with its stderr when it exits first.
 *
 * @param args the arguments after `emulator`
 */
export function startEmulatorProcess(args: readonly string[] = []): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CLI, 'emulator', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const end = stdout.search(/^# quotas: .*\n/m);
      if (end < 0) return;
      const banner = stdout.slice(0, stdout.indexOf('\n', end) + 1);
      const env: Record<string, string> = {};
      const unset: string[] = [];
      for (const line of banner.split('\n')) {
        const assignment = /^export ([A-Z_]+)=(\S+)$/.exec(line);
        if (assignment) env[assignment[1]] = assignment[2];
        const unsetLine = /^unset ([A-Z_ ]+)$/.exec(line);
        if (unsetLine) unset.push(...unsetLine[1].split(' '));
      }
      resolve({
        child,
        banner,
        env,
        unset,
        stderr: () => stderr,
        stop: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then(({ code, signal }) => reject(new Error(`the emulator command ended (code ${code}, signal ${signal}) before its banner: ${stderr}`)));
  });
}
