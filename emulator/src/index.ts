/**
 * `startEmulator()`: the local CloudBase on 127.0.0.1, in one process: the document database (`/admin`
 * `database.*`), the function runner (`functions.invokeFunction`, the `/fn/<name>` gateway), timers, the
 * CloudPay and openapi sandboxes (`wx.wxPayApi`, `wx.openApi`), the 快递100 sandbox that the functions'
 * tracking adapter is pointed at and the WeChat Pay 商家转账 sandbox their payout adapter is, with controls under
 * `/_emulator/`.
 */
import { EJSON } from 'bson';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DataDirLock, lockDataDir } from './data-dir-lock';
import { databaseActions } from './db/actions';
import { loadIndexDeclarations } from './db/index-file';
import { memoryPersistence, sqlitePersistence } from './db/persistence';
import { Store } from './db/store';
import { Transactions } from './db/transactions';
import { sdkEnvironment } from './env';
import {
  DEFAULT_ENV_ID,
  bundleWxServerSdk,
  discoverFunctions,
  FunctionRunner,
  type FunctionRunnerOptions,
  handleInvokeFunction,
  INVOKE_FUNCTION_ACTION,
  type FunctionOutput,
  type InvocationRecord,
} from './functions';
import { createGateway } from './gateway';
import { createStaticHosting, type StaticSite } from './hosting/static-hosting';
import { createHttpAccess, httpRoutes } from './http-access/http-access';
import { CLOCK_ENV, clockFromEnv } from '../../shared/src/server/runtime/clock';
import { ActionRouter } from './http/router';
import { type RequestRecord, type RouteHandler, startHttpServer } from './http/server';
import { ActionTimings } from './http/stats';
import type { DeliveryOptions } from './sandbox/callback-delivery';
import { faultsFromEnv, faultsSchema, type FaultsInput } from './sandbox/faults';
import { Kuaidi100Sandbox, type Kuaidi100SandboxOptions } from './sandbox/kuaidi100-sandbox';
import { OpenApiSandbox } from './sandbox/openapi-sandbox';
import { type LedgerStore, memoryLedger, sqliteLedger } from './sandbox/pay-ledger';
import { PaySandbox } from './sandbox/pay-sandbox';
import { createSandboxRoutes } from './sandbox/sandbox-routes';
import { memoryTransferLedger, sqliteTransferLedger, type TransferLedgerStore } from './sandbox/transfer-ledger';
import { TransferSandbox, type TransferSandboxOptions } from './sandbox/transfer-sandbox';
import { KEYS_FILE, readKeysFile, sandboxKeys, type WechatpayKeys, writeKeysFile } from './sandbox/wechatpay-wire';
import { handleWxApiAction } from './sandbox/wx-api-actions';
import { DEFAULT_STORAGE_LIMITS, type StorageLimits } from './storage/limits';
import { diskObjectStore, memoryObjectStore, type ObjectStore } from './storage/object-store';
import { UrlSigner } from './storage/signing';
import { STORAGE_PATH, StorageService } from './storage/storage-service';
import { Scheduler } from './timers';

export { DataDirLockedError } from './data-dir-lock';
export type { StaticSite } from './hosting/static-hosting';
export type { StorageLimits } from './storage/limits';
export type { StorageService } from './storage/storage-service';
export type { RequestRecord } from './http/server';

/** The repo's index declarations, also used to create the same indexes in production. */
export const DEFAULT_INDEXES_FILE = fileURLToPath(
  new URL('../../shared/src/server/cloudbase/indexes.json', import.meta.url),
);
export const DEFAULT_FUNCTIONS_ROOT = fileURLToPath(new URL('../../cloudfunctions', import.meta.url));
export const DEFAULT_DATA_DIR = '.cloudbase-local';

/** Paths the emulator answers itself; an HTTP access route may not claim them. */
const EMULATOR_PATHS = ['/admin', '/fn', '/_emulator', STORAGE_PATH];

