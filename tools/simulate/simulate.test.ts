/**
 * The simulator's checks on hand-built states (each broken invariant is detected, a sound state passes)
 * and its crowd planning. The flash sale end to end through the emulator is `simulate.slow.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from './catalog';
import type { LedgerEntry } from './client';
import {
  checkInvariants,
  doubleRefunds,
  groupsOverCapacity,
  INVARIANTS,
  ordersStuck,
  paymentsUnaccounted,
  unitsOversold,
  type GroupState,
  type OrderState,
  type RefundState,
  type StockState,
  type Tolerances,
  type World,
} from './invariants';
import { planShoppers } from './shoppers';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 25, 12, 0);
const TOLERANCES: Tolerances = { graceMs: 10 * MINUTE, refundWindowMs: 120 * MINUTE };
const SKU = { kind: 'sku', id: 's-1' } as const;

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
  stock: SKU,
  payDeadlineAt: NOW - 50 * MINUTE,
  createdAt: NOW - 65 * MINUTE,
  updatedAt: NOW - 60 * MINUTE,
  groupId: 'G1',
  transactionId: `T-${id}`,
  ...fields,
});

const payment = (orderId: string, fields: Partial<LedgerEntry> = {}): LedgerEntry => ({
  outTradeNo: orderId,
  state: 'SUCCESS',
  totalFee: 2990,
  openid: 'o-a',
  callbackFunction: 'payCallback',
  transactionId: `T-${orderId}`,
  timeEnd: '20261125120000',
  refundedFee: 0,
  refunds: [],
  ...fields,
});

const refundEntry = (outRefundNo: string, refundFee = 2990) => ({
  outRefundNo,
  refundId: `50${outRefundNo}`,
  refundFee,
  status: 'SUCCESS' as const,
});

const refund = (orderId: string, status: RefundState['status'] = 'succeeded'): RefundState => ({
  _id: `R${orderId}`,
  orderId,
  status,
  createdAt: NOW - 40 * MINUTE,
});

const stock = (fields: Partial<StockState> = {}): StockState => ({
  ref: SKU,
  available: 8,
  reserved: 0,
  sold: 2,
  allocated: 0,
  holds: {},
  ...fields,
});

/** A sound end of day: a succeeded group of two (shipped), and a closed order whose late payment was refunded. */
function soundWorld(): World {
  return {
    now: NOW,
    groups: [group()],
    orders: [
      order('O1', { role: 'leader' }),
      order('O2'),
      order('O3', { status: 'refunded', groupId: undefined, role: 'solo' }),
    ],
    refunds: [refund('O3')],
    stocks: [stock()],
    baselines: [{ ref: SKU, total: 10, allocated: 0 }],
    ledger: [
      payment('O1'),
      payment('O2'),
      payment('O3', { state: 'REFUND', refundedFee: 2990, refunds: [refundEntry('RO3')] }),
      payment('O4', { state: 'NOTPAY', transactionId: null }),
    ],
  };
}

const counts = (world: World) => {
  const report = checkInvariants(world, TOLERANCES);
  return Object.fromEntries([...INVARIANTS, 'refundsFlaggedForOps' as const].map((n) => [n, report[n].count]));
};

