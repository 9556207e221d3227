/**
 * The simulator's checks on hand-built states (each broken invariant is detected, a sound state passes)
 * and its planning of the crowd and of what follows the sale. The day end to end through the emulator is
 * `simulate.slow.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from './catalog';
import type { LedgerEntry } from './client';
import { DEFAULT_FULFILMENT, planFulfilment, shareOf, type OrderToFulfil } from './fulfilment-plan';
import {
  afterSaleRefundsMismatched,
  afterSalesOpenTwice,
  checkInvariants,
  commissionEarnedTwice,
  commissionLeftOnRefund,
  completedWithAfterSaleOpen,
  doubleRefunds,
  groupsOverCapacity,
  INVARIANTS,
  leadersOverpaid,
  OPS_LISTS,
  ordersStuck,
  paymentsUnaccounted,
  pickupsVerifiedElsewhere,
  refundsOverPaid,
  shipmentsNotReportedOnce,
  unitsOversold,
  withdrawalsPaidTwice,
  type AfterSaleState,
  type CommissionEntryState,
  type GroupState,
  type OrderState,
  type RefundState,
  type StockState,
  type Tolerances,
  type World,
} from './invariants';
import { planShoppers } from './shoppers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = Date.UTC(2026, 10, 25, 12, 0);
const TOLERANCES: Tolerances = { graceMs: 10 * MINUTE, refundWindowMs: 120 * MINUTE };
const SKU = { kind: 'sku', id: 's-1' } as const;
const PAID = 2990;

const group = (fields: Partial<GroupState> = {}): GroupState => ({
  _id: 'G1',
  status: 'succeeded',
  size: 2,
  seatsTaken: 2,
  seatsPaid: 2,
  memberOpenids: ['o-a', 'o-b'],
  paidOpenids: ['o-a', 'o-b'],
  deadlineAt: NOW + 30 * MINUTE,
  updatedAt: NOW - MINUTE,
  ...fields,
});

const order = (id: string, fields: Partial<OrderState> = {}): OrderState => ({
  _id: id,
  status: 'to_ship',
  role: 'member',
  quantity: 1,
  total: PAID,
  stock: SKU,
  payDeadlineAt: NOW - 50 * MINUTE,
  createdAt: NOW - 65 * MINUTE,
  updatedAt: NOW - 60 * MINUTE,
  groupId: 'G1',
  transactionId: `T-${id}`,
  ...fields,
});

const express = {
  kind: 'express',
  carrier: 'yunda',
  trackingNo: 'YD123456',
  shippedAt: NOW - DAY,
  by: 'staff:m',
} as const;
const pickup = {
  kind: 'pickup',
  pickupPointId: 'pp-1',
  batchId: 'PB1',
  shippedAt: NOW - 9 * DAY,
  by: 'staff:m',
} as const;

const payment = (orderId: string, fields: Partial<LedgerEntry> = {}): LedgerEntry => ({
  outTradeNo: orderId,
  state: 'SUCCESS',
  totalFee: PAID,
  openid: 'o-a',
  callbackFunction: 'payCallback',
  transactionId: `T-${orderId}`,
  timeEnd: '20261125120000',
  refundedFee: 0,
  refunds: [],
  ...fields,
});

const refundEntry = (outRefundNo: string, refundFee = PAID) => ({
  outRefundNo,
  refundId: `50${outRefundNo}`,
  refundFee,
  status: 'SUCCESS' as const,
});

const refund = (orderId: string, fields: Partial<RefundState> = {}): RefundState => ({
  _id: `R${orderId}`,
  orderId,
  status: 'succeeded',
  amount: PAID,
  completesOrder: true,
  createdAt: NOW - 40 * MINUTE,
  updatedAt: NOW - 39 * MINUTE,
  ...fields,
});

const afterSale = (id: string, orderId: string, fields: Partial<AfterSaleState> = {}): AfterSaleState => ({
  _id: id,
  orderId,
  type: 'refund_only',
  status: 'refunded',
  amount: 1000,
  refundAmount: 1000,
  outRefundNo: `R${orderId}-1`,
  updatedAt: NOW - 30 * MINUTE,
  ...fields,
});

const stock = (fields: Partial<StockState> = {}): StockState => ({
  ref: SKU,
  available: 7,
  reserved: 0,
  sold: 3,
  allocated: 0,
  holds: {},
  ...fields,
});

const LEADER = 'o-lead';

const entry = (id: string, fields: Partial<CommissionEntryState> = {}): CommissionEntryState => ({
  _id: id,
  kind: 'group_opener',
  leaderOpenid: LEADER,
  orderId: 'O1',
  groupId: 'G1',
  status: 'earned',
  rule: { base: { kind: 'rate', basisPoints: 800 } },
  orderTotal: PAID,
  quantity: 1,
  amount: 159, // 8% of the 1990 left paid of O1
  clawedBack: 0,
  ...fields,
});

/**
 * A sound end of day: a succeeded group of two, one express order received with a partial refund its
 * request asked for, one pickup order collected and completed, both reported to WeChat once; a solo order
 * refunded in full before shipping by its request; a closed order whose late payment was refunded; a
 * prepay nobody paid. A 团长 keeping pp-1 opened G1 and collected O2 at their desk: the opener's entry on O1
 * shrunk by its partial refund, the point's on O2 paid out, the one on O5 reversed by its refund, the group's
 * bonus earned; one withdrawal paid by one bill, one declined.
 */
