/**
 * Order placement (the service openGroup, joinGroup and buySolo share) end to end: the real functions,
 * bundled, in the emulator's runner, called through the gateway as the mini-program calls them, paid through
 * the CloudPay sandbox. A group's whole life from opening to success, and the three racing for one stock:
 * stock is conserved and never negative.
 */
import { describe, expect, it } from 'vitest';
import { data, type Envelope } from '../testing/envelopes';
import { pickupAt, seedCatalog, type Stock } from '../testing/group-buy.fixtures';
import { stockOf } from '../testing/ops';
import { answer, formingGroup, type Placed } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

type Opened = { groupId: string; orderId: string; total: number; payment: { package: string } };
type Joined = { orderId: string; total: number };

const open = async (openid: string, body: Record<string, unknown>) =>
  (await platform.call<Envelope<Opened>>('openGroup', openid, body)).body;
const join = async (openid: string, body: Record<string, unknown>) =>
  (await platform.call<Envelope<Joined>>('joinGroup', openid, body)).body;
const call = (fn: string, openid: string | undefined, body: unknown) => answer<Placed>(platform, fn, openid, body);

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
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 48, reserved: 2, sold: 0 });

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
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 44, reserved: 0, sold: 6, holds: {} });
    expect(await platform.find('payments', {})).toHaveLength(3);
  });
});

describe('races', () => {
  it('openGroup, joinGroup and buySolo racing for 20 units take exactly 20, never more', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 20, groupSize: 2 });
    // Ten forming groups first (10 units held by their leaders), then 60 shoppers race for the other 10.
    const groups: string[] = [];
    for (let i = 0; i < 10; i++) groups.push(await formingGroup(platform, fx, `o-stock-leader-${i}`));
    expect(await platform.get('skus', fx.skuId)).toMatchObject({ stock: { available: 10, reserved: 10 } });

    const delivery = pickupAt(fx);
    const attempts = [
      ...Array.from({ length: 20 }, (_, i) =>
        call('openGroup', `o-opener-${i}`, { activityId: fx.activityId, quantity: 1, delivery }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        call('joinGroup', `o-joiner-${i}`, { groupId: groups[i % 10], quantity: 1, delivery }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        call('buySolo', `o-solo-${i}`, { skuId: fx.skuId, quantity: 1, delivery }),
      ),
    ];
    const answers = await Promise.all(attempts);
    const winners = answers.filter((a) => a.ok);
    for (const a of answers) if (!a.ok) expect(['OUT_OF_STOCK', 'GROUP_FULL']).toContain(a.error.code);
    expect(winners).toHaveLength(10);

    const stock = (await platform.get('skus', fx.skuId))?.stock as Stock;
    expect(stock).toMatchObject({ available: 0, reserved: 20, sold: 0 });

    // Pay every winner: solo orders and completed groups sell their units; the rest stay held.
    for (const w of winners) if (w.ok) await platform.pay(w.data.orderId);
    await platform.settle();
    const after = (await platform.get('skus', fx.skuId))?.stock as Stock;
    expect(after.available).toBe(0);
    expect(after.reserved + after.sold).toBe(20);
    const shipped = await platform.find('orders', { skuId: fx.skuId, status: 'to_ship' });
    expect(after.sold).toBe(shipped.reduce((sum, o) => sum + (o.quantity as number), 0));
  });
});
