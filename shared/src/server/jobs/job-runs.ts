/**
 * The record of every job run (`defineTrigger`'s `recordRun`, passed by each job's entry): written after
 * the run, finished or failed, then the job's runs beyond the newest JOB_RUNS_KEPT are removed, so
 * `job_runs` stays bounded (about 200 × the number of jobs) without a cleanup job of its own.
 */
import { JOB_RUNS_KEPT } from '../../domain/job-run.schema';
import { insertJobRun, pruneJobRuns } from '../repositories/job-run.repository';
import type { RecordJobRun } from '../runtime/define-trigger';

export const recordJobRun: RecordJobRun = async (record, ctx) => {
  await insertJobRun(record);
  const removed = await pruneJobRuns(record.job, JOB_RUNS_KEPT);
  if (removed > 0) ctx.log.info('old job runs removed', { job: record.job, removed });
};
