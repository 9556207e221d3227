/** listJobs (ops): every timed job, its schedule and its newest runs; one indexed query per job, in parallel. */
import type { JobRunItem, listJobsContract } from '../../contracts/admin';
import { JOB_NAMES, jobContracts } from '../../contracts/jobs';
import { listJobRuns, type StoredJobRun } from '../repositories/job-run.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

/** A stored run as the console sees it. */
export const jobRunItem = ({ _id, job: _job, requestId: _request, ...run }: StoredJobRun): JobRunItem => ({
  runId: _id,
  ...run,
});

export const listJobs: AdminUseCase<typeof listJobsContract> = async (input) => {
  const runs = await Promise.all(JOB_NAMES.map((job) => listJobRuns(job, { offset: 0, limit: input.runs })));
  return {
    jobs: JOB_NAMES.map((name, i) => {
      const { title, schedule, defaultLimit, budgetMs } = jobContracts[name];
      return { name, title, schedule, defaultLimit, budgetMs, runs: (runs[i] ?? []).map(jobRunItem) };
    }),
  };
};
