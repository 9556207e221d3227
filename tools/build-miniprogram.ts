/**
 * `npm run build:mp`: bundle `shared/src/client.ts` into `miniprogram/shared/client.js`, which pages import
 * as `@shared/client` through app.json `resolveAlias` (files outside miniprogramRoot are never packaged).
 * The bundle must not contain server code or require any module at run time.
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { fromRoot, isMain, kib } from './paths';

/**
 * The mini-program main package is capped at 2 MB. zod and dayjs are most of the client (zod alone about 150 KiB
 * once minified, when the bundler can tree-shake it); pulling a whole namespace (e.g. re-exporting zod's `z`
 * object, which drags in 270 KB of locales) blows past this budget and fails the build. The bundle is shipped
 * minified (whitespace and syntax; names are kept, so a stack trace in the devtools still reads): 342 KiB as
 * written became 239 KiB with 56 functions. Each shopper function adds about 0.7 KiB, the contract the client
 * parses every answer with; past this budget, load each subpackage's contracts with it rather than raise it.
 */
export const CLIENT_BUNDLE_BUDGET_BYTES = 280 * 1024;

export async function buildMiniprogramClient(outfile = fromRoot('miniprogram', 'shared', 'client.js')) {
  const result = await build({
    entryPoints: [fromRoot('shared', 'src', 'client.ts')],
    outfile,
    bundle: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    format: 'cjs',
    target: 'es2018',
    metafile: true,
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  const serverInput = inputs.find((input) => input.includes('shared/src/server/') || input.includes('wx-server-sdk'));
  if (serverInput) throw new Error(`the mini-program bundle reached server code: ${serverInput}`);
  const externals = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external));
  if (externals.length > 0)
    throw new Error(`the mini-program bundle requires ${externals.map((i) => i.path).join(', ')}`);
  const bytes = statSync(outfile).size;
  if (bytes > CLIENT_BUNDLE_BUDGET_BYTES) {
    throw new Error(`the mini-program bundle is ${kib(bytes)}, over its ${kib(CLIENT_BUNDLE_BUDGET_BYTES)} budget`);
  }
  return { outfile, bytes, inputs: inputs.length };
}

if (isMain(import.meta.url)) {
  buildMiniprogramClient().then(
    (r) => console.log(`${'miniprogram client'.padEnd(24)} ${kib(r.bytes).padStart(10)}  miniprogram/shared/client.js`),
    (error: unknown) => {
      console.error(`build:mp failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
