import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { executeFailed, type FunctionInvocationError, invocationTimedOut } from './invocation-errors';
import type { InvocationEnviron } from './invocation-env';
import type { CodeCache } from './code-cache';
import type { InvokeMessage, ScfInvokeContext, ThrownValue, WorkerData, WorkerMessage } from './worker-protocol';

const BOOTSTRAP = fileURLToPath(new URL('./worker-bootstrap.mjs', import.meta.url));

/** Loading a bundle has its own limit; the function's timeout covers `main` only, as on SCF. */
const INIT_TIMEOUT_MS = 30_000;

export interface InstanceCall {
  readonly environ: InvocationEnviron;
  readonly event: unknown;
  readonly context: ScfInvokeContext;
}

/** What `main` did: its JSON answer, or what it threw (as text). */
export type CallOutcome =
  { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: ThrownValue };

/** One line the function wrote to its console. */
export type OutputLine = (stream: 'stdout' | 'stderr', text: string) => void;

/** Calls `emit` with each whole line of `stream`, and the last one without a newline at its end. */
function forwardLines(stream: Readable, emit: (text: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) emit(line);
  });
  stream.on('end', () => {
    if (rest !== '') emit(rest);
  });
}

interface Pending {
  readonly id: number;
  readonly resolve: (outcome: CallOutcome) => void;
  readonly reject: (error: FunctionInvocationError) => void;
}

/**
 * One warm-able instance of a function: a Worker with its own `process.env`, running one
 * invocation at a time. A timeout or crash kills it; the pool then starts a fresh one.
 */
export class FunctionInstance {
  /** Worker start plus loading the bundle, once it is ready. */
  initMs: number | undefined;
  /** `performance.now()` when it became ready to run `main`. */
  readyAt: number | undefined;
  /** Module files it compiled from the shared code cache. */
  codeCacheHits = 0;
  calls = 0;
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private pending: Pending | undefined;
  private nextId = 0;
  private stopped = false;
  private crash: ThrownValue | undefined;
  private stopReason: FunctionInvocationError | undefined;

  constructor(
    entry: string,
    env: Record<string, string>,
    execArgv: readonly string[],
    codeCache: CodeCache | undefined,
    sdk: string | undefined,
    output: OutputLine,
  ) {
    const startedAt = performance.now();
    const workerData: WorkerData = {
      entry,
      ...(codeCache ? { codeCache: codeCache.entries() } : {}),
      ...(sdk ? { sdk } : {}),
    };
    this.worker = new Worker(BOOTSTRAP, { env, workerData, execArgv: [...execArgv], stdout: true, stderr: true });
    forwardLines(this.worker.stdout, (text) => output('stdout', text));
    forwardLines(this.worker.stderr, (text) => output('stderr', text));
    this.ready = new Promise<void>((resolve, reject) => {
      const initTimer = setTimeout(() => {
        reject(executeFailed(`loading the function took longer than ${INIT_TIMEOUT_MS / 1000} seconds`));
        void this.terminate();
      }, INIT_TIMEOUT_MS);
      const settle = () => clearTimeout(initTimer);
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          settle();
          this.readyAt = performance.now();
          this.initMs = this.readyAt - startedAt;
          this.codeCacheHits = message.codeCacheHits;
          codeCache?.add(message.codeCache);
          resolve();
        } else if (message.type === 'init-failed') {
          settle();
          this.crash = message.error;
          reject(executeFailed(message.error.text));
          void this.terminate();
        } else {
          this.settle(message.id, message.ok ? { ok: true, json: message.json } : { ok: false, error: message.error });
        }
      });
      this.worker.on('error', (error) => {
        this.crash = { text: String(error), stack: error.stack };
      });
      this.worker.on('exit', (code) => {
        settle();
        this.stopped = true;
        const failure =
          this.stopReason ?? executeFailed(this.crash?.text ?? `the function instance exited with code ${code}`);
        reject(failure);
        this.fail(failure);
      });
    });
    // A failed start is reported by the call that awaits `ready`; never as an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Resolves once the instance is ready to run `main`, or has failed to start (then `alive` is false). */
  started(): Promise<void> {
    return this.ready.catch(() => undefined);
  }

  /** False once the worker is stopping or gone: it must not be handed out again. */
  get alive(): boolean {
    return !this.stopped;
  }

  /** Runs `main` once. Past `timeoutSeconds` the worker is terminated and the call rejects. */
  async call(request: InstanceCall, timeoutSeconds: number): Promise<CallOutcome> {
    await this.ready;
    if (this.stopped) throw this.stopReason ?? executeFailed(this.crash?.text ?? 'the function instance has stopped');
    this.calls += 1;
    const id = this.nextId++;
    return new Promise<CallOutcome>((resolve, reject) => {
      const timer = setTimeout(() => this.terminate(invocationTimedOut(timeoutSeconds)), timeoutSeconds * 1000);
      this.pending = {
        id,
        resolve: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const message: InvokeMessage = { type: 'invoke', id, ...request };
      this.worker.postMessage(message);
    });
  }

  /** Stops the worker; a call in flight rejects with `reason`. */
  async terminate(reason?: FunctionInvocationError): Promise<void> {
    this.stopped = true;
    if (reason) {
      this.stopReason ??= reason;
      this.fail(reason);
    }
    await this.worker.terminate();
  }

  private settle(id: number, outcome: CallOutcome): void {
    const pending = this.pending;
    if (pending?.id !== id) return;
    this.pending = undefined;
    pending.resolve(outcome);
  }

  private fail(error: FunctionInvocationError): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
