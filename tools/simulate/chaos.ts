/**
 * CloudPay misbehaving, in turns of simulated time (`POST /_emulator/faults`):
 * - storm: every notification delivered 3 times with random delays (so they arrive reordered), and the
 *   first delivery of each lands on an instance that dies after storing its effect (the answer is lost);
 * - calm: one duplicate, small delays;
 * - outage: every delivery attempt lands on an instance that dies before the handler runs. In-process, a
 *   payment made in the first half of an outage is lost for good (all its attempts fall inside it, see
 *   `local.ts`); one made later, or against a remote emulator with its own retry schedule, arrives after the
 *   outage, usually past the payment window. Either way `closeUnpaidOrders` must find it paid.
 * Refund requests fail at the configured rate throughout. WeChat's 发货信息管理 answers `-1 system error` now
 * and then: in a storm after keeping the upload (the answer lost: the retry must read as already held),
 * otherwise before (nothing kept: the retry must upload it).
 */
import type { FaultsInput } from '../../emulator/src/sandbox/faults';
import type { EmulatorClient } from './client';
import { MINUTE_MS, type SimClock } from './clock';

export type Weather = 'storm' | 'calm' | 'outage';

/** The turns, each this many simulated minutes, repeated. */
export const FORECAST: readonly (readonly [Weather, number])[] = [
  ['storm', 10],
  ['calm', 10],
  ['storm', 10],
  ['outage', 10],
];

/** Crash-before deliveries in an outage; keep above the in-process retry cap (see `local.ts`). */
export const OUTAGE_CRASHES = 10;

export function faultsFor(weather: Weather, refundFailureRate: number, seed: number): FaultsInput {
  const common = { refundFailureRate, seed };
  switch (weather) {
    case 'storm':
      return {
        ...common,
        duplicateCallbacks: 2,
        callbackDelayMs: [0, 400],
        crashDeliveries: 1,
        crashMode: 'after',
        shippingInfoFailureRate: 0.2,
        shippingInfoFailureMode: 'after',
      };
    case 'calm':
      return { ...common, duplicateCallbacks: 1, callbackDelayMs: [0, 50], shippingInfoFailureRate: 0.05 };
    case 'outage':
      // No duplicates: copies share the crash count, so a copy would slip through.
      return { ...common, crashDeliveries: OUTAGE_CRASHES, crashMode: 'before', shippingInfoFailureRate: 0.5 };
  }
}

export interface WeatherTurn {
  readonly atMinute: number;
  readonly weather: Weather;
}

export class FaultSchedule {
  readonly timeline: WeatherTurn[] = [];
  private running: Promise<void> = Promise.resolve();
  private stopping = false;
  private wake: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.wake = resolve));

  constructor(
    private readonly client: EmulatorClient,
    private readonly clock: SimClock,
    private readonly refundFailureRate: number,
    private readonly seed: number,
  ) {}

  /** Sets the first turn's weather, then changes it in the background until `stop()`. */
  async start(): Promise<void> {
    const opening = this.clock.now();
    await this.set(0, opening);
    this.running = (async () => {
      let at = opening;
      for (let turn = 1; ; turn++) {
        at += (FORECAST[(turn - 1) % FORECAST.length]?.[1] ?? 10) * MINUTE_MS;
        await Promise.race([this.clock.until(at), this.stopped]);
        if (this.stopping) return;
        await this.set(turn, opening);
      }
    })();
  }

  /** Ends the turns and leaves calm weather (refund failures included) for the rest of the run. */
  async stop(): Promise<void> {
    await this.halt();
    await this.apply('calm', this.timeline.length);
  }

  /** Ends the turns, leaving the weather as it is. */
  async halt(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
  }

  private async set(turn: number, opening: number): Promise<void> {
    const weather = FORECAST[turn % FORECAST.length]?.[0] ?? 'calm';
    await this.apply(weather, turn);
    this.timeline.push({ atMinute: Math.round((this.clock.now() - opening) / MINUTE_MS), weather });
  }

  private async apply(weather: Weather, turn: number): Promise<void> {
    await this.client.setFaults(faultsFor(weather, this.refundFailureRate, this.seed * 1000 + turn));
  }
}
