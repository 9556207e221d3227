import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { ISOLATED_TESTS } from './tools/isolated-tests.mjs';

/** The end-to-end stories (`npm run test:stories`). */
const STORIES = ['admin/e2e/**/*.test.ts', 'miniprogram/testing/*.test.ts'];

/**
 * `npm test` runs two projects: `unit` (every `*.test.ts`; the target is 3 minutes on a 2-core machine) and
 * `unit-isolated` (the few test files that replace modules with `vi.mock`: tools/isolated-tests.mts). `stories` is
 * `npm run test:stories` (the end-to-end stories: the console in Chromium beside the shopper's phone, and the
 * mini-program's page journeys; each replays a whole business story, seconds to tens of seconds). `slow` is
 * `npm run test:slow` (`*.slow.test.ts`: the races at full scale, long simulations and soak runs). CI runs all.
 *
 * `unit` runs its files without isolation: a worker runs file after file in one module graph, so the emulator,
 * the SDK and their dependencies are loaded once per worker rather than once per file (a third of the CPU of an
 * emulator test file). Each file still starts its own platform and stops it.
 */
export default defineConfig({
  // The console's tests import its single-file components.
  plugins: [vue()],
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('./shared/src', import.meta.url)),
    },
  },
  test: {
    globalSetup: ['tools/vitest-global-setup.ts'],
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    // npm run test:slow names its own file (--outputFile.json), which overrides this one.
    outputFile: { json: 'node_modules/.cache/vitest-results.json' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One test file per core: most files start an emulator whose function instances want the CPU too.
    maxWorkers: 2,
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache), so a rerun skips most of
    // transforming and importing them: a fifth of the suite's time before the tests themselves.
    experimental: { fsModuleCache: true },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.slow.test.ts', ...ISOLATED_TESTS, ...STORIES],
          isolate: false,
          setupFiles: ['tools/vitest-restore-env.ts'],
          // Files that take the default platform share the worker's (shared/src/server/testing/use-platform.ts).
          provide: { shareDefaultPlatform: true },
        },
      },
      {
        extends: true,
        test: {
          name: 'stories',
          include: STORIES,
          exclude: ['**/node_modules/**', '**/*.slow.test.ts'],
          isolate: false,
          setupFiles: ['tools/vitest-restore-env.ts'],
          provide: { shareDefaultPlatform: true },
        },
      },
      { extends: true, test: { name: 'unit-isolated', include: ISOLATED_TESTS } },
      {
        extends: true,
        test: { name: 'slow', include: ['**/*.slow.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 600_000 },
      },
    ],
  },
});
