/**
 * runJob (ops): runs a timed job now through the platform's own invocation (`cloud.callFunction`), so it
 * runs exactly as its timer runs it, in its own function with its own timeout, and `mayRunJobs` lets it
 * through as a call from another function (SOURCE `wx_http,scf`). The run is asked to finish within
 * RUN_NOW_BUDGET_MS, well inside adminApi's own timeout, and carries the staff account for its record.
 * Every attempt is audited: the report of a run, or the code of one that failed.
 */
import type { runJobContract } from '../../contracts/admin';
import { jobContracts } from '../../contracts/jobs';
import { envelopeSchema } from '../../kernel/envelope';
import { DomainError, type ErrorCode } from '../../kernel/errors';
import { callFunction } from '../cloudbase/functions';
import { staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';

/** adminApi times out after 10 s: the job stops starting batches after 5 s and reports. */
export const RUN_NOW_BUDGET_MS = 5_000;

export const runJob: AdminUseCase<typeof runJobContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const target = `job/${input.job}`;
  const asked = { dryRun: input.dryRun, ...(input.limit !== undefined ? { limit: input.limit } : {}) };
  const refuse = async (code: ErrorCode, detail: string): Promise<never> => {
    await ctx.audit({ target, before: asked, after: { ok: false, errorCode: code } });
    throw new DomainError(code, detail);
  };

  let answer: unknown;
  try {
    answer = await callFunction(input.job, { ...asked, budgetMs: RUN_NOW_BUDGET_MS, requestedBy: staff.account });
  } catch (error) {
    ctx.log.warn('job could not be invoked', { job: input.job, error: String(error) });
    return refuse('UNAVAILABLE', `${input.job} not invoked`);
  }
  const envelope = envelopeSchema(jobContracts[input.job].response).safeParse(answer);
  if (!envelope.success) return refuse('INTERNAL', `${input.job} answered no envelope`);
  if (!envelope.data.ok) return refuse(envelope.data.error.code, `${input.job} failed`);

  const report = envelope.data.data as { scanned: number; changed: number; remaining: number };
  await ctx.audit({ target, before: asked, after: { ok: true, ...report } });
  return { job: input.job, dryRun: input.dryRun, report };
};
