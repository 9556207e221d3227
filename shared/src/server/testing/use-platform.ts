/**
 * The platform a test file runs on: started before the file's tests and stopped after them, one per file.
 * The object it answers can be handed to helpers at the top of the file; each call reaches the running
 * platform. It logs every request the emulator serves, so a test can count its database round trips.
 */
import { afterAll, beforeAll } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';

type PlatformOptions = NonNullable<Parameters<typeof startPlatform>[0]>;

export interface TestPlatform extends Platform {
  /** Runs `fn` once background deliveries have finished, and counts the database requests it made. */
  countingRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }>;
}

export function usePlatform(options: PlatformOptions = {}): TestPlatform {
  let running: Platform | undefined;
  const actions: string[] = [];
  beforeAll(async () => {
    running = await startPlatform({
      ...options,
      onRequest: (record) => {
        actions.push(record.action);
        options.onRequest?.(record);
      },
    });
  });
  afterAll(async () => {
    await running?.stop();
  });

  const current = (): Platform => {
    if (!running) throw new Error('the platform starts before the tests, in beforeAll');
    return running;
  };
  return {
    get emulator() {
      return current().emulator;
    },
    call: <T>(name: string, openid: string | undefined, data?: unknown) => current().call<T>(name, openid, data),
    pay: (outTradeNo) => current().pay(outTradeNo),
    settle: () => current().settle(),
    find: (collection, query) => current().find(collection, query),
    get: (collection, id) => current().get(collection, id),
    insert: (collection, docs) => current().insert(collection, docs),
    update: (collection, query, update) => current().update(collection, query, update),
    stop: () => current().stop(),
    async countingRoundTrips<T>(fn: () => Promise<T>) {
      await current().settle();
      const start = actions.length;
      const result = await fn();
      return { result, trips: actions.slice(start).filter((a) => a.startsWith('database.')).length };
    },
  };
}
