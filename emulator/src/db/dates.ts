import { ObjectId } from 'bson';
import { evalExpr } from 'mingo/core';
import type { Any, AnyObject, Options } from 'mingo/types';
import { requestFailed } from './errors';
import { isPlainObject } from './values';

/**
 * MongoDB's date-part operators and `$dateToString`, in place of mingo's: mingo numbers `$week` from the ISO week
 * (2019-05-14 came out 20, not 19), takes the calendar year for `$isoWeekYear` and `%G`, writes `%w` from 0,
 * mis-signs `%z` for negative half-hour offsets, drops `%%`, fails on a null date where MongoDB answers null,
 * and knows only two-part Olson names (not `UTC` or `America/Argentina/Buenos_Aires`).
 */

type ExpressionOperator = (obj: AnyObject, expr: Any, options: Options) => Any;

const DAY_MS = 86_400_000;
const OFFSET = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw requestFailed(`unrecognized time zone identifier: "${timezone}"`);
    }
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC at `instant` in a MongoDB timezone: an Olson name, or `±hh`, `±hhmm`, `±hh:mm`. */
function offsetMinutes(instant: Date, timezone: string): number {
  const fixed = OFFSET.exec(timezone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
  const parts = Object.fromEntries(
    zoneFormatter(timezone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const local = new Date(0);
  local.setUTCFullYear(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']));
  local.setUTCHours(Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  return Math.round((local.getTime() - (instant.getTime() - instant.getUTCMilliseconds())) / 60_000);
}

/** An instant as read in a timezone: `wall`'s UTC fields are the local ones. */
interface Local {
  readonly wall: Date;
  readonly offsetMinutes: number;
}

function toInstant(value: unknown, name: string): Date {
  if (value instanceof Date) return value;
  if (value instanceof ObjectId) return value.getTimestamp();
  throw requestFailed(`${name} requires a date, found: ${typeof value}`);
}

/** The operand `<date>` or `{ date, timezone }` read in its timezone; null when the date or timezone is null. */
function readLocal(obj: AnyObject, expr: Any, options: Options, name: string): Local | null {
  const spec = isPlainObject(expr) && 'date' in expr ? expr : { date: expr };
  const value = evalExpr(obj, spec['date'], options);
  const timezone = spec['timezone'] === undefined ? 'UTC' : evalExpr(obj, spec['timezone'], options);
  if (value === null || value === undefined || timezone === null || timezone === undefined) return null;
  if (typeof timezone !== 'string') throw requestFailed(`${name}: timezone must be a string`);
  const instant = toInstant(value, name);
  const offset = timezone === 'UTC' || timezone === 'GMT' ? 0 : offsetMinutes(instant, timezone);
  return { wall: new Date(instant.getTime() + offset * 60_000), offsetMinutes: offset };
}

const startOfYear = (year: number): number => {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
};
const dayOfYear = (d: Date): number => Math.floor((d.getTime() - startOfYear(d.getUTCFullYear())) / DAY_MS) + 1;
/** 1 (Sunday) to 7 (Saturday). */
const dayOfWeek = (d: Date): number => d.getUTCDay() + 1;
/** 1 (Monday) to 7 (Sunday). */
const isoDayOfWeek = (d: Date): number => d.getUTCDay() || 7;
/** Weeks start on Sunday; the days before the year's first Sunday are week 0 (strftime's `%U`). */
const week = (d: Date): number => Math.floor((dayOfYear(d) - 1 + 7 - d.getUTCDay()) / 7);
/** The Thursday of the ISO week, which decides its year. */
const isoThursday = (d: Date): Date => new Date(d.getTime() + (4 - isoDayOfWeek(d)) * DAY_MS);
const isoWeekYear = (d: Date): number => isoThursday(d).getUTCFullYear();
const isoWeek = (d: Date): number => Math.floor((dayOfYear(isoThursday(d)) - 1) / 7) + 1;

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');
const signed = (n: number): string => (n < 0 ? '-' : '+');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const FORMAT: Record<string, (local: Local) => string> = {
  '%Y': ({ wall }) => pad(wall.getUTCFullYear(), 4),
  '%G': ({ wall }) => pad(isoWeekYear(wall), 4),
  '%m': ({ wall }) => pad(wall.getUTCMonth() + 1, 2),
  '%d': ({ wall }) => pad(wall.getUTCDate(), 2),
  '%H': ({ wall }) => pad(wall.getUTCHours(), 2),
  '%M': ({ wall }) => pad(wall.getUTCMinutes(), 2),
  '%S': ({ wall }) => pad(wall.getUTCSeconds(), 2),
  '%L': ({ wall }) => pad(wall.getUTCMilliseconds(), 3),
  '%j': ({ wall }) => pad(dayOfYear(wall), 3),
  '%w': ({ wall }) => String(dayOfWeek(wall)),
  '%u': ({ wall }) => String(isoDayOfWeek(wall)),
  '%U': ({ wall }) => pad(week(wall), 2),
  '%V': ({ wall }) => pad(isoWeek(wall), 2),
  '%b': ({ wall }) => (MONTHS[wall.getUTCMonth()] as string).slice(0, 3),
  '%B': ({ wall }) => MONTHS[wall.getUTCMonth()] as string,
  '%z': ({ offsetMinutes: m }) => `${signed(m)}${pad(Math.trunc(m / 60), 2)}${pad(m % 60, 2)}`,
  '%Z': ({ offsetMinutes: m }) => `${signed(m)}${Math.abs(m)}`,
  '%%': () => '%',
};
const DEFAULT_FORMAT = '%Y-%m-%dT%H:%M:%S.%LZ';

function format(local: Local, pattern: string): string {
  return pattern.replace(/%(.?)/g, (spec) => {
    const write = FORMAT[spec];
    if (!write) throw requestFailed(`$dateToString: invalid format character '${spec}' in format string`);
    return write(local);
  });
}

const $dateToString: ExpressionOperator = (obj, expr, options) => {
  if (!isPlainObject(expr)) throw requestFailed('$dateToString only supports an object as its argument');
  const local = readLocal(obj, expr, options, '$dateToString');
  if (!local) return expr['onNull'] === undefined ? null : evalExpr(obj, expr['onNull'], options);
  const pattern = expr['format'] === undefined ? DEFAULT_FORMAT : evalExpr(obj, expr['format'], options);
  if (typeof pattern !== 'string') throw requestFailed('$dateToString: format must be a string');
  return format(local, pattern);
};

const part =
  (name: string, read: (wall: Date) => number): ExpressionOperator =>
  (obj, expr, options) => {
    const local = readLocal(obj, expr, options, name);
    return local ? read(local.wall) : null;
  };

/** The date operators that replace mingo's. */
export const dateOperators: Record<`$${string}`, ExpressionOperator> = {
  $year: part('$year', (d) => d.getUTCFullYear()),
  $month: part('$month', (d) => d.getUTCMonth() + 1),
  $dayOfMonth: part('$dayOfMonth', (d) => d.getUTCDate()),
  $hour: part('$hour', (d) => d.getUTCHours()),
  $minute: part('$minute', (d) => d.getUTCMinutes()),
  $second: part('$second', (d) => d.getUTCSeconds()),
  $millisecond: part('$millisecond', (d) => d.getUTCMilliseconds()),
  $dayOfYear: part('$dayOfYear', dayOfYear),
  $dayOfWeek: part('$dayOfWeek', dayOfWeek),
  $isoDayOfWeek: part('$isoDayOfWeek', isoDayOfWeek),
  $week: part('$week', week),
  $isoWeek: part('$isoWeek', isoWeek),
  $isoWeekYear: part('$isoWeekYear', isoWeekYear),
  $dateToString,
};
