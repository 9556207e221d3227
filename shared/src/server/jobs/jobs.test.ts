/**
 * The timed jobs through the emulator: expiry with refunds, unpaid orders (and lost notifications),
 * refund retries; each repeated, raced and resumed.
 */
import type { Envelope } from '../../kernel/envelope';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { type CatalogOptions, pickupAt, seedCatalog, type Stock } from '../testing/group-buy.fixtures';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform.stop();
});
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

type Placed = { orderId: string; groupId?: string; total: number };
type Report = { scanned: number; changed: number; remaining: number; [k: string]: unknown };

const place = async (fn: string, openid: string, body: Record<string, unknown>) => {
  const { body: answer } = await platform.call<Envelope<Placed>>(fn, openid, body);
  if (!answer.ok) throw new Error(`${fn}: ${answer.error.code}`);
  return answer.data;
};

/** Runs a job as ops would from the console, and answers its report. */
async function job(name: string, event: Record<string, unknown> = {}): Promise<Report> {
  const { result } = await platform.emulator.runner.invoke(name, event, { source: 'scf' });
  const envelope = result as Envelope<Report>;
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code}`);
  return envelope.data;
}

/** A group with a paid leader, `paidMembers` paid members and `unpaidMembers` who took a seat and never paid. */
async function groupWith(paidMembers: number, unpaidMembers: number, options: CatalogOptions = {}) {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 100, groupSize: 5, ...options });
  const delivery = pickupAt(fx);
  const leader = await place('openGroup', `o-l-${fx.activityId}`, { activityId: fx.activityId, quantity: 1, delivery });
  const groupId = leader.groupId as string;
  await platform.pay(leader.orderId);
  await platform.settle();
  const paid = [leader.orderId];
  const unpaid: string[] = [];
  for (let i = 0; i < paidMembers + unpaidMembers; i++) {
    const member = await place('joinGroup', `o-m${i}-${fx.activityId}`, { groupId, quantity: 1, delivery });
    if (i < paidMembers) {
      await platform.pay(member.orderId);
      paid.push(member.orderId);
    } else unpaid.push(member.orderId);
  }
  await platform.settle();
  return { fx, groupId, paid, unpaid };
}

const expire = (groupId: string) =>
  platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() - 1_000 } });
const stockOf = async (skuId: string) => (await platform.get('skus', skuId))?.stock as Stock;
const ledgerRefunds = (orderId: string) => platform.emulator.pay.order(orderId)?.refunds.size ?? 0;

describe('expireGroups', () => {
  it('fails a group past its deadline: refunds the paid, closes the unpaid, releases every unit', async () => {
    const { fx, groupId, paid, unpaid } = await groupWith(1, 1);
    await expire(groupId);
    const report = await job('expireGroups');
    expect(report).toMatchObject({ changed: 1, remaining: 0, refundsRequested: 2 });
    await platform.settle();
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'failed', settled: true });
    for (const id of paid) {
      expect(await platform.get('orders', id)).toMatchObject({ status: 'refunded' });
      expect(ledgerRefunds(id)).toBe(1);
    }
    for (const id of unpaid) {
      expect(await platform.get('orders', id)).toMatchObject({ status: 'closed', closeReason: 'group failed' });
      expect(platform.emulator.pay.order(id)?.state).toBe('CLOSED');
    }
    expect(await stockOf(fx.skuId)).toMatchObject({ available: 100, reserved: 0, sold: 0, holds: {} });
    expect(await job('expireGroups')).toMatchObject({ scanned: 0, changed: 0, remaining: 0 });
  });

  it("gives a failed group's shoppers their per-user quota back", async () => {
    const { fx, groupId } = await groupWith(0, 0, { perUserLimit: 1, perOrderLimit: 1 });
    const leader = `o-l-${fx.activityId}`;
    const again = () =>
      platform.call<Envelope<Placed>>('openGroup', leader, {
        activityId: fx.activityId,
        quantity: 1,
        delivery: pickupAt(fx),
      });
    expect((await again()).body).toMatchObject({ ok: false, error: { code: 'LIMIT_EXCEEDED' } });
    await expire(groupId);
    await job('expireGroups');
    await platform.settle();
    expect((await again()).body).toMatchObject({ ok: true });
  });

  it('run twice at once, every failed group is refunded exactly once', async () => {
    const groups = await Promise.all([groupWith(1, 0), groupWith(2, 1), groupWith(0, 2)]);
    for (const g of groups) await expire(g.groupId);
    await Promise.all([job('expireGroups'), job('expireGroups')]);
    await platform.settle();
    for (const g of groups) {
      for (const id of g.paid) {
        expect(await platform.get('orders', id)).toMatchObject({ status: 'refunded' });
        expect(ledgerRefunds(id)).toBe(1);
        expect(await platform.find('refunds', { orderId: id })).toHaveLength(1);
      }
      expect(await stockOf(g.fx.skuId)).toMatchObject({ available: 100, reserved: 0 });
    }
  });

  it('killed halfway, then run again: finishes the group and refunds once', async () => {
    const { groupId, paid, unpaid } = await groupWith(1, 1);
    await expire(groupId);
    // The state a run leaves when it dies after failing the group and moving one paid order.
    await platform.update('groups', { _id: groupId }, { $set: { status: 'failed', settled: false } });
    await platform.update('orders', { _id: paid[0] }, { $set: { status: 'refunding' } });
    await job('expireGroups');
    await job('expireGroups');
    await platform.settle();
    for (const id of paid) expect(ledgerRefunds(id)).toBe(1);
    for (const id of paid) expect(await platform.get('orders', id)).toMatchObject({ status: 'refunded' });
    for (const id of unpaid) expect(await platform.get('orders', id)).toMatchObject({ status: 'closed' });
    expect(await platform.get('groups', groupId)).toMatchObject({ settled: true });
  });

  it('refunds an unpaid seat whose payment notification was lost before the group failed', async () => {
    const { groupId, unpaid } = await groupWith(0, 1);
    const [orderId] = unpaid as [string];
    platform.emulator.pay.setFaults({ crashDeliveries: 10, crashMode: 'before' });
    await platform.pay(orderId);
    await platform.settle();
    platform.emulator.pay.setFaults({});
    await expire(groupId);
    await job('expireGroups');
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    expect(ledgerRefunds(orderId)).toBe(1);
  });

  it('a payment landing as the group expires: kept only if the group succeeded, else refunded once', async () => {
    for (let round = 0; round < 4; round++) {
      const { groupId, paid, unpaid } = await groupWith(0, 1, { groupSize: 2 });
      const [last] = unpaid as [string];
      await expire(groupId);
      await Promise.all([platform.pay(last), job('expireGroups')]);
      await platform.settle();
      await job('expireGroups');
      await platform.settle();
      const group = await platform.get('groups', groupId);
      const orders = [...paid, last];
      for (const id of orders) {
        const order = await platform.get('orders', id);
        const ledger = platform.emulator.pay.order(id);
        const moneyTaken = ledger?.state === 'SUCCESS' || ledger?.state === 'REFUND';
        if (group?.status === 'succeeded') {
          expect(order?.status).toBe('to_ship');
          expect(ledgerRefunds(id)).toBe(0);
        } else {
          expect(group?.status).toBe('failed');
          if (moneyTaken) {
            expect(order?.status).toBe('refunded');
            expect(ledgerRefunds(id)).toBe(1);
          } else expect(order?.status).toBe('closed');
        }
      }
    }
  });

  it('clears 10,000 expired groups within a few ticks, each tick inside its time budget', async () => {
    const now = Date.now();
    const groups = Array.from({ length: 10_000 }, (_, i) => ({
      _id: `G-bulk-${i}`,
      activityId: 'a-bulk',
      skuId: 's-bulk',
      productId: 'p-bulk',
      merchantId: 'm-bulk',
      title: '批量过期团',
      status: 'forming',
      size: 3,
      leaderOpenid: `o-bulk-${i}`,
      memberOpenids: [`o-bulk-${i}`],
      paidOpenids: [`o-bulk-${i}`],
      seatsTaken: 1,
      seatsPaid: 1,
      seatsToPay: 2,
      groupPrice: 990,
      soloPrice: 1990,
      spec: '1 份',
      perOrderLimit: 1,
      perUserLimit: 1,
      stockMode: 'shared',
      newCustomerOnly: false,
      district: '渝中区',
      openedAt: now - 3_600_000,
      deadlineAt: now - 1_000 - i,
      updatedAt: now,
    }));
    for (let i = 0; i < groups.length; i += 1000) await platform.insert('groups', groups.slice(i, i + 1000));
    const ticks: { durationMs: number; changed: number }[] = [];
    for (let tick = 0; tick < 10; tick++) {
      const started = performance.now();
      const report = await job('expireGroups');
      ticks.push({ durationMs: performance.now() - started, changed: report.changed });
      if (report.remaining === 0) break;
    }
    expect(ticks.length).toBeLessThanOrEqual(3);
    expect(ticks.reduce((sum, t) => sum + t.changed, 0)).toBe(10_000);
    // Budget 8 s, checked between batches: no tick may run much past it (nor near the 20 s timeout).
    for (const t of ticks) expect(t.durationMs).toBeLessThan(10_000);
    expect(await platform.find('groups', { _id: { $regex: '^G-bulk-' }, status: 'forming' })).toHaveLength(0);
  }, 120_000);
});

describe('closeUnpaidOrders', () => {
  it('closes an unpaid order after its deadline and gives back its seat, stock and prepay', async () => {
    const { fx, groupId, unpaid } = await groupWith(0, 1);
    const [orderId] = unpaid as [string];
    await platform.update('orders', { _id: orderId }, { $set: { payDeadlineAt: Date.now() - 1_000 } });
    expect(await job('closeUnpaidOrders')).toMatchObject({ changed: 1, recovered: 0, remaining: 0 });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'closed', closeReason: 'payment timed out' });
    expect(await platform.get('groups', groupId)).toMatchObject({ seatsTaken: 1, status: 'forming' });
    expect(await stockOf(fx.skuId)).toMatchObject({ available: 99, reserved: 1 });
    expect(platform.emulator.pay.order(orderId)?.state).toBe('CLOSED');
    expect((await platform.pay(orderId)).status).toBe(409);
    expect(await job('closeUnpaidOrders')).toMatchObject({ changed: 0 });
  });

  it('abandons a group whose leader never paid', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 10 });
    const leader = await place('openGroup', 'o-never-pays', {
      activityId: fx.activityId,
      quantity: 2,
      delivery: pickupAt(fx),
    });
    await platform.update('orders', { _id: leader.orderId }, { $set: { payDeadlineAt: Date.now() - 1_000 } });
    await job('closeUnpaidOrders');
    expect(await platform.get('groups', leader.groupId as string)).toMatchObject({ status: 'abandoned' });
    expect(await stockOf(fx.skuId)).toMatchObject({ available: 10, reserved: 0 });
    expect(await platform.get('users', 'o-never-pays')).toMatchObject({ quotaHolds: {} });
  });

  it('recovers a payment whose notification was lost: no money is kept without an order', async () => {
    const { groupId, unpaid } = await groupWith(0, 1);
    const [orderId] = unpaid as [string];
    platform.emulator.pay.setFaults({ crashDeliveries: 10, crashMode: 'before' });
    await platform.pay(orderId);
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'pending_payment' });
    await platform.update('orders', { _id: orderId }, { $set: { payDeadlineAt: Date.now() - 1_000 } });
    expect(await job('closeUnpaidOrders')).toMatchObject({ changed: 1, recovered: 1 });
    expect(await platform.get('orders', orderId)).toMatchObject({
      status: 'awaiting_group',
      transactionId: expect.any(String),
    });
    expect(await platform.get('groups', groupId)).toMatchObject({ seatsPaid: 2 });
    expect(await platform.find('payments', { orderId })).toHaveLength(1);
  });
});

describe('retryRefunds', () => {
  it('a refund API that fails 3 times and then succeeds: one refund', async () => {
    const { groupId, paid } = await groupWith(0, 0);
    const [orderId] = paid as [string];
    platform.emulator.pay.setFaults({ refundFailureRate: 1 });
    await expire(groupId);
    await job('expireGroups');
    const retryNow = () => platform.update('refunds', { orderId }, { $set: { nextAttemptAt: Date.now() - 1 } });
    for (let attempt = 2; attempt <= 3; attempt++) {
      await retryNow();
      await job('retryRefunds');
      expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({ status: 'failed', attempts: attempt });
    }
    platform.emulator.pay.setFaults({});
    await retryNow();
    expect(await job('retryRefunds')).toMatchObject({ changed: 1 });
    await platform.settle();
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({ status: 'succeeded', attempts: 4 });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    expect(ledgerRefunds(orderId)).toBe(1);
  });

  it('confirms with CloudPay a refund whose notification was lost', async () => {
    const { groupId, paid } = await groupWith(0, 0);
    const [orderId] = paid as [string];
    platform.emulator.pay.setFaults({ crashDeliveries: 10, crashMode: 'before' });
    await expire(groupId);
    await job('expireGroups');
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunding' });
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({ status: 'processing' });
    await platform.update('refunds', { orderId }, { $set: { nextAttemptAt: Date.now() - 1 } });
    expect(await job('retryRefunds')).toMatchObject({ changed: 1 });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({
      status: 'succeeded',
      refundId: expect.any(String),
    });
    expect(ledgerRefunds(orderId)).toBe(1);
  });

  it('flags a refund for ops after 5 failed attempts, with the reason', async () => {
    const { groupId, paid } = await groupWith(0, 0);
    const [orderId] = paid as [string];
    platform.emulator.pay.setFaults({ refundFailureRate: 1 });
    await expire(groupId);
    await job('expireGroups');
    for (let i = 0; i < 4; i++) {
      await platform.update('refunds', { orderId }, { $set: { nextAttemptAt: Date.now() - 1 } });
      await job('retryRefunds');
    }
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({
      status: 'flagged',
      attempts: 5,
      lastError: expect.any(String),
    });
    expect(ledgerRefunds(orderId)).toBe(0);
  });
});
