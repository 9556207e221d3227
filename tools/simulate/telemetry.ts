/**
 * What the run measured about the functions. Through the gateway (any emulator): the round trip of every
 * call the simulator made. In-process only: the runner's record of every invocation (duration, queueing,
 * cold start), and every `/admin` database request attributed to the invocation that made it, by the
 * per-invocation API token the SDK sends in each request body (`wxCloudApiToken`), so the attribution is
 * exact under any concurrency.
 */
import type { InvocationRecord } from '../../emulator/src/functions';
import { percentile } from '../../emulator/src/http/stats';

interface Invocation {
  readonly durationMs: number;
  readonly queuedMs: number;
  readonly coldStart: boolean;
  readonly initMs: number | undefined;
  readonly ok: boolean;
}

export interface FunctionRow {
  readonly function: string;
  /** Calls the simulator made through the gateway (shopper calls and job runs) and their round trip. */
  readonly calls: number;
  readonly callP50Ms: number | null;
  readonly callP99Ms: number | null;
  /** In-process only: invocations the runner recorded (callbacks included) and their duration. */
  readonly invocations: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly queueP99Ms: number | null;
  readonly failed: number | null;
  readonly coldStarts: number | null;
  readonly initP50Ms: number | null;
  readonly dbRequests: number | null;
  readonly dbPerInvocation: number | null;
}

export interface DatabaseSummary {
  /** `database.*` requests made by functions during the run. */
  readonly requests: number | null;
  readonly perInvocation: number | null;
  readonly method: string;
}

/** In-process only: the instances started before the sale, so the opening rush does not pay for cold starts. */
export interface WarmUpSummary {
  readonly instances: number;
  readonly initP50Ms: number | null;
  readonly wallSeconds: number;
}

export interface TelemetrySummary {
  readonly functions: readonly FunctionRow[];
  readonly database: DatabaseSummary;
  readonly warmUp: WarmUpSummary | null;
}

const round = (x: number | null | undefined, digits = 1): number | null =>
  x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(digits));

const pct = (values: readonly number[], p: number): number | null =>
  values.length === 0
    ? null
    : percentile(
        [...values].sort((a, b) => a - b),
        p,
      );

export class Telemetry {
  private readonly calls = new Map<string, number[]>();
  private readonly invocations = new Map<string, Invocation[]>();
  private readonly dbByFunction = new Map<string, number>();
  private dbTotal = 0;
  private inProcess = false;
  private warming = false;
  private readonly warmUpRuns: Invocation[] = [];
  private warmUpMs = 0;

  /** Runs `task` with everything it causes kept out of the run's figures (counted as warm-up instead). */
  async warmUp<T>(task: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.warming = true;
    try {
      return await task();
    } finally {
      this.warming = false;
      this.warmUpMs += performance.now() - started;
    }
  }

  recordCall(fn: string, ms: number): void {
    if (!this.warming) this.push(this.calls, fn, ms);
  }

  recordInvocation(record: InvocationRecord): void {
    this.inProcess = true;
    const { durationMs, queuedMs, coldStart, initMs, ok } = record;
    const run = { durationMs, queuedMs, coldStart, initMs, ok };
    if (this.warming) this.warmUpRuns.push(run);
    else this.push(this.invocations, record.function, run);
  }

  /** One `/admin` database request by `fn` (undefined: not made by a function, e.g. the simulator's reads). */
  recordDbRequest(fn: string | undefined): void {
    if (fn === undefined || this.warming) return;
    this.dbTotal++;
    this.dbByFunction.set(fn, (this.dbByFunction.get(fn) ?? 0) + 1);
  }

  /**
   * @param remoteDbRequests for a remote emulator: database requests it counted during the run, minus the
   *        simulator's own (from `/_emulator/stats`); ignored in-process, where each request is attributed.
   */
  summary(remoteDbRequests?: number): TelemetrySummary {
    const names = [...new Set([...this.calls.keys(), ...this.invocations.keys()])].sort();
    const functions = names.map((name): FunctionRow => {
      const calls = this.calls.get(name) ?? [];
      const runs = this.inProcess ? (this.invocations.get(name) ?? []) : null;
      const trips = this.inProcess ? (this.dbByFunction.get(name) ?? 0) : null;
      const cold = runs?.filter((r) => r.coldStart) ?? null;
      return {
        function: name,
        calls: calls.length,
        callP50Ms: round(pct(calls, 50)),
        callP99Ms: round(pct(calls, 99)),
        invocations: runs?.length ?? null,
        p50Ms: runs
          ? round(
              pct(
                runs.map((r) => r.durationMs),
                50,
              ),
            )
          : null,
        p99Ms: runs
          ? round(
              pct(
                runs.map((r) => r.durationMs),
                99,
              ),
            )
          : null,
        queueP99Ms: runs
          ? round(
              pct(
                runs.map((r) => r.queuedMs),
                99,
              ),
            )
          : null,
        failed: runs ? runs.filter((r) => !r.ok).length : null,
        coldStarts: cold?.length ?? null,
        initP50Ms: cold
          ? round(
              pct(
                cold.flatMap((r) => (r.initMs === undefined ? [] : [r.initMs])),
                50,
              ),
            )
          : null,
        dbRequests: trips,
        dbPerInvocation: runs && trips !== null && runs.length > 0 ? round(trips / runs.length, 2) : null,
      };
    });
    const cold = this.warmUpRuns.filter((r) => r.coldStart);
    const warmUp = this.inProcess
      ? {
          instances: cold.length,
          initP50Ms: round(
            pct(
              cold.flatMap((r) => (r.initMs === undefined ? [] : [r.initMs])),
              50,
            ),
          ),
          wallSeconds: round(this.warmUpMs / 1000) ?? 0,
        }
      : null;
    return { functions, database: this.database(functions, remoteDbRequests), warmUp };
  }

  private database(functions: readonly FunctionRow[], remote: number | undefined): DatabaseSummary {
    if (this.inProcess) {
      const invocations = functions.reduce((sum, f) => sum + (f.invocations ?? 0), 0);
      return {
        requests: this.dbTotal,
        perInvocation: invocations > 0 ? round(this.dbTotal / invocations, 2) : null,
        method:
          'exact: each /admin database request is attributed to the invocation whose API token it carries; ' +
          'per function = its requests / its invocations (callbacks and jobs included)',
      };
    }
    const calls = functions.reduce((sum, f) => sum + f.calls, 0);
    return {
      requests: remote ?? null,
      perInvocation: remote !== undefined && calls > 0 ? round(remote / calls, 2) : null,
      method:
        'approximate: database requests the emulator counted during the run (/_emulator/stats) minus the ' +
        "simulator's own, divided by the calls the simulator made; payment and refund callbacks are invisible " +
        'remotely, so their requests inflate this ratio; not attributable per function',
    };
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }
}
