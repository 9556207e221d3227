/**
 * The built console the browser tests serve, built at most once per test run: every e2e file asks for it,
 * the first builds it (Vite, 10–20 s on two cores) into node_modules/.cache/console-e2e/<hash of what the
 * build reads>, and the others, in the same run or later ones, find it there. Two files starting together
 * do not both build: the first takes a lock (a directory, created atomically), the other waits for the
 * build. A build goes to a temporary directory first and is renamed into place whole, so a run never serves
 * half a build; a lock left by a killed run is taken over after a few minutes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, relative } from 'node:path';

import { buildConsole } from '../../tools/build-admin.mjs';
import { fromRoot } from '../../tools/paths';

const CACHE = fromRoot('node_modules', '.cache', 'console-e2e');
/** A lock older than this was left by a run that died while building. */
const STALE_LOCK_MS = 3 * 60_000;
/** Builds not used for this long are removed when a new one is made. */
const OLD_BUILD_MS = 24 * 60 * 60_000;

/** What the console's build reads: its sources and config, the shared code it imports, the build script. */
const INPUTS = [
  'admin/src',
  'admin/index.html',
  'admin/vite.config.ts',
  'admin/tsconfig.json',
  'tsconfig.base.json',
  'shared/src',
  'tools/build-admin.mts',
];
const SKIPPED = /(\.test\.ts$)|(^shared\/src\/server\/)/;

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => filesUnder(join(path, entry.name))));
  return nested.flat();
}

/** A hash of every input file's path and content, and of the installed packages (package-lock.json). */
export async function consoleSourceHash(): Promise<string> {
  const files = (await Promise.all([...INPUTS, 'package-lock.json'].map((input) => filesUnder(fromRoot(input)))))
    .flat()
    .map((file) => relative(fromRoot(), file))
    .filter((file) => !SKIPPED.test(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(await readFile(fromRoot(file)))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function lockAge(lock: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Best effort: another run may be removing the same entries. */
async function pruneOldBuilds(keep: string): Promise<void> {
  for (const name of await readdir(CACHE).catch(() => [])) {
    const path = join(CACHE, name);
    if (path === keep || name.endsWith('.lock')) continue;
    const age = await stat(path).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > OLD_BUILD_MS) await rm(path, { recursive: true, force: true });
  }
}

let built: Promise<string> | undefined;

/** The directory of the console built from the working tree's sources (built now if no run built it yet). */
export function builtConsole(): Promise<string> {
  built ??= findOrBuild();
  return built;
}

async function findOrBuild(): Promise<string> {
  const dir = join(CACHE, await consoleSourceHash());
  const lock = `${dir}.lock`;
  await mkdir(CACHE, { recursive: true });
  const found = async () => {
    if (!existsSync(join(dir, 'index.html'))) return false;
    // Used now: another worktree's run pruning old builds keeps it.
    const now = new Date();
    await utimes(dir, now, now);
    return true;
  };
  for (;;) {
    if (await found()) return dir;
    try {
      await mkdir(lock);
    } catch {
      // Another file (or run) is building it: wait for its build, or take over a lock it left behind.
      const age = await lockAge(lock);
      if (age !== undefined && age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await sleep(250);
      continue;
    }
    try {
      if (await found()) return dir;
      const partial = `${dir}.${randomUUID()}.tmp`;
      try {
        await buildConsole({ outDir: partial, logLevel: 'silent' });
        await rm(dir, { recursive: true, force: true });
        await rename(partial, dir);
      } finally {
        await rm(partial, { recursive: true, force: true });
      }
      await pruneOldBuilds(dir);
      return dir;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
