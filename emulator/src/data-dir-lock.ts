/**
 * One emulator per data directory. Two on the same directory would each load the data, then diverge (each its
 * own working set in memory) and overwrite each other's writes. The lock is an exclusive SQLite transaction on
 * `<dir>/emulator.lock`, held open for the emulator's life: an OS file lock, so it goes with the process however
 * it ends (kill -9 included) and a stale lock cannot block a restart. Who holds it is in `<dir>/emulator.owner`
 * (JSON), for the refusal's message only.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    owner: string,
  ) {
    super(
      `data directory ${dataDir} is in use by another emulator (${owner}); stop that one, or use another --data DIR`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  /** Records where the holder listens, for the message a second emulator gets. */
  describe(url: string): void;
  release(): void;
}

interface Owner {
  readonly pid: number;
  readonly since: string;
  readonly url?: string;
}

const ownerText = (file: string): string => {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return [`pid ${owner.pid}`, owner.url, `since ${owner.since}`].filter(Boolean).join(', ');
  } catch {
    return 'owner unknown';
  }
};

/** Takes the directory's lock, or throws `DataDirLockedError` at once if another emulator holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const ownerFile = join(dataDir, 'emulator.owner');
  const db = new Database(join(dataDir, 'emulator.lock'), { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new DataDirLockedError(dataDir, ownerText(ownerFile));
    throw error;
  }
  const since = new Date().toISOString();
  const owner = (url?: string) => writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, since, url }));
  owner();
  let held = true;
  return {
    describe: (url) => owner(url),
    release() {
      if (!held) return;
      held = false;
      rmSync(ownerFile, { force: true });
      db.close();
    },
  };
}
