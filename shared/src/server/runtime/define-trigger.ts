import { type Envelope, failure, success } from '../../kernel/envelope';
import { ERROR_MESSAGES, isDomainError } from '../../kernel/errors';
import type { JobContract, JobReportOf } from '../../contracts/contract';
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

/** One run of a job: bounded by `limit` items and by its time budget (real time, whatever the clock says). */
export interface JobRun {
  readonly trigger: 'timer' | 'manual';
  readonly limit: number;
  readonly dryRun: boolean;
  /** True while the run may start another batch. */
  hasTime(): boolean;
}

export type Job<C extends JobContract> = (run: JobRun, ctx: InvocationContext) => Promise<JobReportOf<C>>;

export type TriggerMain<C extends JobContract> = (
  event: unknown,
  context?: ScfContext,
) => Promise<Envelope<JobReportOf<C>>>;

/**
 * A timed job, run by its timer, by ops (the cloud console, or the console's function) or by another
 * function; anyone else is refused (`mayRunJobs`). The job must be idempotent and bounded; it reports
 * `{ scanned, changed, remaining, ... }`.
 */
export function defineTrigger<C extends JobContract>(
  contract: C,
  job: Job<C>,
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
      const timer = ctx.wx.source === TIMER_SOURCE;
      const manual = timer ? undefined : contract.request.safeParse(event ?? {});
      if (manual && !manual.success) {
        return failure('INVALID_ARGUMENT', `${ERROR_MESSAGES.INVALID_ARGUMENT}（${issuePaths(manual.error.issues)}）`);
      }
      const deadline = Date.now() + contract.budgetMs;
      const run: JobRun = {
        trigger: timer ? 'timer' : 'manual',
        limit: manual?.data?.limit ?? contract.defaultLimit,
        dryRun: manual?.data?.dryRun ?? false,
        hasTime: () => Date.now() < deadline,
      };
      const report = contract.response.parse(await job(run, ctx)) as JobReportOf<C>;
      ctx.log.info('job finished', { ...(report as object), trigger: run.trigger, dryRun: run.dryRun });
      return success(report);
    } catch (error) {
      if (isDomainError(error)) return failure(error.code);
      ctx.log.error('job failed', describeError(error));
      return failure('INTERNAL');
    }
  };
}