function soundWorld(): World {
  return {
    now: NOW,
    groups: [group()],
    orders: [
      order('O1', {
        role: 'leader',
        status: 'received',
        shipment: express,
        refundedAmount: 1000,
        refundCount: 1,
        afterSaleEndsAt: NOW + 6 * DAY,
      }),
      order('O2', {
        status: 'completed',
        shipment: pickup,
        delivery: { kind: 'pickup', pickupPointId: 'pp-1' },
        history: [{ event: 'picked_up', by: 'leader:pp-1' }],
        afterSaleEndsAt: NOW - 2 * MINUTE,
        completedAt: NOW - MINUTE,
      }),
      order('O3', { status: 'refunded', groupId: undefined, role: 'solo' }),
      order('O5', { status: 'refunded', groupId: undefined, role: 'solo', refundedAmount: PAID, refundCount: 1 }),
    ],
    refunds: [
      refund('O1', { _id: 'RO1-1', amount: 1000, completesOrder: false, afterSaleId: 'AS1' }),
      refund('O3'),
      refund('O5', { _id: 'RO5-1', afterSaleId: 'AS5' }),
    ],
    stocks: [stock()],
    baselines: [{ ref: SKU, total: 10, allocated: 0 }],
    ledger: [
      payment('O1', { refundedFee: 1000, refunds: [refundEntry('RO1-1', 1000)] }),
      payment('O2'),
      payment('O3', { state: 'REFUND', refundedFee: PAID, refunds: [refundEntry('RO3')] }),
      payment('O4', { state: 'NOTPAY', transactionId: null }),
      payment('O5', { state: 'REFUND', refundedFee: PAID, refunds: [refundEntry('RO5-1')] }),
    ],
    afterSales: [afterSale('AS1', 'O1'), afterSale('AS5', 'O5', { amount: PAID, refundAmount: PAID })],
    shippingReports: [
      { _id: 'O1', transactionId: 'T-O1', status: 'reported', createdAt: NOW - DAY },
      { _id: 'O2', transactionId: 'T-O2', status: 'reported', createdAt: NOW - 9 * DAY },
    ],
    shippingUploads: [{ transactionId: 'T-O1' }, { transactionId: 'T-O2' }],
    leaders: [{ _id: LEADER, pickupPointId: 'pp-1' }],
    commissionEntries: [
      entry('CO-O1'),
      entry('CP-O2', { kind: 'pickup_point', orderId: 'O2', status: 'paid_out', amount: 239 }),
      entry('CO-O5', { orderId: 'O5', groupId: undefined, status: 'reversed', amount: 0 }),
      entry('CB-G1', { kind: 'group_bonus', orderId: undefined, amount: 300, orderTotal: undefined }),
    ],
    withdrawals: [
      { _id: 'W1', leaderOpenid: LEADER, amount: 200, status: 'transferred', outBillNo: 'W1' },
      { _id: 'W2', leaderOpenid: LEADER, amount: 39, status: 'declined', outBillNo: 'W2' },
    ],
    transferBills: [{ outBillNo: 'W1', openid: LEADER, amountFen: 200, state: 'SUCCESS' }],
  };
}

