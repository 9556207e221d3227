import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CallbackInvoker } from './callback-delivery';
import { type LedgerStore, sqliteLedger } from './pay-ledger';
import { PaySandbox } from './pay-sandbox';

const root = mkdtempSync(join(tmpdir(), 'pay-ledger-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const opened: { sandbox: PaySandbox; store: LedgerStore }[] = [];
afterEach(() => {
  for (const { sandbox } of opened.splice(0)) sandbox.close();
});

const acknowledge: CallbackInvoker = async () => ({ errcode: 0 });

/** A sandbox over the ledger kept in `dir`, as the emulator opens it at start (a second one = a restart). */
function sandboxOn(dir: string, invoke: CallbackInvoker = acknowledge, refundSettleMs = 5) {
  const store = sqliteLedger(dir);
  const sandbox = new PaySandbox({ invoke, store, refundSettleMs, delivery: { retryDelaysMs: [5], maxAttempts: 3 } });
  opened.push({ sandbox, store });
  return sandbox;
}

const shopper = { functionName: 'openGroup', openid: 'o-ledger' };
const order = (outTradeNo: string) => ({
  body: '山城拼团',
  out_trade_no: outTradeNo,
  total_fee: 2990,
  sub_mch_id: '1900000109',
  function_name: 'payCallback',
});
const refund = (outTradeNo: string) => ({
  out_trade_no: outTradeNo,
  out_refund_no: `R${outTradeNo}`,
  total_fee: 2990,
  refund_fee: 2990,
  function_name: 'refundCallback',
});

describe('CloudPay ledger kept in the data directory', () => {
  it('after a restart, a prepay comes back the same, a payment is known and cannot be paid again, a refund finds it', () => {
    const dir = join(root, 'remembers');
    const before = sandboxOn(dir);
    const prepay = before.handle('unifiedOrder', order('T1'), shopper);
    before.handle('unifiedOrder', order('T2'), shopper);
    const { transactionId } = before.pay('T2');
    before.stop(); // killed: nothing is flushed or closed on the way out

    const after = sandboxOn(dir);
    expect(after.handle('unifiedOrder', order('T1'), shopper).prepay_id).toBe(prepay.prepay_id);
    expect(after.handle('unifiedOrder', order('T2'), shopper)).toMatchObject({ err_code: 'ORDERPAID' });
    expect(() => after.pay('T2')).toThrow('T2 is already paid');
    expect(after.handle('queryOrder', { out_trade_no: 'T2' }, undefined)).toMatchObject({
      trade_state: 'SUCCESS',
      transaction_id: transactionId,
    });
    const refunded = after.handle('refund', refund('T2'), undefined);
    expect(refunded).toMatchObject({ result_code: 'SUCCESS', transaction_id: transactionId });

    const later = sandboxOn(dir);
    expect(later.handle('refund', refund('T2'), undefined)).toMatchObject({ refund_id: refunded.refund_id });
    expect(later.refundedTotal(later.order('T2')!)).toBe(2990);
    // Ids issued after a restart never repeat one issued before it.
    later.handle('unifiedOrder', order('T3'), shopper);
    expect(later.pay('T3').transactionId).not.toBe(transactionId);

    later.reset();
    expect(sandboxOn(dir).orders()).toEqual([]);
  });

  it('after a restart, sends again the notifications nobody acknowledged and settles refunds still processing', async () => {
    const dir = join(root, 'resumes');
    const refuse: CallbackInvoker = async () => ({ errcode: 1 });
    const before = sandboxOn(dir, refuse, 60 * 60_000);
    before.handle('unifiedOrder', order('P1'), shopper);
    before.pay('P1');
    before.handle('unifiedOrder', order('P2'), shopper);
    before.pay('P2');
    before.handle('refund', refund('P2'), undefined);
    await before.delivery.settle();
    before.stop();

    const delivered: string[] = [];
    const after = sandboxOn(dir, async (name, event) => {
      delivered.push(`${name} ${String(event.outRefundNo ?? event.outTradeNo)}`);
      return { errcode: 0 };
    });
    after.resume();
    await after.delivery.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await after.delivery.settle();
    expect(delivered.sort()).toEqual(['payCallback P1', 'payCallback P2', 'refundCallback RP2']);
    expect(after.handle('queryRefund', { out_trade_no: 'P2' }, undefined)).toMatchObject({
      refund_status_0: 'SUCCESS',
    });
    after.stop();

    const acknowledged = sandboxOn(dir, async (name) => {
      delivered.push(`again ${name}`);
      return { errcode: 0 };
    });
    acknowledged.resume();
    await acknowledged.delivery.settle();
    expect(delivered.filter((d) => d.startsWith('again'))).toEqual([]);
  });
});
