/**
 * The 快递100 adapter: its signature against vectors computed outside it (`md5sum`) and by the documented
 * formula, the form it posts, and what it makes of each kind of answer, over HTTP to a stand-in server.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseBusinessTime } from '../../kernel/time';
import {
  KUAIDI100_DEFAULT_TIMEOUT_MS,
  KUAIDI100_DEFAULT_URL,
  kuaidi100Client,
  kuaidi100Config,
  kuaidi100Form,
  kuaidi100Param,
  kuaidi100Place,
  kuaidi100Sign,
  readKuaidi100Answer,
} from './kuaidi100';
import { TrackingProviderError, type Waybill } from './parcel-tracking';

const CUSTOMER = 'CUSTOMER0123456789ABCDEF';
const KEY = 'Kd100TestKey';
const SF: Waybill = { carrier: 'shunfeng', trackingNo: 'SF1234567890123', phone: '13800138000' };
const YT: Waybill = { carrier: 'yuantong', trackingNo: 'YT9876543210' };

describe('the signature', () => {
  it('is UPPER(MD5(param + key + customer)): vectors computed with md5sum', () => {
    expect(kuaidi100Param(SF)).toBe('{"com":"shunfeng","num":"SF1234567890123","phone":"13800138000","resultv2":"1"}');
    expect(kuaidi100Sign(kuaidi100Param(SF), KEY, CUSTOMER)).toBe('D700806E751080855A08800691F26C79');
    expect(kuaidi100Param(YT)).toBe('{"com":"yuantong","num":"YT9876543210","resultv2":"1"}');
    expect(kuaidi100Sign(kuaidi100Param(YT), KEY, CUSTOMER)).toBe('6B2D19A6182BB8B9D09B527CFFE86806');
  });

  it('follows the documented formula for any param, Chinese text included', () => {
    for (const param of ['{}', '{"com":"ems","num":"EM263999513JP","to":"重庆市渝北区"}', kuaidi100Param(SF)]) {
      const byHand = createHash('md5').update(`${param}${KEY}${CUSTOMER}`, 'utf8').digest('hex').toUpperCase();
      expect(kuaidi100Sign(param, KEY, CUSTOMER)).toBe(byHand);
      expect(byHand).toMatch(/^[0-9A-F]{32}$/);
    }
  });

  it('posts customer, param and the sign of that very param', () => {
    const form = kuaidi100Form(SF, { customer: CUSTOMER, key: KEY });
    expect([...form.keys()].sort()).toEqual(['customer', 'param', 'sign']);
    expect(form.get('customer')).toBe(CUSTOMER);
    expect(form.get('param')).toBe(kuaidi100Param(SF));
    expect(form.get('sign')).toBe('D700806E751080855A08800691F26C79');
    // URL-encoded on the wire, decoded back to the same param.
    expect(new URLSearchParams(form.toString()).get('param')).toBe(kuaidi100Param(SF));
  });
});

describe('reading an answer', () => {
  const ok = {
    message: 'ok',
    nu: 'YT9876543210',
    ischeck: '0',
    condition: '00',
    com: 'yuantong',
    status: '200',
    state: '5',
    data: [
      {
        time: '2026-11-12 09:10:00',
        ftime: '2026-11-12 09:10:00',
        context: '【重庆市渝北区】快件派送中',
        areaName: '重庆,重庆市,渝北区',
        status: '派件',
      },
      { time: '2026-11-11 22:00:00', ftime: '2026-11-11 22:00:00', context: '【重庆转运中心】已到达', areaName: '' },
    ],
  };

  it('takes the state, and each event’s time (Asia/Shanghai), place and text', () => {
    expect(readKuaidi100Answer(ok)).toEqual({
      state: 'out_for_delivery',
      events: [
        { at: parseBusinessTime('2026-11-12 09:10:00'), place: '重庆市渝北区', text: '【重庆市渝北区】快件派送中' },
        { at: parseBusinessTime('2026-11-11 22:00:00'), text: '【重庆转运中心】已到达' },
      ],
    });
    expect(parseBusinessTime('2026-11-12 09:10:00')).toBe(Date.UTC(2026, 10, 12, 1, 10));
  });

  it('skips events it cannot read, and truncates a very long one', () => {
    const reading = readKuaidi100Answer({
      ...ok,
      data: [
        { ftime: 'yesterday', context: 'x' },
        { ftime: '2026-11-12 09:10:00' },
        'nonsense',
        { time: '2026-11-12 09:10:00', context: '长'.repeat(600) },
      ],
    });
    expect(reading.events).toHaveLength(1);
    expect(reading.events[0]?.text).toHaveLength(500);
  });

  it('reads 查询无结果 (returnCode 500) as a parcel not scanned yet', () => {
    expect(readKuaidi100Answer({ result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' })).toEqual({
      state: 'awaiting_collection',
      events: [],
    });
  });

  it('tells the provider’s trouble from a refusal', () => {
    const failureOf = (body: unknown) => {
      try {
        readKuaidi100Answer(body);
      } catch (error) {
        const e = error as TrackingProviderError;
        return [e.failure, e.providerCode, e.transient];
      }
      return 'read';
    };
    expect(failureOf({ result: false, returnCode: '502', message: '服务器繁忙' })).toEqual([
      'unavailable',
      '502',
      true,
    ]);
    expect(failureOf({ result: false, returnCode: '501', message: '服务器错误' })).toEqual([
      'unavailable',
      '501',
      true,
    ]);
    for (const code of ['400', '408', '503', '601']) {
      expect(failureOf({ result: false, returnCode: code, message: '…' })).toEqual(['rejected', code, false]);
    }
    expect(failureOf({ result: false, returnCode: 503 })).toEqual(['rejected', '503', false]);
    expect(failureOf([])).toEqual(['bad_answer', undefined, false]);
    expect(failureOf({ message: 'ok' })).toEqual(['bad_answer', undefined, false]);
  });

  it('names a place once per level', () => {
    expect(kuaidi100Place('重庆,重庆市')).toBe('重庆市');
    expect(kuaidi100Place('广东,深圳市,南山区')).toBe('广东深圳市南山区');
    expect(kuaidi100Place('北京市,北京市,朝阳区')).toBe('北京市朝阳区');
    expect(kuaidi100Place(' , ')).toBeUndefined();
    expect(kuaidi100Place(undefined)).toBeUndefined();
    expect(kuaidi100Place('区'.repeat(100))).toHaveLength(64);
  });
});

describe('the configuration', () => {
  it('needs the account’s customer and key, and defaults the address and timeout', () => {
    const missing = () => kuaidi100Config({ KUAIDI100_KEY: KEY });
    expect(missing).toThrow(TrackingProviderError);
    expect(missing).toThrow('KUAIDI100_CUSTOMER');
    expect(kuaidi100Config({ KUAIDI100_CUSTOMER: CUSTOMER, KUAIDI100_KEY: KEY })).toEqual({
      url: KUAIDI100_DEFAULT_URL,
      customer: CUSTOMER,
      key: KEY,
      timeoutMs: KUAIDI100_DEFAULT_TIMEOUT_MS,
    });
    expect(KUAIDI100_DEFAULT_URL).toBe('https://poll.kuaidi100.com');
    const local = kuaidi100Config({
      KUAIDI100_CUSTOMER: CUSTOMER,
      KUAIDI100_KEY: KEY,
      KUAIDI100_URL: 'http://127.0.0.1:8787/_emulator/kuaidi100',
      KUAIDI100_TIMEOUT_MS: '250',
    });
    expect(local).toMatchObject({ url: 'http://127.0.0.1:8787/_emulator/kuaidi100', timeoutMs: 250 });
    expect(kuaidi100Config({ KUAIDI100_CUSTOMER: 'c', KUAIDI100_KEY: 'k', KUAIDI100_TIMEOUT_MS: 'x' }).timeoutMs).toBe(
      KUAIDI100_DEFAULT_TIMEOUT_MS,
    );
  });
});

describe('the client over HTTP', () => {
  let server: Server;
  let base = '';
  const received: { method?: string; url?: string; type?: string; form: URLSearchParams }[] = [];
  let reply: (res: ServerResponse) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method,
          url: req.url,
          type: req.headers['content-type'],
          form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        });
        reply(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
  });

  const client = (timeoutMs = 2000) => kuaidi100Client({ url: base, customer: CUSTOMER, key: KEY, timeoutMs });
  const json =
    (body: unknown, status = 200) =>
    (res: ServerResponse) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return (error as TrackingProviderError).failure;
    }
    return 'answered';
  };

  it('posts the signed form to /poll/query.do and reads the track', async () => {
    reply = json({
      message: 'ok',
      state: '3',
      status: '200',
      data: [{ ftime: '2026-11-12 12:00:00', context: '已签收', areaName: '重庆,重庆市' }],
    });
    expect(await client().track(SF)).toEqual({
      state: 'delivered',
      events: [{ at: parseBusinessTime('2026-11-12 12:00:00'), place: '重庆市', text: '已签收' }],
    });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/prefix/poll/query.do' });
    expect(request?.type).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      customer: CUSTOMER,
      param: kuaidi100Param(SF),
      sign: 'D700806E751080855A08800691F26C79',
    });
  });

  it('answers a typed error for each way the provider fails', async () => {
    reply = json({ result: false, returnCode: '503', message: '验证签名失败' });
    expect(await failure(client().track(YT))).toBe('rejected');
    reply = json({ result: false, returnCode: '502', message: '服务器繁忙' });
    expect(await failure(client().track(YT))).toBe('unavailable');
    reply = json({ error: 'gateway' }, 502);
    expect(await failure(client().track(YT))).toBe('unavailable');
    reply = (res) => res.end('<html>维护中</html>');
    expect(await failure(client().track(YT))).toBe('bad_answer');
    reply = (res) => res.destroy();
    expect(await failure(client().track(YT))).toBe('unavailable');
    reply = () => undefined; // never answers
    const started = Date.now();
    expect(await failure(client(150).track(YT))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers unavailable when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = kuaidi100Client({ url: `http://127.0.0.1:${port}`, customer: CUSTOMER, key: KEY, timeoutMs: 1000 });
    expect(await failure(nowhere.track(YT))).toBe('unavailable');
  });
});
