/**
 * A return from end to end through the console, the emulator and CloudPay's sandbox: approved, sent back,
 * received, refunded; the receipt's key sent again refunds once; a refund-only request has no return to
 * receive; a return received after staff refunded the whole order meanwhile closes with nothing to refund.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { receivedOrder, refundedOn, requested, staffAct, staffRefusal } from '../testing/after-sales';
import { data } from '../testing/envelopes';
import { answer } from '../testing/shopper';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let token = '';
beforeAll(async () => {
  await addStaff(platform, 'rr-service', 'Received2026x', { role: 'service' });
  token = await signIn(platform, 'rr-service', 'Received2026x');
});

/** A return request approved and sent back by `shopper`; answers its order and id. */
async function returning(shopper: string, amount: number) {
  const { orderId, total } = await receivedOrder(platform, shopper);
  const afterSaleId = await requested(platform, shopper, orderId, { type: 'return_refund', amount });
  await staffAct(platform, 'approveAfterSale', afterSaleId, token);
  data(
    await answer(platform, 'submitReturnParcel', shopper, { afterSaleId, carrier: 'ems', trackingNo: 'EM123456789CN' }),
  );
  return { orderId, total, afterSaleId };
}

describe('confirmReturnReceived', () => {
  it('refunds a received return once, however often the receipt is sent', async () => {
    const { orderId, afterSaleId } = await returning('o-rr-me', 4_000);
    const key = randomUUID();
    const answers = await Promise.all(
      [key, key, key].map((requestKey) =>
        staffAct(platform, 'confirmReturnReceived', afterSaleId, token, { requestKey }),
      ),
    );
    expect(new Set(answers.map(staffRefusal))).toEqual(new Set(['ok']));
    expect(answers[0]?.body).toMatchObject({
      ok: true,
      data: { refund: { outRefundNo: `R${orderId}-1`, amount: 4_000 } },
    });
    const other = await staffAct(platform, 'confirmReturnReceived', afterSaleId, token);
    expect(staffRefusal(other)).toBe('AFTER_SALE_NOT_ACTIONABLE');
    await platform.settle();
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: 4_000, count: 1, ledger: 4_000, ledgerCount: 1 });
    const afterSale = await platform.get('after_sales', afterSaleId);
    expect((afterSale?.history as { event: string }[]).map((h) => h.event)).toEqual([
      'submitted',
      'return_approved',
      'return_sent',
      'return_received_for_refund',
      'refund_confirmed',
    ]);
    expect((await platform.get('orders', orderId))?.openAfterSaleId).toBeUndefined();
    const audit = await platform.find('audit_logs', {
      action: 'confirmReturnReceived',
      target: `after-sale/${afterSaleId}`,
    });
    expect(audit).toHaveLength(3);
  });

  it('has no return to receive on a refund-only request', async () => {
    const { orderId } = await receivedOrder(platform, 'o-rr-ro');
    const afterSaleId = await requested(platform, 'o-rr-ro', orderId);
    const refused = await staffAct(platform, 'confirmReturnReceived', afterSaleId, token);
    expect([refused.status, staffRefusal(refused)]).toEqual([409, 'AFTER_SALE_NOT_ACTIONABLE']);
  });

  it('closes the request when staff refunded the whole order while the goods were on their way back', async () => {
    const { orderId, total, afterSaleId } = await returning('o-rr-drained', 3_000);
    const staff = await adminCall(
      platform,
      'refundOrder',
      { orderId, amount: total, reason: '整单退款', requestKey: randomUUID() },
      token,
    );
    expect(staffRefusal(staff)).toBe('ok');
    const received = await staffAct(platform, 'confirmReturnReceived', afterSaleId, token);
    expect(received.body).toMatchObject({ ok: true, data: { afterSale: { status: 'closed' } } });
    await platform.settle();
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: total, count: 1, ledger: total, ledgerCount: 1 });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    expect((await platform.get('orders', orderId))?.openAfterSaleId).toBeUndefined();
  });
});
