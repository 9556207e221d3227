import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import type { FunctionDefinition } from './discover-functions';

/**
 * wx-server-sdk as one CommonJS file, for the function instances to load instead of its four hundred module files.
 *
 * Every instance loads the SDK, and Node's module loader (resolving, stat-ing and reading each of those files,
 * reading their package.json files) is most of a cold start's CPU; one file loads in half the time. The SDK's code
 * is unchanged: esbuild only puts its modules side by side, and each module keeps its own `__dirname` and
 * `__filename` (the SDK reads its package.json through them). The file is built once per SDK version and kept
 * in `node_modules/.cache/emulator/`; it is written whole under a temporary name and renamed, so processes
 * starting together never load half a file.
 */

const BUNDLE_FORMAT = 1;

/** Each module's own `__dirname`/`__filename`, as Node gives them, instead of the bundle's. */
const ownPaths: Plugin = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.(c?js)$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const prelude = `var __dirname = ${JSON.stringify(dirname(args.path))}, __filename = ${JSON.stringify(args.path)};`;
      return { contents: `${prelude}\n${source}`, loader: 'js' };
    });
  },
};

/**
 * For each function, the bundle of the wx-server-sdk its `require('wx-server-sdk')` finds (built if it is not there
 * yet). A function that finds none is left out: its instances fail to load the SDK, as they would on the platform.
 */
export async function bundleWxServerSdk(functions: readonly FunctionDefinition[]): Promise<Map<string, string>> {
  const bundles = new Map<string, string>();
  const found = new Map<string, string>();
  for (const { name, entry } of functions) {
    let main: string;
    try {
      main = createRequire(entry).resolve('wx-server-sdk');
    } catch {
      continue;
    }
    const file = bundles.get(main) ?? (await bundle(main));
    bundles.set(main, file);
    found.set(name, file);
  }
  return found;
}

async function bundle(main: string): Promise<string> {
  const packageDir = dirname(main);
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const esbuild = await import('esbuild');
  const key = createHash('sha256')
    .update(`${BUNDLE_FORMAT}\0${main}\0${version}\0${esbuild.version}`)
    .digest('hex')
    .slice(0, 16);
  const nodeModules = packageDir.slice(0, packageDir.lastIndexOf(`${sep}wx-server-sdk`));
  const file = join(nodeModules, '.cache', 'emulator', `wx-server-sdk-${version}-${key}.cjs`);
  if (existsSync(file)) return file;

  const built = await esbuild.build({
    entryPoints: [main],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    write: false,
    logLevel: 'silent',
    plugins: [ownPaths],
  });
  const [output] = built.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle of wx-server-sdk');
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  writeFileSync(partial, output.contents);
  renameSync(partial, file);
  return file;
}
