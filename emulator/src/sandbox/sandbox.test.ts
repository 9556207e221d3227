/**
 * The CloudPay and openapi sandboxes, driven through the real wx-server-sdk 4.0.2 over HTTP.
 * Callback deliveries go to an in-test invoker standing in for the function runner.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import * as cloud from 'wx-server-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCaller } from './api-token';
import { OpenApiSandbox } from './openapi-sandbox';
import { PaySandbox } from './pay-sandbox';
import { createSandboxRoutes } from './sandbox-routes';
import { handleWxApiAction } from './wx-api-actions';

type Delivered = { functionName: string; event: Record<string, unknown> };
const delivered: Delivered[] = [];
let answerFor: (d: Delivered, n: number) => unknown = () => ({ errcode: 0, errmsg: 'OK' });

const permissions: Record<string, string[]> = {
  sendNotifications: ['subscribeMessage.send'],
  getPoster: ['wxacode.getUnlimited', 'security.msgSecCheck', 'security.imgSecCheck'],
  reportShipments: ['wxa.sec.order.uploadShippingInfo'],
};
const openapi = new OpenApiSandbox((fn) => permissions[fn] ?? [], {
  trades: { find: (key) => pay.paidTrade(key) },
  faults: () => pay.currentFaults(),
});
const pay: PaySandbox = new PaySandbox({
  invoke: async (functionName, event) => {
    const record = { functionName, event };
    delivered.push(record);
    return answerFor(record, delivered.filter((d) => d.event.outTradeNo === event.outTradeNo).length);
  },
  delivery: { retryDelaysMs: [5, 10], maxAttempts: 6 },
  refundSettleMs: 5,
});
const routes = createSandboxRoutes({ openapi, pay });

let server: Server;
let base = '';
const cloudPay = (cloud as unknown as { cloudPay: Record<string, (p: object) => Promise<Record<string, unknown>>> })
  .cloudPay;
const openApi = cloud.openapi as Record<string, Record<string, (p: object) => Promise<Record<string, unknown>>>>;

/** Stands in for the runner's per-invocation tokens. */
const tokens = new Map<string, ApiCaller>();

/** Makes the next SDK calls come from this function, on behalf of this user. */
function callAs(functionName: string, openid?: string) {
  const token = `token-${tokens.size}`;
  tokens.set(token, { functionName, ...(openid ? { openid } : {}) });
  process.env.WX_API_TOKEN = token;
}

