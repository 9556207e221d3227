/**
 * 团长 commissions under the races on money that issue 17 names, through the bundled functions in the emulator:
 * - a refund racing the group's confirmation: a paid member's order refunded (by staff, in part or whole, or by the
 *   shopper's after-sales request before shipping) as the last seat's payment succeeds the group. A forming group's
 *   order is not refundable, so the refund is sent again as soon as it is refused, and lands as close behind the
 *   success as it can: before or after the group's entries are earned. Whatever wins, the refunded order's entries
 *   are shrunk or reversed, the others earned, the bonus earned once, the refund made once;
 * - an after-sales request racing the window's close: the shopper asks as completeOrders runs on the closing window.
 *   Either the request is refused as too late and the order completes (its entries withdrawable), or the request is
 *   open and the order does not complete (its entries stay earned), never both; the refund that follows shrinks the
 *   entries, or claws back from withdrawable ones, so the leader keeps the rule on what is left paid either way.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { code, requestAs, requestBody, staffAct } from '../testing/after-sales';
import { bonusOf, entriesOf, expectEntriesSound, leaderActivity, type EntryDoc } from '../testing/commissions';
import { staffToken } from '../testing/fulfilment';
import { HOUR } from '../testing/group-buy.fixtures';
import { type Faults, job } from '../testing/ops';
import { joinGroupAs, openGroupAs, payAndSettle } from '../testing/shopper';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

const EARNED = { group_opener: ['earned', 299], pickup_point: ['earned', 299] };
/** ¥29.90 paid, ¥9.90 refunded: 10% of the ¥20.00 left. */
const PARTIAL = 990;
const ON_WHAT_IS_LEFT = 200;

type Order = { _id: string; status: string; refundedAmount?: number; openAfterSaleId?: string };
const orderOf = async (orderId: string) => (await platform.get('orders', orderId)) as Order | null;

/** How many refunds CloudPay's ledger holds for the order, and their sum. */
const ledgerOf = (orderId: string) => {
  const paid = platform.emulator.pay.order(orderId);
  return { count: paid?.refunds.size ?? 0, total: paid ? platform.emulator.pay.refundedTotal(paid) : 0 };
};

/** No step twice in any entry's history. */
const expectNoStepTwice = (entries: readonly EntryDoc[]) => {
  for (const entry of entries) {
    const events = entry.history.map((h) => h.event);
    expect(new Set(events).size, `${entry._id}: ${events.join(', ')}`).toBe(events.length);
  }
};

