/**
 * The platform a test file runs on: ready before the file's tests, and nothing of it left for the next file.
 * The object it answers can be handed to helpers at the top of the file; each call reaches the running
 * platform. It logs every request the emulator serves, so a test can count its database round trips.
 *
 * In the `unit` project a worker runs its files one after another in one module graph (vitest.config.mts), and
 * the files that take the default platform share one per worker: the first file starts it, and each file leaves
 * it empty (whatever it set in motion finished, then the database, the CloudPay ledger, the transfer bills, the
 * messages, the stored files, the parcels, the faults and the verdicts reset), with its function instances warm.
 * Starting an instance costs a third of a second of CPU, so a file no longer pays one cold start per function it
 * calls. The instances stay for as long as the platform's idle timeout (10 minutes): longer than a worker's run,
 * so a function starts once per worker, and a race's extra instances serve the next file's race (a worker's
 * memory peaks under 3 GB, at the end of its run). Elsewhere, and with options, a file starts its own platform
 * and stops it after its tests.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';

type PlatformOptions = NonNullable<Parameters<typeof startPlatform>[0]> & {
  /** A platform of the file's own, started cold and stopped after its tests, even where the default is shared. */
  readonly own?: boolean;
};

declare module 'vitest' {
  interface ProvidedContext {
    /** The project's files share a worker's default platform (vitest.config.mts). */
    shareDefaultPlatform?: boolean;
  }
}

export interface TestPlatform extends Platform {
  /** Runs `fn` once background deliveries have finished, and counts the database requests it made. */
  countingRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }>;
}

interface Running {
  readonly platform: Platform;
  /** The action of every request served since the file began. */
  readonly actions: string[];
}

/** The worker's default platform, between files. */
let shared: Running | undefined;

async function start({ own: _, ...options }: PlatformOptions): Promise<Running> {
  const actions: string[] = [];
  const platform = await startPlatform({
    ...options,
    onRequest: (record) => {
      actions.push(record.action);
      options.onRequest?.(record);
    },
  });
  return { platform, actions };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for what the file set in motion (callback deliveries, refunds settling, function calls still running),
 * then empties the platform as a fresh one is. Answers false when something would not finish.
 */
async function emptied({ platform }: Running): Promise<boolean> {
  const { emulator } = platform;
  const busy = () =>
    emulator.runner.functions().some(({ name }) => {
      const stats = emulator.runner.stats(name);
      // Only unanswered invocations: an instance still starting for a race's waiter, served meanwhile, holds none.
      return stats !== undefined && stats.pending > 0;
    });
  await platform.settle();
  for (let waited = 0; busy(); waited += 20) {
    if (waited > 10_000) return false;
    await sleep(20);
  }
  await platform.settle();
  emulator.reset();
  emulator.pay.setFaults({});
  emulator.kuaidi100.setFaults({});
  emulator.transfer.setFaults({});
  emulator.openapi.setVerdicts({ blockedWords: [], imageVerdict: 'pass' });
  return true;
}

export function usePlatform(options: PlatformOptions = {}): TestPlatform {
  const sharing = Object.keys(options).length === 0 && inject('shareDefaultPlatform') === true;
  let running: Running | undefined;
  beforeAll(async () => {
    if (sharing && shared) {
      running = shared;
      shared.actions.length = 0;
    } else {
      running = await start(options);
      if (sharing) shared = running;
    }
  });
  afterAll(async () => {
    if (!running) return;
    if (running === shared && (await emptied(running))) return;
    if (running === shared) shared = undefined;
    await running.platform.stop();
  });

  const current = (): Platform => {
    if (!running) throw new Error('the platform starts before the tests, in beforeAll');
    return running.platform;
  };
  return {
    get emulator() {
      return current().emulator;
    },
    post: <T>(path: string, body: unknown, headers?: Record<string, string>) => current().post<T>(path, body, headers),
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
      const actions = running?.actions ?? [];
      const start = actions.length;
      const result = await fn();
      return { result, trips: actions.slice(start).filter((a) => a.startsWith('database.')).length };
    },
  };
}
