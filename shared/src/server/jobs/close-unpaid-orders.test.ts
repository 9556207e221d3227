/**
 * closeUnpaidOrders through the emulator: an order unpaid past its deadline is closed and gives back its
 * seat, stock and prepay; a group whose leader never paid is abandoned; a payment whose notification was
 * lost is recovered, never kept without an order.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { job, lostPayment, stockOf } from '../testing/ops';
import { groupWith, place } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

describe('who may run it', () => {
  /** An order unpaid past its deadline, and what a run that changed something would change. */
  async function overdue() {
    const { unpaid } = await groupWith(platform, 0, 1);
    const [orderId] = unpaid as [string];
    await platform.update('orders', { _id: orderId }, { $set: { payDeadlineAt: Date.now() - 1_000 } });
    return orderId;
  }
  const timerEvent = { Type: 'Timer', TriggerName: 'everyMinute', Time: '2026-11-25T12:00:00Z' };

  it('refuses a shopper, an anonymous caller and a forged timer event through the gateway; nothing changes', async () => {
    const orderId = await overdue();
    for (const [openid, body] of [
      [undefined, {}],
      [undefined, timerEvent],
      ['o-shopper', {}],
      ['o-shopper', timerEvent],
    ] as const) {
      const { body: refused } = await platform.call('closeUnpaidOrders', openid, body);
      expect(refused, JSON.stringify({ openid, body })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'pending_payment' });
    expect(platform.emulator.pay.order(orderId)?.state).toBe('NOTPAY');
    await job(platform, 'closeUnpaidOrders'); // ops clear it, so the next tests start with none overdue
  });

  it('runs for its timer, and for another function (as the console’s function runs it)', async () => {
    const orderId = await overdue();
    const byTimer = await platform.emulator.scheduler.runNow('closeUnpaidOrders');
    expect(byTimer.result).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'closed' });
    const again = await overdue();
    expect(await job(platform, 'closeUnpaidOrders')).toMatchObject({ changed: 1 });
    expect(await platform.get('orders', again)).toMatchObject({ status: 'closed' });
  });
});

describe('closeUnpaidOrders', () => {
  it('closes an unpaid order after its deadline and gives back its seat, stock and prepay', async () => {
    const { fx, groupId, unpaid } = await groupWith(platform, 0, 1);
    const [orderId] = unpaid as [string];
    await platform.update('orders', { _id: orderId }, { $set: { payDeadlineAt: Date.now() - 1_000 } });
    expect(await job(platform, 'closeUnpaidOrders')).toMatchObject({ changed: 1, recovered: 0, remaining: 0 });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'closed', closeReason: 'payment timed out' });
    expect(await platform.get('groups', groupId)).toMatchObject({ seatsTaken: 1, status: 'forming' });
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 99, reserved: 1 });
    expect(platform.emulator.pay.order(orderId)?.state).toBe('CLOSED');
    expect((await platform.pay(orderId)).status).toBe(409);
    expect(await job(platform, 'closeUnpaidOrders')).toMatchObject({ changed: 0 });
  });

  it('abandons a group whose leader never paid', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 10 });
    const leader = await place(platform, 'openGroup', 'o-never-pays', {
      activityId: fx.activityId,
      quantity: 2,
      delivery: pickupAt(fx),
    });
    await platform.update('orders', { _id: leader.orderId }, { $set: { payDeadlineAt: Date.now() - 1_000 } });
    await job(platform, 'closeUnpaidOrders');
    expect(await platform.get('groups', leader.groupId as string)).toMatchObject({ status: 'abandoned' });
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 10, reserved: 0 });
    expect(await platform.get('users', 'o-never-pays')).toMatchObject({ quotaHolds: {} });
  });

  it('recovers a payment whose notification was lost: no money is kept without an order', async () => {
    const { groupId, orderId } = await lostPayment(platform);
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'pending_payment' });
    await platform.update('orders', { _id: orderId }, { $set: { payDeadlineAt: Date.now() - 1_000 } });
    expect(await job(platform, 'closeUnpaidOrders')).toMatchObject({ changed: 1, recovered: 1 });
    expect(await platform.get('orders', orderId)).toMatchObject({
      status: 'awaiting_group',
      transactionId: expect.any(String),
    });
    expect(await platform.get('groups', groupId)).toMatchObject({ seatsPaid: 2 });
    expect(await platform.find('payments', { orderId })).toHaveLength(1);
  });
});
