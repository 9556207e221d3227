/**
 * Simulated time: the same clock every function instance runs on (`SHANCHENG_CLOCK`), `scale` times
 * faster than real time from the real instant `origin`. The simulator plans in simulated time and
 * waits in real time.
 */
import { type Clock, MINUTE_MS } from '../../shared/src/kernel/time';
import { CLOCK_ENV, scaledClock } from '../../shared/src/server/runtime/clock';

export { CLOCK_ENV, MINUTE_MS };
export const HOUR_MS = 60 * MINUTE_MS;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class SimClock implements Clock {
  private readonly clock: Clock;

  constructor(
    readonly origin: number,
    readonly scale: number,
  ) {
    this.clock = scaledClock(origin, scale);
  }

  /** Simulated now, epoch ms: what a function reads from `ctx.clock`. */
  now(): number {
    return this.clock.now();
  }

  /** Real milliseconds that `simMs` of simulated time take. */
  realMs(simMs: number): number {
    return simMs / this.scale;
  }

  /** Resolves once simulated time has reached `at`. */
  until(at: number): Promise<void> {
    return sleep(this.realMs(at - this.now()));
  }

  /** The value of `SHANCHENG_CLOCK` that gives a function instance this clock. */
  env(): Record<string, string> {
    return { [CLOCK_ENV]: JSON.stringify({ origin: this.origin, scale: this.scale }) };
  }
}
