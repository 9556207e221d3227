/**
 * `npm run build:cf`: bundle each `cloudfunctions/<name>/src/index.ts` into `cloudfunctions/<name>/index.js`
 * (CommonJS, node18, wx-server-sdk external), so each function folder uploads on its own. Fails when a
 * function folder has no package.json, when its package.json does not pin wx-server-sdk exactly, or when
 * a bundle would require anything but node built-ins and wx-server-sdk. The tests' global setup passes `reuse`,
 * which skips the build while nothing it read or wrote changed (build-stamp.ts).
 */
import { build, version } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { dropStamp, stampHolds, writeStamp } from './build-stamp';
import { fromRoot, isMain, kib } from './paths';

export const WX_SERVER_SDK_VERSION = '4.0.2';

export interface BundleReport {
  readonly name: string;
  readonly outfile: string;
  readonly bytes: number;
}

const isBuiltin = (id: string) => id.startsWith('node:') || builtinModules.includes(id.split('/')[0] ?? id);
const isAllowedRequire = (id: string) => id === 'wx-server-sdk' || isBuiltin(id);

export class BuildError extends Error {}

/**
 * Every `require("...")` left in a bundle. esbuild keeps an unresolvable require inside try/catch as it
 * is (an optional dependency), which would fail only on the platform, so the text is checked too.
 */
export const requiredModules = (code: string) =>
  [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? '');

export function functionFolders(functionsRoot: string): string[] {
  return readdirSync(functionsRoot)
    .filter((name) => !name.startsWith('.') && name !== 'node_modules')
    .filter((name) => statSync(join(functionsRoot, name)).isDirectory())
    .sort();
}

function checkPackageJson(dir: string, name: string): void {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) throw new BuildError(`cloudfunctions/${name} has no package.json`);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> };
  const pinned = pkg.dependencies?.['wx-server-sdk'];
  if (pinned !== WX_SERVER_SDK_VERSION) {
    throw new BuildError(
      `cloudfunctions/${name}/package.json must pin "wx-server-sdk": "${WX_SERVER_SDK_VERSION}" exactly (found ${pinned ?? 'none'})`,
    );
  }
}

export interface BuildOptions {
  /**
   * Skip the build when the bundles and every file the last build read are as it left them (the tests' global
   * setup, before every `npm test`): see build-stamp.ts.
   */
  readonly reuse?: boolean;
}

/** Files esbuild reads that its metafile does not list: the tsconfig files it follows, and this script. */
const BUILD_CONFIG = ['tsconfig.json', 'tsconfig.base.json', 'shared/tsconfig.json', 'tools/build-cloudfunctions.ts'];
const STAMP = 'build-cloudfunctions';

/**
 * Bundles every function in one esbuild run (the shared code is parsed once, on every core); each bundle is
 * the same as a build of its function alone.
 */
export async function buildCloudFunctions(
  functionsRoot = fromRoot('cloudfunctions'),
  options: BuildOptions = {},
): Promise<BundleReport[]> {
  const names = functionFolders(functionsRoot);
  const entries: Record<string, string> = {};
  for (const name of names) {
    const dir = join(functionsRoot, name);
    checkPackageJson(dir, name);
    const entry = join(dir, 'src', 'index.ts');
    if (!existsSync(entry)) throw new BuildError(`cloudfunctions/${name} has no src/index.ts`);
    entries[join(name, 'index')] = entry;
  }
  const outfile = (name: string) => join(functionsRoot, name, 'index.js');
  const report = (name: string): BundleReport => ({
    name,
    outfile: outfile(name),
    bytes: statSync(outfile(name)).size,
  });
  // Only the repository's own functions are stamped (the checkers' tests build fixtures elsewhere).
  const stamped = functionsRoot === fromRoot('cloudfunctions');
  const key = JSON.stringify({ esbuild: version });
  if (stamped && options.reuse && stampHolds(STAMP, key, [...names.map(outfile), ...BUILD_CONFIG])) {
    return names.map(report);
  }

  if (stamped) dropStamp(STAMP);
  const result = await build({
    entryPoints: entries,
    outdir: functionsRoot,
    absWorkingDir: fromRoot(),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['wx-server-sdk'],
    // Minified to keep the upload and the cold-start parse small; names kept for readable stacks in logs.
    minify: true,
    keepNames: true,
    alias: { '@shared': fromRoot('shared', 'src') },
    metafile: true,
    logOverride: { 'require-resolve-not-external': 'silent' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const outputs = new Map(
    Object.entries(result.metafile.outputs).map(([path, out]) => [resolve(fromRoot(), path), out]),
  );
  for (const name of names) {
    const foreign = [
      ...(outputs.get(outfile(name))?.imports ?? []).filter((i) => i.external).map((i) => i.path),
      ...requiredModules(readFileSync(outfile(name), 'utf8')),
    ].filter((id) => !isAllowedRequire(id));
    if (foreign.length > 0) {
      throw new BuildError(
        `cloudfunctions/${name} bundle requires ${foreign.join(', ')}: only node built-ins and wx-server-sdk may stay external`,
      );
    }
  }
  if (stamped) writeStamp(STAMP, key, [...Object.keys(result.metafile.inputs), ...names.map(outfile), ...BUILD_CONFIG]);
  return names.map(report);
}

if (isMain(import.meta.url)) {
  buildCloudFunctions().then(
    (reports) => {
      for (const r of reports)
        console.log(`${r.name.padEnd(24)} ${kib(r.bytes).padStart(10)}  cloudfunctions/${r.name}/index.js`);
      console.log(`${reports.length} cloud function bundle(s) built`);
    },
    (error: unknown) => {
      console.error(error instanceof BuildError ? `build:cf failed: ${error.message}` : error);
      process.exit(1);
    },
  );
}
