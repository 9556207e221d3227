/** listJobRuns (ops): one job's kept runs, newest first, a page at a time. */
import type { listJobRunsContract } from '../../contracts/admin';
import { listJobRuns as readJobRuns } from '../repositories/job-run.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { jobRunItem } from './list-jobs';

export const listJobRuns: AdminUseCase<typeof listJobRunsContract> = async (input) => {
  const runs = await readJobRuns(input.job, { offset: input.offset, limit: input.limit + 1 });
  return { items: runs.slice(0, input.limit).map(jobRunItem), hasMore: runs.length > input.limit };
};
