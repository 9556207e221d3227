/**
 * getOrder end to end: bundled, in the emulator's runner, called through the gateway, over an order history
 * made by the real write functions and paid (or refunded) through the CloudPay sandbox.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { getOrderContract } from '../../contracts/get-order.contract';
import { receivedOrder, requested, staffAct } from '../testing/after-sales';
import { data, refusal } from '../testing/envelopes';
import { staffToken } from '../testing/fulfilment';
import { caller, type OrderHistory, orderHistory } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;

type OrderView = ResponseOf<typeof getOrderContract>;

describe('getOrder', () => {
  const me = 'o-orders-me';
  let ids: OrderHistory;

  beforeAll(async () => {
    ids = await orderHistory(platform, me, 'o-orders-other');
  });

  it('shows an order to its owner only, with its group, payment deadline and refund', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<OrderView>('getOrder', me, { orderId: ids.awaiting }),
    );
    console.log(`getOrder (group order): ${trips} database round trips`);
    expect(trips).toBe(2);
    expect(data(result)).toMatchObject({
      orderId: ids.awaiting,
      status: 'awaiting_group',
      statusLabel: '待成团',
      payable: false,
      paidAt: expect.any(Number),
      group: { groupId: ids.group, status: 'forming', size: 3, seatsPaid: 2, seatsLeft: 1 },
    });
    expect(data(result).refund).toBeUndefined();

    const pending = data(await call<OrderView>('getOrder', me, { orderId: ids.pending }));
    expect(pending).toMatchObject({ status: 'pending_payment', payable: true, group: { status: 'pending' } });
    expect(pending.payDeadlineAt - pending.createdAt).toBe(15 * 60_000);

    const refunded = await countingRoundTrips(() => call<OrderView>('getOrder', me, { orderId: ids.refunded }));
    console.log(`getOrder (refunded solo order): ${refunded.trips} database round trips`);
    expect(data(refunded.result)).toMatchObject({
      status: 'refunded',
      statusLabel: '已退款',
      refund: { status: 'succeeded', amount: 3990 },
    });
    expect(data(refunded.result).group).toBeUndefined();

    const solo = await countingRoundTrips(() => call<OrderView>('getOrder', me, { orderId: ids.toShip }));
    console.log(`getOrder (solo order): ${solo.trips} database round trips`);
    expect(solo.trips).toBe(1);
    expect(data(solo.result)).toMatchObject({ status: 'to_ship', payable: false, total: 3990 });
    // What 申请售后 may ask for: a refund before shipping; nothing before the group forms, nor once refunded.
    expect(data(solo.result).afterSaleTypes).toEqual(['refund_only']);
    expect(data(result).afterSaleTypes).toEqual([]);
    expect(data(refunded.result).afterSaleTypes).toEqual([]);

    // Another shopper's order reads exactly like one that does not exist.
    const stranger = await call('getOrder', 'o-orders-other', { orderId: ids.awaiting });
    expect(refusal(stranger)).toBe('NOT_FOUND');
    expect(stranger).toEqual(await call('getOrder', 'o-orders-other', { orderId: 'O-missing' }));
    expect(refusal(await call('getOrder', me, { orderId: '' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getOrder', me, { orderId: ['x'] }))).toBe('INVALID_ARGUMENT');
  });

  it('says which after-sales request is open and what a received order may still ask for, until when', async () => {
    const endsAt = Date.now() + 86_400_000;
    await platform.update('orders', { _id: ids.shipped }, { $set: { status: 'received', afterSaleEndsAt: endsAt } });
    const received = data(await call<OrderView>('getOrder', me, { orderId: ids.shipped }));
    expect(received).toMatchObject({
      afterSaleTypes: ['refund_only', 'return_refund', 'exchange'],
      afterSaleEndsAt: endsAt,
    });
    expect(received.openAfterSaleId).toBeUndefined();
    await platform.update('orders', { _id: ids.shipped }, { $set: { openAfterSaleId: 'AS-open' } });
    expect(data(await call<OrderView>('getOrder', me, { orderId: ids.shipped }))).toMatchObject({
      openAfterSaleId: 'AS-open',
      afterSaleTypes: [],
    });
  });

  it('shows a partial after-sales refund on an order the shopper keeps: the total refunded and its progress', async () => {
    const shopper = 'o-orders-partial';
    const { orderId, merchantId } = await receivedOrder(platform, shopper);
    const afterSaleId = await requested(platform, shopper, orderId, { amount: 1_000 });
    const merchant = await staffToken(platform, 'orders-partial', merchantId);
    expect((await staffAct(platform, 'approveAfterSale', afterSaleId, merchant)).body.ok).toBe(true);
    await platform.settle();
    expect(data(await call<OrderView>('getOrder', shopper, { orderId }))).toMatchObject({
      status: 'received',
      refund: { status: 'succeeded', amount: 1_000 },
    });
  });
});
