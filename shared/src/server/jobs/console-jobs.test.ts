/**
 * 任务 through the emulator and the bundled adminApi: the jobs with their schedules and their runs (by
 * their timers and by ops), 立即执行 through the platform's own function invocation, dry or for real, and
 * who may do any of it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { jobContracts } from '../../contracts/jobs';
import { expire, ledgerRefunds } from '../testing/ops';
import { groupWith } from '../testing/shopper';
import { adminCall, addStaff, signIn, type AdminAnswer } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Chongqing2026';
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

interface Run {
  runId: string;
  trigger: string;
  requestedBy?: string;
  dryRun: boolean;
  ok: boolean;
  scanned?: number;
  changed?: number;
  remaining?: number;
  details?: Record<string, number>;
}
interface JobItem {
  name: string;
  title: string;
  schedule: { cron: string; description: string };
  runs: Run[];
}

function dataOf<T>(answer: AdminAnswer<T>): T {
  if (!answer.body.ok) throw new Error(`${answer.status} ${answer.body.error.code}`);
  return answer.body.data;
}

let opsToken: string | undefined;
async function ops(): Promise<string> {
  if (!opsToken) {
    await addStaff(platform, 'ops-jobs', PASSWORD);
    opsToken = await signIn(platform, 'ops-jobs', PASSWORD);
  }
  return opsToken;
}

const listJobs = async () =>
  dataOf(await adminCall<{ jobs: JobItem[] }>(platform, 'listJobs', { runs: 5 }, await ops())).jobs;

describe('the jobs page', () => {
  it('lists every timed job with its schedule and its runs by its timer, newest first', async () => {
    const token = await ops();
    expect((await listJobs()).every((job) => job.runs.length === 0)).toBe(true);
    await platform.emulator.scheduler.runNow('expireGroups');
    await platform.emulator.scheduler.runNow('expireGroups');
    await platform.emulator.scheduler.runNow('retryRefunds');
    const jobs = await listJobs();
    expect(jobs.map((job) => [job.name, job.title, job.schedule])).toEqual(
      Object.values(jobContracts).map((c) => [c.name, c.title, c.schedule]),
    );
    const byName = new Map(jobs.map((job) => [job.name, job]));
    expect(byName.get('expireGroups')?.runs.map((r) => [r.trigger, r.dryRun, r.ok])).toEqual([
      ['timer', false, true],
      ['timer', false, true],
    ]);
    expect(byName.get('expireGroups')?.runs[0]).toMatchObject({
      scanned: 0,
      changed: 0,
      remaining: 0,
      details: { refundsRequested: 0, refundsFailed: 0 },
    });
    expect(byName.get('retryRefunds')?.runs).toHaveLength(1);
    expect(byName.get('sendNotifications')?.runs).toEqual([]);

    const page = dataOf(
      await adminCall<{ items: Run[]; hasMore: boolean }>(
        platform,
        'listJobRuns',
        { job: 'expireGroups', limit: 1 },
        token,
      ),
    );
    expect(page.hasMore).toBe(true);
    expect(page.items.map((r) => r.runId)).toEqual([byName.get('expireGroups')?.runs[0]?.runId]);
    const bad = await adminCall(platform, 'listJobRuns', { job: 'dropDatabase' }, token);
    expect([bad.status, bad.body.ok]).toEqual([400, false]);
  });

  it('runs a job now: a dry run changes nothing, a real run changes what its timer would, both recorded and audited', async () => {
    const token = await ops();
    const { groupId, paid } = await groupWith(platform, 0, 0);
    await expire(platform, groupId);
    const groupBefore = await platform.get('groups', groupId);
    const orderBefore = await platform.get('orders', paid[0] as string);

    const dry = await adminCall<{ dryRun: boolean; report: Record<string, number> }>(
      platform,
      'runJob',
      { job: 'expireGroups', dryRun: true },
      token,
    );
    expect(dataOf(dry)).toMatchObject({ dryRun: true, report: { scanned: 1, changed: 0, remaining: 1 } });
    expect(await platform.get('groups', groupId)).toEqual(groupBefore);
    expect(await platform.get('orders', paid[0] as string)).toEqual(orderBefore);

    const real = await adminCall<{ report: Record<string, number> }>(
      platform,
      'runJob',
      { job: 'expireGroups', dryRun: false, limit: 10 },
      token,
    );
    expect(dataOf(real).report).toMatchObject({ scanned: 1, changed: 1, remaining: 0, refundsRequested: 1 });
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'failed' });
    await platform.settle();
    expect(await platform.get('orders', paid[0] as string)).toMatchObject({ status: 'refunded' });

    const [expireGroups] = await listJobs();
    expect(expireGroups?.runs.slice(0, 2).map((r) => [r.trigger, r.requestedBy, r.dryRun, r.changed])).toEqual([
      ['console', 'ops-jobs', false, 1],
      ['console', 'ops-jobs', true, 0],
    ]);
    const audit = await platform.find('audit_logs', { action: 'runJob' });
    expect(audit.map((a) => [a.account, a.target, a.before, (a.after as { changed: number }).changed])).toEqual([
      ['ops-jobs', 'job/expireGroups', { dryRun: true }, 0],
      ['ops-jobs', 'job/expireGroups', { dryRun: false, limit: 10 }, 1],
    ]);
  });

  it('two runs at once of expireGroups change each group once and ask one refund per payment', async () => {
    const token = await ops();
    const groups = await Promise.all([0, 1, 2].map((n) => groupWith(platform, n, 1)));
    for (const { groupId } of groups) await expire(platform, groupId);
    const paid = groups.flatMap((g) => g.paid);

    const runs = await Promise.all(
      [1, 2].map(() =>
        adminCall<{ report: { changed: number; refundsRequested: number } }>(
          platform,
          'runJob',
          { job: 'expireGroups', dryRun: false },
          token,
        ),
      ),
    );
    const reports = runs.map((run) => dataOf(run).report);
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(groups.length);
    expect(reports.reduce((sum, r) => sum + r.refundsRequested, 0)).toBe(paid.length);
    await platform.settle();
    for (const { groupId } of groups) {
      const group = (await platform.get('groups', groupId)) as { status: string; outbox: { kind?: string }[] };
      expect(group.status).toBe('failed');
      expect(new Set(group.outbox.map((m) => JSON.stringify(m))).size).toBe(group.outbox.length);
    }
    for (const orderId of paid) {
      expect(await platform.find('refunds', { orderId })).toHaveLength(1);
      expect(ledgerRefunds(platform, orderId)).toBe(1);
      expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    }
    const recorded = (
      await platform.find('job_runs', { job: 'expireGroups', trigger: 'console', dryRun: false })
    ).slice(-2);
    expect(recorded.map((r) => [r.requestedBy, r.ok])).toEqual([
      ['ops-jobs', true],
      ['ops-jobs', true],
    ]);
  });

  it('refuses an unknown job and a run without saying whether it is dry, running nothing', async () => {
    const token = await ops();
    const before = (await platform.find('job_runs')).length;
    for (const body of [
      { job: 'dropDatabase', dryRun: true },
      { job: 'expireGroups' },
      { job: 'expireGroups', dryRun: true, limit: 0 },
    ]) {
      const answer = await adminCall(platform, 'runJob', body, token);
      expect([answer.status, answer.body.ok ? 'ok' : answer.body.error.code]).toEqual([400, 'INVALID_ARGUMENT']);
    }
    expect((await platform.find('job_runs')).length).toBe(before);
  });

  it('is for ops alone: merchants and customer service are refused with 403 and run nothing', async () => {
    await addStaff(platform, 'jobs-merchant', PASSWORD, { role: 'merchant', merchantId: 'm-1' });
    await addStaff(platform, 'jobs-service', PASSWORD, { role: 'service' });
    const before = (await platform.find('job_runs')).length;
    for (const account of ['jobs-merchant', 'jobs-service']) {
      const token = await signIn(platform, account, PASSWORD);
      for (const [action, body] of [
        ['listJobs', {}],
        ['listJobRuns', { job: 'expireGroups' }],
        ['runJob', { job: 'expireGroups', dryRun: false }],
      ] as const) {
        const answer = await adminCall(platform, action, body, token);
        expect([answer.status, answer.body.ok ? 'ok' : answer.body.error.code], `${account} ${action}`).toEqual([
          403,
          'FORBIDDEN',
        ]);
      }
    }
    expect((await platform.find('job_runs')).length).toBe(before);
  });
});
