import * as z from '../../kernel/zod';
import { jobReportSchema } from '../contract';
import { defineAdminContract } from './admin-contract';
import { jobNameSchema } from './list-jobs.contract';
import { OPS_ONLY } from './permissions';

/**
 * `runJob` (ops only, audited): runs a job now through the platform's own function invocation
 * (`cloud.callFunction`), as a dry run (counts what it would do, changes nothing) or for real, and answers
 * its report. The run is recorded like a timer's, with the staff account that asked; a job that fails
 * answers its error code (INTERNAL for anything unexpected), and UNAVAILABLE when it could not be reached.
 */
export const runJobContract = defineAdminContract({
  name: 'runJob',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({
    job: jobNameSchema,
    /** Required, so a real run is always asked for on purpose. */
    dryRun: z.boolean(),
    /** Items to handle at most (the job's default limit when absent). */
    limit: z.number().int().min(1).max(10_000).optional(),
  }),
  response: z.object({
    job: jobNameSchema,
    dryRun: z.boolean(),
    /** scanned / changed / remaining and the job's own figures. */
    report: jobReportSchema.catchall(z.number()),
  }),
});
