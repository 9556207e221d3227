/**
 * The clock a function reads. Production reads the system clock. The local simulator may run the whole
 * system faster than real time by giving every function instance `SHANCHENG_CLOCK={"origin":<ms>,"scale":<n>}`:
 * from the real instant `origin` on, time advances `scale` times as fast. Nothing in production sets it.
 */
import { type Clock, systemClock } from '../../kernel/time';

export const CLOCK_ENV = 'SHANCHENG_CLOCK';

export function scaledClock(origin: number, scale: number, real: () => number = Date.now): Clock {
  return { now: () => Math.round(origin + (real() - origin) * scale) };
}

export function clockFromEnv(value: string | undefined = process.env[CLOCK_ENV]): Clock {
  if (!value) return systemClock;
  const spec = JSON.parse(value) as { origin?: unknown; scale?: unknown };
  if (typeof spec.origin !== 'number' || typeof spec.scale !== 'number' || spec.scale <= 0) {
    throw new Error(`${CLOCK_ENV} must be {"origin": <epoch ms>, "scale": <positive number>}`);
  }
  return scaledClock(spec.origin, spec.scale);
}
