/** At most `limit` tasks at once; the rest wait their turn in order. */
export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency must be a positive integer, not ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line, so a newcomer can never slip in between.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Remembers tasks started in the background, so a phase can wait for all of them; failures are kept. */
export class Tracker {
  private readonly pending = new Set<Promise<void>>();
  readonly failures: unknown[] = [];

  track(task: Promise<unknown>): void {
    const settled = task.then(
      () => undefined,
      (error: unknown) => {
        this.failures.push(error);
      },
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
