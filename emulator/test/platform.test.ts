/**
 * The emulator as one platform: real functions in the runner, the gateway as the mini-program's
 * `wx.cloud.callFunction`, CloudPay and openapi sandboxes answering the functions' SDK, and the
 * payment and refund callbacks delivered back into functions, all through the real wx-server-sdk.
 */
import { EJSON } from 'bson';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index';

const FUNCTIONS = fileURLToPath(new URL('./fixtures/functions', import.meta.url));
const INDEXES = fileURLToPath(new URL('./fixtures/platform-indexes.json', import.meta.url));

let emulator: Emulator;

const call = async (name: string, openid: string | undefined, data: unknown) => {
  const res = await fetch(`${emulator.url}/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(data),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const control = async (path: string, body?: unknown) =>
  (await fetch(`${emulator.url}${path}`, { method: 'POST', body: JSON.stringify(body ?? {}) })).status;

/** The notes the callback functions wrote, read back through the emulator's own database. */
async function notes(kind: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${emulator.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'database.getDocument',
      collectionName: 'notes',
      queryType: 'WHERE',
      query: JSON.stringify({ kind }),
      limit: 100,
    }),
  });
  const { data } = (await res.json()) as { data: { list: string[] } };
  return data.list.map((doc) => EJSON.parse(doc, { relaxed: true }) as Record<string, unknown>);
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    memory: true,
    functionsRoot: FUNCTIONS,
    indexesFile: INDEXES,
    callbackDelivery: { retryDelaysMs: [20, 40], maxAttempts: 5 },
  });
});

afterAll(async () => {
  await emulator.stop();
});

describe('payments through the platform', () => {
  it('round-trips: unifiedOrder in a function, the shopper pays, payCallback gets the notification', async () => {
    const prepay = await call('payOrder', 'o-buyer', { outTradeNo: 'T-ROUND-1', totalFee: 3690 });
    expect(prepay.status).toBe(200);
    expect(prepay.body).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', errCode: 0 });
    expect(prepay.body.payment).toMatchObject({
      package: expect.stringMatching(/^prepay_id=/),
      paySign: expect.any(String),
    });

    expect(await control('/_emulator/pay/T-ROUND-1/pay')).toBe(200);
    const [note] = await waitFor(
      () => notes('payment'),
      (list) => list.length > 0,
    );
    expect(note).toMatchObject({ source: 'wx_paycallback', openid: null });
    expect(note?.event).toMatchObject({
      outTradeNo: 'T-ROUND-1',
      totalFee: 3690,
      resultCode: 'SUCCESS',
      returnCode: 'SUCCESS',
      subOpenid: 'o-buyer',
      transactionId: expect.any(String),
      timeEnd: expect.stringMatching(/^\d{14}$/),
    });
    const [invocation] = await waitFor(
      async () => emulator.runner.invocations().filter((r) => r.function === 'payNotify'),
      (list) => list.length > 0,
    );
    expect(invocation).toMatchObject({ source: 'wx_paycallback', ok: true, resultCode: 'errcode=0' });
  });

  it('delivers a duplicate callback when one is injected', async () => {
    expect(await control('/_emulator/faults', { duplicateCallbacks: 1 })).toBe(200);
    await call('payOrder', 'o-buyer', { outTradeNo: 'T-DUP-1', totalFee: 100 });
    await control('/_emulator/pay/T-DUP-1/pay');
    await emulator.pay.delivery.settle();
    const deliveries = (await notes('payment')).filter(
      (n) => (n.event as { outTradeNo: string }).outTradeNo === 'T-DUP-1',
    );
    expect(deliveries).toHaveLength(2);
    expect(new Set(deliveries.map((n) => (n.event as { transactionId: string }).transactionId)).size).toBe(1);
    await control('/_emulator/faults', {});
  });

  it('round-trips a refund: the refund callback carries the refund', async () => {
    await call('payOrder', 'o-buyer', { outTradeNo: 'T-REF-1', totalFee: 5000 });
    await control('/_emulator/pay/T-REF-1/pay');
    const refund = await call('refundOrder', undefined, {
      outTradeNo: 'T-REF-1',
      outRefundNo: 'R-REF-1',
      totalFee: 5000,
      refundFee: 5000,
    });
    expect(refund.body).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', refundFee: 5000 });
    const [note] = await waitFor(
      () => notes('refund'),
      (list) => list.length > 0,
    );
    expect(note).toMatchObject({ source: 'wx_paycallback' });
    expect(note?.event).toMatchObject({
      outTradeNo: 'T-REF-1',
      outRefundNo: 'R-REF-1',
      refundFee: 5000,
      refundStatus: 'SUCCESS',
    });
    const again = await call('refundOrder', undefined, {
      outTradeNo: 'T-REF-1',
      outRefundNo: 'R-REF-2',
      totalFee: 5000,
      refundFee: 1,
    });
    expect(again.body).toMatchObject({ resultCode: 'FAIL' });
  });
});

describe('openapi through the platform', () => {
  it('rejects a subscription message without a credit, and sends it with one', async () => {
    expect((await call('notify', undefined, { touser: 'o-buyer' })).body).toMatchObject({ errCode: 43101 });
    expect(await control('/_emulator/subscribe/grant', { openid: 'o-buyer', templateIds: ['TPL_GROUP_RESULT'] })).toBe(
      200,
    );
    expect((await call('notify', undefined, { touser: 'o-buyer' })).body).toMatchObject({
      errCode: 0,
      msgid: expect.any(Number),
    });
    expect(emulator.openapi.outbox()).toEqual([expect.objectContaining({ touser: 'o-buyer', fromFunction: 'notify' })]);
  });

  it('refuses an openapi the function has no permission for', async () => {
    await control('/_emulator/subscribe/grant', { openid: 'o-buyer', templateIds: ['TPL_GROUP_RESULT'] });
    expect((await call('noPermission', undefined, { touser: 'o-buyer' })).body).toMatchObject({ errCode: -604101 });
  });
});

describe('functions through the platform', () => {
  it('lets a function call another through cloud.callFunction, the user travelling with the chain', async () => {
    const { status, body } = await call('chain', 'o-chain', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ wx: { OPENID: 'o-chain', SOURCE: 'wx_client,scf' }, event: { from: 'chain' } });
  });

  it('answers 404 for an unknown function from a plain HTTP client', async () => {
    expect((await call('nope', 'o1', {})).status).toBe(404);
  });
});
