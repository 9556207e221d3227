import { describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/time';
import { clockFromEnv, scaledClock } from './clock';

describe('clock', () => {
  it('is the system clock unless the simulator sets one', () => {
    expect(clockFromEnv(undefined)).toBe(systemClock);
  });

  it('runs scale times as fast from its origin', () => {
    let real = 1_000_000;
    const clock = scaledClock(1_000_000, 60, () => real);
    real += 1_000;
    expect(clock.now()).toBe(1_060_000);
  });

  it('refuses a malformed setting', () => {
    expect(() => clockFromEnv('{"origin":1}')).toThrow('SHANCHENG_CLOCK');
    expect(() => clockFromEnv('{"origin":1,"scale":0}')).toThrow('SHANCHENG_CLOCK');
  });
});