const post = async (path: string, body?: unknown) => {
  const res = await fetch(base + path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!req.url?.startsWith('/admin')) {
      void routes(req, res).then((served) => served || res.writeHead(404).end());
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const contentType = req.headers['content-type'] ?? '';
      const reply = await handleWxApiAction(Buffer.concat(chunks), contentType, { openapi, pay }, (t) => tokens.get(t));
      res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: 'sandbox-test',
    TCB_ENV: 'sandbox-test',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${base}/admin` }),
    SILENCE: 'true',
    // The platform lists WX_API_TOKEN here; the SDK only sends keys listed in WX_CONTEXT_KEYS.
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
  });
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
});

afterAll(async () => {
  pay.stop();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  delivered.length = 0;
  answerFor = () => ({ errcode: 0, errmsg: 'OK' });
  pay.setFaults({});
});

let tradeSeq = 0;
async function prepay(totalFee = 2990, openid = 'o-shopper') {
  const outTradeNo = `T${Date.now()}${++tradeSeq}`;
  callAs('openGroup', openid);
  const reply = await cloudPay.unifiedOrder!({
    body: '山城拼团-火锅底料',
    outTradeNo,
    spbillCreateIp: '127.0.0.1',
    subMchId: '1900000109',
    totalFee,
    envId: 'sandbox-test',
    functionName: 'payCallback',
  });
  return { outTradeNo, reply };
}

describe('CloudPay sandbox', () => {
  it('round-trips a payment: unifiedOrder, the shopper pays, the callback gets the notify fields', async () => {
    const { outTradeNo, reply } = await prepay(2990);
    expect(reply).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errCode: 0 });
    expect(reply.payment).toMatchObject({ signType: 'MD5', package: expect.stringMatching(/^prepay_id=wx/) });
    expect(await cloudPay.queryOrder!({ outTradeNo, subMchId: '1900000109' })).toMatchObject({ tradeState: 'NOTPAY' });

    expect((await post(`/_emulator/pay/${outTradeNo}/pay`)).status).toBe(200);
    await pay.delivery.settle();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.functionName).toBe('payCallback');
    expect(delivered[0]?.event).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo,
      totalFee: 2990,
      cashFee: 2990,
      openid: 'o-shopper',
      subOpenid: 'o-shopper',
      subMchId: '1900000109',
      transactionId: expect.stringMatching(/^4200\d{24}$/),
      timeEnd: expect.stringMatching(/^\d{14}$/),
    });
    const query = await cloudPay.queryOrder!({ outTradeNo });
    expect(query).toMatchObject({ tradeState: 'SUCCESS', transactionId: delivered[0]?.event.transactionId });
    expect(await cloudPay.closeOrder!({ outTradeNo })).toMatchObject({
      resultCode: 'FAIL',
      errCode: 0,
      errCodeDes: expect.any(String),
    });
    expect((await post(`/_emulator/pay/${outTradeNo}/pay`)).status).toBe(409);
  });

  it('refuses an order without a payer, a bad amount, or a reused number with another amount', async () => {
    callAs('openGroup');
    const noPayer = await cloudPay.unifiedOrder!({
      body: 'x',
      outTradeNo: 'T-nopayer',
      subMchId: '1',
      totalFee: 1,
      functionName: 'payCallback',
    });
    expect(noPayer.returnCode).toBe('FAIL');
    const { outTradeNo } = await prepay(100);
    callAs('openGroup', 'o-shopper');
    const float = await cloudPay.unifiedOrder!({
      body: 'x',
      outTradeNo: 'T-float',
      subMchId: '1',
      totalFee: 9.9,
      functionName: 'payCallback',
    });
    expect(float.returnCode).toBe('FAIL');
    const again = await cloudPay.unifiedOrder!({
      body: 'x',
      outTradeNo,
      subMchId: '1900000109',
      totalFee: 1,
      functionName: 'payCallback',
    });
    expect(again).toMatchObject({ resultCode: 'FAIL', errCode: 0 });
  });

  it('cannot pay a closed prepay', async () => {
    const { outTradeNo } = await prepay();
    expect(await cloudPay.closeOrder!({ outTradeNo })).toMatchObject({ resultCode: 'SUCCESS' });
    expect((await post(`/_emulator/pay/${outTradeNo}/pay`)).status).toBe(409);
    expect(delivered).toHaveLength(0);
  });

  it('retries the callback with backoff until it answers errcode 0', async () => {
    answerFor = (_d, n) => (n < 3 ? { errcode: 1, errmsg: 'RETRY' } : { errcode: 0, errmsg: 'OK' });
    const { outTradeNo } = await prepay();
    await post(`/_emulator/pay/${outTradeNo}/pay`);
    await pay.delivery.settle();
    expect(delivered).toHaveLength(3);
    const outcomes = pay.delivery
      .history()
      .filter((h) => h.key === outTradeNo)
      .map((h) => h.outcome);
    expect(outcomes).toEqual(['rejected', 'rejected', 'acknowledged']);
  });

  it('refuses a control body past its limit, and one that is not JSON, changing nothing', async () => {
    const large = await post('/_emulator/faults', { refundFailureRate: 0.5, padding: 'x'.repeat(1024 * 1024) });
    expect([large.status, large.body.message]).toEqual([413, 'body too large']);
    const garbled = await fetch(`${base}/_emulator/faults`, { method: 'POST', body: '{refundFailureRate' });
    expect(garbled.status).toBe(400);
    expect(pay.currentFaults().refundFailureRate).toBe(0);
  });

  it('delivers injected duplicate callbacks', async () => {
    await post('/_emulator/faults', { duplicateCallbacks: 2 });
    const { outTradeNo } = await prepay();
    await post(`/_emulator/pay/${outTradeNo}/pay`);
    await pay.delivery.settle();
    expect(delivered.map((d) => d.event.transactionId)).toEqual(Array(3).fill(delivered[0]?.event.transactionId));
  });

  it('redelivers when the instance crashes after the handler ran (effect stored, answer lost)', async () => {
    pay.setFaults({ crashDeliveries: 1, crashMode: 'after' });
    const { outTradeNo } = await prepay();
    await post(`/_emulator/pay/${outTradeNo}/pay`);
    await pay.delivery.settle();
    expect(delivered).toHaveLength(2);
    pay.setFaults({ crashDeliveries: 1, crashMode: 'before' });
    const second = await prepay();
    delivered.length = 0;
    await post(`/_emulator/pay/${second.outTradeNo}/pay`);
    await pay.delivery.settle();
    expect(delivered).toHaveLength(1);
    expect(
      pay.delivery
        .history()
        .filter((h) => h.key === second.outTradeNo)
        .map((h) => h.outcome),
    ).toEqual(['crashed', 'acknowledged']);
  });

  it('delays callbacks so concurrent ones arrive out of order', async () => {
    // The payments go in together, so the delays (up to 400 ms, seeded) and not the machine's speed decide the order.
    pay.setFaults({ callbackDelayMs: [0, 400], seed: 7 });
    const trades = await Promise.all(Array.from({ length: 8 }, () => prepay()));
    await Promise.all(trades.map((t) => post(`/_emulator/pay/${t.outTradeNo}/pay`)));
    await pay.delivery.settle();
    const order = delivered.map((d) => d.event.outTradeNo);
    expect(new Set(order)).toEqual(new Set(trades.map((t) => t.outTradeNo)));
    expect(order).not.toEqual(trades.map((t) => t.outTradeNo));
  });
});

describe('CloudPay refunds', () => {
  async function paid(totalFee: number) {
    const { outTradeNo } = await prepay(totalFee);
    await post(`/_emulator/pay/${outTradeNo}/pay`);
    await pay.delivery.settle();
    delivered.length = 0;
    callAs('expireGroups');
    return outTradeNo;
  }

  it('round-trips a refund: the refund callback carries the refund fields', async () => {
    const outTradeNo = await paid(5000);
    const reply = await cloudPay.refund!({
      outTradeNo,
      outRefundNo: `R${outTradeNo}`,
      totalFee: 5000,
      refundFee: 5000,
      subMchId: '1900000109',
      envId: 'sandbox-test',
      functionName: 'refundCallback',
    });
    expect(reply).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      refundFee: 5000,
      refundId: expect.any(String),
    });
    await new Promise((r) => setTimeout(r, 30));
    await pay.delivery.settle();
    expect(delivered).toEqual([
      {
        functionName: 'refundCallback',
        event: expect.objectContaining({
          outTradeNo,
          outRefundNo: `R${outTradeNo}`,
          refundId: reply.refundId,
          refundFee: 5000,
          totalFee: 5000,
          refundStatus: 'SUCCESS',
          successTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
        }),
      },
    ]);
    expect(await cloudPay.queryOrder!({ outTradeNo })).toMatchObject({ tradeState: 'REFUND' });
  });

  it('never refunds more than was paid, even when 40 refunds race', async () => {
    const outTradeNo = await paid(1000);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        cloudPay.refund!({
          outTradeNo,
          outRefundNo: `R${i}x${outTradeNo}`.slice(0, 32),
          totalFee: 1000,
          refundFee: 300,
        }),
      ),
    );
    expect(replies.filter((r) => r.resultCode === 'SUCCESS')).toHaveLength(3);
    expect(pay.refundedTotal(pay.order(outTradeNo)!)).toBe(900);
  });

  it('refunds a repeated outRefundNo only once, even when the repeats race', async () => {
    const outTradeNo = await paid(1000);
    const same = {
      outTradeNo,
      outRefundNo: `R${outTradeNo}`,
      totalFee: 1000,
      refundFee: 1000,
      functionName: 'refundCallback',
    };
    const replies = await Promise.all(Array.from({ length: 20 }, () => cloudPay.refund!(same)));
    expect(new Set(replies.map((r) => r.refundId)).size).toBe(1);
    expect(replies.every((r) => r.resultCode === 'SUCCESS')).toBe(true);
    expect(pay.refundedTotal(pay.order(outTradeNo)!)).toBe(1000);
    expect((await cloudPay.refund!({ ...same, refundFee: 500 })).resultCode).toBe('FAIL');
    await new Promise((r) => setTimeout(r, 30));
    await pay.delivery.settle();
    expect(delivered).toHaveLength(1);
  });

  it('fails refunds at the injected rate and records nothing for them', async () => {
    const outTradeNo = await paid(1000);
    await post('/_emulator/faults', { refundFailureRate: 1 });
    const reply = await cloudPay.refund!({
      outTradeNo,
      outRefundNo: `R${outTradeNo}`,
      totalFee: 1000,
      refundFee: 1000,
    });
    expect(reply).toMatchObject({ resultCode: 'FAIL', errCodeDes: expect.any(String) });
    expect(reply.errCode).toBe(0);
    expect(pay.refundedTotal(pay.order(outTradeNo)!)).toBe(0);
  });

  it('refuses refunds of unpaid orders', async () => {
    const { outTradeNo } = await prepay(1000);
    expect(
      (await cloudPay.refund!({ outTradeNo, outRefundNo: `R${outTradeNo}`, totalFee: 1000, refundFee: 1000 }))
        .resultCode,
    ).toBe('FAIL');
  });
});

describe('openapi sandbox', () => {
  const message = {
    touser: 'o-shopper',
    templateId: 'TPL_GROUP_RESULT',
    page: 'pages/order/detail?id=1',
    data: { thing1: { value: '奉节脐橙 3 人团' }, phrase2: { value: '拼团成功' } },
  };

  it('rejects a subscription message without a credit, sends it once with one', async () => {
    callAs('sendNotifications');
    await expect(openApi.subscribeMessage!.send!(message)).rejects.toMatchObject({ errCode: 43101 });
    expect(
      (await post('/_emulator/subscribe/grant', { openid: 'o-shopper', templateIds: ['TPL_GROUP_RESULT'] })).status,
    ).toBe(200);
    await expect(openApi.subscribeMessage!.send!(message)).resolves.toMatchObject({
      errCode: 0,
      msgid: expect.any(Number),
    });
    await expect(openApi.subscribeMessage!.send!(message)).rejects.toMatchObject({ errCode: 43101 });
    const outbox = (await (await fetch(`${base}/_emulator/outbox`)).json()) as unknown[];
    expect(outbox).toEqual([
      expect.objectContaining({
        touser: 'o-shopper',
        templateId: 'TPL_GROUP_RESULT',
        page: message.page,
        data: message.data,
        fromFunction: 'sendNotifications',
      }),
    ]);
  });

  it("enforces config.json permissions.openapi with the platform's error", async () => {
    callAs('joinGroup');
    await expect(openApi.subscribeMessage!.send!(message)).rejects.toMatchObject({ errCode: -604101 });
    callAs('sendNotifications');
    await expect(openApi.wxacode!.getUnlimited!({ scene: 'g=1' })).rejects.toMatchObject({ errCode: -604101 });
  });

  it('returns a real PNG QR code that encodes the scene', async () => {
    callAs('getPoster');
    const code = await openApi.wxacode!.getUnlimited!({ scene: 'g=G123&s=o9', page: 'pages/group/index', width: 430 });
    expect(code.contentType).toBe('image/png');
    const png = PNG.sync.read(code.buffer as Buffer);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe('pages/group/index?scene=g%3DG123%26s%3Do9');
    await expect(openApi.wxacode!.getUnlimited!({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errCode: 40169 });
  });

  it('takes uploadShippingInfo at any depth of the proxy, in camelCase, and checks it against the ledger', async () => {
    const { outTradeNo } = await prepay(1000, 'o-payer');
    await post(`/_emulator/pay/${outTradeNo}/pay`);
    await pay.delivery.settle();
    const transactionId = pay.order(outTradeNo)?.transactionId ?? '';
    const upload = (openid: string) =>
      (
        openApi as unknown as {
          wxa: { sec: { order: { uploadShippingInfo(p: object): Promise<Record<string, unknown>> } } };
        }
      ).wxa.sec.order.uploadShippingInfo({
        orderKey: { orderNumberType: 2, transactionId },
        logisticsType: 1,
        deliveryMode: 1,
        shippingList: [
          {
            trackingNo: 'SF1234567890',
            expressCompany: 'SF',
            itemDesc: '火锅底料*1',
            contact: { receiverContact: '138****5678' },
          },
        ],
        uploadTime: '2026-11-20T13:29:35.120+08:00',
        payer: { openid },
      });
    callAs('getPoster');
    await expect(upload('o-payer')).rejects.toMatchObject({ errCode: -604101 });
    callAs('reportShipments');
    await expect(upload('o-someone-else')).rejects.toMatchObject({ errCode: 10060031 });
    await expect(upload('o-payer')).resolves.toMatchObject({ errCode: 0 });
    await expect(upload('o-payer')).rejects.toMatchObject({ errCode: 10060023 });
    const shipping = (await (await fetch(`${base}/_emulator/shipping?transactionId=${transactionId}`)).json()) as {
      uploads: { params: Record<string, unknown>; fromFunction: string }[];
      calls: { errcode: number }[];
    };
    expect(shipping.calls.map((c) => c.errcode)).toEqual([10060031, 0, 10060023]);
    expect(shipping.uploads).toEqual([
      expect.objectContaining({
        fromFunction: 'reportShipments',
        params: {
          order_key: { order_number_type: 2, transaction_id: transactionId },
          logistics_type: 1,
          delivery_mode: 1,
          shipping_list: [
            {
              tracking_no: 'SF1234567890',
              express_company: 'SF',
              item_desc: '火锅底料*1',
              contact: { receiver_contact: '138****5678' },
            },
          ],
          upload_time: '2026-11-20T13:29:35.120+08:00',
          payer: { openid: 'o-payer' },
        },
      }),
    ]);
  });

  it('answers content-security checks with the configured verdicts', async () => {
    callAs('getPoster');
    await post('/_emulator/security', { blockedWords: ['代刷'] });
    const risky = await openApi.security!.msgSecCheck!({ content: '低价代刷好评', version: 2, scene: 1, openid: 'o1' });
    expect(risky.result).toMatchObject({ suggest: 'risky' });
    const clean = await openApi.security!.msgSecCheck!({ content: '奉节脐橙真甜', version: 2, scene: 1, openid: 'o1' });
    expect(clean.result).toMatchObject({ suggest: 'pass' });
  });
});