const counts = (world: World) => {
  const report = checkInvariants(world, TOLERANCES);
  return Object.fromEntries([...INVARIANTS, ...OPS_LISTS].map((n) => [n, report[n].count]));
};

const replace = <T extends { _id: string }>(list: readonly T[], id: string, fields: Partial<T>): T[] =>
  list.map((item) => (item._id === id ? { ...item, ...fields } : item));

const withPayment = (world: World, orderId: string, fields: Partial<LedgerEntry>): World => ({
  ...world,
  ledger: world.ledger.map((p) => (p.outTradeNo === orderId ? { ...p, ...fields } : p)),
});

describe('invariant checks on hand-built states', () => {
  it('find nothing wrong with a sound end of day', () => {
    expect(counts(soundWorld())).toEqual(Object.fromEntries([...INVARIANTS, ...OPS_LISTS].map((name) => [name, 0])));
  });

  it('detect a group over capacity, however it shows', () => {
    const world = soundWorld();
    const overSeated = { ...world, groups: [group({ seatsTaken: 3 })] };
    expect(groupsOverCapacity(overSeated)).toMatchObject({ count: 1, examples: ['G1: seatsTaken 3 > size 2'] });
    const overPaid = { ...world, groups: [group({ seatsPaid: 3, paidOpenids: ['o-a', 'o-b', 'o-c'] })] };
    expect(groupsOverCapacity(overPaid).count).toBe(1);
    const crowded = { ...world, groups: [group({ memberOpenids: ['o-a', 'o-b', 'o-c'] })] };
    expect(groupsOverCapacity(crowded).count).toBe(1);
    // Counters that look right, but three orders hold seats in a group of two.
    const thirdSeat = {
      ...world,
      orders: [...world.orders, order('O6', { status: 'pending_payment', payDeadlineAt: NOW })],
    };
    expect(groupsOverCapacity(thirdSeat).examples[0]).toContain('seat-holding orders 3 > size 2');
  });

  it('detect units oversold: negative, not conserved, or sold without orders', () => {
    const world = soundWorld();
    expect(unitsOversold({ ...world, stocks: [stock({ available: -1, sold: 4 })] }).examples[0]).toContain(
      'available -1 < 0',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ available: 8 })] }).examples[0]).toContain(
      'available+reserved+sold = 11, started with 10',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ available: 6, sold: 4 })] }).examples[0]).toContain(
      'sold 4 but the orders it sold hold 3 units',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ available: 6, reserved: 1 })] }).examples[0]).toContain(
      'reserved 1 but holds total 0',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ allocated: 5 })] }).count).toBe(1);
    // An order refunded in full after it was kept still sold its unit; one refunded when its group failed did not.
    const unsold = { ...world, orders: replace(world.orders, 'O5', { refundCount: 0, refundedAmount: 0 }) };
    expect(unitsOversold(unsold).examples[0]).toContain('sold 3 but the orders it sold hold 2 units');
  });

  it('detect a payment unaccounted for', () => {
    const world = soundWorld();
    // Paid, but its order closed and nothing was refunded: the shopper's money is kept without an order.
    const kept = {
      ...world,
      orders: [
        ...world.orders,
        order('O6', { status: 'closed', closeReason: 'group failed', groupId: undefined, transactionId: undefined }),
      ],
      ledger: [...world.ledger, payment('O6')],
    };
    expect(paymentsUnaccounted(kept)).toEqual({
      count: 1,
      examples: ['O6: paid 2990, refunded 0, order closed (group failed)'],
    });
    // Paid, and no order at all.
    expect(paymentsUnaccounted({ ...world, ledger: [...world.ledger, payment('O7')] }).count).toBe(1);
    // A live order whose money all went back.
    const both = withPayment(world, 'O2', { refundedFee: PAID });
    expect(paymentsUnaccounted(both).examples[0]).toContain('but its order is completed');
    // Part of a live order refunded is fine; an order refunded in full must have all of it back.
    const short = withPayment(world, 'O5', { refundedFee: 2000 });
    expect(paymentsUnaccounted(short).examples[0]).toContain('O5: paid 2990, refunded 2000, order refunded');
    // An order live under another payment: this one is neither backing it nor refunded.
    const second = { ...world, ledger: [...world.ledger, payment('O2', { transactionId: 'T-other' })] };
    expect(paymentsUnaccounted(second).count).toBe(1);
  });

  it('detect refunds over what was paid, and counters that disagree with the refunds', () => {
    const world = soundWorld();
    const twoMore = {
      ...world,
      refunds: [...world.refunds, refund('O1', { _id: 'RO1-2', amount: 2000, completesOrder: false })],
      orders: replace(world.orders, 'O1', { refundedAmount: 3000, refundCount: 2 }),
    };
    expect(refundsOverPaid(twoMore).examples).toEqual(['O1: refunds total 3000 > paid 2990']);
    const counters = { ...world, orders: replace(world.orders, 'O1', { refundedAmount: 500 }) };
    expect(refundsOverPaid(counters).examples).toEqual(['O1: refundedAmount 500 but its refunds total 1000']);
    const uncounted = { ...world, orders: replace(world.orders, 'O1', { refundCount: 2 }) };
    expect(refundsOverPaid(uncounted).examples).toEqual(['O1: refundCount 2 but 1 refunds']);
    const ledger = { ...world, ledger: [...world.ledger, payment('O9', { refundedFee: 3000 })] };
    expect(refundsOverPaid(ledger).examples).toEqual(['O9: CloudPay refunded 3000 of 2990']);
  });

  it('detect a refund not issued exactly once', () => {
    const world = soundWorld();
    // CloudPay refunded a number nobody recorded (a second refund of the same intent).
    const twice = withPayment(world, 'O3', {
      refundedFee: PAID,
      refunds: [refundEntry('RO3', 1495), refundEntry('RO3-again', 1495)],
    });
    expect(doubleRefunds(twice).examples[0]).toBe(
      'O3: CloudPay refunded 1495 under RO3, recorded as 2990; CloudPay refunded 1495 under RO3-again, which no refund of it has',
    );
    // A refund recorded as done that CloudPay never made.
    expect(doubleRefunds(withPayment(world, 'O1', { refundedFee: 0, refunds: [] })).examples[0]).toBe(
      'O1: RO1-1 recorded as succeeded but CloudPay has not refunded it',
    );
    // Two refunds each returning the last of the money.
    const last = { ...world, refunds: [...world.refunds, refund('O5', { _id: 'RO5-2', status: 'requested' })] };
    expect(doubleRefunds(last).examples[0]).toContain('2 refunds each return the last of the money');
  });

  it('detect an order with two after-sales open, or one its order does not know', () => {
    const world = soundWorld();
    const open = (id: string) =>
      afterSale(id, 'O1', { status: 'pending_review', outRefundNo: undefined, refundAmount: undefined });
    const two = {
      ...world,
      afterSales: [...world.afterSales, open('AS1-2'), open('AS1-3')],
      orders: replace(world.orders, 'O1', { openAfterSaleId: 'AS1-2' }),
    };
    expect(afterSalesOpenTwice(two).examples[0]).toBe(
      'O1: 2 requests open: AS1-2 pending_review, AS1-3 pending_review; AS1-3 is pending_review but its order has AS1-2 open',
    );
    const unknown = { ...world, afterSales: [...world.afterSales, open('AS1-2')] };
    expect(afterSalesOpenTwice(unknown).examples[0]).toBe('O1: AS1-2 is pending_review but its order has none open');
  });

  it('detect an after-sales refund that does not match its request', () => {
    const world = soundWorld();
    const withRequest = (fields: Partial<AfterSaleState>) => ({
      ...world,
      afterSales: replace(world.afterSales, 'AS1', fields),
    });
    expect(afterSaleRefundsMismatched(withRequest({ refundAmount: 900 })).examples).toEqual([
      'AS1: refundAmount 900 but its refund is 1000',
    ]);
    expect(afterSaleRefundsMismatched(withRequest({ amount: 800, refundAmount: 1000 })).examples).toEqual([
      'AS1: refunded 1000, more than the 800 asked',
    ]);
    // Less than asked is right only when it was all that was left (the refund returns the last of the money).
    expect(afterSaleRefundsMismatched(withRequest({ amount: 1500 })).examples).toEqual([
      'AS1: refunded 1000 of the 1500 asked without being capped at what was left',
    ]);
    expect(afterSaleRefundsMismatched(withRequest({ outRefundNo: 'RO1-9' })).examples).toEqual([
      'AS1: its refund RO1-9 does not exist; refund RO1-1 (1000) names it, but it does not name that refund',
    ]);
    const notDone = { ...world, refunds: replace(world.refunds, 'RO1-1', { status: 'processing' }) };
    expect(afterSaleRefundsMismatched(notDone).examples).toEqual(['AS1: refunded, but its refund is processing']);
    expect(afterSaleRefundsMismatched(withRequest({ outRefundNo: undefined, status: 'refunding' })).count).toBe(1);
  });

  it('detect a shipment not reported to WeChat exactly once', () => {
    const world = soundWorld();
    expect(
      shipmentsNotReportedOnce({ ...world, shippingUploads: [...world.shippingUploads, { transactionId: 'T-O1' }] })
        .examples,
    ).toEqual(['O1: WeChat holds 2 uploads of its shipment']);
    expect(shipmentsNotReportedOnce({ ...world, shippingReports: world.shippingReports.slice(1) }).examples).toEqual([
      'O1: shipped (express) with no shipping report',
    ]);
    expect(shipmentsNotReportedOnce({ ...world, shippingUploads: world.shippingUploads.slice(1) }).examples).toEqual([
      'O1: its report says reported, WeChat holds nothing',
    ]);
    expect(
      shipmentsNotReportedOnce({ ...world, shippingUploads: [...world.shippingUploads, { transactionId: 'T-O3' }] })
        .examples,
    ).toEqual(['T-O3: WeChat holds 1 shipment(s) of a payment never shipped']);
    // Flagged (WeChat refused it): on the ops list, not broken.
    const flagged = {
      ...world,
      shippingReports: replace(world.shippingReports, 'O1', { status: 'flagged' }),
      shippingUploads: world.shippingUploads.slice(1),
    };
    expect(counts(flagged)).toMatchObject({ shipmentsNotReportedOnce: 0, shippingReportsFlaggedForOps: 1 });
  });

  it('detect an order completed with an after-sale open, or before its window closed', () => {
    const world = soundWorld();
    const open = afterSale('AS2', 'O2', { status: 'pending_review', outRefundNo: undefined, refundAmount: undefined });
    expect(
      completedWithAfterSaleOpen({
        ...world,
        afterSales: [...world.afterSales, open],
        orders: replace(world.orders, 'O2', { openAfterSaleId: 'AS2' }),
      }).examples,
    ).toEqual(['O2: completed with AS2 open; completed while AS2 is pending_review']);
    expect(
      completedWithAfterSaleOpen({
        ...world,
        orders: replace(world.orders, 'O2', { afterSaleEndsAt: NOW + 60 * MINUTE }),
      }).examples,
    ).toEqual(['O2: completed 61 min before its window closed']);
  });

  it('detect orders stuck past every deadline, and only past the grace', () => {
    const world = soundWorld();
    const unpaid = (payDeadlineAt: number) => ({
      ...world,
      orders: [order('O8', { status: 'pending_payment', groupId: undefined, transactionId: undefined, payDeadlineAt })],
      groups: [],
    });
    expect(ordersStuck(unpaid(NOW - 11 * MINUTE), TOLERANCES).count).toBe(1);
    expect(ordersStuck(unpaid(NOW - 9 * MINUTE), TOLERANCES).count).toBe(0);

    const waiting = (g: GroupState) => ({ ...world, groups: [g], orders: [order('O9', { status: 'awaiting_group' })] });
    expect(ordersStuck(waiting(group({ status: 'forming', deadlineAt: NOW - 20 * MINUTE })), TOLERANCES).count).toBe(1);
    expect(ordersStuck(waiting(group({ status: 'forming', deadlineAt: NOW + 20 * MINUTE })), TOLERANCES).count).toBe(0);
    expect(ordersStuck(waiting(group({ status: 'failed', updatedAt: NOW - 30 * MINUTE })), TOLERANCES).count).toBe(1);

    const refunding = (status: RefundState['status'] | undefined, createdAt = NOW - 3 * 60 * MINUTE) => ({
      ...world,
      orders: [order('O10', { status: 'refunding', updatedAt: createdAt })],
      refunds: status ? [refund('O10', { status, createdAt })] : [],
    });
    expect(ordersStuck(refunding('failed'), TOLERANCES).count).toBe(1);
    expect(ordersStuck(refunding(undefined), TOLERANCES).count).toBe(1);
    expect(ordersStuck(refunding('processing'), TOLERANCES).count).toBe(0);
    expect(ordersStuck(refunding('failed', NOW - 30 * MINUTE), TOLERANCES).count).toBe(0);

    // A partial refund of a live order that never reached CloudPay.
    const partial = {
      ...world,
      refunds: replace(world.refunds, 'RO1-1', { status: 'requested', createdAt: NOW - 3 * 60 * MINUTE }),
    };
    expect(ordersStuck(partial, TOLERANCES).examples).toEqual(['O1: received, refund RO1-1 requested for 180 min']);
    // A window closed long ago on an order nobody completed; a parcel nobody received after 10 days.
    const closed = { ...world, orders: replace(world.orders, 'O1', { afterSaleEndsAt: NOW - 30 * MINUTE }) };
    expect(ordersStuck(closed, TOLERANCES).examples).toEqual([
      'O1: received, its window closed 30 min ago, not completed',
    ]);
    const parcel = {
      ...world,
      orders: replace(world.orders, 'O1', { status: 'shipped', shipment: { ...express, shippedAt: NOW - 11 * DAY } }),
    };
    expect(ordersStuck(parcel, TOLERANCES).examples[0]).toContain('shipped, not received');
    // A request the job left past its deadline; an order whose open request is over.
    const due = {
      ...world,
      afterSales: [
        ...world.afterSales,
        afterSale('AS1-2', 'O1', { status: 'pending_review', dueAt: NOW - 20 * MINUTE }),
      ],
      orders: replace(world.orders, 'O1', { openAfterSaleId: 'AS1-2' }),
    };
    expect(ordersStuck(due, TOLERANCES).examples).toEqual(['O1: after-sale AS1-2 pending_review, due 20 min ago']);
    const stale = { ...world, orders: replace(world.orders, 'O1', { openAfterSaleId: 'AS1' }) };
    expect(ordersStuck(stale, TOLERANCES).examples).toEqual(['O1: its open request AS1 is refunded']);
    // A shipping report neither reported nor flagged after the retries.
    const report = { ...world, shippingReports: replace(world.shippingReports, 'O1', { status: 'failed' }) };
    expect(ordersStuck(report, TOLERANCES).examples).toEqual(['O1: shipping report failed for 1440 min']);
  });

  it('detect a commission earned twice on one order by one leader', () => {
    const world = soundWorld();
    const twice = { ...world, commissionEntries: [...world.commissionEntries, entry('CO-O1-again')] };
    expect(commissionEarnedTwice(twice).examples).toEqual([`O1/${LEADER}/group_opener: 2 entries: CO-O1, CO-O1-again`]);
    // The same order earns once per kind: the opener's and the point's are not twice.
    const both = {
      ...world,
      commissionEntries: [...world.commissionEntries, entry('CP-O1', { kind: 'pickup_point' })],
    };
    expect(commissionEarnedTwice(both).count).toBe(0);
  });

  it('detect a commission left on a refunded order, or not shrunk to what is left paid', () => {
    const world = soundWorld();
    const withEntry = (id: string, fields: Partial<CommissionEntryState>) => ({
      ...world,
      commissionEntries: replace(world.commissionEntries, id, fields),
    });
    // O5 was refunded whole: its entry must be reversed, or clawed back in full once withdrawable.
    expect(commissionLeftOnRefund(withEntry('CO-O5', { status: 'earned', amount: 239 })).examples).toEqual([
      'CO-O5: earned 239 (clawed back 0) on O5 refunded with 0 left paid: the rule gives 0',
    ]);
    expect(
      commissionLeftOnRefund(withEntry('CO-O5', { status: 'withdrawable', amount: 239, clawedBack: 239 })).count,
    ).toBe(0);
    expect(
      commissionLeftOnRefund(withEntry('CO-O5', { status: 'withdrawable', amount: 239, clawedBack: 200 })).count,
    ).toBe(1);
    // O1 keeps 1990 of 2990: 8% of it is 159, and a per-unit ¥3 shrinks to ⌊300 × 1990 / 2990⌋ = 199.
    expect(commissionLeftOnRefund(withEntry('CO-O1', { amount: 239 })).count).toBe(1);
    const perUnit = { base: { kind: 'per_unit', amount: 300 } } as const;
    expect(commissionLeftOnRefund(withEntry('CO-O1', { rule: perUnit, amount: 199 })).count).toBe(0);
    expect(commissionLeftOnRefund(withEntry('CO-O1', { rule: perUnit, amount: 200 })).count).toBe(1);
    // A group's bonus still waiting when every paid order of the group was refunded whole.
    const allRefunded = {
      ...world,
      orders: world.orders.map((o) => (o.groupId === 'G1' ? { ...o, status: 'refunded' as const } : o)),
      commissionEntries: world.commissionEntries.filter((e) => e.kind === 'group_bonus'),
    };
    expect(commissionLeftOnRefund(allRefunded).examples).toEqual([
      'CB-G1: bonus earned 300 while every order of G1 was refunded whole',
    ]);
  });

  it('detect a withdrawal not paid exactly once, or paid without its bill', () => {
    const world = soundWorld();
    const bill = world.transferBills[0];
    if (!bill) throw new Error('the sound world has a bill');
    const twice = { ...world, transferBills: [...world.transferBills, bill] };
    expect(withdrawalsPaidTwice(twice).examples[0]).toBe('W1: 2 bills: W1 SUCCESS, W1 SUCCESS');
    const other = { ...world, transferBills: [{ ...bill, amountFen: 300 }] };
    expect(withdrawalsPaidTwice(other).examples).toEqual(['W1: paid 300 for a withdrawal of 200']);
    const unpaid = { ...world, transferBills: [{ ...bill, state: 'FAIL' }] };
    expect(withdrawalsPaidTwice(unpaid).examples).toEqual(['W1: transferred, but WeChat paid no bill of it']);
    const stray = { ...world, transferBills: [...world.transferBills, { ...bill, outBillNo: 'W9' }] };
    expect(withdrawalsPaidTwice(stray).examples).toEqual(['W9: a bill of 200 (SUCCESS) no withdrawal has']);
    const behind = { ...world, withdrawals: replace(world.withdrawals, 'W1', { status: 'approved' }) };
    expect(withdrawalsPaidTwice(behind).examples).toEqual(['W1: WeChat paid it, but it is approved']);
  });

  it('detect a leader paid out more than they earned', () => {
    const world = soundWorld();
    const more = {
      ...world,
      withdrawals: replace(world.withdrawals, 'W2', { status: 'transferred' }),
      transferBills: [...world.transferBills, { outBillNo: 'W2', openid: LEADER, amountFen: 39, state: 'SUCCESS' }],
    };
    expect(leadersOverpaid(more).count).toBe(0); // 239 earned, 239 paid
    const clawed = { ...more, commissionEntries: replace(more.commissionEntries, 'CP-O2', { clawedBack: 1 }) };
    expect(leadersOverpaid(clawed).examples).toEqual([`${LEADER}: transferred 239, earned 238 net of clawbacks`]);
  });

  it('detect a pickup verified at another point than the order', () => {
    const world = soundWorld();
    const elsewhere = {
      ...world,
      orders: replace(world.orders, 'O2', { history: [{ event: 'picked_up', by: 'leader:pp-2' }] }),
    };
    expect(pickupsVerifiedElsewhere(elsewhere).examples).toEqual([
      'O2: collected by the keeper of pp-2, delivered to pp-1',
    ]);
    // Staff scanning at the console are not a keeper: their scans are the console's.
    const staff = {
      ...world,
      orders: replace(world.orders, 'O2', { history: [{ event: 'picked_up', by: 'staff:m' }] }),
    };
    expect(pickupsVerifiedElsewhere(staff).count).toBe(0);
  });

  it('report a refund flagged for ops on its own, not as money lost', () => {
    const world = soundWorld();
    const flagged = {
      ...world,
      orders: [...world.orders, order('O11', { status: 'refunding' })],
      refunds: [...world.refunds, refund('O11', { status: 'flagged', createdAt: NOW - 5 * 60 * MINUTE })],
      ledger: [...world.ledger, payment('O11')],
    };
    expect(counts(flagged)).toMatchObject({ paymentsUnaccounted: 0, ordersStuck: 0, refundsFlaggedForOps: 1 });
  });
});

