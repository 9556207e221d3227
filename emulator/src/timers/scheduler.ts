import { FunctionInvocationError, type FunctionRunner, type InvokeResult, type TimerTrigger } from '../functions';
import { CronError, type CronJob, CronSchedule, TIMER_TIMEZONE, timerTime } from './cron';

/** The platform's timer event (SCF trigger event structure). */
export interface TimerEvent {
  readonly Type: 'Timer';
  readonly TriggerName: string;
  /** Scheduled fire time, ISO UTC to the second: `2026-11-25T12:00:00Z`. */
  readonly Time: string;
}

export interface TimerStatus {
  readonly function: string;
  readonly trigger: string;
  readonly cron: string;
  readonly paused: boolean;
  /** True while the scheduler is started and this timer is not paused. */
  readonly active: boolean;
  /** Next time the cron matches (ISO), whether or not the timer is active; null past its year field. */
  readonly nextFireAt: string | null;
  readonly lastFiredAt: string | null;
  /** `ok`, or the failure's platform code, of the last scheduled or manual run. */
  readonly lastResult: string | null;
}

export class TimerNotFoundError extends Error {
  constructor(readonly functionName: string) {
    super(`function ${functionName} has no timer trigger`);
    this.name = 'TimerNotFoundError';
  }
}

export interface SchedulerOptions {
  /** IANA timezone the crons are read in (default Asia/Shanghai). */
  readonly timezone?: string;
}

interface Timer {
  readonly functionName: string;
  readonly trigger: TimerTrigger;
  readonly schedule: CronSchedule;
  job: CronJob | undefined;
  paused: boolean;
  lastFiredAt: string | null;
  lastResult: string | null;
}

/**
 * Fires each function's `config.json` timer on its cron with the platform's timer event, as
 * `SOURCE=wx_trigger`, `TRIGGER_SRC=timer`. Timers can be paused, resumed and run by hand.
 * Failures are recorded by the runner (and its log); the scheduler keeps the last result per timer.
 */
export class Scheduler {
  private readonly timers = new Map<string, Timer>();
  private started = false;

  /** Throws `CronError` (naming the function) when a trigger's cron is invalid. */
  constructor(
    private readonly runner: FunctionRunner,
    options: SchedulerOptions = {},
  ) {
    const timezone = options.timezone ?? TIMER_TIMEZONE;
    for (const definition of runner.functions()) {
      const trigger = definition.config.trigger;
      if (!trigger) continue;
      let schedule: CronSchedule;
      try {
        schedule = new CronSchedule(trigger.cron, timezone);
      } catch (error) {
        if (error instanceof CronError)
          throw new CronError(trigger.cron, `${error.detail} (function ${definition.name})`);
        throw error;
      }
      this.timers.set(definition.name, {
        functionName: definition.name,
        trigger,
        schedule,
        job: undefined,
        paused: false,
        lastFiredAt: null,
        lastResult: null,
      });
    }
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const timer of this.timers.values()) {
      timer.job = timer.schedule.start((scheduledAt) => void this.fire(timer, scheduledAt));
      if (timer.paused) timer.job.pause();
    }
  }

  stop(): void {
    this.started = false;
    for (const timer of this.timers.values()) {
      timer.job?.stop();
      timer.job = undefined;
    }
  }

  /** Pauses one function's timer, or all of them. */
  pause(functionName?: string): void {
    for (const timer of this.select(functionName)) {
      timer.paused = true;
      timer.job?.pause();
    }
  }

  resume(functionName?: string): void {
    for (const timer of this.select(functionName)) {
      timer.paused = false;
      timer.job?.resume();
    }
  }

  /** Runs a timer now, paused or not, as ops do from the console; resolves with the function's answer. */
  async runNow(functionName: string): Promise<InvokeResult> {
    const [timer] = this.select(functionName);
    if (!timer) throw new TimerNotFoundError(functionName);
    return this.invoke(timer, new Date());
  }

  list(): TimerStatus[] {
    return [...this.timers.values()].map((timer) => {
      const next = timer.schedule.next();
      return {
        function: timer.functionName,
        trigger: timer.trigger.name,
        cron: timer.trigger.cron,
        paused: timer.paused,
        active: this.started && !timer.paused,
        nextFireAt: next ? next.toISOString() : null,
        lastFiredAt: timer.lastFiredAt,
        lastResult: timer.lastResult,
      };
    });
  }

  private select(functionName: string | undefined): Timer[] {
    if (functionName === undefined) return [...this.timers.values()];
    const timer = this.timers.get(functionName);
    if (!timer) throw new TimerNotFoundError(functionName);
    return [timer];
  }

  private async fire(timer: Timer, scheduledAt: Date): Promise<void> {
    try {
      await this.invoke(timer, scheduledAt);
    } catch (error) {
      // A failed invocation is recorded and logged by the runner; a timer does not retry.
      if (!(error instanceof FunctionInvocationError)) console.error(`timer ${timer.functionName} failed`, error);
    }
  }

  private async invoke(timer: Timer, at: Date): Promise<InvokeResult> {
    const event: TimerEvent = { Type: 'Timer', TriggerName: timer.trigger.name, Time: timerTime(at) };
    timer.lastFiredAt = at.toISOString();
    try {
      const answer = await this.runner.invoke(timer.functionName, event, {
        source: 'wx_trigger',
        triggerSrc: 'timer',
      });
      timer.lastResult = 'ok';
      return answer;
    } catch (error) {
      timer.lastResult = error instanceof FunctionInvocationError ? error.code : 'ERROR';
      throw error;
    }
  }
}
