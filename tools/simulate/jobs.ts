/**
 * The timed jobs on the simulated clock: each job is run by hand (`POST /_emulator/timers/<fn>/run`, as
 * ops do from the console) once per simulated minute, each on its own loop, a run never overlapping the
 * same job's previous one. The sale's jobs start with it; the fulfilment and after-sales jobs when the goods
 * start to leave (before, they would find nothing and only load the machine), the 团长's as their programme
 * needs them. A job the emulator does not
 * have (404) is skipped and reported missing.
 */
import { type EmulatorClient, readEnvelope } from './client';
import { sleep } from './clock';
import type { Telemetry } from './telemetry';

export const JOBS = [
  'expireGroups',
  'closeUnpaidOrders',
  'retryRefunds',
  'sendNotifications',
  'reportShipments',
  'processAfterSales',
  'completeOrders',
  'settleCommissions',
  'payoutWithdrawals',
] as const;
export type JobName = (typeof JOBS)[number];

/** The jobs the sale needs. */
export const SALE_JOBS: readonly JobName[] = ['expireGroups', 'closeUnpaidOrders', 'retryRefunds', 'sendNotifications'];
/** The jobs shipping and after-sales add. */
export const AFTER_SALE_JOBS: readonly JobName[] = ['reportShipments', 'processAfterSales', 'completeOrders'];
/** The 团长's: commissions repaired once the windows close, withdrawals paid once leaders ask for them. */
export const COMMISSION_JOBS: readonly JobName[] = ['settleCommissions'];
export const PAYOUT_JOBS: readonly JobName[] = ['payoutWithdrawals'];

export interface JobStats {
  readonly name: JobName;
  missing: boolean;
  runs: number;
  /** Runs that failed (timed out, threw, or answered `ok: false`). */
  failures: number;
  lastError?: string;
  /** Every number the job reported, summed over its runs (`scanned`, `changed`, `recovered`, ...). */
  readonly totals: Record<string, number>;
  /** `remaining` as of its last run. */
  remaining: number | null;
}

export class JobRunner {
  private readonly stats = new Map<JobName, JobStats>();
  private readonly loops: Promise<void>[] = [];
  private readonly started = new Set<JobName>();
  private stopping = false;
  private wake: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.wake = resolve));

  constructor(
    private readonly client: EmulatorClient,
    private readonly intervalMs: number,
    private readonly telemetry: Telemetry,
  ) {
    for (const name of JOBS)
      this.stats.set(name, { name, missing: false, runs: 0, failures: 0, totals: {}, remaining: null });
  }

  /** Starts these jobs' loops (those not started yet); resolves once each has run (or been found missing) once. */
  async start(names: readonly JobName[] = JOBS): Promise<void> {
    const firstRuns: Promise<void>[] = [];
    for (const name of names) {
      if (this.started.has(name)) continue;
      this.started.add(name);
      let ranOnce: () => void = () => undefined;
      firstRuns.push(new Promise<void>((resolve) => (ranOnce = resolve)));
      this.loops.push(this.loop(name, ranOnce));
    }
    await Promise.all(firstRuns);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all(this.loops);
  }

  /**
   * Runs a job once now, beside its loop (a job is safe twice at once), as ops do from the console when a
   * deadline has just passed; its figures count with the loop's.
   */
  async runNow(name: JobName): Promise<void> {
    const stats = this.stats.get(name);
    if (stats && !stats.missing) await this.runOnce(stats);
  }

  /** Whether the job runs: started, and found in the emulator. */
  has(name: JobName): boolean {
    return this.started.has(name) && !(this.stats.get(name)?.missing ?? true);
  }

  /** The figures of every job started. */
  report(): JobStats[] {
    return JOBS.flatMap((name) => (this.started.has(name) ? (this.stats.get(name) ?? []) : []));
  }

  private async loop(name: JobName, ranOnce: () => void): Promise<void> {
    const stats = this.stats.get(name);
    if (!stats) return;
    while (!this.stopping) {
      const started = performance.now();
      await this.runOnce(stats);
      ranOnce();
      if (stats.missing) return;
      await Promise.race([sleep(this.intervalMs - (performance.now() - started)), this.stopped]);
    }
  }

  private async runOnce(stats: JobStats): Promise<void> {
    const reply = await this.client.runTimer(stats.name);
    if (reply.status === 404) {
      stats.missing = true;
      return;
    }
    this.telemetry.recordCall(stats.name, reply.ms);
    stats.runs++;
    const outcome = reply.status === 200 ? readEnvelope<Record<string, unknown>>(200, reply.body.result) : undefined;
    if (!outcome?.ok) {
      stats.failures++;
      stats.lastError = outcome ? outcome.code : `HTTP ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
      return;
    }
    for (const [key, value] of Object.entries(outcome.data)) {
      if (typeof value !== 'number') continue;
      if (key === 'remaining') stats.remaining = value;
      else stats.totals[key] = (stats.totals[key] ?? 0) + value;
    }
  }
}
