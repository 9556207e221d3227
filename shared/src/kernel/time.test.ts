import { describe, expect, it } from 'vitest';
import {
  addHours,
  addMinutes,
  earliest,
  endOfBusinessDay,
  formatBusinessTime,
  ManualClock,
  parseBusinessTime,
  startOfBusinessDay,
} from './time';

describe('time (Asia/Shanghai business calendar)', () => {
  it('reads wall-clock times in Shanghai, whatever the runtime zone', () => {
    expect(parseBusinessTime('2026-11-26 00:30')).toBe(Date.UTC(2026, 10, 25, 16, 30));
    expect(formatBusinessTime(Date.UTC(2026, 10, 25, 16, 30), 'YYYY-MM-DD HH:mm')).toBe('2026-11-26 00:30');
    expect(() => parseBusinessTime('not a time')).toThrow(RangeError);
  });

  it('ends and starts the business day at Shanghai midnight', () => {
    const justAfterMidnight = Date.UTC(2026, 10, 25, 16, 30); // 00:30 on the 26th in Shanghai
    expect(startOfBusinessDay(justAfterMidnight)).toBe(Date.UTC(2026, 10, 25, 16, 0));
    expect(endOfBusinessDay(justAfterMidnight)).toBe(Date.UTC(2026, 10, 26, 15, 59, 59, 999));
  });

  it('computes deadlines as the earliest of several instants', () => {
    const opened = parseBusinessTime('2026-11-25 20:00');
    const activityEnd = parseBusinessTime('2026-11-26 12:00');
    expect(earliest(addHours(opened, 24), activityEnd)).toBe(activityEnd);
    expect(earliest(addHours(opened, 2), activityEnd)).toBe(parseBusinessTime('2026-11-25 22:00'));
    expect(addMinutes(opened, 15)).toBe(parseBusinessTime('2026-11-25 20:15'));
  });

  it('has a manual clock for tests', () => {
    const clock = new ManualClock(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
    clock.set(42);
    expect(clock.now()).toBe(42);
  });
});
