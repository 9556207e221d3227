/**
 * Runs of the timed jobs (`job_runs`): one record per run, newest first by job (index `job_startedAt`).
 * Bounded: after each run its job keeps only its newest runs (`pruneJobRuns`).
 */
import { type JobRunRecord, jobRunRecordSchema } from '../../domain/job-run.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany } from '../cloudbase/db';

const jobRuns = () => db().collection(COLLECTIONS.jobRuns);

export type StoredJobRun = JobRunRecord & { readonly _id: string };

export async function insertJobRun(record: JobRunRecord): Promise<void> {
  await jobRuns().add({ data: record });
}

/** A job's runs, newest first. */
export async function listJobRuns(
  job: string,
  page: { readonly offset: number; readonly limit: number },
): Promise<StoredJobRun[]> {
  const docs = await getMany(jobRuns().where({ job }).orderBy('startedAt', 'desc').skip(page.offset).limit(page.limit));
  return docs.map((doc) => ({ ...jobRunRecordSchema.parse(doc), _id: (doc as { _id: string })._id }));
}

/**
 * Removes a job's runs older than its `keep` newest: one indexed read of the first run beyond them and,
 * when there is one, one removal of it and everything older. Runs started in the same millisecond as that
 * one go too.
 */
export async function pruneJobRuns(job: string, keep: number): Promise<number> {
  const [cut] = (await getMany(
    jobRuns().where({ job }).orderBy('startedAt', 'desc').skip(keep).limit(1).field({ startedAt: true }),
  )) as { startedAt: number }[];
  if (!cut) return 0;
  const { stats } = await jobRuns()
    .where({ job, startedAt: cmd().lte(cut.startedAt) })
    .remove();
  return stats.removed;
}
