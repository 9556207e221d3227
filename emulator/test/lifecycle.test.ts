/**
 * The emulator's process: signals reach it however it was started, and a data directory belongs to one emulator
 * at a time (a second one is refused; one killed with -9 leaves nothing that blocks the next).
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, startEmulator } from '../src/index';
import { exited, spawnCli, spawnNpmEmulator } from './helpers/cli';

const root = mkdtempSync(join(tmpdir(), 'emulator-lifecycle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const INDEXES = new URL('./fixtures/indexes.json', import.meta.url).pathname;
const FUNCTIONS = new URL('./fixtures/functions', import.meta.url).pathname;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves true once nothing accepts connections at `url` any more, false after `ms`. */
async function closedWithin(url: string, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    try {
      await fetch(`${url}/_emulator/health`, { signal: AbortSignal.timeout(500) });
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

const pidOf = async (url: string) => ((await (await fetch(`${url}/_emulator/health`)).json()) as { pid: number }).pid;

describe('emulator process', () => {
  it('stops when npm run emulator is sent SIGTERM by its pid: the port closes, no process is left', async () => {
    const scripts = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    // npm start runs the same command after building the functions.
    expect(scripts.start?.endsWith(`&& ${scripts.emulator}`)).toBe(true);

    const npm = await spawnNpmEmulator(['--port', '0', '--memory', '--no-timers', '--no-seed', '--quiet']);
    const emulatorPid = await pidOf(npm.url);
    expect(emulatorPid).not.toBe(npm.child.pid);
    try {
      npm.child.kill('SIGTERM');
      expect(await closedWithin(npm.url, 8000)).toBe(true);
      await exited(npm.child);
      for (let waited = 0; alive(emulatorPid) && waited < 3000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(alive(emulatorPid)).toBe(false);
    } finally {
      if (alive(emulatorPid)) process.kill(emulatorPid, 'SIGKILL');
    }
  }, 30_000);

  it('refuses a second emulator on a data directory in use, saying who holds it', async () => {
    const dataDir = join(root, 'in-process');
    const first = await startEmulator({ port: 0, dataDir, indexesFile: INDEXES, functionsRoot: FUNCTIONS });
    try {
      const second = startEmulator({ port: 0, dataDir, indexesFile: INDEXES, functionsRoot: FUNCTIONS });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(
        `data directory ${dataDir} is in use by another emulator (pid ${process.pid}, ${first.url}, since `,
      );
    } finally {
      await first.stop();
    }
    const third = await startEmulator({ port: 0, dataDir, indexesFile: INDEXES, functionsRoot: FUNCTIONS });
    await third.stop();
  });

  it('a second CLI on the same data exits with the message; after kill -9 of the first, the next one starts', async () => {
    const dataDir = join(root, 'cli');
    const flags = ['--port', '0', '--data', dataDir, '--no-timers', '--no-seed', '--quiet', '--functions', FUNCTIONS];
    const first = await spawnCli(flags);
    try {
      await expect(spawnCli(flags)).rejects.toThrow(
        new RegExp(
          `exited early with code 1: data directory .* is in use by another emulator \\(pid \\d+, ${first.url}`,
        ),
      );
    } finally {
      first.child.kill('SIGKILL');
      await exited(first.child);
    }
    const next = await spawnCli(flags);
    next.child.kill('SIGINT');
    await exited(next.child);
    expect(next.child.exitCode).toBe(0);
  }, 30_000);
});
