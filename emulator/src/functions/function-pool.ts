import { concurrencyExceeded, type FunctionInvocationError, runnerClosed } from './invocation-errors';
import type { StartGate } from './start-gate';

/** What the pool needs of an instance (`FunctionInstance`; tests use stand-ins). */
export interface PooledInstance {
  /** False once it is stopping, stopped, or failed to start. */
  readonly alive: boolean;
  /** Resolves once it is ready, or has failed to start; never rejects. */
  started(): Promise<void>;
  terminate(reason?: FunctionInvocationError): Promise<void>;
}

export interface PoolStats {
  /** Instances running an invocation or starting for a waiting one. */
  readonly running: number;
  readonly idle: number;
  /** Invocations waiting with no instance running or starting for them. */
  readonly queued: number;
  /**
   * Invocations not yet answered: running, or waiting for an instance. An instance started for a waiter that another
   * instance served meanwhile is counted in `running` until it is up, but holds no invocation.
   */
  readonly pending: number;
}

export interface PoolOptions {
  readonly name: string;
  /** Instances that may exist at once, started or starting (the function's `concurrency`). */
  readonly limit: number;
  /** Invocations that may wait beyond `limit`; past it they fail as throttled. */
  readonly maxQueue: number;
  /** A warm instance unused this long is stopped. */
  readonly idleTimeoutMs: number;
  /**
   * `per-call` (the platform's way): every invocation that finds no warm instance asks for one, and it starts even
   * if another instance served that invocation meanwhile, so a burst leaves as many warm instances as it asked for.
   * `on-demand`: an instance starts only while an invocation waits that no starting instance will serve, so a burst
   * starts only what it needs to be served (tests, which run each burst once, save the other starts' CPU).
   */
  readonly scaleOut?: 'per-call' | 'on-demand';
}

interface Waiter<I> {
  readonly resolve: (instance: I) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The instances of one function. An invocation takes a warm instance (most recent first) or waits in one FIFO
 * queue. As on the platform, an invocation that finds no warm instance asks for a new one, up to `limit`
 * instances; but it is not bound to it: whichever instance frees up or finishes starting first takes the oldest
 * waiter. Starts go through the runner-wide gate (as many at once as cores: starting is CPU-bound, and twenty at
 * once on two cores all finish late, together), so a burst is served by the first instances while the others
 * start, and the instances it asked for are all there, warm, for the next one. Each instance's first invocation is
 * its cold start; an instance that fails to start is handed to a waiter all the same, whose call then fails with
 * the start's error, as that invocation's cold start.
 */
export class FunctionPool<I extends PooledInstance> {
  private readonly idle: I[] = [];
  private readonly idleTimers = new Map<I, NodeJS.Timeout>();
  private readonly all = new Set<I>();
  private readonly waiting: Waiter<I>[] = [];
  /** Instances handed out to invocations. */
  private busy = 0;
  /** Instances starting (a gate slot held each). */
  private starting = 0;
  /** Instances asked for and not started yet (waiting for a gate slot). */
  private owed = 0;
  /** A gate slot was asked for and not granted yet. */
  private askedGate = false;
  private closed = false;

  constructor(
    private readonly options: PoolOptions,
    private readonly spawn: () => I,
    private readonly gate: StartGate,
  ) {}

  /** A warm instance, or a place in the queue (which may start an instance). */
  acquire(): Promise<I> {
    if (this.closed) return Promise.reject(runnerClosed());
    const warm = this.takeIdle();
    if (warm) {
      this.busy += 1;
      return Promise.resolve(warm);
    }
    if (this.busy + this.waiting.length >= this.options.limit + this.options.maxQueue) {
      const queued = Math.max(0, this.waiting.length - this.starting);
      return Promise.reject(concurrencyExceeded(this.options.name, this.options.limit, queued));
    }
    const waiting = new Promise<I>((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (this.all.size + this.owed < this.options.limit) this.owed += 1;
    this.scaleOut();
    return waiting;
  }

  /** Gives an instance back after an invocation: to the oldest waiter, else warm and idle. */
  release(instance: I): void {
    this.busy -= 1;
    if (this.closed) {
      void instance.terminate();
      return;
    }
    if (instance.alive) {
      this.handOver(instance);
    } else {
      this.all.delete(instance);
      this.replaceForWaiters();
    }
  }

  stats(): PoolStats {
    return {
      running: this.busy + this.starting,
      idle: this.idle.length,
      queued: Math.max(0, this.waiting.length - this.starting),
      pending: this.busy + this.waiting.length,
    };
  }

  /** Rejects the queue and stops every instance (a call in flight rejects with `runnerClosed`). */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(runnerClosed());
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    this.idle.length = 0;
    const instances = [...this.all];
    this.all.clear();
    await Promise.all(instances.map((instance) => instance.terminate(runnerClosed())));
  }

  /** An instance is gone: start another if invocations wait that no coming instance covers. */
  private replaceForWaiters(): void {
    const uncovered = this.waiting.length > this.starting + this.owed;
    if (uncovered && this.all.size + this.owed < this.options.limit) this.owed += 1;
    this.scaleOut();
  }

  /** Starts the instances owed, one gate slot each. */
  private scaleOut(): void {
    if (this.closed || this.askedGate || this.owed === 0) return;
    this.askedGate = true;
    this.gate.acquire(() => {
      this.askedGate = false;
      if (this.options.scaleOut === 'on-demand' && this.waiting.length <= this.starting) this.owed = 0;
      if (this.closed || this.owed === 0) return false;
      this.owed -= 1;
      this.start();
      this.scaleOut();
      return true;
    });
  }

  private start(): void {
    this.starting += 1;
    const instance = this.spawn();
    this.all.add(instance);
    void instance.started().then(() => {
      this.starting -= 1;
      if (!this.closed) this.placeStarted(instance);
      // Only now, with the waiter served, may this pool (or another) take the slot for its next start.
      this.gate.release();
      this.scaleOut();
    });
  }

  /** A started instance serves the oldest waiter; a failed one answers one waiter (its call fails with the error). */
  private placeStarted(instance: I): void {
    if (instance.alive) {
      this.handOver(instance);
      return;
    }
    this.all.delete(instance);
    const waiter = this.waiting.shift();
    if (waiter) {
      this.busy += 1;
      waiter.resolve(instance);
    } else {
      this.replaceForWaiters();
    }
  }

  private handOver(instance: I): void {
    const waiter = this.waiting.shift();
    if (waiter) {
      this.busy += 1;
      waiter.resolve(instance);
    } else {
      this.park(instance);
    }
  }

  private takeIdle(): I | undefined {
    for (let instance = this.idle.pop(); instance; instance = this.idle.pop()) {
      clearTimeout(this.idleTimers.get(instance));
      this.idleTimers.delete(instance);
      if (instance.alive) return instance;
      this.all.delete(instance);
    }
    return undefined;
  }

  private park(instance: I): void {
    this.idle.push(instance);
    const timer = setTimeout(() => {
      this.idleTimers.delete(instance);
      const index = this.idle.indexOf(instance);
      if (index >= 0) this.idle.splice(index, 1);
      this.all.delete(instance);
      void instance.terminate();
    }, this.options.idleTimeoutMs);
    timer.unref();
    this.idleTimers.set(instance, timer);
  }
}
