/**
 * Order placement (the service openGroup, joinGroup and buySolo share) end to end: the real functions,
 * bundled, in the emulator's runner, called through the gateway as the mini-program calls them, paid through
 * the CloudPay sandbox. A group's whole life from opening to success, and the three racing for one stock:
 * stock is conserved and never negative.
 */
import { describe, expect, it } from 'vitest';
import { data, type Envelope } from '../testing/envelopes';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { stockOf } from '../testing/ops';
import { STOCK_RACE, stockRace } from '../testing/shopper-races';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
/** The race runs small here; order-placement.slow.test.ts runs it at full scale. */
const { small: race } = STOCK_RACE;

type Opened = { groupId: string; orderId: string; total: number; payment: { package: string } };
type Joined = { orderId: string; total: number };

const open = async (openid: string, body: Record<string, unknown>) =>
  (await platform.call<Envelope<Opened>>('openGroup', openid, body)).body;
const join = async (openid: string, body: Record<string, unknown>) =>
  (await platform.call<Envelope<Joined>>('joinGroup', openid, body)).body;

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
  it(`openGroup, joinGroup and buySolo racing for ${2 * race.groups} units take exactly ${2 * race.groups}, never more`, () =>
    stockRace(platform, race));
});
