import { type Envelope, failure, success } from '../../kernel/envelope';
import { ERROR_MESSAGES, isDomainError } from '../../kernel/errors';
import * as z from '../../kernel/zod';
import { type InvocationContext, issuePaths, openInvocation, type RuntimeOptions } from './call-context';
import { describeError } from './logger';
import type { ScfContext } from './wx-context';

/** The platform's timer event. */
const timerEventSchema = z.object({
  Type: z.literal('Timer'),
  TriggerName: z.string(),
  Time: z.string(),
});

/** What ops send when they run a job by hand from the console. */
const manualEventSchema = z.object({
  limit: z.number().int().min(1).max(10_000).optional(),
  dryRun: z.boolean().optional(),
});

/** What a job reports: how much it looked at, how much it changed, how much it left for the next tick. */
export const jobReportSchema = z.looseObject({
  scanned: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
});
export type JobReport = z.infer<typeof jobReportSchema>;

/** One run of a job: bounded by `limit` items and by its time budget (real time, whatever the clock says). */
export interface JobRun {
  readonly trigger: 'timer' | 'manual';
  readonly limit: number;
  readonly dryRun: boolean;
  /** True while the run may start another batch. */
  hasTime(): boolean;
}

export interface JobDefinition {
  readonly name: string;
  /** Items per run unless ops ask for fewer or more. */
  readonly defaultLimit?: number;
  /** Wall time a run may use; keep it well under the function's timeout. */
  readonly budgetMs?: number;
}

export type Job = (run: JobRun, ctx: InvocationContext) => Promise<JobReport>;

export type TriggerMain = (event: unknown, context?: ScfContext) => Promise<Envelope<JobReport>>;

/**
 * A timed job, run by its timer or by hand from the cloud console. A shopper (any call with an OPENID)
 * is refused. The job must be idempotent and bounded; it reports `{ scanned, changed, remaining }`.
 */
export function defineTrigger(definition: JobDefinition, job: Job, options: RuntimeOptions = {}): TriggerMain {
  const defaultLimit = definition.defaultLimit ?? 100;
  const budgetMs = definition.budgetMs ?? 3_000;
  return async (event, context) => {
    const ctx = openInvocation(definition.name, context, options);
    try {
      if (ctx.wx.openid !== undefined) {
        ctx.log.warn('job called by a user', { source: ctx.wx.source });
        return failure('FORBIDDEN');
      }
      const timer = timerEventSchema.safeParse(event);
      const manual = timer.success ? undefined : manualEventSchema.safeParse(event ?? {});
      if (manual && !manual.success) {
        return failure('INVALID_ARGUMENT', `${ERROR_MESSAGES.INVALID_ARGUMENT}（${issuePaths(manual.error.issues)}）`);
      }
      const deadline = Date.now() + budgetMs;
      const run: JobRun = {
        trigger: timer.success ? 'timer' : 'manual',
        limit: manual?.data?.limit ?? defaultLimit,
        dryRun: manual?.data?.dryRun ?? false,
        hasTime: () => Date.now() < deadline,
      };
      const report = jobReportSchema.parse(await job(run, ctx));
      ctx.log.info('job finished', { ...report, trigger: run.trigger, dryRun: run.dryRun });
      return success(report);
    } catch (error) {
      if (isDomainError(error)) return failure(error.code);
      ctx.log.error('job failed', describeError(error));
      return failure('INTERNAL');
    }
  };
}
