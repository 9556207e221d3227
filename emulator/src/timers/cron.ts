import { Cron } from 'croner';

/** Timers are read in China Standard Time, as on CloudBase. */
export const TIMER_TIMEZONE = 'Asia/Shanghai';

export class CronError extends Error {
  constructor(
    readonly expression: string,
    readonly detail: string,
  ) {
    super(`invalid timer cron ${JSON.stringify(expression)}: ${detail}`);
    this.name = 'CronError';
  }
}

/** A running timer; `stop` is final. */
export interface CronJob {
  pause(): void;
  resume(): void;
  stop(): void;
}

/**
 * A CloudBase timer expression: 7 fields, `sec min hour day month weekday year`, with `, - * /`,
 * weekday 0-6 (0 = Sunday) or SUN-SAT names, year 1970-2099. croner reads all 7 fields natively
 * (`mode: '7-part'`), year included, in the given IANA timezone.
 */
export class CronSchedule {
  private readonly pattern: Cron;

  constructor(
    readonly expression: string,
    readonly timezone: string = TIMER_TIMEZONE,
  ) {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 7) throw new CronError(expression, `needs 7 fields, has ${fields.length}`);
    const year = fields[6] ?? '*';
    for (const value of year.match(/\d+/g) ?? []) {
      if (Number(value) < 1970 || Number(value) > 2099) throw new CronError(expression, 'year must be 1970-2099');
    }
    try {
      this.pattern = new Cron(expression, { timezone, mode: '7-part', paused: true });
    } catch (error) {
      throw new CronError(expression, (error as Error).message);
    }
  }

  /** The first fire time strictly after `after` (default now), or null when the year field has run out. */
  next(after: Date = new Date()): Date | null {
    return this.pattern.nextRun(after);
  }

  nextTimes(count: number, after: Date = new Date()): Date[] {
    return this.pattern.nextRuns(count, after);
  }

  /** Calls `onFire` with each scheduled fire time (whole seconds) until stopped. */
  start(onFire: (scheduledAt: Date) => void): CronJob {
    const job = new Cron(this.expression, { timezone: this.timezone, mode: '7-part' }, (self) => {
      onFire(self.currentRun() ?? new Date(Math.floor(Date.now() / 1000) * 1000));
    });
    return {
      pause: () => void job.pause(),
      resume: () => void job.resume(),
      stop: () => job.stop(),
    };
  }
}

/** The timer event's `Time`: ISO UTC to the second, e.g. `2026-11-25T12:00:00Z`. */
export function timerTime(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
