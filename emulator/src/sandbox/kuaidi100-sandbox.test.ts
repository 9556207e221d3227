/**
 * The 快递100 sandbox over HTTP: what it refuses as 快递100 does, the parcels' journeys on its clock, its
 * faults and controls, and that the functions' adapter reads what it answers.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { kuaidi100Client } from '../../../shared/src/server/providers/kuaidi100';
import { Kuaidi100Sandbox, KUAIDI100_SANDBOX_PATH, SANDBOX_CUSTOMER, SANDBOX_KEY } from './kuaidi100-sandbox';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 11, 1, 0, 0); // 09:00 in Chongqing
let now = START;
const sandbox = new Kuaidi100Sandbox({ now: () => now, journeyMs: 24 * HOUR, hangMs: 2000 });

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    void sandbox.route(req, res).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${KUAIDI100_SANDBOX_PATH}`;
});
afterAll(async () => {
  sandbox.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  now = START;
  sandbox.reset();
  sandbox.setFaults({});
});

const sign = (param: string, key = SANDBOX_KEY, customer = SANDBOX_CUSTOMER) =>
  createHash('md5')
    .update(param + key + customer)
    .digest('hex')
    .toUpperCase();

/** Posts a query form (fields as given) and answers the status and JSON body. */
async function post(fields: Record<string, string>, timeoutMs = 5000) {
  const res = await fetch(`${base}/poll/query.do`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

/** A correctly signed query. */
const query = (param: Record<string, unknown>) => {
  const text = JSON.stringify(param);
  return post({ customer: SANDBOX_CUSTOMER, sign: sign(text), param: text });
};

const control = async (path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

type Track = {
  state: string;
  ischeck: string;
  data: { time: string; ftime: string; context: string; areaName: string }[];
};

describe('what it refuses, as 快递100 does', () => {
  it('wants customer, sign and param, the sandbox account and a sign of that param', async () => {
    const param = JSON.stringify({ com: 'yuantong', num: 'YT0000000001' });
    const incomplete = { result: false, returnCode: '400', message: '提交的数据不完整，或者贵公司没授权' };
    expect((await post({ customer: SANDBOX_CUSTOMER, param })).body).toEqual(incomplete);
    expect((await post({ customer: SANDBOX_CUSTOMER, sign: sign(param) })).body).toEqual(incomplete);
    expect(
      (await post({ customer: 'SOMEONEELSE', sign: sign(param, SANDBOX_KEY, 'SOMEONEELSE'), param })).body,
    ).toEqual(incomplete);
    const wrongKey = await post({ customer: SANDBOX_CUSTOMER, sign: sign(param, 'not-the-key'), param });
    expect(wrongKey).toEqual({ status: 200, body: { result: false, returnCode: '503', message: '验证签名失败' } });
    // The sign is over the exact param text: lower case, or another param, does not pass.
    expect((await post({ customer: SANDBOX_CUSTOMER, sign: sign(param).toLowerCase(), param })).body).toMatchObject({
      returnCode: '503',
    });
    expect((await post({ customer: SANDBOX_CUSTOMER, sign: sign(param), param: `${param} ` })).body).toMatchObject({
      returnCode: '503',
    });
    expect((await post({ customer: SANDBOX_CUSTOMER, sign: sign('[1]'), param: '[1]' })).body).toEqual(incomplete);
    expect(sandbox.list()).toEqual([]);
  });

  it('wants a known carrier in lower case and a number of at most 32 characters', async () => {
    expect((await query({ com: 'dhl-cn', num: 'YT0000000001' })).body).toEqual({
      result: false,
      returnCode: '400',
      message: '找不到对应公司',
    });
    expect((await query({ com: 'YUANTONG', num: 'YT0000000001' })).body).toMatchObject({ returnCode: '400' });
    expect((await query({ com: 'yuantong', num: '' })).body).toMatchObject({ returnCode: '400' });
    expect((await query({ com: 'yuantong', num: '1'.repeat(33) })).body).toMatchObject({ returnCode: '400' });
  });

  it('wants the phone for 顺丰 and 中通, ending like the registered one', async () => {
    const phoneError = { result: false, returnCode: '408', message: '电话号码校验错误' };
    expect((await query({ com: 'shunfeng', num: 'SF0000000001' })).body).toEqual(phoneError);
    expect((await query({ com: 'zhongtong', num: '780000000001', phone: '' })).body).toEqual(phoneError);
    sandbox.register({ com: 'shunfeng', num: 'SF0000000002', phone: '13800138000' });
    expect((await query({ com: 'shunfeng', num: 'SF0000000002', phone: '13900009999' })).body).toEqual(phoneError);
    expect((await query({ com: 'shunfeng', num: 'SF0000000002', phone: '8000' })).body).toMatchObject({
      returnCode: '500',
    });
    expect((await query({ com: 'yuantong', num: 'YT0000000001' })).body).toMatchObject({ returnCode: '500' });
  });
});

describe('a parcel’s journey', () => {
  it('starts at its first query (查询无结果 until the first scan) and moves with the clock', async () => {
    const first = await query({ com: 'yunda', num: '4312345678901' });
    expect(first.body).toEqual({ result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' });
    expect(sandbox.parcel('yunda', '4312345678901')).toMatchObject({ startedAt: START, state: null, queries: 1 });

    now = START + 2 * HOUR; // 揽收 at 5 % of 24 h
    const collected = (await query({ com: 'yunda', num: '4312345678901' })).body as Track;
    expect(collected).toMatchObject({ message: 'ok', nu: '4312345678901', com: 'yunda', state: '1', ischeck: '0' });
    expect(collected.data).toHaveLength(1);
    expect(collected.data[0]?.context).toMatch(/^【重庆市.+】韵达快递.+营业部 已揽收$/);
    expect(collected.data[0]?.ftime).toBe('2026-11-11 10:12:00');

    now = START + 9 * HOUR;
    const sorting = (await query({ com: 'yunda', num: '4312345678901' })).body as Track;
    expect(sorting.state).toBe('0');
    expect(sorting.data.map((e) => e.context)[0]).toBe('【重庆市】快件已到达【重庆转运中心】');
    // Newest first, each later than the next.
    const times = sorting.data.map((e) => e.time);
    expect([...times].sort().reverse()).toEqual(times);

    now = START + 20 * HOUR;
    const out = (await query({ com: 'yunda', num: '4312345678901' })).body as Track;
    expect(out.state).toBe('5');
    expect(out.data[0]?.context).toMatch(/快件派送中，派件员：.+师傅，电话：139\d{8}$/);

    now = START + 24 * HOUR;
    const signed = (await query({ com: 'yunda', num: '4312345678901' })).body as Track;
    expect(signed).toMatchObject({ state: '3', ischeck: '1' });
    expect(signed.data).toHaveLength(7);
    expect(signed.data[0]?.context).toContain('已签收');
    // The script is the number's: the same number tells the same story.
    expect(sandbox.answerFor('yunda', '4312345678901')).toEqual(signed);
    expect(sandbox.parcel('yunda', '4312345678901')).toMatchObject({ queries: 5, tooSoon: 0, state: '3' });
  });

  it('counts the queries that come sooner than 30 minutes after the previous one', async () => {
    await query({ com: 'ems', num: 'EM1234567890CN' });
    now += 29 * 60_000;
    await query({ com: 'ems', num: 'EM1234567890CN' });
    now += 30 * 60_000;
    await query({ com: 'ems', num: 'EM1234567890CN' });
    expect(sandbox.parcel('ems', 'EM1234567890CN')).toMatchObject({ queries: 3, tooSoon: 1 });
  });

  it('plays a refused parcel back to its sender, and leaves a problem parcel stuck', async () => {
    sandbox.register({ com: 'jd', num: 'JD0012345678', outcome: 'refused', startedAt: START - 24 * HOUR });
    const returned = (await query({ com: 'jd', num: 'JD0012345678' })).body as Track;
    expect(returned).toMatchObject({ state: '4', ischeck: '1' });
    expect(returned.data.slice(0, 3).map((e) => e.context)).toEqual([
      expect.stringContaining('退回件已由寄件人签收'),
      expect.stringContaining('退回件已发出'),
      expect.stringContaining('收件人拒收'),
    ]);
    sandbox.register({ com: 'shentong', num: 'ST0012345678', outcome: 'problem', startedAt: START - 100 * HOUR });
    expect(((await query({ com: 'shentong', num: 'ST0012345678' })).body as Track).state).toBe('2');
  });

  it('is registered, advanced and listed through its controls', async () => {
    const registered = await control('/parcels', { com: 'zhongtong', num: '789000111222', phone: '13800138000' });
    expect(registered).toMatchObject({ status: 200, body: { com: 'zhongtong', startedAt: START, state: null } });
    const advanced = await control('/parcels/zhongtong/789000111222/advance', { ms: 16 * HOUR });
    expect(advanced.body).toMatchObject({ startedAt: START - 16 * HOUR, state: '0' });
    expect((await control('/parcels/zhongtong/nope/advance', { ms: 1 })).status).toBe(404);
    expect((await control('/parcels', { com: 'zhongtong' })).status).toBe(400);
    expect((await control('/parcels')).body).toEqual([expect.objectContaining({ num: '789000111222', queries: 0 })]);
  });

  it('answers the functions’ adapter, which reads the track from it', async () => {
    sandbox.register({ com: 'shunfeng', num: 'SF1400000001', phone: '13800138000', startedAt: START - 20 * HOUR });
    const client = kuaidi100Client({ url: base, customer: SANDBOX_CUSTOMER, key: SANDBOX_KEY, timeoutMs: 2000 });
    const reading = await client.track({ carrier: 'shunfeng', trackingNo: 'SF1400000001', phone: '13800138000' });
    expect(reading.state).toBe('out_for_delivery');
    expect(reading.events).toHaveLength(6);
    expect(reading.events[2]).toEqual({
      at: START - 20 * HOUR + 0.45 * 24 * HOUR,
      place: '重庆市',
      text: expect.stringContaining('【重庆转运中心】发出'),
    });
    expect(reading.events[0]?.place).toMatch(/^重庆市.+区$/);
    const wrongKey = kuaidi100Client({ url: base, customer: SANDBOX_CUSTOMER, key: 'x', timeoutMs: 2000 });
    await expect(wrongKey.track({ carrier: 'yuantong', trackingNo: 'YT1' })).rejects.toMatchObject({
      failure: 'rejected',
      providerCode: '503',
    });
  });
});

describe('faults', () => {
  it('answers 服务器繁忙, an HTTP 500, or nothing, as asked', async () => {
    expect((await control('/faults', { failureRate: 1 })).body).toMatchObject({ failureRate: 1, failureMode: 'busy' });
    expect((await query({ com: 'yunda', num: '4300000000001' })).body).toEqual({
      result: false,
      returnCode: '502',
      message: '服务器繁忙',
    });
    sandbox.setFaults({ failureRate: 1, failureMode: 'http_error' });
    expect((await query({ com: 'yunda', num: '4300000000001' })).status).toBe(500);
    sandbox.setFaults({ failureRate: 1, failureMode: 'timeout' });
    const text = JSON.stringify({ com: 'yunda', num: '4300000000001' });
    await expect(post({ customer: SANDBOX_CUSTOMER, sign: sign(text), param: text }, 200)).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(sandbox.parcel('yunda', '4300000000001')).toMatchObject({ failures: 3, queries: 0 });
    expect((await control('/faults')).body).toMatchObject({ failureMode: 'timeout' });
    expect((await control('/faults', { failureRate: 2 })).status).toBe(400);
  });

  it('fails a seeded share of queries, the same ones for the same seed, and may delay every answer', async () => {
    const outcomes = async () => {
      const codes: string[] = [];
      for (let i = 0; i < 40; i++) {
        const body = (await query({ com: 'yuantong', num: `YT77${i}` })).body as { returnCode: string };
        codes.push(body.returnCode);
      }
      return codes;
    };
    sandbox.setFaults({ failureRate: 0.5, seed: 7 });
    const first = await outcomes();
    sandbox.setFaults({ failureRate: 0.5, seed: 7 });
    expect(await outcomes()).toEqual(first);
    const failed = first.filter((code) => code === '502').length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
    sandbox.setFaults({ delayMs: 150 });
    const started = performance.now();
    await query({ com: 'yuantong', num: 'YT771' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});
