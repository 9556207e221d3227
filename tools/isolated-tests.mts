/**
 * The test files that replace modules with `vi.mock`. Vitest's `unit` project runs its files without isolation
 * (one module graph per worker, file after file), where a replaced module would stay replaced for the files
 * after it; these run in the `unit-isolated` project instead, each in a fresh worker. tools/architecture.test.ts
 * fails a test file that mocks a module and is not listed here.
 */
export const ISOLATED_TESTS = [
  'shared/src/server/repositories/user.repository.test.ts',
  'miniprogram/services/pay-order.test.ts',
];
