/**
 * Time. Timestamps are epoch milliseconds everywhere. Business calendars (deadlines at the end of a day,
 * dates on an order, cron) are Asia/Shanghai whatever the runtime's own zone is, so they go through
 * dayjs with the utc and timezone plugins, never through `Date#getHours()` and friends.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** The port through which use cases read the time, so tests can fix it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests and simulations. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

export function addMinutes(at: number, minutes: number): number {
  return at + minutes * MINUTE_MS;
}

export function addHours(at: number, hours: number): number {
  return at + hours * HOUR_MS;
}

/** The earliest of several instants, e.g. a group's deadline: min(openedAt + validity, activity end). */
export function earliest(first: number, ...rest: readonly number[]): number {
  return Math.min(first, ...rest);
}

/** The last millisecond of the Shanghai calendar day that contains `at`. */
export function endOfBusinessDay(at: number): number {
  return dayjs(at).tz(BUSINESS_TIME_ZONE).endOf('day').valueOf();
}

/** The first millisecond of the Shanghai calendar day that contains `at`. */
export function startOfBusinessDay(at: number): number {
  return dayjs(at).tz(BUSINESS_TIME_ZONE).startOf('day').valueOf();
}

/** Format an instant on the Shanghai wall clock, e.g. `formatBusinessTime(t, 'YYYY-MM-DD HH:mm')`. */
export function formatBusinessTime(at: number, pattern = 'YYYY-MM-DD HH:mm:ss'): string {
  return dayjs(at).tz(BUSINESS_TIME_ZONE).format(pattern);
}

/** The instant of a Shanghai wall-clock time given as `YYYY-MM-DD HH:mm[:ss]`. */
export function parseBusinessTime(wallClock: string): number {
  const parsed = dayjs.tz(wallClock, BUSINESS_TIME_ZONE);
  if (!parsed.isValid()) throw new RangeError(`not a wall-clock time: ${wallClock}`);
  return parsed.valueOf();
}
