/**
 * listMyOrders end to end: bundled, in the emulator's runner, called through the gateway, over an order
 * history made by the real write functions and paid (or refunded) through the CloudPay sandbox.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { listMyOrdersContract } from '../../contracts/list-my-orders.contract';
import { data, refusal } from '../testing/envelopes';
import { caller, type OrderHistory, orderHistory } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;

type OrderItem = ResponseOf<typeof listMyOrdersContract>['items'][number];
type Page<T> = { items: T[]; hasMore: boolean };

describe('listMyOrders', () => {
  const me = 'o-orders-me';
  let ids: OrderHistory;

  beforeAll(async () => {
    ids = await orderHistory(platform, me, 'o-orders-other');
  });

  it('lists the caller’s orders newest first, by tab, a page at a time', async () => {
    const { result, trips } = await countingRoundTrips(() => call<Page<OrderItem>>('listMyOrders', me, {}));
    const all = data(result);
    console.log(`listMyOrders: ${trips} database round trips`);
    expect(trips).toBe(1);
    const newestFirst = [ids.pending, ids.awaiting, ids.toShip, ids.refunded, ids.shipped, ids.completed, ids.closed];
    expect(all.items.map((o) => o.orderId)).toEqual(newestFirst);
    expect(all.hasMore).toBe(false);
    expect(all.items.map((o) => o.statusLabel)).toEqual([
      '待付款',
      '待成团',
      '待发货',
      '已退款',
      '已发货',
      '已完成',
      '已关闭',
    ]);

    const tab = async (status: string) =>
      data(await call<Page<OrderItem>>('listMyOrders', me, { status })).items.map((o) => o.orderId);
    expect(await tab('all')).toEqual(newestFirst);
    expect(await tab('pending_payment')).toEqual([ids.pending]);
    expect(await tab('awaiting_group')).toEqual([ids.awaiting]);
    expect(await tab('to_ship')).toEqual([ids.toShip]);
    expect(await tab('shipped')).toEqual([ids.shipped]);
    expect(await tab('completed')).toEqual([ids.completed]);
    expect(await tab('refund')).toEqual([ids.refunded]);

    const first = data(await call<Page<OrderItem>>('listMyOrders', me, { limit: 3 }));
    const last = data(await call<Page<OrderItem>>('listMyOrders', me, { limit: 3, offset: 6 }));
    expect(first).toMatchObject({ hasMore: true });
    expect(first.items.map((o) => o.orderId)).toEqual(newestFirst.slice(0, 3));
    expect(last).toMatchObject({ hasMore: false });
    expect(last.items.map((o) => o.orderId)).toEqual([ids.closed]);
    expect(data(await call<Page<OrderItem>>('listMyOrders', 'o-orders-nobody', {}))).toEqual({
      items: [],
      hasMore: false,
    });

    expect(refusal(await call('listMyOrders', me, { status: 'closed' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listMyOrders', me, { limit: 51 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listMyOrders', me, { offset: -1 }))).toBe('INVALID_ARGUMENT');
  });
});