describe('commissions under money races', () => {
  it('agree with their orders whichever of a member’s refund and the group’s confirmation comes first', async () => {
    const ops = await staffToken(platform, 'opsrefundrace');
    // How the refund is asked for, the amount it refunds, the code a forming group's order refuses it with, and
    // whether the last payment's notification comes late (and three times), so the refund is asked before it too.
    const late: Faults = { callbackDelayMs: [40, 80], duplicateCallbacks: 2 };
    const ways: { by: 'staff' | 'after-sale'; amount: number; refused: string; faults: Faults }[] = [
      { by: 'staff', amount: PARTIAL, refused: 'ORDER_NOT_REFUNDABLE', faults: {} },
      { by: 'staff', amount: 2_990, refused: 'ORDER_NOT_REFUNDABLE', faults: late },
      { by: 'after-sale', amount: 2_990, refused: 'AFTER_SALE_NOT_ALLOWED', faults: late },
      { by: 'staff', amount: 2_990, refused: 'ORDER_NOT_REFUNDABLE', faults: {} },
    ];
    const paths = new Set<string>();
    let refusedFirst = 0;
    for (const [round, way] of ways.entries()) {
      const { fx, opener } = await leaderActivity(platform);
      const { groupId, orderId: openerOrder } = await openGroupAs(platform, fx, opener);
      const member = `o-m1-${groupId}`;
      const { orderId } = await joinGroupAs(platform, fx, groupId, member);
      const last = await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`, false);

      // The same request (one key) sent again while the order is still refused, as a console or a shopper would.
      const requestKey = randomUUID();
      const ask = async () =>
        way.by === 'staff'
          ? code(
              (
                await adminCall(
                  platform,
                  'refundOrder',
                  { orderId, amount: way.amount, reason: '不想要了', requestKey },
                  ops,
                )
              ).body,
            )
          : code(await requestAs(platform, member, requestBody(orderId, { requestKey })));
      const refund = async () => {
        const refusals: string[] = [];
        for (let attempt = 0; attempt < 200; attempt++) {
          const answered = await ask();
          if (answered === 'ok') return refusals;
          refusals.push(answered);
          if (answered !== way.refused) break;
        }
        throw new Error(`round ${round}: the refund never went through: ${refusals.join(', ')}`);
      };
      platform.emulator.pay.setFaults(way.faults);
      const [refusals] = await Promise.all([refund(), payAndSettle(platform, last.orderId)]);
      await platform.settle();
      platform.emulator.pay.setFaults({});
      if (refusals.length > 0) refusedFirst++;
      expect(new Set(refusals), `round ${round}`).toEqual(new Set(refusals.length > 0 ? [way.refused] : []));

      const group = (await platform.get('groups', groupId)) as { status: string };
      expect(group.status, `round ${round}`).toBe('succeeded');
      const refunded = await orderOf(orderId);
      expect(refunded?.refundedAmount, `round ${round}`).toBe(way.amount);
      expect(ledgerOf(orderId), `round ${round}: refunded once`).toEqual({ count: 1, total: way.amount });
      if (way.amount === PARTIAL) {
        expect(refunded?.status).toBe('to_ship');
        expect(await entriesOf(platform, orderId), `round ${round}`).toEqual({
          group_opener: ['earned', ON_WHAT_IS_LEFT],
          pickup_point: ['earned', ON_WHAT_IS_LEFT],
        });
      } else {
        expect(['refunding', 'refunded']).toContain(refunded?.status);
        expect(await entriesOf(platform, orderId), `round ${round}`).toEqual({
          group_opener: ['reversed', 0],
          pickup_point: ['reversed', 0],
        });
      }
      for (const other of [openerOrder, last.orderId]) {
        expect(await entriesOf(platform, other), `round ${round}: ${other}`).toEqual(EARNED);
      }
      // The group succeeded and one order stays paid at least: the bonus stands.
      expect(await bonusOf(platform, groupId), `round ${round}`).toMatchObject({ status: 'earned', amount: 500 });

      const entries = await expectEntriesSound(platform, { groupId });
      expect(entries, `round ${round}`).toHaveLength(7);
      expectNoStepTwice(entries);
      for (const entry of entries.filter((e) => e.orderId === orderId)) {
        paths.add(entry.history.map((h) => h.event).join('>'));
      }
    }
    // Asked at the same moment as the last payment, the refund is refused at least once while the group forms.
    expect(refusedFirst, [...paths].join(' | ')).toBeGreaterThan(0);
  });

  it('never leave an order both completed with withdrawable entries and holding a request made as its window closed', async () => {
    const ops = await staffToken(platform, 'opswindowrace');
    const { fx, opener } = await leaderActivity(platform, { groupSize: 4 });
    const { groupId, orderId: openerOrder } = await openGroupAs(platform, fx, opener);
    const orders = [{ shopper: opener, orderId: openerOrder }];
    for (let i = 1; i < 4; i++) {
      const shopper = `o-m${i}-${groupId}`;
      orders.push({ shopper, orderId: (await joinGroupAs(platform, fx, groupId, shopper)).orderId });
    }
    const ids = orders.map((o) => o.orderId);
    // Collected at the point, each window open for a day yet.
    await platform.update(
      'orders',
      { _id: { $in: ids } },
      { $set: { status: 'picked_up', receivedAt: Date.now() - HOUR, afterSaleEndsAt: Date.now() + 24 * HOUR } },
    );
    // Warm instances, so the moments below mean what they say.
    await Promise.all([job(platform, 'completeOrders'), requestAs(platform, 'o-warm-up', requestBody('O-none'))]);

    // Each window closes this many ms from now, as the shopper asks and completeOrders runs on the close.
    const closesIn = [-1, 20, 50, 90];
    const outcomes = new Set<string>();
    for (const [i, { shopper, orderId }] of orders.entries()) {
      const endsAt = Date.now() + (closesIn[i] ?? 0);
      await platform.update('orders', { _id: orderId }, { $set: { afterSaleEndsAt: endsAt } });
      const closing = async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt + 1 - Date.now())));
        return job(platform, 'completeOrders');
      };
      const [asked] = await Promise.all([
        requestAs(platform, shopper, requestBody(orderId, { amount: PARTIAL })),
        closing(),
      ]);
      await job(platform, 'completeOrders');
      const order = await orderOf(orderId);
      const outcome = code(asked);
      outcomes.add(outcome);
      if (outcome === 'ok') {
        // The request is open: the order waits for it, and so do its entries.
        expect(order).toMatchObject({ status: 'picked_up', openAfterSaleId: expect.any(String) });
        expect(await entriesOf(platform, orderId), orderId).toEqual(EARNED);
        if (!asked.ok) throw new Error('unreachable');
        const approved = await staffAct(platform, 'approveAfterSale', asked.data.afterSaleId, ops);
        expect(approved.body.ok, JSON.stringify(approved.body)).toBe(true);
        await platform.settle();
        // Shrunk before they could be withdrawn; the request ended, so the order completes now.
        expect(await entriesOf(platform, orderId), orderId).toEqual({
          group_opener: ['earned', ON_WHAT_IS_LEFT],
          pickup_point: ['earned', ON_WHAT_IS_LEFT],
        });
        await job(platform, 'completeOrders');
        expect(await orderOf(orderId)).toMatchObject({ status: 'completed' });
      } else {
        // Too late: the order completed with no request, and its entries are withdrawable.
        expect(outcome).toBe('AFTER_SALE_WINDOW_CLOSED');
        expect(order?.status).toBe('completed');
        expect(order?.openAfterSaleId).toBeUndefined();
        expect(await platform.find('after_sales', { orderId })).toHaveLength(0);
        expect(await entriesOf(platform, orderId), orderId).toEqual({
          group_opener: ['withdrawable', 299],
          pickup_point: ['withdrawable', 299],
        });
        // The same money returned by staff instead: clawed back from what was withdrawable.
        const refunded = await adminCall(
          platform,
          'refundOrder',
          { orderId, amount: PARTIAL, reason: '售后期后补偿', requestKey: randomUUID() },
          ops,
        );
        expect(refunded.body.ok, JSON.stringify(refunded.body)).toBe(true);
        await platform.settle();
      }
      expect(ledgerOf(orderId), orderId).toEqual({ count: 1, total: PARTIAL });
      // Either way the leader keeps the rule on what is left paid, withdrawable.
      const entries = await expectEntriesSound(platform, { orderId });
      expect(entries).toHaveLength(2);
      expectNoStepTwice(entries);
      for (const entry of entries) {
        expect(entry.status, entry._id).toBe('withdrawable');
        expect(entry.amount - entry.clawedBack, entry._id).toBe(ON_WHAT_IS_LEFT);
      }
    }
    // Every order completed, none refunded whole: the bonus is withdrawable, once.
    expect(await bonusOf(platform, groupId)).toMatchObject({ status: 'withdrawable', amount: 500 });
    expectNoStepTwice(await expectEntriesSound(platform, { groupId }));
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
