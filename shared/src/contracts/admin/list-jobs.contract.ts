import { idSchema, instantSchema } from '../../domain/common.schema';
import { jobTriggerSchema } from '../../domain/job-run.schema';
import * as z from '../../kernel/zod';
import { JOB_NAMES } from '../jobs';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';

/** A timed job by its function name. */
export const jobNameSchema = z.enum(JOB_NAMES);

const countSchema = z.number().int().nonnegative();

/** One run of a job, as `job_runs` keeps it. */
export const jobRunItemSchema = z.object({
  runId: idSchema,
  /** `timer`: its timer; `console`: 立即执行 here; `cloud_console`: the CloudBase cloud console; `function`: another function. */
  trigger: jobTriggerSchema,
  /** The staff account that ran it from this console. */
  requestedBy: z.string().optional(),
  dryRun: z.boolean(),
  limit: countSchema,
  startedAt: instantSchema,
  durationMs: countSchema,
  ok: z.boolean(),
  scanned: countSchema.optional(),
  changed: countSchema.optional(),
  remaining: countSchema.optional(),
  /** The job's own figures (refundsFailed, flagged, sent, failures...). */
  details: z.record(z.string(), z.number()).optional(),
  /** A failed run's error code. */
  errorCode: z.string().optional(),
});
export type JobRunItem = z.infer<typeof jobRunItemSchema>;

export const jobItemSchema = z.object({
  name: jobNameSchema,
  /** What the job is, in Chinese. */
  title: z.string(),
  /** Its timer: the cron of its config.json and how to say it. */
  schedule: z.object({ cron: z.string(), description: z.string() }),
  /** Items a run handles unless asked for another limit, and its time budget. */
  defaultLimit: countSchema,
  budgetMs: countSchema,
  /** Its newest runs, newest first (the first is its last run). */
  runs: z.array(jobRunItemSchema),
});
export type JobItem = z.infer<typeof jobItemSchema>;

/** `listJobs` (ops only): every timed job with its schedule and its newest runs. */
export const listJobsContract = defineAdminContract({
  name: 'listJobs',
  roles: OPS_ONLY,
  request: z.object({ runs: z.number().int().min(1).max(50).default(10) }),
  response: z.object({ jobs: z.array(jobItemSchema) }),
});
