/**
 * `npm run build:npm`: the mini-program npm build (devtools' 构建 npm) with the official `miniprogram-ci`.
 * `miniprogram/package.json` lists what the mini-program uses (TDesign); the root package.json installs
 * the same versions, so one `npm install` serves both. packNpmManually looks for node_modules beside the
 * package.json it packs, so `miniprogram/node_modules/<dep>` is linked to the root install first (git-ignored,
 * and what devtools' own 构建 npm reads too). The output is `miniprogram/miniprogram_npm/`, git-ignored.
 * The build then checks the packages against WeChat's 2 MB caps (miniprogram-size.ts). With `reuse` (the tests'
 * global setup) the pack is skipped while nothing it read or wrote changed (build-stamp.ts).
 */
import { mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { dropStamp, filesUnder, stampHolds, writeStamp } from './build-stamp';
import { formatSizes, oversizedPackages, packageSizes } from './miniprogram-size';
import { fromRoot, isMain } from './paths';

const require = createRequire(import.meta.url);

interface PackageJson {
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const readPackage = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** The mini-program's dependencies, each pinned exactly and to the version the root installs. */
export function miniprogramDependencies(
  miniprogram = readPackage(fromRoot('miniprogram', 'package.json')),
  root = readPackage(fromRoot('package.json')),
): string[] {
  return Object.entries(miniprogram.dependencies ?? {}).map(([name, version]) => {
    const installed = root.dependencies?.[name] ?? root.devDependencies?.[name];
    if (!/^\d+\.\d+\.\d+$/.test(version))
      throw new Error(`miniprogram/package.json: pin ${name} exactly, not ${version}`);
    if (installed !== version) {
      throw new Error(
        `miniprogram/package.json wants ${name} ${version}, the root package.json has ${installed ?? 'none'}`,
      );
    }
    return name;
  });
}

const STAMP = 'build-miniprogram-npm';

export interface NpmBuildOptions {
  /**
   * Skip the pack when miniprogram_npm/ and what it was packed from are as the last build left them (the tests'
   * global setup, before every `npm test`): see build-stamp.ts. The size check runs either way.
   */
  readonly reuse?: boolean;
}

export async function buildMiniprogramNpm(root = fromRoot('miniprogram'), options: NpmBuildOptions = {}) {
  const names = miniprogramDependencies();
  const modules = join(root, 'node_modules');
  const installed = (name: string) => dirname(require.resolve(`${name}/package.json`));
  const linked = (name: string) => {
    try {
      return realpathSync(join(modules, name)) === realpathSync(installed(name));
    } catch {
      return false;
    }
  };
  // What the pack reads: the mini-program's package.json, the packages installed (their package.json, the lock
  // file), and this script; then what it wrote.
  const inputs = [
    join(root, 'package.json'),
    fromRoot('package-lock.json'),
    fromRoot('tools', 'build-miniprogram-npm.ts'),
    ...names.map((name) => join(installed(name), 'package.json')),
  ];
  const npm = join(root, 'miniprogram_npm');
  const stamped = root === fromRoot('miniprogram');
  const reused =
    stamped &&
    options.reuse &&
    names.every(linked) &&
    stampHolds(STAMP, 'packNpmManually', [...inputs, ...filesUnder(npm)]);
  if (!reused) {
    if (stamped) dropStamp(STAMP);
    rmSync(modules, { recursive: true, force: true });
    for (const name of names) {
      const link = join(modules, name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(installed(name), link, 'dir');
    }
    rmSync(npm, { recursive: true, force: true });
    // miniprogram-ci is CommonJS and heavy: load it only when building.
    const ci = await import('miniprogram-ci');
    const result = await ci.packNpmManually({
      packageJsonPath: join(root, 'package.json'),
      miniprogramNpmDistDir: root,
    });
    if (result.miniProgramPackNum !== names.length) {
      throw new Error(`packed ${result.miniProgramPackNum} mini-program packages, expected ${names.length}`);
    }
    if (stamped) writeStamp(STAMP, 'packNpmManually', [...inputs, ...filesUnder(npm)]);
  }
  // Only now is it known how much of miniprogram_npm the pages reach: check WeChat's package caps.
  const sizes = packageSizes(root);
  const oversized = oversizedPackages(sizes);
  if (oversized.length > 0) throw new Error(oversized.join('; '));
  return { packages: names, sizes };
}

if (isMain(import.meta.url)) {
  buildMiniprogramNpm().then(
    (r) => console.log(`${'miniprogram npm'.padEnd(30)} ${r.packages.join(', ')}\n${formatSizes(r.sizes)}`),
    (error: unknown) => {
      console.error(`build:npm failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
