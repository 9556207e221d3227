import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as WxServerSdk from 'wx-server-sdk';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/index';

export type Cloud = typeof WxServerSdk;
/**
 * wx-server-sdk's bundled typings type every result as `string | void | T` (callback overloads) and lack many
 * commands (`expr`, `project.elemMatch`, `throwOnNotFound`), so tests drive the database untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Database = any;

/** Collections and indexes the emulator tests declare (the product's own file is tested separately). */
export const FIXTURE_INDEXES = fileURLToPath(new URL('../fixtures/indexes.json', import.meta.url));

export interface SdkHarness {
  readonly emulator: Emulator;
  readonly cloud: Cloud;
  readonly db: Database;
}

/**
 * Points this process's real wx-server-sdk at an emulator, given the environment it printed or returned.
 * The SDK's endpoint and identity are process-global (read from `process.env` on every request).
 */
export function connectSdk(env: Readonly<Record<string, string>>): { cloud: Cloud; db: Database } {
  Object.assign(process.env, env);
  const cloud = createRequire(import.meta.url)('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return { cloud, db: cloud.database() };
}

/** Starts an in-memory emulator on a free port and connects the SDK; each test file (its own worker) calls this once. */
export async function startWithSdk(options: EmulatorOptions = {}): Promise<SdkHarness> {
  const emulator = await startEmulator({ port: 0, memory: true, indexesFile: FIXTURE_INDEXES, ...options });
  return { emulator, ...connectSdk(emulator.env) };
}

export interface SdkFailure {
  readonly errCode: number | undefined;
  readonly errMsg: string;
}

/** The error a rejected SDK call carries, for assertions. */
export async function sdkError(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise;
  } catch (error) {
    const e = error as { errCode?: number; errMsg?: string; message?: string };
    return { errCode: e.errCode, errMsg: e.errMsg ?? String(e.message ?? error) };
  }
  throw new Error('expected the SDK call to fail');
}
