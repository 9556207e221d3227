import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RunningCli {
  readonly child: ChildProcess;
  readonly url: string;
  /** The `export KEY='value'` lines the CLI printed, parsed. */
  readonly env: Record<string, string>;
  /** Every line printed so far (it keeps growing: one per function invocation). */
  readonly lines: string[];
}

/**
 * Runs `emulator/src/cli.ts` in its own Node process (`node --import tsx`, so a signal reaches the server itself,
 * not a wrapper) and resolves once it has printed its URL and environment; rejects with what it wrote to stderr
 * if it exits first.
 */
export function spawnCli(args: readonly string[]): Promise<RunningCli> {
  return readyCli(
    spawn(process.execPath, ['--import', 'tsx', 'emulator/src/cli.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** `npm run emulator -- <args>`: npm, the shell it runs the script in, and the emulator under them. */
export function spawnNpmEmulator(args: readonly string[]): Promise<RunningCli> {
  return readyCli(
    spawn('npm', ['run', '--silent', 'emulator', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

function readyCli(child: ChildProcess): Promise<RunningCli> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    process.stderr.write(chunk);
  });
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    const lines: string[] = [];
    let url = '';
    child.once('exit', (code) => reject(new Error(`emulator exited early with code ${String(code)}: ${stderr}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      const listening = /^CloudBase emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      const exported = /^export (\w+)='(.*)'$/.exec(line);
      if (listening) url = listening[1] as string;
      else if (exported) env[exported[1] as string] = exported[2] as string;
      else if (line.startsWith('# ready') && url) resolve({ child, url, env, lines });
    });
  });
}

/** Resolves when the process has exited. */
export const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
