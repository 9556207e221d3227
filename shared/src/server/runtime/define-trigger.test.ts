import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineJobContract } from '../../contracts/contract';
import { ManualClock } from '../../kernel/time';
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
  const main = defineTrigger(
    defineJobContract({
      name: 'expireSomething',
      title: '测试任务',
      schedule: { cron: '0 * * * * * *', description: '每分钟' },
      report: {},
      defaultLimit: 50,
      budgetMs: 2_000,
    }),
    async (run) => {
      runs.push(run);
      return { scanned: 3, changed: run.dryRun ? 0 : 2, remaining: 1 };
    },
    { clock },
  );

  it('runs on the platform timer event with the default limit and a time budget', async () => {
    const answer = await main({ Type: 'Timer', TriggerName: 'everyMinute', Time: '2026-11-25T12:00:00Z' });
    expect(answer).toEqual({ ok: true, data: { scanned: 3, changed: 2, remaining: 1 } });
    expect(runs.at(-1)).toMatchObject({ trigger: 'timer', limit: 50, dryRun: false });
    expect(runs.at(-1)?.hasTime()).toBe(true);
  });

  it('runs by hand from the console with a limit and a dry run', async () => {
    setWxEnv({});
    const answer = await main({ limit: 5, dryRun: true });
    expect(answer).toEqual({ ok: true, data: { scanned: 3, changed: 0, remaining: 1 } });
    expect(runs.at(-1)).toMatchObject({ trigger: 'manual', limit: 5, dryRun: true });
  });

  it('runs for another function (a call chain ending in scf), as the console’s function runs it', async () => {
    for (const SOURCE of ['scf', 'wx_http,scf']) {
      setWxEnv({ SOURCE });
      await expect(main({ dryRun: true })).resolves.toMatchObject({ ok: true });
      expect(runs.at(-1)).toMatchObject({ trigger: 'manual', dryRun: true });
    }
  });

  it('refuses a shopper, an anonymous client or HTTP caller, and a forged timer event; nothing runs', async () => {
    const before = runs.length;
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
    expect(runs.length).toBe(before);
  });

  it('knows a timer by the platform’s SOURCE, not by the event: a timer-shaped body from the console is a manual run', async () => {
    setWxEnv({});
    await main({ Type: 'Timer', TriggerName: 'forged', Time: 'now' });
    expect(runs.at(-1)).toMatchObject({ trigger: 'manual', limit: 50 });
  });

  it('refuses bad manual events', async () => {
    const before = runs.length;
    setWxEnv({});
    await expect(main({ limit: 0 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await expect(main({ limit: 'all' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(runs.length).toBe(before);
  });

  it('reports a crashed job as INTERNAL without a stack', async () => {
    const crashing = defineTrigger(
      defineJobContract({
        name: 'crashes',
        title: '会失败的任务',
        schedule: { cron: '0 * * * * * *', description: '每分钟' },
        report: {},
        defaultLimit: 1,
        budgetMs: 1_000,
      }),
      async () => {
        throw new Error('boom at file.ts:1');
      },
    );
    const answer = await crashing({ Type: 'Timer', TriggerName: 't', Time: 'now' });
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
  });
});
