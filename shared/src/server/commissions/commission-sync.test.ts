/**
 * 团长 commissions follow the money, through the bundled functions in the emulator: a registered leader's group
 * earns pending → earned → withdrawable with its orders (and the bonus when it succeeds); a failed group reverses
 * them; a partial refund shrinks an entry and a full one reverses it; a refund racing the group's success leaves
 * every entry agreeing with its order; a payment notification delivered three times records each entry once.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bonusOf, entriesOf, expectEntriesSound, leaderActivity, windowClosed } from '../testing/commissions';
import { expire, job } from '../testing/ops';
import { joinGroupAs, openGroupAs, payAndSettle } from '../testing/shopper';
import { requested, staffAct } from '../testing/after-sales';
import { adminCall } from '../testing/staff';
import { staffToken } from '../testing/fulfilment';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let staffCount = 0;

const PENDING = { group_opener: ['pending', 299], pickup_point: ['pending', 299] };
const EARNED = { group_opener: ['earned', 299], pickup_point: ['earned', 299] };

describe('commissions of a registered leader’s group', () => {
  it('earn pending while it forms, earned when it succeeds (with the bonus), withdrawable when completed', async () => {
    const { fx, opener, keeper } = await leaderActivity(platform);
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    expect(await entriesOf(platform, orderId)).toEqual(PENDING);
    const first = await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
    expect(await entriesOf(platform, first.orderId)).toEqual(PENDING);
    expect(await bonusOf(platform, groupId)).toBeNull();

    const last = await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
    const orders = [orderId, first.orderId, last.orderId];
    for (const id of orders) expect(await entriesOf(platform, id), id).toEqual(EARNED);
    expect(await bonusOf(platform, groupId)).toMatchObject({ leaderOpenid: opener, status: 'earned', amount: 500 });
    const entries = await expectEntriesSound(platform, { groupId });
    expect(entries).toHaveLength(7);
    expect(entries.filter((e) => e.kind === 'pickup_point').every((e) => e.leaderOpenid === keeper)).toBe(true);

    // Two orders complete: theirs become withdrawable; the bonus waits for the third.
    for (const id of orders.slice(0, 2)) await windowClosed(platform, id);
    await job(platform, 'completeOrders');
    expect(await entriesOf(platform, orderId)).toEqual({
      group_opener: ['withdrawable', 299],
      pickup_point: ['withdrawable', 299],
    });
    expect(await entriesOf(platform, last.orderId)).toEqual(EARNED);
    expect((await bonusOf(platform, groupId))?.status).toBe('earned');
    await windowClosed(platform, last.orderId);
    await job(platform, 'completeOrders');
    expect((await bonusOf(platform, groupId))?.status).toBe('withdrawable');
    const done = await expectEntriesSound(platform, { groupId });
    expect(done.every((e) => e.status === 'withdrawable' && typeof e.withdrawableAt === 'number')).toBe(true);
  });

  it('are reversed when the group fails, and no bonus is earned', async () => {
    const { fx, opener } = await leaderActivity(platform);
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    const member = await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
    await expire(platform, groupId);
    await job(platform, 'expireGroups');
    await platform.settle();
    for (const id of [orderId, member.orderId]) {
      expect(await entriesOf(platform, id)).toEqual({ group_opener: ['reversed', 0], pickup_point: ['reversed', 0] });
    }
    const entries = await expectEntriesSound(platform, { groupId });
    expect(entries.every((e) => e.history.at(-1)?.event === 'group_failed')).toBe(true);
    expect(await bonusOf(platform, groupId)).toBeNull();
  });

  it('shrink with a partial refund and are reversed by the refund of the rest; the bonus stands', async () => {
    const { fx, opener } = await leaderActivity(platform);
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
    await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
    const ops = await staffToken(platform, `opscs${++staffCount}`);
    const refund = async (amount: number) => {
      const answer = await adminCall(
        platform,
        'refundOrder',
        { orderId, amount, reason: '少发一件', requestKey: randomUUID() },
        ops,
      );
      expect(answer.body.ok, JSON.stringify(answer.body)).toBe(true);
      await platform.settle();
    };
    await refund(990);
    // 10% of the ¥20.00 left paid.
    expect(await entriesOf(platform, orderId)).toEqual({
      group_opener: ['earned', 200],
      pickup_point: ['earned', 200],
    });
    await refund(2_000);
    expect(await entriesOf(platform, orderId)).toEqual({
      group_opener: ['reversed', 0],
      pickup_point: ['reversed', 0],
    });
    expect((await bonusOf(platform, groupId))?.status).toBe('earned');
    await expectEntriesSound(platform, { orderId });
  });

  it('shrink with an after-sales refund of part of a received order', async () => {
    const { fx, opener } = await leaderActivity(platform);
    const { groupId } = await openGroupAs(platform, fx, opener);
    const member = `o-m1-${groupId}`;
    const { orderId } = await joinGroupAs(platform, fx, groupId, member);
    await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
    await platform.update(
      'orders',
      { _id: orderId },
      { $set: { status: 'received', receivedAt: Date.now(), afterSaleEndsAt: Date.now() + 7 * 24 * 3_600_000 } },
    );
    const afterSaleId = await requested(platform, member, orderId, { amount: 1_490 });
    const ops = await staffToken(platform, `opsas${++staffCount}`);
    const approved = await staffAct(platform, 'approveAfterSale', afterSaleId, ops);
    expect(approved.body.ok, JSON.stringify(approved.body)).toBe(true);
    await platform.settle();
    // 10% of the ¥15.00 left paid.
    expect(await entriesOf(platform, orderId)).toEqual({
      group_opener: ['earned', 150],
      pickup_point: ['earned', 150],
    });
    await expectEntriesSound(platform, { orderId });
  });

  it('after a withdrawable entry, a refund claws back instead of shrinking', async () => {
    const { fx, opener } = await leaderActivity(platform);
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
    await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
    await windowClosed(platform, orderId);
    await job(platform, 'completeOrders');
    const ops = await staffToken(platform, `opscb${++staffCount}`);
    const answer = await adminCall(
      platform,
      'refundOrder',
      { orderId, amount: 990, reason: '补偿差价', requestKey: randomUUID() },
      ops,
    );
    expect(answer.body.ok).toBe(true);
    const [entry] = (await platform.find('commission_entries', { orderId, kind: 'group_opener' })) as {
      status: string;
      amount: number;
      clawedBack: number;
    }[];
    expect(entry).toMatchObject({ status: 'withdrawable', amount: 299, clawedBack: 99 });
  });

  it('net the same whichever of a partial refund and the order’s completion comes first', async () => {
    const seen = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const { fx, opener } = await leaderActivity(platform);
      const { groupId, orderId } = await openGroupAs(platform, fx, opener);
      await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
      await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
      await windowClosed(platform, orderId);
      const ops = await staffToken(platform, `opsrc${++staffCount}`);
      const [refunded] = await Promise.all([
        adminCall(platform, 'refundOrder', { orderId, amount: 990, reason: '少发一件', requestKey: randomUUID() }, ops),
        job(platform, 'completeOrders'),
      ]);
      await platform.settle();
      const order = (await platform.get('orders', orderId)) as { status: string; refundedAmount?: number };
      expect(refunded.body.ok, JSON.stringify(refunded.body)).toBe(true);
      expect(order).toMatchObject({ status: 'completed', refundedAmount: 990 });
      for (const entry of await expectEntriesSound(platform, { orderId })) {
        seen.add(entry.history.map((h) => h.event).join('>'));
        // Shrunk to 200 then withdrawable, or withdrawable at 299 with 99 clawed back: 200 for the leader either way.
        expect(entry.status).toBe('withdrawable');
        expect(entry.amount - entry.clawedBack, entry._id).toBe(200);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('agree with their orders whichever of the last payment and the group’s expiry wins', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const { fx, opener } = await leaderActivity(platform);
      const { groupId, orderId } = await openGroupAs(platform, fx, opener);
      await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
      const last = await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`, false);
      await expire(platform, groupId);
      await Promise.all([payAndSettle(platform, last.orderId), job(platform, 'expireGroups')]);
      await platform.settle();
      await job(platform, 'expireGroups');
      await platform.settle();
      const group = (await platform.get('groups', groupId)) as { status: string };
      outcomes.add(group.status);
      const orders = (await platform.find('orders', { groupId })) as { _id: string; status: string }[];
      for (const order of orders) {
        const entries = await entriesOf(platform, order._id);
        if (order.status === 'to_ship') expect(entries, `round ${round}`).toEqual(EARNED);
        else if (order._id === orderId || order.status !== 'closed') {
          for (const [status] of Object.values(entries))
            expect(status, `round ${round} ${order.status}`).toBe('reversed');
        }
      }
      expect((await bonusOf(platform, groupId)) !== null, `round ${round}: ${group.status}`).toBe(
        group.status === 'succeeded',
      );
      await expectEntriesSound(platform, { groupId });
    }
    expect(outcomes.size, 'each run ends one way or the other').toBeGreaterThan(0);
  });

  it('are recorded once when the payment notification comes three times', async () => {
    const { fx, opener } = await leaderActivity(platform);
    platform.emulator.pay.setFaults({ duplicateCallbacks: 2 });
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
    await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
    platform.emulator.pay.setFaults({});
    expect(await entriesOf(platform, orderId)).toEqual(EARNED);
    const entries = await expectEntriesSound(platform, { groupId });
    expect(entries).toHaveLength(7);
    for (const entry of entries) {
      const events = entry.history.map((h) => h.event);
      expect(new Set(events).size, `${entry._id}: ${events.join(', ')}`).toBe(events.length);
    }
  });
});
