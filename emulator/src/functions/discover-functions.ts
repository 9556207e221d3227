import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type FunctionConfig, FunctionConfigError, parseFunctionConfig } from '../../../tools/function-config';

/** One deployable cloud function: `<root>/<name>/index.js` (the bundle) and its `config.json`. */
export interface FunctionDefinition {
  readonly name: string;
  readonly dir: string;
  /** Absolute path of the bundled CommonJS entry exporting `main`. */
  readonly entry: string;
  readonly config: FunctionConfig;
}

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Reads every `<root>/<name>/` that has an `index.js` (folders not built yet are skipped).
 * A missing `config.json` means the defaults; an unreadable one throws `FunctionConfigError`.
 */
export async function discoverFunctions(root: string): Promise<FunctionDefinition[]> {
  const base = resolve(root);
  const entries = await readdir(base, { withFileTypes: true });
  const found: FunctionDefinition[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !FUNCTION_NAME.test(entry.name)) continue;
    const dir = join(base, entry.name);
    const bundle = join(dir, 'index.js');
    if (!existsSync(bundle)) continue;
    found.push({ name: entry.name, dir, entry: bundle, config: await readConfig(join(dir, 'config.json')) });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

async function readConfig(file: string): Promise<FunctionConfig> {
  if (!existsSync(file)) return parseFunctionConfig({}, file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new FunctionConfigError(file, `is not valid JSON (${(error as Error).message})`);
  }
  return parseFunctionConfig(raw, file);
}