describe('what follows the sale', () => {
  const orders: OrderToFulfil[] = Array.from({ length: 2000 }, (_, i) => ({
    _id: `O${String(i).padStart(5, '0')}`,
    openid: `o-${i}`,
    merchantId: `m-${i % 4}`,
    total: 1990 + i,
    delivery: i % 3 === 0 ? { kind: 'address' } : { kind: 'pickup', pickupPointId: `pp-${i % 5}` },
  }));

  it('is the same for the same seed, and another for another seed', () => {
    expect(planFulfilment(orders, 7)).toEqual(planFulfilment(orders, 7));
    expect(planFulfilment(orders, 8)).not.toEqual(planFulfilment(orders, 7));
  });

  it('asks for every kind of after-sales, every race, at about the shares planned', () => {
    const plans = planFulfilment(orders, 1);
    const share = (pick: (p: (typeof plans)[number]) => boolean) => plans.filter(pick).length / plans.length;
    expect(share((p) => p.refundBeforeShipping !== undefined)).toBeCloseTo(DEFAULT_FULFILMENT.refundBeforeShipping, 1);
    expect(share((p) => p.afterSale !== undefined)).toBeCloseTo(DEFAULT_FULFILMENT.afterSale, 1);
    const wishes = plans.flatMap((p) => (p.afterSale ? [p.afterSale] : []));
    expect(new Set(wishes.map((w) => w.type))).toEqual(new Set(['refund_only', 'return_refund', 'exchange']));
    expect(wishes.some((w) => w.type === 'refund_only' && w.share < 1)).toBe(true);
    expect(new Set(wishes.map((w) => w.review)).size).toBe(6);
    expect(new Set(wishes.map((w) => w.submission))).toEqual(new Set(['once', 'two_forms', 'double_tap']));
    expect(new Set(plans.map((p) => p.window))).toEqual(new Set(['open', 'closes', 'race']));
    expect(new Set(plans.flatMap((p) => (p.staffRefund ? [p.staffRefund.when] : [])))).toEqual(
      new Set(['before_shipping', 'with_after_sale']),
    );
    // Staff refunds race only requests that ask for money.
    expect(plans.every((p) => p.staffRefund?.when !== 'with_after_sale' || p.afterSale?.type !== 'exchange')).toBe(
      true,
    );
  });

  it('asks back a share of what was paid: at least a fen, never all of it', () => {
    expect(shareOf(2990, 0.5)).toBe(1495);
    expect(shareOf(2990, 0.0001)).toBe(1);
    expect(shareOf(2990, 0.99999)).toBe(2989);
  });
});

