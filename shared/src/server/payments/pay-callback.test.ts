/**
 * payCallback under repetition and attack: duplicated notifications, a crash after the effect, a forged
 * call from a shopper, a wrong amount, and a payment that lands after its order closed.
 */
import type { Envelope } from '../../kernel/envelope';
import { beforeEach, describe, expect, it } from 'vitest';
import { usePlatform } from '../testing/use-platform';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';

const platform = usePlatform();
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

type Opened = { groupId: string; orderId: string; total: number };

async function openedGroup(openid: string) {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 10, groupSize: 2 });
  const { body } = await platform.call<Envelope<Opened>>('openGroup', openid, {
    activityId: fx.activityId,
    quantity: 1,
    delivery: pickupAt(fx),
  });
  if (!body.ok) throw new Error(body.error.code);
  return { fx, ...body.data };
}

/** Everything a payment could touch, to compare before and after. */
const snapshot = async (groupId: string, orderId: string) => ({
  group: await platform.get('groups', groupId),
  order: await platform.get('orders', orderId),
  payments: await platform.find('payments', { orderId }),
  refunds: await platform.find('refunds', { orderId }),
});

describe('payCallback', () => {
  it('applies a notification delivered 5 times exactly once', async () => {
    const { groupId, orderId } = await openedGroup('o-dup');
    platform.emulator.pay.setFaults({ duplicateCallbacks: 4 });
    await platform.pay(orderId);
    await platform.settle();
    const deliveries = platform.emulator.pay.delivery.history().filter((h) => h.key === orderId);
    expect(deliveries.filter((d) => d.outcome === 'acknowledged')).toHaveLength(5);
    expect(await platform.get('groups', groupId)).toMatchObject({
      status: 'forming',
      seatsPaid: 1,
      paidOpenids: ['o-dup'],
    });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'awaiting_group' });
    expect(await platform.find('payments', { orderId })).toHaveLength(1);
  });

  it('finishes the job when the instance crashed after storing the effect and the platform retries', async () => {
    const { groupId, orderId } = await openedGroup('o-crash');
    platform.emulator.pay.setFaults({ crashDeliveries: 2, crashMode: 'after' });
    await platform.pay(orderId);
    await platform.settle();
    const outcomes = platform.emulator.pay.delivery
      .history()
      .filter((h) => h.key === orderId)
      .map((h) => h.outcome);
    expect(outcomes).toEqual(['crashed', 'crashed', 'acknowledged']);
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'forming', seatsPaid: 1 });
    expect(await platform.find('payments', { orderId })).toHaveLength(1);
  });

  it('refuses a shopper calling it directly, and nothing changes', async () => {
    const { groupId, orderId, total } = await openedGroup('o-forger');
    const before = await snapshot(groupId, orderId);
    const forged = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: orderId,
      transactionId: '4200FORGED',
      totalFee: total,
      timeEnd: '20261125120000',
    };
    const { body } = await platform.call<{ errcode: number }>('payCallback', 'o-forger', forged);
    expect(body.errcode).not.toBe(0);
    expect(await snapshot(groupId, orderId)).toEqual(before);
  });

  it('refuses and flags a notification with the wrong amount, changing nothing else', async () => {
    const { groupId, orderId, total } = await openedGroup('o-mismatch');
    const before = await snapshot(groupId, orderId);
    const notification = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: orderId,
      transactionId: '4200MISMATCH0001',
      totalFee: total - 1,
      openid: 'o-mismatch',
      timeEnd: '20261125120000',
    };
    const answer = await platform.emulator.runner.invoke('payCallback', notification, { source: 'wx_paycallback' });
    expect((answer.result as { errcode: number }).errcode).not.toBe(0);
    const after = await snapshot(groupId, orderId);
    expect(after.order).toEqual(before.order);
    expect(after.group).toEqual(before.group);
    expect(after.payments).toEqual([
      expect.objectContaining({ transactionId: '4200MISMATCH0001', outcome: 'mismatch', totalFee: total - 1 }),
    ]);
  });

  it('refunds a payment that arrives after its order closed, once, even when delivered 3 times', async () => {
    const { orderId, total } = await openedGroup('o-late');
    await platform.update('orders', { _id: orderId }, { $set: { status: 'closed', closeReason: 'payment timed out' } });
    platform.emulator.pay.setFaults({ duplicateCallbacks: 2 });
    await platform.pay(orderId);
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({
      status: 'refunded',
      transactionId: expect.any(String),
    });
    expect(await platform.find('refunds', { orderId })).toEqual([
      expect.objectContaining({
        outRefundNo: `R${orderId}`,
        amount: total,
        status: 'succeeded',
        refundId: expect.any(String),
      }),
    ]);
    const ledger = platform.emulator.pay.order(orderId);
    expect(ledger?.refunds.size).toBe(1);
    expect(ledger && platform.emulator.pay.refundedTotal(ledger)).toBe(total);
  });

  it('refunds a seat paid after its activity was paused, once, and keeps a repeat of a seat paid before', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 10, groupSize: 4 });
    const call = async (fn: string, openid: string, body: unknown) => {
      const { body: answer } = await platform.call<Envelope<Opened>>(fn, openid, body);
      if (!answer.ok) throw new Error(answer.error.code);
      return answer.data;
    };
    const leader = await call('openGroup', 'o-p-leader', {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    await platform.pay(leader.orderId);
    await platform.settle();
    const early = await call('joinGroup', 'o-p-early', {
      groupId: leader.groupId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    const late = await call('joinGroup', 'o-p-late', { groupId: leader.groupId, quantity: 1, delivery: pickupAt(fx) });
    await platform.pay(early.orderId);
    await platform.settle();

    await platform.update('activities', { _id: fx.activityId }, { $set: { status: 'paused' } });
    platform.emulator.pay.setFaults({ duplicateCallbacks: 2 });
    await platform.pay(late.orderId);
    await platform.settle();
    // The seat paid before the pause is delivered again: it stays paid, nothing is refunded.
    const before = platform.emulator.pay.order(early.orderId);
    const repeat = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: early.orderId,
      transactionId: before?.transactionId,
      totalFee: before?.totalFee,
      openid: 'o-p-early',
      subOpenid: 'o-p-early',
      timeEnd: before?.timeEnd,
      attach: before?.attach,
    };
    const answer = await platform.emulator.runner.invoke('payCallback', repeat, { source: 'wx_paycallback' });
    expect(answer.result).toMatchObject({ errcode: 0 });
    await platform.settle();

    expect(await platform.get('orders', late.orderId)).toMatchObject({ status: 'refunded' });
    expect(platform.emulator.pay.order(late.orderId)?.refunds.size).toBe(1);
    expect(await platform.get('orders', early.orderId)).toMatchObject({ status: 'awaiting_group' });
    expect(platform.emulator.pay.order(early.orderId)?.refunds.size).toBe(0);
    expect(await platform.get('groups', leader.groupId)).toMatchObject({
      status: 'forming',
      seatsPaid: 2,
      seatsTaken: 2,
      paidOpenids: ['o-p-leader', 'o-p-early'],
    });
    expect((await platform.get('skus', fx.skuId))?.stock).toMatchObject({ available: 8, reserved: 2, sold: 0 });
  });
});
