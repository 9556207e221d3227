import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENT_DEPTH } from './event-depth';
import { FunctionInvocationError } from './invocation-errors';
import type { InvocationRecord } from './invocation-log';
import { startTestEmulator, type TestEmulator } from './test-emulator';

interface WhoAmI {
  wx: { OPENID?: string; APPID?: string; UNIONID?: string; SOURCE?: string; ENV?: string };
  triggerSrc: string | null;
  event: Record<string, unknown>;
  context: { request_id: string; function_name: string; time_limit_in_ms: number };
}

describe('FunctionRunner', () => {
  let emulator: TestEmulator;
  const logged: InvocationRecord[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator({ envId: 'test-env', maxQueue: 200, log: (record) => logged.push(record) });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('runs main with the caller identity from the WeChat context and an SCF context', async () => {
    const answer = await emulator.runner.invoke(
      'whoami',
      { hello: 'world' },
      { openid: 'o-alice', appid: 'wx-app', unionid: 'u-alice', source: 'wx_client' },
    );
    const who = answer.result as WhoAmI;
    expect(who.wx).toEqual({
      OPENID: 'o-alice',
      APPID: 'wx-app',
      UNIONID: 'u-alice',
      ENV: 'test-env',
      SOURCE: 'wx_client',
    });
    expect(who.event).toEqual({ hello: 'world' });
    expect(who.triggerSrc).toBeNull();
    expect(who.context).toEqual({ request_id: answer.requestId, function_name: 'whoami', time_limit_in_ms: 5000 });
    expect(JSON.parse(answer.json)).toEqual(answer.result);
  });

  it('keeps 100 concurrent callers apart: each gets its own OPENID back', async () => {
    const openids = Array.from({ length: 100 }, (_, i) => `o-user-${i}`);
    const answers = await Promise.all(
      openids.map((openid, i) =>
        emulator.runner.invoke('whoami', { delayMs: i % 7 }, { openid, appid: `app-${i}`, source: 'wx_client' }),
      ),
    );
    answers.forEach((answer, i) => {
      const who = answer.result as WhoAmI;
      expect(who.wx.OPENID).toBe(openids[i]);
      expect(who.wx.APPID).toBe(`app-${i}`);
      expect(who.wx.UNIONID).toBeUndefined();
    });
    // At most `concurrency` (10) instances were started; the rest reused them.
    expect(answers.filter((answer) => answer.coldStart).length).toBeLessThanOrEqual(10);
  });

  it('resets identity between warm invocations: a caller without openid sees none', async () => {
    await emulator.runner.invoke('whoami', {}, { openid: 'o-previous', source: 'wx_client' });
    const answer = await emulator.runner.invoke('whoami', {}, { source: 'wx_trigger', triggerSrc: 'timer' });
    const who = answer.result as WhoAmI;
    expect(answer.coldStart).toBe(false);
    expect(who.wx.OPENID).toBeUndefined();
    expect(who.wx.SOURCE).toBe('wx_trigger');
    expect(who.triggerSrc).toBe('timer');
  });

  it('lets a function call another through cloud.callFunction; the callee sees the chained SOURCE', async () => {
    const answer = await emulator.runner.invoke(
      'caller',
      { target: 'whoami', data: { n: 1 } },
      { openid: 'o-bob', appid: 'wx-app', source: 'wx_client' },
    );
    const outcome = answer.result as { ok: boolean; result: WhoAmI; me: WhoAmI['wx'] };
    expect(outcome.ok).toBe(true);
    expect(outcome.me).toMatchObject({ OPENID: 'o-bob', SOURCE: 'wx_client' });
    expect(outcome.result.event).toEqual({ n: 1 });
    expect(outcome.result.wx).toMatchObject({ OPENID: 'o-bob', APPID: 'wx-app', SOURCE: 'wx_client,scf' });
    const sent = emulator.adminBodies.find((body) => body.action === 'functions.invokeFunction');
    expect(sent).toMatchObject({ function_name: 'whoami', request_data: '{"n":1}' });
    expect(typeof sent?.wxCloudApiToken).toBe('string');
  });

  it('reports a callee that throws, or does not exist, to the caller as the SDK does', async () => {
    const thrown = await emulator.runner.invoke(
      'caller',
      { target: 'thrower', data: { tag: 'x' } },
      { source: 'wx_client' },
    );
    // node-sdk turns the /admin error answer into an Error carrying `code`; wx-server-sdk prefixes the message.
    expect(thrown.result).toEqual({
      ok: false,
      errCode: -1,
      errMsg: 'callFunction:fail TypeError: boom x',
      code: 'FUNCTIONS_EXECUTE_FAIL',
    });
    const missing = await emulator.runner.invoke('caller', { target: 'nope' }, { source: 'wx_client' });
    expect(missing.result).toEqual({
      ok: false,
      errCode: -1,
      errMsg: 'callFunction:fail FunctionName parameter could not be found.',
      code: 'ResourceNotFound.FunctionName',
    });
  });

  it('refuses cloud.callFunction data nested deeper than MAX_EVENT_DEPTH, as the gateway refuses such a body', async () => {
    const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });
    const refused = await emulator.runner.invoke(
      'caller',
      { target: 'whoami', data: nested(MAX_EVENT_DEPTH + 1) },
      { source: 'wx_client' },
    );
    expect(refused.result).toMatchObject({
      ok: false,
      code: 'INVALID_PARAM',
      errMsg: `callFunction:fail request_data is nested deeper than ${MAX_EVENT_DEPTH} levels`,
    });
    const deepest = await emulator.runner.invoke(
      'caller',
      { target: 'whoami', data: nested(MAX_EVENT_DEPTH) },
      { source: 'wx_client' },
    );
    expect(deepest.result).toMatchObject({ ok: true, result: { event: nested(MAX_EVENT_DEPTH) } });
  });

  it('fails a throwing function with FUNCTIONS_EXECUTE_FAIL, the message and no stack', async () => {
    const failure = await emulator.runner
      .invoke('thrower', { tag: 'y' }, { source: 'wx_client' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FunctionInvocationError);
    expect(failure).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', errCode: -504002, errMsg: 'TypeError: boom y' });
    const record = emulator.runner.invocations().at(-1);
    expect(record).toMatchObject({ function: 'thrower', ok: false, errorCode: 'FUNCTIONS_EXECUTE_FAIL' });
    expect(record?.errorStack).toContain('boom y');
  });

  it('survives a function that exits its process: the call fails, the next one gets a fresh instance', async () => {
    const failure = await emulator.runner
      .invoke('thrower', { exit: true }, { source: 'wx_client' })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      errMsg: expect.stringContaining('exited with code 3'),
    });
    await expect(emulator.runner.invoke('thrower', {}, { source: 'wx_client' })).rejects.toMatchObject({
      errMsg: 'TypeError: boom',
    });
  });

  it('kills an invocation past its timeout, reports it like the platform, and recovers', async () => {
    const started = Date.now();
    const failure = await emulator.runner
      .invoke('sleepy', { spin: true }, { source: 'wx_client' })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(failure).toMatchObject({
      failure: 'timeout',
      errCode: -504003,
      errMsg: 'Invoking task timed out after 1 seconds',
    });
    const next = await emulator.runner.invoke('sleepy', { ms: 10 }, { source: 'wx_client' });
    expect(next.result).toEqual({ slept: 10 });
    expect(next.coldStart).toBe(true);
    expect(
      emulator.runner
        .invocations()
        .filter((r) => r.function === 'sleepy')
        .map((r) => r.errorCode),
    ).toEqual(['FUNCTIONS_TIME_LIMIT_EXCEEDED', undefined]);
  });

  it('records a cold start, then reuses the warm instance', async () => {
    const first = await emulator.runner.invoke('slow', { ms: 1 }, { source: 'wx_client' });
    const second = await emulator.runner.invoke('slow', { ms: 1 }, { source: 'wx_client' });
    expect(first.coldStart).toBe(true);
    expect(second.coldStart).toBe(false);
    expect((second.result as { threadId: number }).threadId).toBe((first.result as { threadId: number }).threadId);
    const records = emulator.runner.invocations().filter((r) => r.function === 'slow');
    expect(records.map((r) => r.coldStart)).toEqual([true, false]);
    expect(records[0]?.initMs).toBeGreaterThan(0);
    expect(records[1]?.initMs).toBeUndefined();
    for (const r of records) expect(r.durationMs).toBeGreaterThan(0);
  });

  it('honours the concurrency limit: extra invocations queue and reuse the same instances', async () => {
    const calls = Array.from({ length: 6 }, () => emulator.runner.invoke('slow', { ms: 120 }, { source: 'wx_client' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(emulator.runner.stats('slow')).toMatchObject({ running: 2, queued: 4 });
    const answers = await Promise.all(calls);
    const threads = new Set(answers.map((answer) => (answer.result as { threadId: number }).threadId));
    expect(threads.size).toBeLessThanOrEqual(2);
    const records = emulator.runner.invocations().slice(-6);
    const spans = records.map((r) => [
      Date.parse(r.startedAt) + r.queuedMs,
      Date.parse(r.startedAt) + r.queuedMs + r.durationMs,
    ]);
    for (const [start] of spans) {
      const overlapping = spans.filter(
        ([s, e]) => s !== undefined && e !== undefined && start !== undefined && s <= start && start < e - 1,
      );
      expect(overlapping.length).toBeLessThanOrEqual(2);
    }
    expect(records.filter((r) => r.queuedMs > 50).length).toBeGreaterThanOrEqual(4);
  });

  it('records every invocation with a hashed openid and hands each record to the log callback', () => {
    const records = emulator.runner.invocations();
    expect(logged).toEqual(records);
    const alice = records.find((r) => r.function === 'whoami' && r.openidHash !== undefined);
    expect(alice?.openidHash).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(records)).not.toContain('o-alice');
  });

  it('fails the call when the bundle cannot load, as a cold start', async () => {
    await expect(emulator.runner.invoke('crash-on-load', {}, { source: 'wx_client' })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      errMsg: 'Error: cannot load',
    });
    expect(emulator.runner.invocations().at(-1)).toMatchObject({
      function: 'crash-on-load',
      coldStart: true,
      ok: false,
    });
  });

  it('rejects an unknown function', async () => {
    await expect(emulator.runner.invoke('nope', {}, { source: 'wx_client' })).rejects.toMatchObject({
      failure: 'not_found',
      errCode: -501000,
    });
  });
});

