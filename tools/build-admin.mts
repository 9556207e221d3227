/**
 * `npm run build:admin`: the web console (`admin/`) with Vite into `admin/dist`, served under /console/.
 * `--if-missing` (what `npm start` runs) builds only when admin/dist has no index.html.
 * It prints the JavaScript a first visit downloads, gzipped: the entry with its static imports (router,
 * session, API client, zod and the account's own contracts, Vue), and the login page's own chunks, which
 * the router loads next. Every other action's contract comes with the page that calls it
 * (adminContractLoaders), so adding actions does not grow this.
 * The build fails above the budget, or when any chunk reaches server-only code.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { fromRoot, isMain, kib } from './paths';

/**
 * What a signed-out first visit may download (entry + login page), gzipped. Today Vue, vue-router and zod
 * are most of the entry; TDesign components and the actions' contracts come with the pages that use them.
 */
export const CONSOLE_INITIAL_JS_BUDGET_BYTES = 150 * 1024;

const LOGIN_PAGE = 'admin/src/pages/auth/login/index.vue';
const FORBIDDEN_MODULES = /\/shared\/src\/server\/|\/node_modules\/wx-server-sdk\/|\/emulator\//;

export interface ConsoleBuild {
  readonly outDir: string;
  /** gzip bytes of the entry chunk and everything it imports statically. */
  readonly entryGzip: number;
  /** gzip bytes the login page adds (its chunk and static imports not already in the entry). */
  readonly loginGzip: number;
  readonly chunks: number;
}

export async function buildConsole(
  options: { outDir?: string; logLevel?: 'info' | 'warn' | 'error' | 'silent' } = {},
): Promise<ConsoleBuild> {
  const outDir = options.outDir ?? fromRoot('admin', 'dist');
  // Vite takes NODE_ENV over the mode, and a test runner sets it to `test`: that would ship Vue's
  // development build. The console is always built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      configFile: fromRoot('admin', 'vite.config.ts'),
      configLoader: 'runner',
      mode: 'production',
      logLevel: options.logLevel ?? 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((o) => o.output).filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
  if (chunks.length === 0) throw new Error('the console build produced no JavaScript');

  const reached = chunks.flatMap((c) => c.moduleIds.filter((id) => FORBIDDEN_MODULES.test(id)));
  if (reached.length > 0) throw new Error(`the console reaches server-only code: ${reached.join(', ')}`);

  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (start: Rolldown.OutputChunk, seen = new Set<string>()): Set<string> => {
    if (seen.has(start.fileName)) return seen;
    seen.add(start.fileName);
    for (const name of start.imports) {
      const next = byName.get(name);
      if (next) closure(next, seen);
    }
    return seen;
  };
  const gzip = (names: Iterable<string>) =>
    [...names].reduce((sum, name) => sum + gzipSync(byName.get(name)?.code ?? '', { level: 9 }).length, 0);

  const entry = chunks.find((c) => c.isEntry);
  const login = chunks.find((c) => c.facadeModuleId?.endsWith(LOGIN_PAGE));
  if (!entry || !login) throw new Error('the console build has no entry chunk or no login page chunk');
  const entryFiles = closure(entry);
  const loginFiles = [...closure(login)].filter((name) => !entryFiles.has(name));

  const built = { outDir, entryGzip: gzip(entryFiles), loginGzip: gzip(loginFiles), chunks: chunks.length };
  const initial = built.entryGzip + built.loginGzip;
  if (initial > CONSOLE_INITIAL_JS_BUDGET_BYTES) {
    throw new Error(
      `the console's initial JavaScript is ${kib(initial)} gzip, over its ${kib(CONSOLE_INITIAL_JS_BUDGET_BYTES)} budget`,
    );
  }
  return built;
}

/** `--if-missing`: `npm start` builds the console only when admin/dist has none (keeping the start fast). */
const ifMissing = process.argv.includes('--if-missing');
const built = existsSync(fromRoot('admin', 'dist', 'index.html'));

if (isMain(import.meta.url) && ifMissing && built) {
  console.log('console: admin/dist is built (npm run build:admin rebuilds it after changes to admin/)');
} else if (isMain(import.meta.url)) {
  buildConsole().then(
    (r) =>
      console.log(
        `${'console'.padEnd(24)} ${kib(r.entryGzip + r.loginGzip).padStart(10)} gzip initial JS ` +
          `(entry ${kib(r.entryGzip)} + login page ${kib(r.loginGzip)}; ${r.chunks} chunks)  admin/dist/`,
      ),
    (error: unknown) => {
      console.error(`build:admin failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