export interface EmulatorOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** Keep nothing on disk. */
  readonly memory?: boolean;
  /** Where the SQLite database lives (default `.cloudbase-local/` in the working directory). */
  readonly dataDir?: string;
  /** Index declarations; the listed collections are created at start. */
  readonly indexesFile?: string;
  /** The CloudBase env id the SDK is given (never `local`). */
  readonly envId?: string;
  /** Open transactions are aborted after this long (default 30 s, CloudBase's lifetime). */
  readonly transactionTimeoutMs?: number;
  /** How long a plain write waits for a transaction's lock (default: the transaction lifetime). */
  readonly lockWaitMs?: number;
  /** Capture hook: called with every `/admin` request and its response. */
  readonly onRequest?: (record: RequestRecord) => void;
  /** Where the bundled cloud functions are (default `cloudfunctions/`); folders without `index.js` are skipped. */
  readonly functionsRoot?: string;
  /** Start the functions' timers (default false; `npm start` turns them on). */
  readonly timers?: boolean;
  /** Extra environment variables for every function instance (e.g. the simulator's `SHANCHENG_CLOCK`). */
  readonly functionEnv?: Readonly<Record<string, string>>;
  /** Invocations that may wait per function when its instances are all busy (default 1000). */
  readonly maxQueue?: number;
  /** A warm function instance unused this long is stopped (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  /**
   * Instances load wx-server-sdk bundled in one file, which halves their start (default true; false: the installed
   * package, file by file, as on the platform). The SDK's code is the same either way (sdk-bundle.ts).
   */
  readonly bundleSdk?: boolean;
  /** When a function's instances scale out: the runner's `scaleOut` (default `per-call`, as on the platform). */
  readonly scaleOut?: FunctionRunnerOptions['scaleOut'];
  /** Called once per finished function invocation. */
  readonly onInvocation?: (record: InvocationRecord) => void;
  /** Each line a function writes to its console (default: passed through to stdout or stderr). */
  readonly onFunctionOutput?: (output: FunctionOutput) => void;
  /** CloudPay fault injection (default: the `EMULATOR_FAULTS` environment variable, else none). */
  readonly faults?: FaultsInput;
  /** CloudPay callback retry schedule (and the 商家转账 notifications', unless `transfer.delivery` is given). */
  readonly callbackDelivery?: DeliveryOptions;
  /** Built web apps served as static hosting serves them, e.g. the console at `/console/`. */
  readonly staticSites?: readonly StaticSite[];
  /** What cloud storage accepts (default: jpeg, png, webp and gif images up to 10 MB; see storage/limits.ts). */
  readonly storage?: Partial<StorageLimits>;
  /**
   * The 快递100 sandbox: parcels' journey length, faults, account. Its clock is the functions' (`functionEnv`'s
   * `SHANCHENG_CLOCK`, else the system clock); the functions get `KUAIDI100_URL`, `KUAIDI100_CUSTOMER` and
   * `KUAIDI100_KEY` pointing at it unless `functionEnv` sets them.
   */
  readonly kuaidi100?: Omit<Kuaidi100SandboxOptions, 'now'>;
  /**
   * The WeChat Pay 商家转账 sandbox: settings, faults, its keys (default: generated once per process). Its clock
   * is the functions'; the functions get `WECHATPAY_URL`, the merchant's id, serial and private key, the
   * platform's public key and id and the API v3 key (`transfer.functionEnv`) unless `functionEnv` sets them.
   */
  readonly transfer?: Omit<TransferSandboxOptions, 'now' | 'keys' | 'store'> & { readonly keys?: WechatpayKeys };
}

