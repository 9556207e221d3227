import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../functions/test-emulator';
import { Scheduler } from '../timers';
import { createGateway, MAX_BODY_BYTES, MAX_BODY_DEPTH, MAX_IDENTITY_LENGTH } from './gateway';

describe('gateway', () => {
  let emulator: TestEmulator;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    emulator = await startTestEmulator({ envId: 'gw-env' });
    const gateway = createGateway({ runner: emulator.runner, scheduler: new Scheduler(emulator.runner) });
    // As the emulator's server does: anything the gateway throws becomes a 500.
    server = createServer((req, res) => {
      gateway(req, res).then(
        (handled) => {
          if (!handled) res.writeHead(418).end('not mine');
        },
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await emulator.close();
  });

  const call = (name: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('runs the function as the user in x-wx-openid and answers its return value', async () => {
    const response = await call('whoami', JSON.stringify({ groupId: 'g1' }), {
      'x-wx-openid': 'o-carol',
      'x-wx-appid': 'wx-app',
      'x-wx-unionid': 'u-carol',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const answer = (await response.json()) as { wx: Record<string, unknown>; event: Record<string, unknown> };
    expect(answer.wx).toEqual({
      OPENID: 'o-carol',
      APPID: 'wx-app',
      UNIONID: 'u-carol',
      CLIENTIP: '127.0.0.1',
      ENV: 'gw-env',
      SOURCE: 'wx_client',
    });
    expect(answer.event).toEqual({ groupId: 'g1', userInfo: { appId: 'wx-app', openId: 'o-carol' } });
  });

  it('treats an empty body as no data', async () => {
    const response = await call('whoami', '', { 'x-wx-openid': 'o-dan' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { event: unknown }).event).toEqual({ userInfo: { openId: 'o-dan' } });
  });

  it('answers 404 for an unknown function and 400 for a body that is not a JSON object', async () => {
    const missing = await call('noSuchFunction', '{}');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      errCode: -501000,
      errMsg: 'FunctionName parameter could not be found.',
      code: 'ResourceNotFound.FunctionName',
    });
    expect((await call('%E0%A4%A', '{}')).status).toBe(404);
    const bad = await call('whoami', '{"groupId": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_PARAM' });
    expect((await call('whoami', '[1,2]')).status).toBe(400);
  });

  it('answers 400, never 500, for a body nested too deep to pass on (a 10 KB array of arrays)', async () => {
    const invocationsBefore = emulator.runner.invocations().length;
    const deep = `{"groupId":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const response = await call('whoami', deep);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errCode: -501007,
      errMsg: `request body is nested deeper than ${MAX_BODY_DEPTH} levels`,
      code: 'INVALID_PARAM',
    });
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    expect((await call('whoami', nested(MAX_BODY_DEPTH + 1))).status).toBe(400);
    expect(emulator.runner.invocations()).toHaveLength(invocationsBefore);
    expect((await call('whoami', nested(MAX_BODY_DEPTH))).status).toBe(200);
  });

  it('refuses identity headers no WeChat identity looks like: 400 with the rule, and nothing runs', async () => {
    const invocationsBefore = emulator.runner.invocations().length;
    const long = await call('whoami', '{}', { 'x-wx-openid': 'o'.repeat(8000) });
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({
      errCode: -501007,
      errMsg: `x-wx-openid must be 1 to ${MAX_IDENTITY_LENGTH} characters of A-Z, a-z, 0-9, _ and -`,
      code: 'INVALID_PARAM',
    });
    expect((await call('whoami', '{}', { 'x-wx-openid': 'o-ok', 'x-wx-appid': 'wx app' })).status).toBe(400);
    expect((await call('whoami', '{}', { 'x-wx-unionid': 'u"1' })).status).toBe(400);
    expect((await call('whoami', '{}', { 'x-wx-openid': 'o'.repeat(MAX_IDENTITY_LENGTH + 1) })).status).toBe(400);
    expect(emulator.runner.invocations()).toHaveLength(invocationsBefore);

    const longest = 'o_-9Z'.repeat(MAX_IDENTITY_LENGTH / 5).padEnd(MAX_IDENTITY_LENGTH, 'x');
    const ok = await call('whoami', '{}', { 'x-wx-openid': longest });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { wx: { OPENID: string } }).wx.OPENID).toBe(longest);
  });

  it('answers 413 for a body over 6 MB, declared or streamed, without reading it all', async () => {
    const invocationsBefore = emulator.runner.invocations().length;
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const declared = await call('whoami', JSON.stringify({ big }));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ code: 'INVALID_PARAM' });

    // Chunked, no content-length: refused once the bytes read pass the limit.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/fn/whoami`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 16) {
          sent += 1;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(emulator.runner.invocations()).toHaveLength(invocationsBefore);
  });

  it('answers 500 with the error and no stack when the function throws', async () => {
    const response = await call('thrower', '{"tag":"gw"}');
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({ errCode: -504002, errMsg: 'TypeError: boom gw', code: 'FUNCTIONS_EXECUTE_FAIL' });
    expect(JSON.stringify(body)).not.toMatch(/\bat\b/);
  });

  it('refuses other methods on /fn and leaves paths that are not its own', async () => {
    expect((await fetch(`${base}/fn/whoami`)).status).toBe(405);
    expect((await fetch(`${base}/admin`, { method: 'POST', body: '{}' })).status).toBe(418);
    expect((await fetch(`${base}/_emulator/pay/T1/pay`, { method: 'POST' })).status).toBe(418);
  });

  it('answers health', async () => {
    const response = await fetch(`${base}/_emulator/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ok: true,
      functions: expect.arrayContaining(['whoami', 'tick']),
      timers: [{ function: 'tick', active: false }],
    });
  });

  it('lists, pauses, resumes and runs timers', async () => {
    const listed = (await (await fetch(`${base}/_emulator/timers`)).json()) as { timers: { function: string }[] };
    expect(listed.timers.map((timer) => timer.function)).toEqual(['tick']);

    const paused = await fetch(`${base}/_emulator/timers/pause`, { method: 'POST' });
    expect(await paused.json()).toMatchObject({ timers: [{ function: 'tick', paused: true }] });
    const resumed = await fetch(`${base}/_emulator/timers/tick/resume`, { method: 'POST' });
    expect(await resumed.json()).toMatchObject({ timers: [{ function: 'tick', paused: false }] });

    const run = await fetch(`${base}/_emulator/timers/tick/run`, { method: 'POST' });
    expect(run.status).toBe(200);
    const answer = (await run.json()) as { result: { event: Record<string, unknown>; triggerSrc: string } };
    expect(answer).toMatchObject({ requestId: expect.any(String), coldStart: expect.any(Boolean) });
    expect(answer.result.event).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' });
    expect(answer.result.triggerSrc).toBe('timer');

    expect((await fetch(`${base}/_emulator/timers/whoami/run`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/_emulator/timers/tick/run`)).status).toBe(405);
  });
});
