// @ts-check
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import { builtinModules } from 'node:module';

/** Node built-in modules, with and without the `node:` prefix. */
const nodeBuiltins = `^(node:.*|(${builtinModules.join('|')})(/.*)?)$`;

const restrict = (patterns) => ['error', { patterns }];

/** Dependencies point inwards (ARCHITECTURE §1): these rules make a wrong import a lint error. */
const boundaries = {
  noEmulator: { regex: '(^|/)emulator(/|$)', message: 'Product code never imports the emulator.' },
  noServer: {
    regex: '(^|/)server(/|$)',
    message: 'shared/src/server is server-only.',
  },
  noSdk: { regex: '^wx-server-sdk(/|$)', message: 'wx-server-sdk belongs in shared/src/server only.' },
  noZod: { regex: '^zod(/|$)', message: 'Import z from shared/src/kernel/zod (it configures jitless first).' },
  noNode: { regex: nodeBuiltins, message: 'Domain code has no I/O: no node built-ins.' },
  noNodeInBrowser: { regex: nodeBuiltins, message: 'The console runs in a browser: no node built-ins.' },
  onlyAdminClient: {
    regex: '^@shared/(?!admin-client$)|(^|/)shared/src(/|$)',
    message: 'The console reaches shared/ only through @shared/admin-client.',
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.cloudbase-local/**',
      '.cache/**',
      'coverage/**',
      'bench/results/**',
      'cloudfunctions/*/index.js',
      'miniprogram/shared/**',
      'miniprogram/miniprogram_npm/**',
      'admin/dist/**',
      '**/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The console's single-file components: Vue's recommended rules, TypeScript in <script setup lang="ts">,
  // layout left to prettier.
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] },
      globals: globals.browser,
    },
    rules: {
      ...pluginVue.configs['no-layout-rules'].rules,
      // Pages and components are folders with an index.vue, named by their folder.
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests, and the race scenarios they share, print what a race came to.
    files: ['**/*.test.ts', 'shared/src/server/testing/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', 'emulator/**/*.ts', 'bench/**/*.ts', 'tools/**', 'testing/**', 'admin/vite.config.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
  {
    files: ['miniprogram/**/*.ts'],
    languageOptions: {
      globals: {
        wx: 'readonly',
        App: 'readonly',
        Page: 'readonly',
        Component: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
        Behavior: 'readonly',
      },
    },
    rules: {
      'no-restricted-imports': restrict([
        boundaries.noServer,
        boundaries.noSdk,
        boundaries.noEmulator,
        boundaries.noZod,
      ]),
    },
  },
  {
    // Mini-program tests and their harness may start the emulator with the server's test fixtures; the app's own
    // code may not.
    files: ['miniprogram/**/*.test.ts', 'miniprogram/testing/**'],
    rules: {
      'no-restricted-imports': restrict([boundaries.noSdk, boundaries.noZod]),
    },
  },
  {
    // Nothing in shared/ imports the emulator, tests included: they reach it through testing/.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([boundaries.noEmulator]),
    },
  },
  {
    files: ['admin/src/**/*.ts', 'admin/src/**/*.vue'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        boundaries.onlyAdminClient,
        boundaries.noServer,
        boundaries.noSdk,
        boundaries.noEmulator,
        boundaries.noZod,
        boundaries.noNodeInBrowser,
      ]),
    },
  },
  {
    // The console's tests and browser harness run on node; they may start the emulator, never zod or the SDK.
    files: ['admin/**/*.test.ts', 'admin/e2e/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': restrict([boundaries.noSdk, boundaries.noZod]),
    },
  },
  {
    files: [
      'shared/src/kernel/**/*.ts',
      'shared/src/domain/**/*.ts',
      'shared/src/contracts/**/*.ts',
      'shared/src/client.ts',
      'shared/src/admin-client.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        boundaries.noServer,
        boundaries.noSdk,
        boundaries.noEmulator,
        boundaries.noNode,
        boundaries.noZod,
      ]),
    },
  },
  {
    files: ['shared/src/kernel/zod.ts'],
    rules: {
      'no-restricted-imports': restrict([
        boundaries.noServer,
        boundaries.noSdk,
        boundaries.noEmulator,
        boundaries.noNode,
      ]),
    },
  },
  {
    files: ['shared/src/server/**/*.ts', 'cloudfunctions/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([boundaries.noEmulator, boundaries.noZod]),
    },
  },
);
