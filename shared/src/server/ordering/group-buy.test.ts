/**
 * The group-buy flow end to end: the real functions, bundled, in the emulator's runner, called through
 * the gateway as the mini-program calls them, paid through the CloudPay sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { pickupAt, seedCatalog, type Stock } from '../testing/group-buy.fixtures';
import { data, type Envelope } from '../testing/envelopes';

let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform.stop();
});

type Opened = { groupId: string; orderId: string; total: number; payment: { package: string } };
type Joined = { orderId: string; total: number };

const open = async (openid: string, body: Record<string, unknown>) =>
  (await platform.call<Envelope<Opened>>('openGroup', openid, body)).body;
const join = async (openid: string, body: Record<string, unknown>) =>
  (await platform.call<Envelope<Joined>>('joinGroup', openid, body)).body;
const stockOf = async (collection: 'skus' | 'activities', id: string, field: 'stock' | 'pool' = 'stock') =>
  (await platform.get(collection, id))?.[field] as Stock;

describe('a group from opening to success', () => {
  it('opens, fills, pays and succeeds; every order ships; stock is sold and conserved', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 50, groupSize: 3, leaderPrice: 2690 });
    const opened = data(await open('o-leader', { activityId: fx.activityId, quantity: 2, delivery: pickupAt(fx) }));
    expect(opened.total).toBe(2 * 2690);
    expect(opened.payment.package).toMatch(/^prepay_id=/);
    expect(await platform.get('groups', opened.groupId)).toMatchObject({
      status: 'pending',
      seatsTaken: 1,
      memberOpenids: ['o-leader'],
    });
    expect(await platform.get('orders', opened.orderId)).toMatchObject({
      status: 'pending_payment',
      role: 'leader',
      total: 5380,
    });
    expect(await stockOf('skus', fx.skuId)).toMatchObject({ available: 48, reserved: 2, sold: 0 });

    // Nobody can join before the leader pays.
    expect(await join('o-early', { groupId: opened.groupId, quantity: 1, delivery: pickupAt(fx) })).toMatchObject({
      ok: false,
      error: { code: 'GROUP_NOT_JOINABLE' },
    });

    await platform.pay(opened.orderId);
    await platform.settle();
    expect(await platform.get('groups', opened.groupId)).toMatchObject({ status: 'forming', seatsPaid: 1 });
    expect(await platform.get('orders', opened.orderId)).toMatchObject({
      status: 'awaiting_group',
      transactionId: expect.any(String),
    });
    expect(await platform.get('users', 'o-leader')).toMatchObject({ firstPaidAt: expect.any(Number) });

    const first = data(await join('o-m1', { groupId: opened.groupId, quantity: 1, delivery: pickupAt(fx) }));
    const second = data(await join('o-m2', { groupId: opened.groupId, quantity: 3, delivery: pickupAt(fx) }));
    expect(first.total).toBe(2990);
    expect(second.total).toBe(3 * 2990);
    expect(await join('o-m3', { groupId: opened.groupId, quantity: 1, delivery: pickupAt(fx) })).toMatchObject({
      ok: false,
      error: { code: 'GROUP_FULL', message: '该团已满员，去看看其他团吧' },
    });

    await platform.pay(first.orderId);
    await platform.settle();
    expect(await platform.get('orders', first.orderId)).toMatchObject({ status: 'awaiting_group' });
    await platform.pay(second.orderId);
    await platform.settle();

    expect(await platform.get('groups', opened.groupId)).toMatchObject({
      status: 'succeeded',
      seatsPaid: 3,
      seatsToPay: 0,
    });
    const orders = await platform.find('orders', { groupId: opened.groupId });
    expect(orders.map((o) => o.status)).toEqual(['to_ship', 'to_ship', 'to_ship']);
    expect(await stockOf('skus', fx.skuId)).toMatchObject({ available: 44, reserved: 0, sold: 6, holds: {} });
    expect(await platform.find('payments', {})).toHaveLength(3);
  });
});
