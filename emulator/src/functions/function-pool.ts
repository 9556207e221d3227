import { concurrencyExceeded, runnerClosed } from './invocation-errors';
import type { FunctionInstance } from './function-instance';

export interface PoolStats {
  /** Instances handed out to invocations. */
  readonly running: number;
  readonly idle: number;
  readonly queued: number;
}

export interface PoolOptions {
  readonly name: string;
  /** Instances that may run at once (the function's `concurrency`). */
  readonly limit: number;
  /** Invocations that may wait for an instance; past it they fail as throttled. */
  readonly maxQueue: number;
  /** A warm instance unused this long is stopped. */
  readonly idleTimeoutMs: number;
}

interface Waiter {
  readonly resolve: (instance: FunctionInstance) => void;
  readonly reject: (error: Error) => void;
}

/** The instances of one function: warm ones are reused (most recent first), at most `limit` run at once. */
export class FunctionPool {
  private readonly idle: FunctionInstance[] = [];
  private readonly idleTimers = new Map<FunctionInstance, NodeJS.Timeout>();
  private readonly all = new Set<FunctionInstance>();
  private readonly waiting: Waiter[] = [];
  private running = 0;
  private closed = false;

  constructor(
    private readonly options: PoolOptions,
    private readonly spawn: () => FunctionInstance,
  ) {}

  /** A warm instance, a new one under the limit, or a place in the queue. */
  acquire(): Promise<FunctionInstance> {
    if (this.closed) return Promise.reject(runnerClosed());
    const warm = this.takeIdle();
    if (warm) {
      this.running += 1;
      return Promise.resolve(warm);
    }
    if (this.running < this.options.limit) {
      this.running += 1;
      return Promise.resolve(this.start());
    }
    if (this.waiting.length >= this.options.maxQueue) {
      return Promise.reject(concurrencyExceeded(this.options.name, this.options.limit, this.waiting.length));
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Gives an instance back after an invocation; a dead one is replaced for the next waiter. */
  release(instance: FunctionInstance): void {
    if (this.closed) {
      this.running -= 1;
      void instance.terminate();
      return;
    }
    if (!instance.alive) this.all.delete(instance);
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter.resolve(instance.alive ? instance : this.start());
      return;
    }
    this.running -= 1;
    if (instance.alive) this.park(instance);
  }

  stats(): PoolStats {
    return { running: this.running, idle: this.idle.length, queued: this.waiting.length };
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

  private start(): FunctionInstance {
    const instance = this.spawn();
    this.all.add(instance);
    return instance;
  }

  private takeIdle(): FunctionInstance | undefined {
    for (let instance = this.idle.pop(); instance; instance = this.idle.pop()) {
      clearTimeout(this.idleTimers.get(instance));
      this.idleTimers.delete(instance);
      if (instance.alive) return instance;
      this.all.delete(instance);
    }
    return undefined;
  }

  private park(instance: FunctionInstance): void {
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