describe('the crowd', () => {
  const catalog = buildCatalog(NOW, 'test', 500);

  it('is the same for the same seed, and another for another seed', () => {
    const plan = (seed: number) => planShoppers(500, catalog, seed, 60 * MINUTE);
    expect(plan(7)).toEqual(plan(7));
    expect(plan(8)).not.toEqual(plan(7));
  });

  it('collects in several districts or has it delivered, rushes at the opening, and pays late or never now and then', () => {
    const plans = planShoppers(500, catalog, 1, 60 * MINUTE);
    const districts = new Set(plans.map((p) => catalog.pickupPoints.find((pp) => pp.id === p.pickupPointId)?.district));
    expect(districts.size).toBeGreaterThanOrEqual(5);
    expect(plans.filter((p) => p.express).length / plans.length).toBeCloseTo(0.35, 1);
    expect(plans.filter((p) => p.arrivalMs < 6 * MINUTE).length).toBeGreaterThan(150);
    const actions = plans.flatMap((p) => p.actions);
    const intents = new Set(actions.map((a) => a.intent));
    expect(intents).toEqual(new Set(['open', 'join', 'link', 'solo']));
    expect(actions.some((a) => a.payment.kind === 'abandon')).toBe(true);
    expect(actions.some((a) => a.payment.kind === 'pay' && a.payment.late && a.payment.delayMs > 15 * MINUTE)).toBe(
      true,
    );
  });

  it('seeds activities tuned for the sale, with the starting stock recorded', () => {
    const activities = catalog.documents.activities ?? [];
    expect(activities.map((a) => [a.validityHours, a.groupSize])).toEqual(
      activities.map(() => [1, expect.toSatisfy((n: number) => n >= 2 && n <= 5)]),
    );
    const pools = activities.filter((a) => a.pool).map((a) => a._id);
    expect(pools.length).toBeGreaterThan(0);
    expect(catalog.baselines.map((b) => b.ref.id).sort()).toEqual([...catalog.skuIds, ...pools].sort());
  });
});
