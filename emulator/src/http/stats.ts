const MAX_SAMPLES = 200_000;

export interface ActionStats {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** The p-th percentile of ascending samples (nearest rank). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Time spent inside the emulator per action (request parsed to response ready), for benchmarks and the console. */
export class ActionTimings {
  private readonly samples = new Map<string, number[]>();

  record(action: string, ms: number): void {
    let list = this.samples.get(action);
    if (!list) this.samples.set(action, (list = []));
    if (list.length < MAX_SAMPLES) list.push(ms);
  }

  clear(): void {
    this.samples.clear();
  }

  summary(): Record<string, ActionStats> {
    const out: Record<string, ActionStats> = {};
    for (const [action, list] of this.samples) {
      const sorted = [...list].sort((a, b) => a - b);
      out[action] = {
        count: sorted.length,
        meanMs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        maxMs: sorted[sorted.length - 1] ?? 0,
      };
    }
    return out;
  }
}
