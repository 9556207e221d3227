import { JOB_RUNS_KEPT } from '../../domain/job-run.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { jobNameSchema, jobRunItemSchema } from './list-jobs.contract';
import { OPS_ONLY } from './permissions';

/** `listJobRuns` (ops only): one job's kept runs (its newest 200), newest first, a page at a time. */
export const listJobRunsContract = defineAdminContract({
  name: 'listJobRuns',
  roles: OPS_ONLY,
  request: z.object({
    job: jobNameSchema,
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(JOB_RUNS_KEPT).default(0),
  }),
  response: z.object({ items: z.array(jobRunItemSchema), hasMore: z.boolean() }),
});
