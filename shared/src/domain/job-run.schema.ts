/**
 * One run of a timed job, as `job_runs` keeps it: who started it (its timer, the cloud console, or another
 * function such as the web console's adminApi), whether it was a dry run, what it reported or the error code
 * it failed with (never a stack), and how long it took. Only the newest JOB_RUNS_KEPT runs of each job are
 * kept: the job's own run removes older ones after writing its record.
 */
import * as z from '../kernel/zod';
import { instantSchema } from './common.schema';

/**
 * Who started a run, as the platform says (the SOURCE of the WeChat context, never the event):
 * - `timer`: the function's timer trigger (`wx_trigger`);
 * - `console`: ops' 立即执行 in the web console: its function (a SOURCE ending in `scf`) asking for a staff
 *   account (`requestedBy`);
 * - `cloud_console`: the CloudBase cloud console or CLI (no SOURCE);
 * - `function`: another function (a SOURCE ending in `scf`) for no member of staff.
 */
export const JOB_TRIGGERS = ['timer', 'console', 'cloud_console', 'function'] as const;
export const jobTriggerSchema = z.enum(JOB_TRIGGERS);
export type JobTrigger = z.infer<typeof jobTriggerSchema>;

/** Runs kept per job, newest first; with the minute jobs that is the last 3 h 20 min. */
export const JOB_RUNS_KEPT = 200;

const countSchema = z.number().int().nonnegative();

export const jobRunRecordSchema = z.object({
  /** The job's function name. */
  job: z.string().min(1).max(64),
  trigger: jobTriggerSchema,
  /** The staff account that asked for it, when a function ran it for someone (the console's 立即执行). */
  requestedBy: z.string().min(1).max(64).optional(),
  dryRun: z.boolean(),
  limit: countSchema,
  startedAt: instantSchema,
  durationMs: countSchema,
  /** Whether the run finished with a report; a failed run has an `errorCode` instead. */
  ok: z.boolean(),
  scanned: countSchema.optional(),
  changed: countSchema.optional(),
  remaining: countSchema.optional(),
  /** The job's own figures beside scanned / changed / remaining (refundsFailed, flagged, sent...). */
  details: z.record(z.string(), z.number()).optional(),
  /** The code a failed run answered (INTERNAL for anything unexpected). */
  errorCode: z.string().min(1).max(64).optional(),
  /** The run's invocation, to find its log lines. */
  requestId: z.string().min(1).max(128),
});
export type JobRunRecord = z.infer<typeof jobRunRecordSchema>;

/** The record of a finished run: its report's counts, its own figures as details. */
export function succeededRun(
  base: Omit<JobRunRecord, 'ok' | 'scanned' | 'changed' | 'remaining' | 'details' | 'errorCode'>,
  report: { readonly scanned: number; readonly changed: number; readonly remaining: number },
): JobRunRecord {
  const { scanned, changed, remaining, ...rest } = report as Record<string, unknown> & typeof report;
  const details = Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
  );
  return { ...base, ok: true, scanned, changed, remaining, ...(Object.keys(details).length > 0 ? { details } : {}) };
}

/** The record of a run that failed with `errorCode`. */
export function failedRun(
  base: Omit<JobRunRecord, 'ok' | 'scanned' | 'changed' | 'remaining' | 'details' | 'errorCode'>,
  errorCode: string,
): JobRunRecord {
  return { ...base, ok: false, errorCode };
}
