import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { CodeCache } from './code-cache';
import type { FunctionDefinition } from './discover-functions';
import { FunctionInstance } from './function-instance';
import { FunctionPool, type PoolOptions, type PoolStats } from './function-pool';
import { executeFailed, FunctionInvocationError, functionNotFound, runnerClosed } from './invocation-errors';
import { type Caller, environString, instanceEnv, invocationEnviron } from './invocation-env';
import {
  type FunctionOutput,
  hashOpenid,
  InvocationHistory,
  type InvocationRecord,
  outcomeOf,
  resultCodeOf,
} from './invocation-log';
import { StartGate } from './start-gate';
import type { ScfInvokeContext, ThrownValue } from './worker-protocol';

export interface FunctionRunnerOptions {
  readonly functions: readonly FunctionDefinition[];
  /** Base URL of the emulator's HTTP server (the SDK calls `<url>/admin`). */
  readonly emulatorUrl: string;
  /** CloudBase env id: `TCB_ENV`, `SCF_NAMESPACE`, `getWXContext().ENV`. */
  readonly envId?: string;
  /** Called once per finished invocation (success or failure). */
  readonly log?: (record: InvocationRecord) => void;
  /** Each line a function writes to its console (default: passed through to this process's stdout or stderr). */
  readonly output?: (output: FunctionOutput) => void;
  /** Invocations that may wait per function when all its instances are busy (default 100). */
  readonly maxQueue?: number;
  /** Invocation records kept for `invocations()` (default 1000). */
  readonly historySize?: number;
  /** A warm instance unused this long is stopped (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  /** Extra environment variables for every instance (the recipe's own variables win). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Node flags for the workers (default none: plain node, whatever runs the emulator). */
  readonly execArgv?: readonly string[];
  /** When an invocation that finds no warm instance starts one (default `per-call`, as on the platform). */
  readonly scaleOut?: PoolOptions['scaleOut'];
  /** Instances that may be starting at once, across all functions (default: the machine's cores). */
  readonly parallelStarts?: number;
  /** Share V8's code cache between instances, so only the first compiles each module (default true). */
  readonly codeCache?: boolean;
  /**
   * Per function, the file its `require('wx-server-sdk')` loads instead of the installed package: the SDK bundled
   * in one file (`bundleWxServerSdk`), which loads in half the time. Functions not named load the package.
   */
  readonly sdkBundles?: ReadonlyMap<string, string>;
}

export interface InvokeOptions {
  /** The invocation's request id (`context.request_id`), when the caller already named it (HTTP access). */
  readonly requestId?: string;
}

export interface InvokeResult {
  readonly requestId: string;
  /** `main`'s answer after the JSON round trip the platform does. */
  readonly result: unknown;
  /** The same answer as JSON text, for callers that pass it on as is. */
  readonly json: string;
  readonly durationMs: number;
  readonly coldStart: boolean;
}

/** An invocation in flight, found by the `wxCloudApiToken` its SDK sends to `/admin`. */
export interface ActiveInvocation {
  readonly requestId: string;
  readonly functionName: string;
  readonly caller: Caller;
  /** The function's `permissions.openapi`. */
  readonly openapi: readonly string[];
}

export const DEFAULT_ENV_ID = 'shancheng-local';

/**
 * Whether this invocation paid for its instance's start: the instance's first, and not yet ready when the
 * invocation arrived (so it waited for it, or the start failed). An instance a burst asked for that came up after
 * the burst waits warm, as a pre-warmed instance does on the platform: its first invocation is not a cold start.
 */
const isColdStart = (instance: FunctionInstance, accepted: number): boolean =>
  instance.calls === 0 && (instance.readyAt === undefined || instance.readyAt >= accepted);

const passThrough = (output: FunctionOutput): void => {
  (output.stream === 'stderr' ? process.stderr : process.stdout).write(`${output.text}\n`);
};
const MEMORY_LIMIT_MB = 256;

/**
 * Runs cloud functions the way SCF does: each invocation in a worker of its own with the caller's
 * identity in its `process.env`, warm instances reused, a per-function concurrency limit with a
 * bounded queue, the configured timeout enforced by killing the worker, and every invocation recorded.
 */
export class FunctionRunner {
  private readonly definitions = new Map<string, FunctionDefinition>();
  private readonly pools = new Map<string, FunctionPool<FunctionInstance>>();
  private readonly active = new Map<string, ActiveInvocation>();
  private readonly history: InvocationHistory;
  private readonly envId: string;
  private closed = false;

