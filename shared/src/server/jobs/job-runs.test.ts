/**
 * Every job's runs recorded in `job_runs` through the emulator: by its timer and by another function,
 * dry or not, with what it reported; and only the newest JOB_RUNS_KEPT of a job are kept.
 */
import { describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../contracts/jobs';
import { JOB_RUNS_KEPT } from '../../domain/job-run.schema';
import { job } from '../testing/ops';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

describe('job runs', () => {
  it('are recorded for every job, by its timer and by another function, dry or not', async () => {
    for (const name of JOB_NAMES) {
      const byTimer = await platform.emulator.scheduler.runNow(name);
      expect(byTimer.result, name).toMatchObject({ ok: true });
      await job(platform, name, { dryRun: true, limit: 3, requestedBy: 'ops-01' });
      const runs = (await platform.find('job_runs', { job: name })).sort(
        (a, b) => (a.startedAt as number) - (b.startedAt as number),
      );
      expect(
        runs.map((r) => [r.trigger, r.dryRun, r.limit, r.ok, r.requestedBy]),
        name,
      ).toEqual([
        ['timer', false, expect.any(Number), true, undefined],
        ['console', true, 3, true, 'ops-01'],
      ]);
      for (const run of runs) {
        expect(run).toMatchObject({ scanned: 0, changed: 0, remaining: 0, requestId: expect.any(String) });
        expect(run.durationMs).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it(`keeps the newest ${JOB_RUNS_KEPT} runs of a job and leaves the other jobs' alone`, async () => {
    const old = Date.now() - 86_400_000;
    const filler = (job: string, i: number) => ({
      job,
      trigger: 'timer',
      dryRun: false,
      limit: 200,
      startedAt: old + i * 60_000,
      durationMs: 3,
      ok: true,
      scanned: 0,
      changed: 0,
      remaining: 0,
      requestId: `filler-${job}-${i}`,
    });
    await platform.insert(
      'job_runs',
      Array.from({ length: JOB_RUNS_KEPT + 5 }, (_, i) => filler('retryRefunds', i)),
    );
    await platform.insert('job_runs', [filler('sendNotifications', 0)]);
    await job(platform, 'retryRefunds');
    const kept = await platform.find('job_runs', { job: 'retryRefunds' });
    expect(kept).toHaveLength(JOB_RUNS_KEPT);
    const fillers = kept.filter((r) => String(r.requestId).startsWith('filler-')).map((r) => r.requestId);
    // The run just made is the newest and stays; the oldest fillers go.
    const newest = kept.reduce((a, b) => ((a.startedAt as number) >= (b.startedAt as number) ? a : b));
    expect(newest).toMatchObject({ trigger: 'function', dryRun: false, ok: true });
    expect(fillers).not.toContain('filler-retryRefunds-0');
    expect(fillers).toContain(`filler-retryRefunds-${JOB_RUNS_KEPT + 4}`);
    expect(
      await platform.find('job_runs', { job: 'sendNotifications', requestId: 'filler-sendNotifications-0' }),
    ).toHaveLength(1);
  });
});
