/**
 * `npm run check:templates`: compile every `.wxml` (with `.wxs`) and every `.wxss` under `miniprogram/`
 * with the official WeChat compilers wcc and wcsc, shipped in the npm package `miniprogram-compiler`, and
 * check that every custom component a template uses is declared.
 * Devtools would only report these errors at preview time; here a broken template fails the test run
 * with the compiler's own message, which names the file and line.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fromRoot, isMain } from './paths';

const require = createRequire(import.meta.url);
const compilerBin = join(dirname(require.resolve('miniprogram-compiler/package.json')), 'bin', 'linux');

export interface TemplateProblem {
  readonly compiler: 'wcc' | 'wcsc' | 'usingComponents';
  readonly message: string;
}

export interface TemplateReport {
  readonly wxml: number;
  readonly wxss: number;
  readonly problems: TemplateProblem[];
}

const SKIP = new Set(['node_modules', 'miniprogram_npm', 'shared']);

function listFiles(root: string, extension: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) && dir === root ? [] : listFiles(root, extension, path);
    return entry.name.endsWith(extension) ? [relative(root, path)] : [];
  });
}

function runCompiler(name: 'wcc' | 'wcsc', args: string[], cwd: string): TemplateProblem | undefined {
  const bin = join(compilerBin, name);
  chmodSync(bin, 0o755); // npm does not keep the package's execute bits
  const run = spawnSync(bin, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status === 0) return undefined;
  const message = `${run.stderr}`.trim() || `${name} exited with ${run.status}`;
  return { compiler: name, message };
}

/** WeChat's built-in components: every other tag in a template must be declared in `usingComponents`. */
const BUILT_IN = new Set(
  (
    'view scroll-view swiper swiper-item movable-area movable-view cover-view cover-image match-media page-container ' +
    'root-portal grid-view list-view sticky-header sticky-section share-element icon progress rich-text text ' +
    'button checkbox checkbox-group editor form input keyboard-accessory label picker picker-view ' +
    'picker-view-column radio radio-group slider switch textarea navigator functional-page-navigator audio camera ' +
    'channel-live channel-video image live-player live-pusher video voip-room map canvas web-view ad ' +
    'official-account open-data page-meta navigation-bar block template import include slot wxs'
  ).split(' '),
);

const readJson = (path: string) =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { usingComponents?: Record<string, string> }) : {};

/**
 * Tags a template uses that neither its own `.json` nor app.json declares. wcc compiles an unknown tag
 * without a word, and the page then shows nothing where the component should be.
 */
export function undeclaredComponents(root: string, wxml: readonly string[]): TemplateProblem[] {
  const global = Object.keys(readJson(join(root, 'app.json')).usingComponents ?? {});
  return wxml.flatMap((file) => {
    const declared = new Set([
      ...global,
      ...Object.keys(readJson(join(root, file.replace(/\.wxml$/, '.json'))).usingComponents ?? {}),
    ]);
    const tags = new Set(
      [...readFileSync(join(root, file), 'utf8').matchAll(/<([a-z][\w-]*)/g)].map((m) => m[1] ?? ''),
    );
    return [...tags]
      .filter((tag) => !BUILT_IN.has(tag) && !declared.has(tag))
      .map((tag) => ({
        compiler: 'usingComponents' as const,
        message: `${file} uses <${tag}> without declaring it in usingComponents`,
      }));
  });
}

export function checkTemplates(root = fromRoot('miniprogram')): TemplateReport {
  if (process.platform !== 'linux') throw new Error('check:templates runs the linux builds of wcc/wcsc');
  const wxml = listFiles(root, '.wxml');
  const wxs = listFiles(root, '.wxs');
  const wxss = listFiles(root, '.wxss');
  const problems: TemplateProblem[] = undeclaredComponents(root, wxml);
  if (wxml.length > 0) {
    const problem = runCompiler('wcc', ['-d', '-cc', '0', ...wxml, ...wxs, '-gn', '$gwx'], root);
    if (problem) problems.push(problem);
  }
  if (wxss.length > 0) {
    const problem = runCompiler('wcsc', ['-db', '-pc', '0', ...wxss], root);
    if (problem) problems.push(problem);
  }
  return { wxml: wxml.length, wxss: wxss.length, problems };
}

if (isMain(import.meta.url)) {
  const report = checkTemplates();
  for (const problem of report.problems) console.error(`${problem.compiler}: ${problem.message}`);
  if (report.problems.length > 0) process.exit(1);
  console.log(
    `templates ok: ${report.wxml} .wxml and ${report.wxss} .wxss compiled with wcc/wcsc, every custom component declared`,
  );
}