  constructor(private readonly options: FunctionRunnerOptions) {
    this.envId = options.envId ?? DEFAULT_ENV_ID;
    this.history = new InvocationHistory(options.historySize ?? 1000);
    const gate = new StartGate(options.parallelStarts ?? availableParallelism());
    const codeCache = options.codeCache === false ? undefined : new CodeCache();
    const output = options.output ?? passThrough;
    for (const definition of options.functions) {
      this.definitions.set(definition.name, definition);
      const env = instanceEnv({
        envId: this.envId,
        emulatorUrl: options.emulatorUrl,
        functionName: definition.name,
        variables: options.variables,
      });
      const pool = new FunctionPool(
        {
          name: definition.name,
          limit: definition.config.concurrency,
          maxQueue: options.maxQueue ?? 100,
          idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
          scaleOut: options.scaleOut ?? 'per-call',
        },
        () =>
          new FunctionInstance(
            definition.entry,
            env,
            options.execArgv ?? [],
            codeCache,
            options.sdkBundles?.get(definition.name),
            (stream, text) => output({ function: definition.name, stream, text }),
          ),
        gate,
      );
      this.pools.set(definition.name, pool);
    }
  }

  functions(): FunctionDefinition[] {
    return [...this.definitions.values()];
  }

  definition(name: string): FunctionDefinition | undefined {
    return this.definitions.get(name);
  }

  /** Oldest first, at most `historySize`. */
  invocations(): InvocationRecord[] {
    return this.history.list();
  }

  stats(name: string): PoolStats | undefined {
    return this.pools.get(name)?.stats();
  }

  activeInvocation(token: string): ActiveInvocation | undefined {
    return this.active.get(token);
  }

  /**
   * Runs `main(event, context)` as `caller`. Resolves with its answer; rejects with a
   * `FunctionInvocationError` when the function is unknown, throws, times out, crashes or is throttled.
   */
  async invoke(name: string, event: unknown, caller: Caller, options: InvokeOptions = {}): Promise<InvokeResult> {
    if (this.closed) throw runnerClosed();
    const definition = this.definitions.get(name);
    const pool = this.pools.get(name);
    if (!definition || !pool) throw functionNotFound();

    // The platform hands `main` a JSON event; the round trip also keeps the worker message cloneable.
    const payload: unknown = JSON.parse(JSON.stringify(event ?? {}));
    const requestId = options.requestId ?? randomUUID();
    const token = randomUUID().replaceAll('-', '');
    const acceptedAt = new Date();
    const accepted = performance.now();
    let dispatched = accepted;
    let instance: FunctionInstance | undefined;
    let coldStart = false;
    let answer: string | undefined;
    let failure: { error: FunctionInvocationError; thrown?: ThrownValue } | undefined;

    this.active.set(token, { requestId, functionName: name, caller, openapi: definition.config.openapi });
    try {
      instance = await pool.acquire();
      dispatched = performance.now();
      coldStart = isColdStart(instance, accepted);
      const environ = invocationEnviron(caller, token);
      const context: ScfInvokeContext = {
        request_id: requestId,
        function_name: name,
        function_version: '$LATEST',
        namespace: this.envId,
        time_limit_in_ms: definition.config.timeoutSeconds * 1000,
        memory_limit_in_mb: MEMORY_LIMIT_MB,
        environ: environString(environ),
      };
      const outcome = await instance.call({ environ, event: payload, context }, definition.config.timeoutSeconds);
      if (outcome.ok) answer = outcome.json;
      else failure = { error: executeFailed(outcome.error.text), thrown: outcome.error };
    } catch (error) {
      if (!(error instanceof FunctionInvocationError)) throw error;
      failure = { error };
    } finally {
      this.active.delete(token);
      if (instance) pool.release(instance);
    }

    const result: unknown = answer === undefined ? undefined : JSON.parse(answer);
    const resultCode = resultCodeOf(result);
    const record: InvocationRecord = {
      requestId,
      function: name,
      openidHash: hashOpenid(caller.openid),
      source: caller.source,
      startedAt: acceptedAt.toISOString(),
      queuedMs: dispatched - accepted,
      durationMs: performance.now() - dispatched,
      coldStart,
      initMs: coldStart ? instance?.initMs : undefined,
      ok: failure === undefined,
      outcome: outcomeOf(failure === undefined, resultCode),
      resultCode,
      errorCode: failure?.error.code,
      errorMessage: failure?.error.errMsg,
      errorStack: failure?.thrown?.stack,
    };
    this.history.add(record);
    this.options.log?.(record);
    if (failure || answer === undefined) throw failure?.error ?? executeFailed('the function gave no answer');
    return { requestId, result, json: answer, durationMs: record.durationMs, coldStart };
  }

  /** Stops every instance; queued and running invocations reject. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }
}