describe('invariant checks on hand-built states', () => {
  it('find nothing wrong with a sound end of day', () => {
    expect(counts(soundWorld())).toEqual({
      groupsOverCapacity: 0,
      unitsOversold: 0,
      paymentsUnaccounted: 0,
      doubleRefunds: 0,
      ordersStuck: 0,
      refundsFlaggedForOps: 0,
    });
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
      orders: [...world.orders, order('O5', { status: 'pending_payment', payDeadlineAt: NOW })],
    };
    expect(groupsOverCapacity(thirdSeat).examples[0]).toContain('seat-holding orders 3 > size 2');
  });

  it('detect units oversold: negative, not conserved, or sold without orders', () => {
    const world = soundWorld();
    expect(unitsOversold({ ...world, stocks: [stock({ available: -1, sold: 3, holds: {} })] }).examples[0]).toContain(
      'available -1 < 0',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ available: 9 })] }).examples[0]).toContain(
      'available+reserved+sold = 11, started with 10',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ available: 7, sold: 3 })] }).examples[0]).toContain(
      'sold 3 but fulfilled orders hold 2 units',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ available: 7, reserved: 1 })] }).examples[0]).toContain(
      'reserved 1 but holds total 0',
    );
    expect(unitsOversold({ ...world, stocks: [stock({ allocated: 5 })] }).count).toBe(1);
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
    // A shipped order whose money was also given back.
    const both = {
      ...world,
      ledger: [payment('O1', { refundedFee: 2990, refunds: [refundEntry('RO1')] }), payment('O2')],
    };
    expect(paymentsUnaccounted(both).examples[0]).toContain('but its order is to_ship');
    // An order live under another payment: this one is neither backing it nor refunded.
    const second = { ...world, ledger: [...world.ledger, payment('O2', { transactionId: 'T-other' })] };
    expect(paymentsUnaccounted(second).count).toBe(1);
  });

  it('detect a double refund', () => {
    const world = soundWorld();
    const twice = payment('O3', {
      state: 'REFUND',
      refundedFee: 2990,
      refunds: [refundEntry('RO3', 1495), refundEntry('RO3-again', 1495)],
    });
    expect(doubleRefunds({ ...world, ledger: [twice] })).toEqual({
      count: 1,
      examples: ['O3: 2 refunds: RO3, RO3-again'],
    });
    const over = payment('O3', { state: 'REFUND', refundedFee: 5980, refunds: [refundEntry('RO3', 5980)] });
    expect(doubleRefunds({ ...world, ledger: [over] }).examples[0]).toContain('refunded 5980 of 2990');
    const records = { ...world, refunds: [refund('O3'), { ...refund('O3'), _id: 'R-other' }] };
    expect(doubleRefunds(records).examples[0]).toContain('2 refund records');
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
      refunds: status ? [{ ...refund('O10', status), createdAt }] : [],
    });
    expect(ordersStuck(refunding('failed'), TOLERANCES).count).toBe(1);
    expect(ordersStuck(refunding(undefined), TOLERANCES).count).toBe(1);
    expect(ordersStuck(refunding('processing'), TOLERANCES).count).toBe(0);
    expect(ordersStuck(refunding('failed', NOW - 30 * MINUTE), TOLERANCES).count).toBe(0);
  });

  it('report a refund flagged for ops on its own, not as money lost', () => {
    const world = soundWorld();
    const flagged = {
      ...world,
      orders: [...world.orders, order('O11', { status: 'refunding' })],
      refunds: [...world.refunds, { ...refund('O11', 'flagged'), createdAt: NOW - 5 * 60 * MINUTE }],
      ledger: [...world.ledger, payment('O11')],
    };
    expect(counts(flagged)).toMatchObject({ paymentsUnaccounted: 0, ordersStuck: 0, refundsFlaggedForOps: 1 });
  });
});

describe('the crowd', () => {
  const catalog = buildCatalog(NOW, 'test', 500);

  it('is the same for the same seed, and another for another seed', () => {
    const plan = (seed: number) => planShoppers(500, catalog, seed, 60 * MINUTE);
    expect(plan(7)).toEqual(plan(7));
    expect(plan(8)).not.toEqual(plan(7));
  });

  it('collects in several districts, rushes at the opening, and pays late or never now and then', () => {
    const plans = planShoppers(500, catalog, 1, 60 * MINUTE);
    const districts = new Set(plans.map((p) => catalog.pickupPoints.find((pp) => pp.id === p.pickupPointId)?.district));
    expect(districts.size).toBeGreaterThanOrEqual(5);
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
