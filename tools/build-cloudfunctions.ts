/**
 * `npm run build:cf`: bundle each `cloudfunctions/<name>/src/index.ts` into `cloudfunctions/<name>/index.js`
 * (CommonJS, node18, wx-server-sdk external), so each function folder uploads on its own. Fails when a
 * function folder has no package.json, when its package.json does not pin wx-server-sdk exactly, or when
 * a bundle would require anything but node built-ins and wx-server-sdk.
 */
import { build, type Metafile } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
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

const externalImports = (metafile: Metafile) =>
  Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));

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

export async function buildCloudFunctions(functionsRoot = fromRoot('cloudfunctions')): Promise<BundleReport[]> {
  const reports: BundleReport[] = [];
  for (const name of functionFolders(functionsRoot)) {
    const dir = join(functionsRoot, name);
    checkPackageJson(dir, name);
    const entry = join(dir, 'src', 'index.ts');
    if (!existsSync(entry)) throw new BuildError(`cloudfunctions/${name} has no src/index.ts`);
    const outfile = join(dir, 'index.js');
    const result = await build({
      entryPoints: [entry],
      outfile,
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
    const foreign = [...externalImports(result.metafile), ...requiredModules(readFileSync(outfile, 'utf8'))].filter(
      (id) => !isAllowedRequire(id),
    );
    if (foreign.length > 0) {
      throw new BuildError(
        `cloudfunctions/${name} bundle requires ${foreign.join(', ')}: only node built-ins and wx-server-sdk may stay external`,
      );
    }
    reports.push({ name, outfile, bytes: statSync(outfile).size });
  }
  return reports;
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
