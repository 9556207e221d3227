/**
 * expireGroups through the emulator: a group past its deadline fails, its paid shoppers are refunded, its
 * unpaid orders closed and its units released; repeated, raced and resumed. (The 10,000-group soak is in
 * expire-groups.slow.test.ts.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../testing/envelopes';
import { pickupAt } from '../testing/group-buy.fixtures';
import { expire, job, ledgerRefunds, lostPayment, stockOf } from '../testing/ops';
import { groupWith, type Placed } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

describe('expireGroups', () => {
  it('fails a group past its deadline: refunds the paid, closes the unpaid, releases every unit', async () => {
    const { fx, groupId, paid, unpaid } = await groupWith(platform, 1, 1);
    await expire(platform, groupId);
    const report = await job(platform, 'expireGroups');
    expect(report).toMatchObject({ changed: 1, remaining: 0, refundsRequested: 2 });
    await platform.settle();
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'failed', settled: true });
    for (const id of paid) {
      expect(await platform.get('orders', id)).toMatchObject({ status: 'refunded' });
      expect(ledgerRefunds(platform, id)).toBe(1);
    }
    for (const id of unpaid) {
      expect(await platform.get('orders', id)).toMatchObject({ status: 'closed', closeReason: 'group failed' });
      expect(platform.emulator.pay.order(id)?.state).toBe('CLOSED');
    }
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 100, reserved: 0, sold: 0, holds: {} });
    expect(await job(platform, 'expireGroups')).toMatchObject({ scanned: 0, changed: 0, remaining: 0 });
  });

  it("gives a failed group's shoppers their per-user quota back", async () => {
    const { fx, groupId } = await groupWith(platform, 0, 0, { perUserLimit: 1, perOrderLimit: 1 });
    const leader = `o-l-${fx.activityId}`;
    const again = () =>
      platform.call<Envelope<Placed>>('openGroup', leader, {
        activityId: fx.activityId,
        quantity: 1,
        delivery: pickupAt(fx),
      });
    expect((await again()).body).toMatchObject({ ok: false, error: { code: 'LIMIT_EXCEEDED' } });
    await expire(platform, groupId);
    await job(platform, 'expireGroups');
    await platform.settle();
    expect((await again()).body).toMatchObject({ ok: true });
  });

  it('run twice at once, every failed group is refunded exactly once', async () => {
    const groups = await Promise.all([groupWith(platform, 1, 0), groupWith(platform, 2, 1), groupWith(platform, 0, 2)]);
    for (const g of groups) await expire(platform, g.groupId);
    await Promise.all([job(platform, 'expireGroups'), job(platform, 'expireGroups')]);
    await platform.settle();
    for (const g of groups) {
      for (const id of g.paid) {
        expect(await platform.get('orders', id)).toMatchObject({ status: 'refunded' });
        expect(ledgerRefunds(platform, id)).toBe(1);
        expect(await platform.find('refunds', { orderId: id })).toHaveLength(1);
      }
      expect(await stockOf(platform, g.fx.skuId)).toMatchObject({ available: 100, reserved: 0 });
    }
  });

  it('killed halfway, then run again: finishes the group and refunds once', async () => {
    const { groupId, paid, unpaid } = await groupWith(platform, 1, 1);
    await expire(platform, groupId);
    // The state a run leaves when it dies after failing the group and moving one paid order.
    await platform.update('groups', { _id: groupId }, { $set: { status: 'failed', settled: false } });
    await platform.update('orders', { _id: paid[0] }, { $set: { status: 'refunding' } });
    await job(platform, 'expireGroups');
    await job(platform, 'expireGroups');
    await platform.settle();
    for (const id of paid) expect(ledgerRefunds(platform, id)).toBe(1);
    for (const id of paid) expect(await platform.get('orders', id)).toMatchObject({ status: 'refunded' });
    for (const id of unpaid) expect(await platform.get('orders', id)).toMatchObject({ status: 'closed' });
    expect(await platform.get('groups', groupId)).toMatchObject({ settled: true });
  });

  it('refunds an unpaid seat whose payment notification was lost before the group failed', async () => {
    const { groupId, orderId } = await lostPayment(platform);
    await expire(platform, groupId);
    await job(platform, 'expireGroups');
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    expect(ledgerRefunds(platform, orderId)).toBe(1);
  });

  it('a payment landing as the group expires: kept only if the group succeeded, else refunded once', async () => {
    for (let round = 0; round < 4; round++) {
      const { groupId, paid, unpaid } = await groupWith(platform, 0, 1, { groupSize: 2 });
      const [last] = unpaid as [string];
      await expire(platform, groupId);
      await Promise.all([platform.pay(last), job(platform, 'expireGroups')]);
      await platform.settle();
      await job(platform, 'expireGroups');
      await platform.settle();
      const group = await platform.get('groups', groupId);
      const orders = [...paid, last];
      for (const id of orders) {
        const order = await platform.get('orders', id);
        const ledger = platform.emulator.pay.order(id);
        const moneyTaken = ledger?.state === 'SUCCESS' || ledger?.state === 'REFUND';
        if (group?.status === 'succeeded') {
          expect(order?.status).toBe('to_ship');
          expect(ledgerRefunds(platform, id)).toBe(0);
        } else {
          expect(group?.status).toBe('failed');
          if (moneyTaken) {
            expect(order?.status).toBe('refunded');
            expect(ledgerRefunds(platform, id)).toBe(1);
          } else expect(order?.status).toBe('closed');
        }
      }
    }
  });
});
