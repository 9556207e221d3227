/**
 * Where a bench writes its JSON results. By default outside the tracked files
 * (`node_modules/.cache/bench/`), so running a bench never dirties the tree; `npm run bench:record`
 * (`BENCH_OUT=bench/results`) writes into `bench/results/`, the figures the repository keeps.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../tools/paths';

export function writeResults(file: string, results: unknown): void {
  const dir = resolve(repoRoot, process.env.BENCH_OUT ?? 'node_modules/.cache/bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to ${path}`);
}
