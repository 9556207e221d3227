/**
 * Delivers CloudPay notifications to the callback function the way WeChat does: again and again with a
 * growing delay until the function answers `{ errcode: 0 }`, then stops. Faults (duplicates, delays,
 * crashing instances) are applied here so every callback path sees them. The 商家转账 sandbox delivers its
 * notifications over HTTP with it too (its invoker answers `{ errcode: 0 }` for an HTTP 2xx).
 */
import type { Faults } from './faults';

/** Runs a function as the payment platform (SOURCE=wx_paycallback) and resolves to its return value. */
export type CallbackInvoker = (functionName: string, event: Record<string, unknown>) => Promise<unknown>;

/** The faults a delivery obeys: CloudPay's, and the same fields of the 商家转账 sandbox's. */
export type DeliveryFaults = Pick<Faults, 'duplicateCallbacks' | 'callbackDelayMs' | 'crashDeliveries' | 'crashMode'>;

export interface DeliveryRecord {
  readonly kind: 'payment' | 'refund' | 'transfer';
  readonly key: string;
  readonly functionName: string;
  readonly attempt: number;
  readonly outcome: 'acknowledged' | 'rejected' | 'failed' | 'crashed';
  readonly at: number;
  readonly detail?: string;
}

export interface DeliveryOptions {
  /** Delay before each retry; the last value repeats. WeChat uses 15s, 15s, 30s, 3m, 10m, ... */
  readonly retryDelaysMs: readonly number[];
  /** Give up after this many attempts (WeChat keeps trying for about a day). */
  readonly maxAttempts: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  retryDelaysMs: [200, 400, 800, 1_600, 3_200, 5_000],
  maxAttempts: 20,
};

const isAcknowledged = (answer: unknown) =>
  typeof answer === 'object' && answer !== null && (answer as { errcode?: unknown }).errcode === 0;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

export class CallbackDelivery {
  private readonly records: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly crashCounts = new Map<string, number>();
  private stopped = false;
  /** Bumped by `cancel`: deliveries started before it stop retrying. */
  private generation = 0;

  constructor(
    private readonly invoke: CallbackInvoker,
    private readonly faults: () => DeliveryFaults,
    private readonly random: () => number,
    private readonly options: DeliveryOptions = DEFAULT_DELIVERY,
    /** Told once per notification the function acknowledged (`{ errcode: 0 }`). */
    private readonly onAcknowledged: (kind: DeliveryRecord['kind'], key: string) => void = () => undefined,
  ) {}

  /** Starts delivering (plus any injected duplicates) and returns at once. */
  send(kind: DeliveryRecord['kind'], key: string, functionName: string, event: Record<string, unknown>): void {
    const copies = 1 + this.faults().duplicateCallbacks;
    for (let i = 0; i < copies; i++) this.track(this.deliverUntilAcknowledged(kind, key, functionName, event));
  }

  history(): readonly DeliveryRecord[] {
    return this.records;
  }

  /** Resolves when every delivery started so far has been acknowledged or abandoned. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** True when no delivery is under way. */
  idle(): boolean {
    return this.inFlight.size === 0;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Gives up the deliveries under way (the ledger they were for is gone); later ones go out as usual. */
  cancel(): void {
    this.generation += 1;
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliverUntilAcknowledged(
    kind: DeliveryRecord['kind'],
    key: string,
    functionName: string,
    event: Record<string, unknown>,
  ): Promise<void> {
    const generation = this.generation;
    const live = () => !this.stopped && generation === this.generation;
    for (let attempt = 1; attempt <= this.options.maxAttempts && live(); attempt++) {
      const [min, max] = this.faults().callbackDelayMs;
      if (max > 0) await sleep(min + Math.floor(this.random() * (max - min + 1)));
      if (!live()) return;
      const outcome = await this.attempt(kind, key, functionName, event, attempt);
      if (outcome === 'acknowledged') {
        if (generation === this.generation) this.onAcknowledged(kind, key);
        return;
      }
      const delays = this.options.retryDelaysMs;
      await sleep(delays[Math.min(attempt - 1, delays.length - 1)] ?? 1_000);
    }
  }

  private async attempt(
    kind: DeliveryRecord['kind'],
    key: string,
    functionName: string,
    event: Record<string, unknown>,
    attempt: number,
  ): Promise<DeliveryRecord['outcome']> {
    const record = (outcome: DeliveryRecord['outcome'], detail?: string) => {
      this.records.push({ kind, key, functionName, attempt, outcome, at: Date.now(), ...(detail ? { detail } : {}) });
      return outcome;
    };
    const faults = this.faults();
    const crashKey = `${kind}:${key}`;
    const crashed = this.crashCounts.get(crashKey) ?? 0;
    const crashThisOne = crashed < faults.crashDeliveries;
    if (crashThisOne) this.crashCounts.set(crashKey, crashed + 1);
    if (crashThisOne && faults.crashMode === 'before')
      return record('crashed', 'instance crashed before the handler ran');
    try {
      const answer = await this.invoke(functionName, event);
      if (crashThisOne) return record('crashed', 'instance crashed after the handler ran; its answer was lost');
      return record(isAcknowledged(answer) ? 'acknowledged' : 'rejected', JSON.stringify(answer));
    } catch (error) {
      return record('failed', error instanceof Error ? error.message : String(error));
    }
  }
}