describe('FunctionRunner instance lifetime', () => {
  it('counts a cold start for the call that waited for an instance, not for the first call on one started ahead', async () => {
    const emulator = await startTestEmulator({ parallelStarts: 1 });
    try {
      // Two calls at once ask for two instances. The first one up answers both (in a few ms each) while the
      // second is still loading wx-server-sdk; it comes up after them and waits, warm.
      const [a, b] = await Promise.all([
        emulator.runner.invoke('heavy', {}, { source: 'wx_client' }),
        emulator.runner.invoke('heavy', {}, { source: 'wx_client' }),
      ]);
      for (let waited = 0; emulator.runner.stats('heavy')?.idle !== 2 && waited < 5000; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(emulator.runner.stats('heavy')).toEqual({ running: 0, idle: 2, queued: 0, pending: 0 });
      // The most recently parked instance is the one started ahead: its first call finds it ready.
      const c = await emulator.runner.invoke('heavy', {}, { source: 'wx_client' });
      const thread = (answer: typeof a) => (answer.result as { threadId: number }).threadId;
      expect(thread(b)).toBe(thread(a));
      expect(thread(c)).not.toBe(thread(a));
      expect([a.coldStart, b.coldStart, c.coldStart]).toEqual([true, false, false]);
      expect(emulator.runner.invocations().map((r) => r.initMs === undefined)).toEqual([false, true, true]);
    } finally {
      await emulator.close();
    }
  });

  it('stops a warm instance after it idles past idleTimeoutMs', async () => {
    const emulator = await startTestEmulator({ idleTimeoutMs: 100 });
    try {
      await emulator.runner.invoke('slow', { ms: 1 }, { source: 'wx_client' });
      expect((await emulator.runner.invoke('slow', { ms: 1 }, { source: 'wx_client' })).coldStart).toBe(false);
      expect(emulator.runner.stats('slow')).toEqual({ running: 0, idle: 1, queued: 0, pending: 0 });
      for (let waited = 0; emulator.runner.stats('slow')?.idle !== 0 && waited < 3000; waited += 25) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(emulator.runner.stats('slow')).toEqual({ running: 0, idle: 0, queued: 0, pending: 0 });
      expect((await emulator.runner.invoke('slow', { ms: 1 }, { source: 'wx_client' })).coldStart).toBe(true);
    } finally {
      await emulator.close();
    }
  });

  it('throttles past the queue bound and rejects what is left on close', async () => {
    const emulator = await startTestEmulator({ maxQueue: 2 });
    try {
      const calls = Array.from({ length: 5 }, () =>
        emulator.runner.invoke('slow', { ms: 300 }, { source: 'wx_client' }).then(
          () => 'ok',
          (error: FunctionInvocationError) => error.failure,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      const closing = emulator.close();
      expect((await Promise.all(calls)).sort()).toEqual(['closed', 'closed', 'closed', 'closed', 'throttled']);
      await closing;
      await expect(emulator.runner.invoke('slow', {}, { source: 'wx_client' })).rejects.toMatchObject({
        failure: 'closed',
      });
    } finally {
      await emulator.close();
    }
  });
});
