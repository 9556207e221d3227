/**
 * confirmReceipt through the emulator: a shopper's own express parcel is received once, its after-sales window
 * from then; a repeat answers the same; another's order is NOT_FOUND and a pickup or unshipped order cannot be
 * received so. Racing completeOrders' receipt after 10 days, the order is received once, with one history step.
 */
import { describe, expect, it } from 'vitest';
import { DAY, orderDoc } from '../testing/fulfilment';
import { job } from '../testing/ops';
import { answer, expectRefusedOn } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const expectRefused = expectRefusedOn(platform);

const shipment = (shippedAt: number) => ({
  kind: 'express',
  carrier: 'shunfeng',
  trackingNo: 'SF1234567890',
  shippedAt,
  by: 'staff:ops01',
});

/** An express order of `openid` on its way since `shippedAt`. */
async function parcel(openid: string, shippedAt = Date.now() - DAY): Promise<string> {
  const doc = orderDoc({
    merchantId: 'm-receipt',
    openid,
    status: 'shipped',
    extra: { shipment: shipment(shippedAt) },
  });
  await platform.insert('orders', [doc]);
  return doc._id;
}

const receivedSteps = async (orderId: string) =>
  ((await platform.get('orders', orderId))?.history as { event: string; by: string }[]).filter(
    (h) => h.event === 'received',
  );

type Receipt = { orderId: string; status: string; statusLabel: string; receivedAt: number; afterSaleEndsAt: number };

describe('confirmReceipt', () => {
  it('receives the shopper’s own parcel once, opens the after-sales window, and answers a repeat the same', async () => {
    const orderId = await parcel('o-receipt-1');
    const first = await answer<Receipt>(platform, 'confirmReceipt', 'o-receipt-1', { orderId });
    if (!first.ok) throw new Error(first.error.code);
    expect(first.data).toMatchObject({ orderId, status: 'received', statusLabel: '已收货' });
    expect(first.data.afterSaleEndsAt - first.data.receivedAt).toBe(7 * DAY);
    expect(await platform.get('orders', orderId)).toMatchObject({
      status: 'received',
      receivedAt: first.data.receivedAt,
      afterSaleEndsAt: first.data.afterSaleEndsAt,
    });
    expect(await receivedSteps(orderId)).toEqual([expect.objectContaining({ by: 'shopper' })]);
    expect(await answer(platform, 'confirmReceipt', 'o-receipt-1', { orderId })).toEqual(first);
    expect(await receivedSteps(orderId)).toHaveLength(1);
    expect(await answer(platform, 'getOrder', 'o-receipt-1', { orderId })).toMatchObject({
      data: { statusLabel: '已收货', receivedAt: first.data.receivedAt, afterSaleEndsAt: first.data.afterSaleEndsAt },
    });
  });

  it('refuses another shopper’s order as not found, and orders not on their way by express', async () => {
    const mine = await parcel('o-receipt-2');
    await expectRefused('confirmReceipt', 'o-receipt-3', { orderId: mine }, 'NOT_FOUND');
    const unshipped = orderDoc({ merchantId: 'm-receipt', openid: 'o-receipt-2' });
    const atPoint = orderDoc({
      merchantId: 'm-receipt',
      openid: 'o-receipt-2',
      pickupPointId: 'pp-r',
      status: 'at_pickup_point',
      extra: { shipment: { kind: 'pickup', pickupPointId: 'pp-r', batchId: 'B-r', shippedAt: 1, by: 'staff:ops01' } },
    });
    await platform.insert('orders', [unshipped, atPoint]);
    for (const { _id } of [unshipped, atPoint]) {
      await expectRefused('confirmReceipt', 'o-receipt-2', { orderId: _id }, 'ORDER_NOT_RECEIVABLE');
    }
  });

  it('races completeOrders’ receipt after 10 days: each parcel is received once, with one history step', async () => {
    const shoppers = Array.from({ length: 4 }, (_, i) => `o-receipt-race-${i}`);
    const ids = await Promise.all(shoppers.map((openid) => parcel(openid, Date.now() - 11 * DAY)));
    const [answers] = await Promise.all([
      Promise.all(ids.map((orderId, i) => answer<Receipt>(platform, 'confirmReceipt', shoppers[i], { orderId }))),
      job(platform, 'completeOrders'),
    ]);
    for (const [i, orderId] of ids.entries()) {
      expect(answers[i], orderId).toMatchObject({ ok: true, data: { status: 'received' } });
      const steps = await receivedSteps(orderId);
      expect(steps, orderId).toHaveLength(1);
      const stored = await platform.get('orders', orderId);
      expect(answers[i]?.ok && answers[i].data.receivedAt).toBe(stored?.receivedAt);
    }
    expect(await job(platform, 'completeOrders')).toMatchObject({ received: 0 });
  });
});
