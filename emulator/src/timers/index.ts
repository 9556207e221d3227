export { CronError, type CronJob, CronSchedule, TIMER_TIMEZONE, timerTime } from './cron';
export { Scheduler, type SchedulerOptions, type TimerEvent, TimerNotFoundError, type TimerStatus } from './scheduler';
