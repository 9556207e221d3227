/**
 * The mini-program's package sizes as WeChat counts them at upload: the main package (everything outside
 * the subpackage roots, plus the npm files the pages actually reach) and each subpackage, each capped at
 * 2 MB. Devtools uploads with "过滤无依赖文件", so of `miniprogram_npm/` only the files reachable from a
 * `usingComponents` entry or from a page's or component's own script (`import qrcode from 'qrcode-generator'`)
 * count: this follows them the way devtools does, through component JSON, JS imports, WXSS `@import`s and WXML
 * `<wxs>`/`<import>`/`<include>`. TypeScript files count at their source
 * size (devtools compiles them to about the same), tests and typings not at all.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, sep } from 'node:path';
import { fromRoot, isMain, kib } from './paths';

export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

const NOT_UPLOADED = /(\.test\.ts|\.d\.ts|tsconfig(\.\w+)?\.json|package\.json)$/;
const NOT_UPLOADED_DIRS = new Set(['node_modules', 'miniprogram_npm', 'testing', 'typings']);
const COMPONENT_FILES = ['.js', '.json', '.wxml', '.wxss'];
/** Quoted module paths in JS (`from"x"`, `import "x"`, `require("x")`), WXSS `@import` and WXML `src=`. */
const REFERENCE = /(?:\bfrom\s*|\bimport\s*|\brequire\(\s*|@import\s+|\bsrc=)["']([^"']+)["']/g;

interface AppJson {
  readonly subPackages?: readonly { readonly root: string; readonly name?: string }[];
  readonly usingComponents?: Record<string, string>;
}

export interface PackageSizes {
  readonly main: number;
  /** Of which npm files the pages reach. */
  readonly npm: number;
  readonly subpackages: Record<string, number>;
}

function listSources(dir: string, skip: (path: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (skip(path)) return [];
    if (entry.isDirectory()) return NOT_UPLOADED_DIRS.has(entry.name) ? [] : listSources(path, skip);
    return NOT_UPLOADED.test(entry.name) ? [] : [path];
  });
}

const bytes = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + statSync(file).size, 0);

/** The file a reference names: as written, with a known extension, or a folder's index.js. */
function resolveFile(base: string): string | undefined {
  for (const candidate of [
    base,
    ...['.js', '.wxss', '.wxs', '.wxml', '.json'].map((e) => base + e),
    join(base, 'index.js'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** A bare module name (`tslib`) from the nearest `miniprogram_npm/` above `from`. */
function resolvePackage(name: string, from: string, root: string): string | undefined {
  for (let dir = dirname(from); dir.startsWith(root); dir = dirname(dir)) {
    const found = resolveFile(join(dir, 'miniprogram_npm', name));
    if (found) return found;
  }
  return undefined;
}

/**
 * Every npm file reachable from the components used anywhere in the mini-program, and from `moduleFiles`
 * (the npm entries the mini-program's own scripts require).
 */
export function reachableNpmFiles(
  root: string,
  componentPaths: Iterable<string>,
  moduleFiles: Iterable<string> = [],
): Set<string> {
  const npm = join(root, 'miniprogram_npm');
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (file: string | undefined) => {
    if (file && file.startsWith(npm + sep) && !seen.has(file)) {
      seen.add(file);
      queue.push(file);
    }
  };
  const visitComponent = (base: string) => COMPONENT_FILES.forEach((ext) => visit(resolveFile(base + ext)));
  for (const path of componentPaths) visitComponent(join(npm, path));
  for (const file of moduleFiles) visit(file);
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const text = readFileSync(file, 'utf8');
    if (extname(file) === '.json') {
      const json = JSON.parse(text) as { usingComponents?: Record<string, string> };
      for (const used of Object.values(json.usingComponents ?? {})) visitComponent(join(dirname(file), used));
      continue;
    }
    for (const [, reference] of text.matchAll(REFERENCE)) {
      if (!reference || /^(https?:|data:|\/\/)/.test(reference)) continue;
      visit(
        reference.startsWith('.') ? resolveFile(join(dirname(file), reference)) : resolvePackage(reference, file, root),
      );
    }
  }
  return seen;
}

/** The `usingComponents` entries that name npm packages, from app.json and every page and component. */
function npmComponentPaths(sources: readonly string[], app: AppJson): Set<string> {
  const usings = [
    app.usingComponents ?? {},
    ...sources
      .filter((file) => file.endsWith('.json'))
      .map(
        (file) =>
          (JSON.parse(readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ??
          {},
      ),
  ];
  return new Set(
    usings.flatMap((using) => Object.values(using).filter((path) => !path.startsWith('.') && !path.startsWith('/'))),
  );
}

/**
 * The npm entries the mini-program's own scripts require by a bare name (`qrcode-generator`), resolved in
 * `miniprogram_npm/` as devtools does; `@shared/...` is the app.json alias to the client bundle, not npm.
 */
function npmModuleEntries(sources: readonly string[], root: string): string[] {
  return sources
    .filter((file) => /\.(ts|js)$/.test(file))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(REFERENCE)]
        .map(([, reference]) => reference ?? '')
        .filter((reference) => /^[a-z@]/i.test(reference) && !reference.startsWith('@shared/'))
        .map((reference) => resolvePackage(reference, file, root))
        .filter((entry): entry is string => entry !== undefined),
    );
}

export function packageSizes(root = fromRoot('miniprogram')): PackageSizes {
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson;
  const subRoots = (app.subPackages ?? []).map((p) => ({ name: p.name ?? p.root, dir: join(root, p.root) }));
  const inSubpackage = (path: string) => subRoots.some((p) => path === p.dir);
  const mainSources = listSources(root, inSubpackage);
  const subSources = subRoots.map((p) => ({ name: p.name, files: listSources(p.dir, () => false) }));
  const sources = [...mainSources, ...subSources.flatMap((p) => p.files)];
  const npm = bytes(reachableNpmFiles(root, npmComponentPaths(sources, app), npmModuleEntries(sources, root)));
  return {
    main: bytes(mainSources) + npm,
    npm,
    subpackages: Object.fromEntries(subSources.map((p) => [p.name, bytes(p.files)])),
  };
}

/** The packages over WeChat's 2 MB cap, as messages; none when all fit. */
export function oversizedPackages(sizes: PackageSizes): string[] {
  return [['main', sizes.main] as const, ...Object.entries(sizes.subpackages)]
    .filter(([, size]) => size > PACKAGE_LIMIT_BYTES)
    .map(([name, size]) => `the ${name} package is ${kib(size)}, over WeChat's ${kib(PACKAGE_LIMIT_BYTES)} cap`);
}

export function formatSizes(sizes: PackageSizes): string {
  const rows = [
    [`main package (npm ${kib(sizes.npm)})`, sizes.main],
    ...Object.entries(sizes.subpackages).map(([name, size]) => [`subpackage ${name}`, size] as const),
  ] as const;
  return rows.map(([name, size]) => `${name.padEnd(30)} ${kib(size).padStart(10)}`).join('\n');
}

if (isMain(import.meta.url)) {
  const sizes = packageSizes();
  console.log(formatSizes(sizes));
  const problems = oversizedPackages(sizes);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}
