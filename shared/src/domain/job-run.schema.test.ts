import { describe, expect, it } from 'vitest';
import { failedRun, jobRunRecordSchema, succeededRun } from './job-run.schema';

describe('job run records', () => {
  const base = {
    job: 'retryRefunds',
    trigger: 'console' as const,
    requestedBy: 'ops-01',
    dryRun: true,
    limit: 20,
    startedAt: 1_000,
    durationMs: 12,
    requestId: 'req-1',
  };

  it('keep a finished run’s counts, and its own figures as details', () => {
    const record = succeededRun(base, { scanned: 4, changed: 0, remaining: 2, flagged: 1 } as never);
    expect(record).toEqual({ ...base, ok: true, scanned: 4, changed: 0, remaining: 2, details: { flagged: 1 } });
    expect(jobRunRecordSchema.parse(record)).toEqual(record);
    expect(succeededRun(base, { scanned: 0, changed: 0, remaining: 0 })).not.toHaveProperty('details');
  });

  it('keep a failed run’s error code and no counts', () => {
    const record = failedRun(base, 'INTERNAL');
    expect(record).toEqual({ ...base, ok: false, errorCode: 'INTERNAL' });
    expect(jobRunRecordSchema.parse(record)).toEqual(record);
  });
});
