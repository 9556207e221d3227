import { describe, expect, it } from 'vitest';
import { CronError, CronSchedule, timerTime } from './cron';

/** `at('2026-11-25 12:00:30')` is that wall-clock time in Asia/Shanghai (UTC+8, no DST). */
const at = (shanghai: string) => new Date(`${shanghai.replace(' ', 'T')}+08:00`);
const nextAfter = (expression: string, shanghai: string) => new CronSchedule(expression).next(at(shanghai));

describe('CronSchedule (7-field CloudBase timers, Asia/Shanghai)', () => {
  it('reads every minute, every five minutes and a daily 02:00', () => {
    expect(nextAfter('0 * * * * * *', '2026-11-25 12:00:30')).toEqual(at('2026-11-25 12:01:00'));
    expect(nextAfter('0 */5 * * * * *', '2026-11-25 12:03:10')).toEqual(at('2026-11-25 12:05:00'));
    expect(nextAfter('0 */5 * * * * *', '2026-11-25 12:05:00')).toEqual(at('2026-11-25 12:10:00'));
    expect(nextAfter('*/1 * * * * * *', '2026-11-25 12:00:00')).toEqual(at('2026-11-25 12:00:01'));
  });

  it('fires 02:00 in Shanghai, which is 18:00 UTC the day before', () => {
    const next = nextAfter('0 0 2 * * * *', '2026-11-25 03:00:00');
    expect(next?.toISOString()).toBe('2026-11-25T18:00:00.000Z');
    expect(timerTime(next as Date)).toBe('2026-11-25T18:00:00Z');
    expect(new CronSchedule('0 0 2 * * * *').nextTimes(3, at('2026-11-25 01:59:59')).map(timerTime)).toEqual([
      '2026-11-24T18:00:00Z',
      '2026-11-25T18:00:00Z',
      '2026-11-26T18:00:00Z',
    ]);
  });

  it('honours the year field', () => {
    expect(nextAfter('0 0 2 * * * 2026', '2026-12-30 12:00:00')).toEqual(at('2026-12-31 02:00:00'));
    expect(nextAfter('0 0 2 * * * 2026', '2026-12-31 03:00:00')).toBeNull();
    expect(nextAfter('0 0 0 1 1 * 2027', '2026-06-01 00:00:00')).toEqual(at('2027-01-01 00:00:00'));
    expect(nextAfter('0 0 0 1 1 * 2027,2029', '2027-01-01 00:00:00')).toEqual(at('2029-01-01 00:00:00'));
  });

  it('reads weekdays as names or 0-6 with 0 = Sunday', () => {
    // 2026-11-28 is a Saturday.
    expect(nextAfter('0 30 9 * * MON-FRI *', '2026-11-28 10:00:00')).toEqual(at('2026-11-30 09:30:00'));
    expect(nextAfter('0 0 8 * * 0 *', '2026-11-28 10:00:00')).toEqual(at('2026-11-29 08:00:00'));
    expect(nextAfter('0 0 8 * * SUN *', '2026-11-28 10:00:00')).toEqual(at('2026-11-29 08:00:00'));
    expect(nextAfter('0 0 8 * * 6 *', '2026-11-28 10:00:00')).toEqual(at('2026-12-05 08:00:00'));
  });

  it('rejects what the platform rejects', () => {
    expect(() => new CronSchedule('0 * * * * *')).toThrow(CronError);
    expect(() => new CronSchedule('0 0 * * * * * *')).toThrow(/7 fields/);
    expect(() => new CronSchedule('x * * * * * *')).toThrow(CronError);
    expect(() => new CronSchedule('0 0 2 * * * 2100')).toThrow(/1970-2099/);
    expect(() => new CronSchedule('0 0 25 * * * *')).toThrow(CronError);
  });
});
