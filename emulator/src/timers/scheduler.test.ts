import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionRunner, parseFunctionConfig } from '../functions';
import { startTestEmulator, type TestEmulator } from '../functions/test-emulator';
import { CronError } from './cron';
import { Scheduler, TimerNotFoundError } from './scheduler';

interface TickAnswer {
  event: { Type: string; TriggerName: string; Time: string };
  wx: { OPENID?: string; SOURCE?: string };
  triggerSrc: string | null;
}

const waitFor = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('Scheduler', () => {
  let emulator: TestEmulator;
  let scheduler: Scheduler;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    scheduler = new Scheduler(emulator.runner);
  });
  afterAll(async () => {
    scheduler.stop();
    await emulator.close();
  });

  it('lists the timers from config.json with their next fire time', () => {
    const before = Date.now();
    expect(scheduler.list()).toEqual([
      {
        function: 'tick',
        trigger: 'everySecond',
        cron: '*/1 * * * * * *',
        paused: false,
        active: false,
        nextFireAt: expect.any(String),
        lastFiredAt: null,
        lastResult: null,
      },
    ]);
    const next = Date.parse(scheduler.list()[0]?.nextFireAt ?? '');
    expect(next).toBeGreaterThan(before - 1000);
    expect(next).toBeLessThanOrEqual(before + 1000);
  });

  it('fires a timer on its cron with the timer event, SOURCE=wx_trigger and TRIGGER_SRC=timer', async () => {
    const ticks = () => emulator.runner.invocations().filter((r) => r.function === 'tick' && r.source === 'wx_trigger');
    scheduler.start();
    await waitFor(() => ticks().length >= 2, 5000);
    scheduler.pause();
    const [status] = scheduler.list();
    expect(status).toMatchObject({ paused: true, active: false, lastResult: 'ok' });
    expect(ticks().every((r) => r.ok)).toBe(true);
    expect(status?.lastFiredAt).toMatch(/\.000Z$/);
  });

  it('runs a timer on demand, even while paused, with the platform timer event', async () => {
    const answer = await scheduler.runNow('tick');
    const tick = answer.result as TickAnswer;
    expect(tick.event).toEqual({ Type: 'Timer', TriggerName: 'everySecond', Time: expect.any(String) });
    expect(tick.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(tick.event.Time) - Date.now())).toBeLessThan(2000);
    expect(tick.wx.SOURCE).toBe('wx_trigger');
    expect(tick.wx.OPENID).toBeUndefined();
    expect(tick.triggerSrc).toBe('timer');
  });

  it('stays quiet while paused and fires again once resumed', async () => {
    const count = () => emulator.runner.invocations().filter((r) => r.function === 'tick').length;
    await waitFor(() => emulator.runner.stats('tick')?.running === 0, 2000);
    const paused = count();
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(count()).toBe(paused);
    scheduler.resume('tick');
    await waitFor(() => count() > paused, 3000);
    scheduler.stop();
    expect(scheduler.list()[0]?.active).toBe(false);
  });

  it('refuses unknown timers', async () => {
    await expect(scheduler.runNow('whoami')).rejects.toBeInstanceOf(TimerNotFoundError);
    expect(() => scheduler.pause('nope')).toThrow(TimerNotFoundError);
  });

  it('refuses an invalid cron at construction, naming the function', () => {
    const config = parseFunctionConfig({ triggers: [{ name: 't', type: 'timer', config: '0 * * * * *' }] }, 'x.json');
    const runner = new FunctionRunner({
      functions: [{ name: 'broken', dir: '/nowhere', entry: '/nowhere/index.js', config }],
      emulatorUrl: 'http://127.0.0.1:9',
    });
    expect(() => new Scheduler(runner)).toThrow(CronError);
    expect(() => new Scheduler(runner)).toThrow(/function broken/);
  });
});
