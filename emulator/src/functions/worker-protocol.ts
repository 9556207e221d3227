import type { InvocationEnviron } from './invocation-env';

/**
 * Messages between the runner and `worker-bootstrap.mjs` (plain JS, so it runs under bare node in a
 * worker). Keep the two in step.
 */

/** SCF's second argument to `main`. */
export interface ScfInvokeContext {
  readonly request_id: string;
  readonly function_name: string;
  readonly function_version: string;
  readonly namespace: string;
  readonly time_limit_in_ms: number;
  readonly memory_limit_in_mb: number;
  readonly environ: string;
}

export interface InvokeMessage {
  readonly type: 'invoke';
  readonly id: number;
  readonly environ: InvocationEnviron;
  readonly event: unknown;
  readonly context: ScfInvokeContext;
}

/** A thrown value as text (`Error: boom`), and its stack for the emulator's log only. */
export interface ThrownValue {
  readonly text: string;
  readonly stack?: string;
}

/** V8 code cache per module file: what instances produced, for the next ones to compile from. */
export type CodeCacheEntries = ReadonlyMap<string, Uint8Array>;

export type WorkerMessage =
  | {
      readonly type: 'ready';
      /** Code cache for the files this instance compiled afresh. */
      readonly codeCache: CodeCacheEntries;
      /** Files it compiled from the cache it was given. */
      readonly codeCacheHits: number;
    }
  | { readonly type: 'init-failed'; readonly error: ThrownValue }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly json: string }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly error: ThrownValue };

export interface WorkerData {
  readonly entry: string;
  /** Absent: Node compiles every module itself. */
  readonly codeCache?: CodeCacheEntries;
  /** The file `require('wx-server-sdk')` loads (sdk-bundle.ts); absent: the installed package. */
  readonly sdk?: string;
}
