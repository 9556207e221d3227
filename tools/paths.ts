import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the folder holding package.json above this file. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const fromRoot = (...parts: string[]) => join(repoRoot, ...parts);

export function isMain(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && existsSync(entry) && resolve(entry) === fileURLToPath(importMetaUrl);
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
