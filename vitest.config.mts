import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` is `npm test` (every `*.test.ts`, kept under 3 minutes on a 2-core machine), `slow`
 * is `npm run test:slow` (`*.slow.test.ts`: long simulations and soak runs). CI runs both.
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
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: ['**/node_modules/**', '**/*.slow.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'slow', include: ['**/*.slow.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 600_000 },
      },
    ],
  },
});