export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Environment variables for a process whose wx-server-sdk should use this emulator. */
  readonly env: Readonly<Record<string, string>>;
  /** Where data is kept, or null in memory mode. */
  readonly dataDir: string | null;
  readonly runner: FunctionRunner;
  readonly scheduler: Scheduler;
  readonly pay: PaySandbox;
  readonly openapi: OpenApiSandbox;
  /** The 快递100 sandbox (`/_emulator/kuaidi100/`). */
  readonly kuaidi100: Kuaidi100Sandbox;
  /** The WeChat Pay 商家转账 sandbox (`/_emulator/wechatpay/`). */
  readonly transfer: TransferSandbox;
  /** Cloud storage: `storage.*` actions and the object URLs under `/_storage/`. */
  readonly storage: StorageService;
  /** Inserts documents the way the SDK's `add()` does (EJSON over `/admin`), so they are validated alike. */
  insert(collection: string, docs: readonly Record<string, unknown>[]): Promise<number>;
  /** The number of documents in a collection. */
  count(collection: string): Promise<number>;
  stop(): Promise<void>;
  /**
   * Deletes all data (database, CloudPay ledger, transfer bills, outbox, stored files, parcels); declared
   * collections stay, empty.
   */
  reset(): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const declarations = loadIndexDeclarations(options.indexesFile ?? DEFAULT_INDEXES_FILE);
  const dataDir = options.memory ? null : resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const envId = options.envId ?? DEFAULT_ENV_ID;
  // The 商家转账 sandbox's keys: given, kept in the data directory, or generated (off the main thread, while the
  // functions are found) and then kept there.
  const keptKeys = dataDir && !options.transfer?.keys ? readKeysFile(join(dataDir, KEYS_FILE)) : undefined;
  const keys = Promise.resolve(options.transfer?.keys ?? keptKeys ?? sandboxKeys());
  const functions = await discoverFunctions(options.functionsRoot ?? DEFAULT_FUNCTIONS_ROOT);
  const sdkBundles = options.bundleSdk === false ? undefined : await bundleWxServerSdk(functions);
  const transferKeys = await keys;
  // Two functions on one HTTP path, or one on a path the emulator answers itself, stop it here.
  const staticSites = options.staticSites ?? [];
  const accessRoutes = httpRoutes(functions, [...EMULATOR_PATHS, ...staticSites.map((site) => site.path)]);
  const hosting = createStaticHosting(staticSites);
  // Before anything reads the directory: a second emulator on it is refused here.
  const lock: DataDirLock | undefined = dataDir ? lockDataDir(dataDir) : undefined;
  let store: Store | undefined;
  let ledger: LedgerStore | undefined;
  let transferLedger: TransferLedgerStore | undefined;
  let objects: ObjectStore;
  let signer: UrlSigner;
  try {
    store = new Store(dataDir ? sqlitePersistence(dataDir) : memoryPersistence, declarations);
    ledger = dataDir ? sqliteLedger(dataDir) : memoryLedger;
    transferLedger = dataDir ? sqliteTransferLedger(dataDir) : memoryTransferLedger;
    if (dataDir && !options.transfer?.keys && !keptKeys) writeKeysFile(join(dataDir, KEYS_FILE), transferKeys);
    objects = dataDir ? diskObjectStore(dataDir) : memoryObjectStore();
    signer = UrlSigner.forDataDir(dataDir);
  } catch (error) {
    transferLedger?.close();
    ledger?.close();
    store?.close();
    lock?.release();
    throw error;
  }
  const transactions = new Transactions(store, {
    timeoutMs: options.transactionTimeoutMs,
    lockWaitMs: options.lockWaitMs,
  });
  const router = new ActionRouter();
  router.register(databaseActions(store, transactions));
  const listening: { url?: string } = {};
  const storage = new StorageService({
    store: objects,
    signer,
    envId,
    baseUrl: () => listening.url ?? '',
    limits: { ...DEFAULT_STORAGE_LIMITS, ...options.storage },
  });
  router.register(storage.actions());

  // The runner needs the server's URL and the server's routes need the runner: routes are added once it listens.
  const routes: RouteHandler[] = [];
  const late: { runner?: FunctionRunner } = {};
  let pay: PaySandbox;
  let transfer: TransferSandbox;
  try {
    pay = new PaySandbox({
      invoke: async (name, event) => {
        if (!late.runner) throw new Error('the function runner is not ready');
        return (await late.runner.invoke(name, event, { source: 'wx_paycallback' })).result;
      },
      faults: options.faults ? faultsSchema.parse(options.faults) : faultsFromEnv(process.env.EMULATOR_FAULTS),
      ...(options.callbackDelivery ? { delivery: options.callbackDelivery } : {}),
      store: ledger,
    });
  } catch (error) {
    transferLedger.close();
    ledger.close();
    store.close();
    lock?.release();
    throw error;
  }
  const openapi = new OpenApiSandbox((name) => late.runner?.definition(name)?.config.openapi, {
    trades: { find: (key) => pay.paidTrade(key) },
    faults: () => pay.currentFaults(),
  });
  const functionClock = clockFromEnv(options.functionEnv?.[CLOCK_ENV]);
  const kuaidi100 = new Kuaidi100Sandbox({ ...options.kuaidi100, now: () => functionClock.now() });
  try {
    transfer = new TransferSandbox({
      // Its notifications are retried on CloudPay's schedule unless it has one of its own.
      ...(options.callbackDelivery ? { delivery: options.callbackDelivery } : {}),
      ...options.transfer,
      keys: transferKeys,
      now: () => functionClock.now(),
      store: transferLedger,
    });
  } catch (error) {
    pay.close();
    transferLedger.close();
    store.close();
    lock?.release();
    throw error;
  }
  const resolveCaller = (token: string) => {
    const active = late.runner?.activeInvocation(token);
    return (
      active && { functionName: active.functionName, ...(active.caller.openid ? { openid: active.caller.openid } : {}) }
    );
  };

  let server;
  try {
    server = await startHttpServer({
      port: options.port ?? 0,
      router,
      timings: new ActionTimings(),
      onRequest: options.onRequest,
      routes,
      multipartAdmin: (body, contentType) => handleWxApiAction(body, contentType, { openapi, pay }, resolveCaller),
    });
  } catch (error) {
    pay.close();
    transfer.close();
    store.close();
    lock?.release();
    throw error;
  }
  const running = server;
  const url = `http://127.0.0.1:${running.port}`;
  listening.url = url;
  lock?.describe(url);

  const liveRunner = new FunctionRunner({
    functions,
    emulatorUrl: url,
    envId,
    log: options.onInvocation,
    ...(options.onFunctionOutput ? { output: options.onFunctionOutput } : {}),
    maxQueue: options.maxQueue ?? 1000,
    variables: { ...kuaidi100.functionEnv(url), ...transfer.functionEnv(url), ...options.functionEnv },
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(sdkBundles ? { sdkBundles } : {}),
    ...(options.scaleOut ? { scaleOut: options.scaleOut } : {}),
  });
  late.runner = liveRunner;
  router.register({
    // The answer is `{ data: { response_data } }` or, when the callee fails, `{ code, message }`.
    [INVOKE_FUNCTION_ACTION]: async (body) => {
      const { requestId: _requestId, ...answer } = await handleInvokeFunction(liveRunner, body);
      return answer;
    },
  });
  const scheduler = new Scheduler(liveRunner);
  if (options.timers) scheduler.start();
  routes.push(
    createGateway({ runner: liveRunner, scheduler }),
    createSandboxRoutes({ openapi, pay, kuaidi100, transfer }),
    storage.route(),
    createHttpAccess({ runner: liveRunner, envId, routes: accessRoutes }),
    hosting,
  );
  // A kept ledger may hold notifications nobody acknowledged and refunds still processing: carry on with them.
  pay.resume();
  transfer.resume();

  return {
    url,
    env: sdkEnvironment(url, envId),
    dataDir,
    runner: liveRunner,
    scheduler,
    pay,
    openapi,
    kuaidi100,
    transfer,
    storage,
    async insert(collection, docs) {
      const { response } = await router.dispatch({
        action: 'database.insertDocument',
        collectionName: collection,
        data: docs.map((doc) => EJSON.stringify(doc, { relaxed: false })),
      });
      if (typeof response.code === 'string') throw new Error(`insert into ${collection}: ${String(response.message)}`);
      return docs.length;
    },
    async count(collection) {
      const { response } = await router.dispatch({ action: 'database.calculateDocument', collectionName: collection });
      if (typeof response.code === 'string') throw new Error(`count ${collection}: ${String(response.message)}`);
      return (response.data as { total: number }).total;
    },
    async stop() {
      scheduler.stop();
      pay.stop();
      transfer.stop();
      kuaidi100.stop();
      transactions.abortAll();
      await liveRunner.close();
      await running.close();
      pay.close();
      transfer.close();
      store.close();
      lock?.release();
    },
    reset() {
      transactions.abortAll();
      store.reset();
      pay.reset();
      openapi.reset();
      kuaidi100.reset();
      transfer.reset();
      storage.reset();
    },
  };
}
