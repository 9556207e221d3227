import { type Envelope, failure, success } from '../../kernel/envelope';
import { ERROR_MESSAGES, isDomainError } from '../../kernel/errors';
import * as z from '../../kernel/zod';
import type { JobContract, JobReportOf } from '../../contracts/contract';
import { type InvocationContext, issuePaths, openInvocation, type RuntimeOptions } from './call-context';
import { describeError } from './logger';
import type { ScfContext } from './wx-context';

/** The platform's timer event. */
const timerEventSchema = z.object({
  Type: z.literal('Timer'),
  TriggerName: z.string(),
  Time: z.string(),
});

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
 * A timed job, run by its timer or by hand from the cloud console. A shopper (any call with an OPENID)
 * is refused. The job must be idempotent and bounded; it reports `{ scanned, changed, remaining }`.
 */
export function defineTrigger<C extends JobContract>(
  contract: C,
  job: Job<C>,
  options: RuntimeOptions = {},
): TriggerMain<C> {
  return async (event, context) => {
    const ctx = openInvocation(contract.name, context, options);
    try {
      if (ctx.wx.openid !== undefined) {
        ctx.log.warn('job called by a user', { source: ctx.wx.source });
        return failure('FORBIDDEN');
      }
      const timer = timerEventSchema.safeParse(event);
      const manual = timer.success ? undefined : contract.request.safeParse(event ?? {});
      if (manual && !manual.success) {
        return failure('INVALID_ARGUMENT', `${ERROR_MESSAGES.INVALID_ARGUMENT}（${issuePaths(manual.error.issues)}）`);
      }
      const deadline = Date.now() + contract.budgetMs;
      const run: JobRun = {
        trigger: timer.success ? 'timer' : 'manual',
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
