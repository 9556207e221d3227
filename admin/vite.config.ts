/**
 * The console's Vite config: `npm run build:admin` writes admin/dist (served under /console/), and
 * `npm run dev:admin` serves the sources with the API prefix proxied to the running emulator
 * (`npm start`, port EMULATOR_PORT or 8787).
 */
import { fileURLToPath } from 'node:url';

import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

import { ADMIN_API_PREFIX, ADMIN_CONSOLE_BASE } from '../shared/src/contracts/admin/http';

const emulatorPort = process.env.EMULATOR_PORT ?? '8787';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: ADMIN_CONSOLE_BASE,
  // Keep Vite's dependency cache with the repository's other caches, not in an admin/node_modules.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/admin', import.meta.url)),
  plugins: [vue()],
  resolve: {
    alias: { '@shared': fileURLToPath(new URL('../shared/src', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    rolldownOptions: {
      // shared/'s kernel, domain and contracts only define things (schemas, rules, tables): a module none
      // of whose exports is used is left out, so importing @shared/admin-client for a label does not bring
      // every contract into the entry (the contracts come per action: adminContractLoaders). kernel/zod.ts
      // is kept for the zod configuration it applies.
      treeshake: {
        moduleSideEffects: (id) => !(/\/shared\/src\//.test(id) && !id.endsWith('/shared/src/kernel/zod.ts')),
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      [ADMIN_API_PREFIX]: { target: `http://127.0.0.1:${emulatorPort}`, changeOrigin: true },
    },
  },
  preview: { host: '127.0.0.1' },
});
