import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineJobContract } from '../../contracts/contract';
import type { JobRunRecord } from '../../domain/job-run.schema';
import { DomainError } from '../../kernel/errors';
import { ManualClock } from '../../kernel/time';
import * as z from '../../kernel/zod';
import { setWxEnv } from '../testing/wx-env';
import { defineTrigger, type JobRun } from './define-trigger';

describe('defineTrigger', () => {
  const clock = new ManualClock(1_000_000);
  beforeEach(() => {
    setWxEnv({ SOURCE: 'wx_trigger' });
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  const runs: JobRun[] = [];
  const records: JobRunRecord[] = [];
  const recordRun = async (record: JobRunRecord) => {
    records.push(record);
  };
  const contractOf = (name: string, defaultLimit: number, budgetMs: number) =>
    defineJobContract({
      name,
      title: '测试任务',
      schedule: { cron: '0 * * * * * *', description: '每分钟' },
      report: { flagged: z.number().int().nonnegative() },
      defaultLimit,
      budgetMs,
    });
  const main = defineTrigger(
    contractOf('expireSomething', 50, 2_000),
    async (run) => {
      runs.push(run);
      return { scanned: 3, changed: run.dryRun ? 0 : 2, remaining: 1, flagged: 0 };
    },
    recordRun,
    { clock },
  );

  it('runs on the platform timer event with the default limit and a time budget', async () => {
    const answer = await main({ Type: 'Timer', TriggerName: 'everyMinute', Time: '2026-11-25T12:00:00Z' });
    expect(answer).toEqual({ ok: true, data: { scanned: 3, changed: 2, remaining: 1, flagged: 0 } });
    expect(runs.at(-1)).toMatchObject({ trigger: 'timer', limit: 50, dryRun: false });
    expect(runs.at(-1)?.hasTime()).toBe(true);
  });

  it('runs by hand from the cloud console with a limit and a dry run', async () => {
    setWxEnv({});
    const answer = await main({ limit: 5, dryRun: true });
    expect(answer).toEqual({ ok: true, data: { scanned: 3, changed: 0, remaining: 1, flagged: 0 } });
    expect(runs.at(-1)).toMatchObject({ trigger: 'cloud_console', limit: 5, dryRun: true });
  });

  it('runs for another function (a call chain ending in scf), as the console’s function runs it', async () => {
    for (const SOURCE of ['scf', 'wx_http,scf']) {
      setWxEnv({ SOURCE });
      await expect(main({ dryRun: true })).resolves.toMatchObject({ ok: true });
      expect(runs.at(-1)).toMatchObject({ trigger: 'function', dryRun: true });
      // The web console's function asks for a member of staff: a 'console' run.
      await expect(main({ dryRun: true, requestedBy: 'ops-01' })).resolves.toMatchObject({ ok: true });
      expect(runs.at(-1)).toMatchObject({ trigger: 'console', dryRun: true });
    }
  });

  it('refuses a shopper, an anonymous client or HTTP caller, and a forged timer event; nothing runs or is recorded', async () => {
    const before = [runs.length, records.length];
    const timerEvent = { Type: 'Timer', TriggerName: 'everyMinute', Time: '2026-11-25T12:00:00Z' };
    const callers = [
      { OPENID: 'o-shopper', SOURCE: 'wx_client' },
      { OPENID: 'o-shopper', SOURCE: 'wx_trigger' },
      { OPENID: 'o-shopper', SOURCE: 'wx_client,scf' },
      { SOURCE: 'wx_client' },
      { SOURCE: 'wx_devtools' },
      { SOURCE: 'wx_http' },
    ];
    for (const caller of callers) {
      setWxEnv(caller);
      await expect(main(timerEvent), JSON.stringify(caller)).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      await expect(main({})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect([runs.length, records.length]).toEqual(before);
  });

  it('knows a timer by the platform’s SOURCE, not by the event: a timer-shaped body from the console is a manual run', async () => {
    setWxEnv({});
    await main({ Type: 'Timer', TriggerName: 'forged', Time: 'now' });
    expect(runs.at(-1)).toMatchObject({ trigger: 'cloud_console', limit: 50 });
  });

  it('refuses bad manual events, and records nothing', async () => {
    const before = [runs.length, records.length];
    setWxEnv({});
    await expect(main({ limit: 0 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await expect(main({ limit: 'all' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await expect(main({ budgetMs: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect([runs.length, records.length]).toEqual(before);
  });

  it('records each run: trigger, dry run, limit, counts, its own figures as details, time and request', async () => {
    setWxEnv({ SOURCE: 'wx_http,scf' });
    records.length = 0;
    await main({ dryRun: true, limit: 7, requestedBy: 'ops-01' }, { request_id: 'req-1' });
    expect(records).toEqual([
      {
        job: 'expireSomething',
        trigger: 'console',
        requestedBy: 'ops-01',
        dryRun: true,
        limit: 7,
        startedAt: clock.now(),
        durationMs: expect.any(Number) as number,
        ok: true,
        scanned: 3,
        changed: 0,
        remaining: 1,
        details: { flagged: 0 },
        requestId: 'req-1',
      },
    ]);
    // A timer run never claims to be someone's.
    setWxEnv({ SOURCE: 'wx_trigger' });
    await main({ requestedBy: 'ops-01' });
    expect(records.at(-1)).toMatchObject({ trigger: 'timer', dryRun: false, limit: 50 });
    expect(records.at(-1)).not.toHaveProperty('requestedBy');
  });

  it('never lets a caller stretch the time budget; a shorter one ends the run sooner', async () => {
    setWxEnv({ SOURCE: 'scf' });
    vi.useFakeTimers({ toFake: ['Date'], now: 5_000_000 });
    try {
      const seen: JobRun[] = [];
      const timed = defineTrigger(
        contractOf('timed', 1, 1_000),
        async (run) => {
          seen.push(run);
          return { scanned: 0, changed: 0, remaining: 0, flagged: 0 };
        },
        recordRun,
      );
      await timed({ budgetMs: 100 });
      await timed({ budgetMs: 60_000 });
      const [shorter, longer] = seen as [JobRun, JobRun];
      vi.setSystemTime(5_000_099);
      expect([shorter.hasTime(), longer.hasTime()]).toEqual([true, true]);
      vi.setSystemTime(5_000_100);
      expect([shorter.hasTime(), longer.hasTime()]).toEqual([false, true]);
      vi.setSystemTime(5_001_000);
      expect(longer.hasTime()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a crashed job as INTERNAL without a stack, and records the failure by its code', async () => {
    records.length = 0;
    const crashing = defineTrigger(
      contractOf('crashes', 1, 1_000),
      async () => {
        throw new Error('boom at file.ts:1');
      },
      recordRun,
    );
    const answer = await crashing({ Type: 'Timer', TriggerName: 't', Time: 'now' });
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
    const refusing = defineTrigger(
      contractOf('refuses', 1, 1_000),
      async () => {
        throw new DomainError('UNAVAILABLE', 'CloudPay down');
      },
      recordRun,
    );
    expect(await refusing({})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(records.map((r) => [r.job, r.ok, r.errorCode, r.scanned])).toEqual([
      ['crashes', false, 'INTERNAL', undefined],
      ['refuses', false, 'UNAVAILABLE', undefined],
    ]);
    expect(JSON.stringify(records)).not.toMatch(/boom|file\.ts|CloudPay down/);
  });

  it('answers the report even when its record cannot be written', async () => {
    const unrecorded = defineTrigger(
      contractOf('unrecorded', 1, 1_000),
      async () => ({ scanned: 1, changed: 1, remaining: 0, flagged: 0 }),
      async () => {
        throw new Error('database down');
      },
    );
    expect(await unrecorded({})).toEqual({ ok: true, data: { scanned: 1, changed: 1, remaining: 0, flagged: 0 } });
  });
});
