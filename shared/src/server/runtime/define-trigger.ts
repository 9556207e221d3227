import { type Envelope, failure, success } from '../../kernel/envelope';
import { ERROR_MESSAGES, isDomainError } from '../../kernel/errors';
import type { JobContract, JobReportOf } from '../../contracts/contract';
import { failedRun, type JobRunRecord, type JobTrigger, succeededRun } from '../../domain/job-run.schema';
import { type InvocationContext, issuePaths, openInvocation, type RuntimeOptions } from './call-context';
import { describeError } from './logger';
import type { ScfContext, WxIdentity } from './wx-context';

/** The SOURCE the platform gives a timer trigger's invocation. */
export const TIMER_SOURCE = 'wx_trigger';

/**
 * Who may run a job, as the platform reports the caller in the WeChat context (never as the event says):
 * its timer, another function (a call chain's SOURCE ends in `scf`, as when the console's HTTP function
 * runs a job for ops), or the cloud console (no SOURCE). A shopper (an OPENID), a client (`wx_client`,
 * `wx_devtools`) and an HTTP caller (`wx_http`) may not.
 */
export function mayRunJobs(wx: Pick<WxIdentity, 'openid' | 'source'>): boolean {
  if (wx.openid !== undefined) return false;
  if (wx.source === undefined) return true;
  return wx.source === TIMER_SOURCE || wx.source.split(',').at(-1) === 'scf';
}

/**
 * Who started a run that `mayRunJobs` allowed: its timer, the cloud console (no SOURCE), the web console's
 * function for a member of staff (`requestedBy`), or another function.
 */
export function jobTriggerOf(source: string | undefined, requestedBy?: string): JobTrigger {
  if (source === TIMER_SOURCE) return 'timer';
  if (source === undefined) return 'cloud_console';
  return requestedBy === undefined ? 'function' : 'console';
}

/** One run of a job: bounded by `limit` items and by its time budget (real time, whatever the clock says). */
export interface JobRun {
  readonly trigger: JobTrigger;
  readonly limit: number;
  readonly dryRun: boolean;
  /** True while the run may start another batch. */
  hasTime(): boolean;
}

export type Job<C extends JobContract> = (run: JobRun, ctx: InvocationContext) => Promise<JobReportOf<C>>;

/** Keeps the record of a finished or failed run (`job_runs`); the jobs area supplies it. */
export type RecordJobRun = (record: JobRunRecord, ctx: InvocationContext) => Promise<void>;

export type TriggerMain<C extends JobContract> = (
  event: unknown,
  context?: ScfContext,
) => Promise<Envelope<JobReportOf<C>>>;

/**
 * A timed job, run by its timer, by ops (the cloud console, or the console's function) or by another
 * function; anyone else is refused (`mayRunJobs`). The job must be idempotent and bounded; it reports
 * `{ scanned, changed, remaining, ... }`. Every run it starts, finished or failed, is recorded with
 * `recordRun` (a refused or malformed call starts none); a record that cannot be written is logged and
 * changes nothing in the answer, since the run's effects are already stored.
 */
export function defineTrigger<C extends JobContract>(
  contract: C,
  job: Job<C>,
  recordRun: RecordJobRun,
  options: RuntimeOptions = {},
): TriggerMain<C> {
  return async (event, context) => {
    const ctx = openInvocation(contract.name, context, options);
    try {
      if (!mayRunJobs(ctx.wx)) {
        ctx.log.warn('job refused: not its timer, the console or another function', { source: ctx.wx.source });
        return failure('FORBIDDEN');
      }
      // A timer is known by the platform's SOURCE; a body shaped like a timer event proves nothing.
      const byTimer = ctx.wx.source === TIMER_SOURCE;
      const manual = byTimer ? undefined : contract.request.safeParse(event ?? {});
      if (manual && !manual.success) {
        return failure('INVALID_ARGUMENT', `${ERROR_MESSAGES.INVALID_ARGUMENT}（${issuePaths(manual.error.issues)}）`);
      }
      const request = manual?.data;
      const trigger = jobTriggerOf(ctx.wx.source, request?.requestedBy);
      const startedAt = ctx.clock.now();
      const started = Date.now();
      const deadline = started + Math.min(contract.budgetMs, request?.budgetMs ?? contract.budgetMs);
      const run: JobRun = {
        trigger,
        limit: request?.limit ?? contract.defaultLimit,
        dryRun: request?.dryRun ?? false,
        hasTime: () => Date.now() < deadline,
      };
      let answer: Envelope<JobReportOf<C>>;
      try {
        const report = contract.response.parse(await job(run, ctx)) as JobReportOf<C>;
        ctx.log.info('job finished', { ...(report as object), trigger: run.trigger, dryRun: run.dryRun });
        answer = success(report);
      } catch (error) {
        if (isDomainError(error)) answer = failure(error.code);
        else {
          ctx.log.error('job failed', describeError(error));
          answer = failure('INTERNAL');
        }
      }
      const base = {
        job: contract.name,
        trigger,
        ...(request?.requestedBy !== undefined && trigger !== 'timer' ? { requestedBy: request.requestedBy } : {}),
        dryRun: run.dryRun,
        limit: run.limit,
        startedAt,
        durationMs: Math.max(0, Date.now() - started),
        requestId: ctx.requestId,
      };
      const record = answer.ok
        ? succeededRun(base, answer.data as { scanned: number; changed: number; remaining: number })
        : failedRun(base, answer.error.code);
      try {
        await recordRun(record, ctx);
      } catch (error) {
        ctx.log.error('job run not recorded', describeError(error));
      }
      return answer;
    } catch (error) {
      if (isDomainError(error)) return failure(error.code);
      ctx.log.error('job failed', describeError(error));
      return failure('INTERNAL');
    }
  };
}
