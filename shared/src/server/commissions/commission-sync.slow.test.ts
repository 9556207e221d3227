/**
 * Commissions under races (npm run test:slow): a 20-seat group of a registered leader filled by 19 members paying
 * at once, every payment notification delivered three times and out of order, while ten settleCommissions runs
 * sweep beside them; then partial refunds of one order racing its completion and more sweeps. Every order ends with
 * exactly its two entries, each step in its history once, the group's bonus once, and every amount what the domain
 * gives on what is left paid.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bonusOf, entriesOf, expectEntriesSound, leaderActivity, windowClosed } from '../testing/commissions';
import { staffToken } from '../testing/fulfilment';
import { job } from '../testing/ops';
import { joinGroupAs, openGroupAs } from '../testing/shopper';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const SEATS = 20;

describe('commissions under races', () => {
  it('are written once each, whatever races them', async () => {
    const { fx, opener } = await leaderActivity(platform, { groupSize: SEATS, stock: 100 });
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    const members = [];
    for (let i = 1; i < SEATS; i++) members.push(await joinGroupAs(platform, fx, groupId, `o-m${i}-${groupId}`, false));
    platform.emulator.pay.setFaults({ duplicateCallbacks: 2, callbackDelayMs: [0, 40] });
    const started = Date.now();
    await Promise.all([
      ...members.map((m) => platform.pay(m.orderId)),
      ...Array.from({ length: 10 }, () => job(platform, 'settleCommissions')),
    ]);
    await platform.settle();
    platform.emulator.pay.setFaults({});
    console.log(`19 payments ×3 deliveries and 10 sweeps: ${Date.now() - started} ms`);

    const orders = [orderId, ...members.map((m) => m.orderId)];
    for (const id of orders) {
      expect(await entriesOf(platform, id), id).toEqual({
        group_opener: ['earned', 299],
        pickup_point: ['earned', 299],
      });
    }
    expect(await bonusOf(platform, groupId)).toMatchObject({ status: 'earned', amount: 500 });
    const entries = await expectEntriesSound(platform, { groupId });
    expect(entries).toHaveLength(2 * SEATS + 1);
    for (const entry of entries) {
      const events = entry.history.map((h) => h.event);
      expect(new Set(events).size, `${entry._id}: ${events.join(', ')}`).toBe(events.length);
    }

    // Four refunds of ¥1.00 on one order racing its completion and five sweeps.
    const [target] = orders as [string];
    await windowClosed(platform, target);
    const ops = await staffToken(platform, 'opsslowcs');
    await Promise.all([
      ...Array.from({ length: 4 }, () =>
        adminCall(
          platform,
          'refundOrder',
          { orderId: target, amount: 100, reason: '补偿差价', requestKey: randomUUID() },
          ops,
        ),
      ),
      job(platform, 'completeOrders'),
      ...Array.from({ length: 5 }, () => job(platform, 'settleCommissions')),
    ]);
    await platform.settle();
    await job(platform, 'settleCommissions');
    const order = (await platform.get('orders', target)) as { refundedAmount: number };
    const left = 2_990 - order.refundedAmount;
    for (const entry of await expectEntriesSound(platform, { orderId: target })) {
      expect(entry.status).toBe('withdrawable');
      expect(entry.amount - entry.clawedBack, entry._id).toBe(Math.floor(left / 10));
    }
  });
});
