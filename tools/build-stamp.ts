/**
 * A build step that may be skipped when nothing it read or wrote has changed since it last ran (the tests'
 * global setup builds before every `npm test`). The step records a stamp in `.cache/<name>.json`: a key (tool
 * versions, options) and the SHA-1 of every file it read and wrote. The stamp holds while the key is the same,
 * every file it lists still has its hash, and every file the step would read or write now is among them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fromRoot } from './paths';

export interface Stamp {
  readonly key: string;
  /** Path (relative to the repository root) → SHA-1 of its content. */
  readonly files: Readonly<Record<string, string>>;
}

const stampFile = (name: string) => fromRoot('.cache', `${name}.json`);
const fromRepo = (path: string) => (isAbsolute(path) ? relative(fromRoot(), path) : path);

function hashOf(path: string): string | undefined {
  try {
    return createHash('sha1')
      .update(readFileSync(fromRoot(path)))
      .digest('hex');
  } catch {
    return undefined;
  }
}

/** Every file under `dir` (absolute or from the root), as paths from the root; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(fromRoot(fromRepo(dir)), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => fromRepo(join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}

/** Whether the step may be skipped: same key, every recorded file unchanged, and each of `current` recorded. */
export function stampHolds(name: string, key: string, current: readonly string[]): boolean {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile(name), 'utf8')) as Stamp;
  } catch {
    return false;
  }
  if (stamp.key !== key) return false;
  if (!current.every((path) => fromRepo(path) in stamp.files)) return false;
  return Object.entries(stamp.files).every(([path, hash]) => hashOf(path) === hash);
}

/** Records what a step that just succeeded read and wrote (written whole: a killed run leaves the old stamp). */
export function writeStamp(name: string, key: string, files: readonly string[]): void {
  const hashes: Record<string, string> = {};
  for (const path of files.map(fromRepo).sort()) {
    const hash = hashOf(path);
    if (hash !== undefined) hashes[path] = hash;
  }
  const file = stampFile(name);
  mkdirSync(fromRoot('.cache'), { recursive: true });
  writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify({ key, files: hashes } satisfies Stamp));
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** Forgets a step's stamp: it runs in full next time (before a build that may fail halfway). */
export function dropStamp(name: string): void {
  rmSync(stampFile(name), { force: true });
}
