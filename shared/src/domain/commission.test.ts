import { describe, expect, it } from 'vitest';
import { fen, MoneyError } from '../kernel/money';
import {
  commissionAfterRefund,
  commissionEntriesForOrder,
  commissionOn,
  entriesCoveredBy,
  groupBonusEntry,
  groupBonusStep,
  isOrderCommissionDue,
  mayEarnCommission,
  netCommission,
  nextCommissionStep,
  type OrderForCommission,
  paidLeftOf,
  stepCommission,
  wasLeaderAt,
} from './commission';
import type { CommissionStatus } from './commission.machine';
import {
  type CommissionEntry,
  type CommissionRule,
  commissionEntrySchema,
  commissionRuleSchema,
} from './commission.schema';
import { orderStatusSchema, type OrderStatus } from './order.machine';

const NOW = 1_764_000_000_000;
const rate = (basisPoints: number, groupBonus?: number): CommissionRule =>
  commissionRuleSchema.parse({ base: { kind: 'rate', basisPoints }, ...(groupBonus ? { groupBonus } : {}) });
const perUnit = (amount: number): CommissionRule => commissionRuleSchema.parse({ base: { kind: 'per_unit', amount } });

const order = (change: Partial<OrderForCommission> = {}): OrderForCommission => ({
  _id: 'O20261202120000abcdefgh',
  status: 'awaiting_group',
  total: 2_970,
  quantity: 3,
  activityId: 'A1',
  groupId: 'G1',
  delivery: { kind: 'pickup', pickupPointId: 'PP1' },
  ...change,
});

/** A small deterministic generator (mulberry32), so the property checks below are the same on every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * below);
  };
}

describe('what a rule gives', () => {
  it('rounds a rate down to the fen', () => {
    expect(commissionOn(rate(800).base, { total: 1_999, quantity: 1 }, 1_999)).toBe(159); // 159.92
    expect(commissionOn(rate(800).base, { total: 1_999, quantity: 1 }, 1_000)).toBe(80);
    expect(commissionOn(rate(1).base, { total: 99, quantity: 1 }, 99)).toBe(0);
    expect(commissionOn(rate(2_000).base, { total: 10, quantity: 1 }, 10)).toBe(2);
  });

  it('gives a per-unit amount for every unit, shrunk by the refunded share of the payment, rounded down', () => {
    const paid = { total: 2_970, quantity: 3 };
    expect(commissionOn(perUnit(150).base, paid, 2_970)).toBe(450);
    expect(commissionOn(perUnit(150).base, paid, 1_980)).toBe(300);
    expect(commissionOn(perUnit(150).base, paid, 1_000)).toBe(151); // 151.5
    expect(commissionOn(perUnit(150).base, paid, 0)).toBe(0);
  });

  it('never gives more than the rule on what is left paid, never grows as refunds grow, and ends at 0', () => {
    const next = random(17);
    for (let round = 0; round < 400; round++) {
      const quantity = 1 + next(99);
      const total = quantity * (1 + next(100_000));
      const rule = next(2) === 0 ? rate(1 + next(2_000)) : perUnit(1 + next(10_000));
      const exact = (left: number) =>
        rule.base.kind === 'rate'
          ? (left * rule.base.basisPoints) / 10_000
          : (rule.base.amount * quantity * left) / total;
      let left = total;
      let previous = commissionOn(rule.base, { total, quantity }, left);
      if (rule.base.kind === 'per_unit') expect(previous).toBe(rule.base.amount * quantity);
      while (left > 0) {
        left = Math.max(0, left - 1 - next(Math.ceil(total / 3)));
        const due = commissionOn(rule.base, { total, quantity }, left);
        expect(Number.isInteger(due)).toBe(true);
        expect(due).toBeGreaterThanOrEqual(0);
        expect(due).toBeLessThanOrEqual(exact(left));
        expect(exact(left) - due).toBeLessThan(1);
        expect(due).toBeLessThanOrEqual(previous);
        previous = due;
      }
      expect(previous).toBe(0);
    }
  });

  it('refuses numbers past the safe range rather than rounding them', () => {
    expect(() => commissionOn(perUnit(10_000).base, { total: 2 ** 45, quantity: 999 }, 2 ** 45)).toThrow(MoneyError);
  });

  it('counts what is left paid: nothing once the order is refunded whole', () => {
    expect(paidLeftOf({ status: 'completed', total: 2_970 })).toBe(2_970);
    expect(paidLeftOf({ status: 'completed', total: 2_970, refundedAmount: 990 })).toBe(1_980);
    expect(paidLeftOf({ status: 'refunding', total: 2_970, refundedAmount: 990 })).toBe(0);
    expect(paidLeftOf({ status: 'refunded', total: 2_970 })).toBe(0);
  });
});

describe('the entries a paid order records', () => {
  const context = { rule: perUnit(150), openerLeader: 'o-opener', pointLeader: 'o-keeper', now: NOW };

  it('pays the group’s opener and the point’s keeper, pending while the group forms', () => {
    const entries = commissionEntriesForOrder(order(), context);
    expect(entries.map((e) => [e._id, e.kind, e.leaderOpenid, e.status, e.amount])).toEqual([
      ['COO20261202120000abcdefgh', 'group_opener', 'o-opener', 'pending', 450],
      ['CPO20261202120000abcdefgh', 'pickup_point', 'o-keeper', 'pending', 450],
    ]);
    for (const entry of entries) expect(commissionEntrySchema.parse(entry)).toEqual(entry);
    expect(entries[1]).toMatchObject({
      activityId: 'A1',
      groupId: 'G1',
      orderId: 'O20261202120000abcdefgh',
      pickupPointId: 'PP1',
      rule: perUnit(150),
      orderTotal: 2_970,
      quantity: 3,
      ruledAmount: 450,
      clawedBack: 0,
      history: [{ at: NOW, event: 'recorded', status: 'pending', amount: 450, clawedBack: 0 }],
    });
  });

  it('pays one leader both kinds when they opened the group and keep the point', () => {
    const entries = commissionEntriesForOrder(order(), { ...context, pointLeader: 'o-opener' });
    expect(entries.map((e) => [e.kind, e.leaderOpenid])).toEqual([
      ['group_opener', 'o-opener'],
      ['pickup_point', 'o-opener'],
    ]);
  });

  it('records a solo order’s, or a succeeded group’s, as earned', () => {
    const solo = commissionEntriesForOrder(order({ status: 'to_ship', groupId: undefined }), context);
    expect(solo.map((e) => [e.kind, e.status])).toEqual([['pickup_point', 'earned']]);
    expect(solo[0]?.groupId).toBeUndefined();
    expect(commissionEntriesForOrder(order({ status: 'to_ship' }), context).map((e) => e.status)).toEqual([
      'earned',
      'earned',
    ]);
  });

  it('pays no point keeper for an order delivered to an address, and no one without a registered leader', () => {
    const address = commissionEntriesForOrder(order({ delivery: { kind: 'address' } }), context);
    expect(address.map((e) => e.kind)).toEqual(['group_opener']);
    expect(commissionEntriesForOrder(order(), { rule: perUnit(150), now: NOW })).toEqual([]);
  });

  it('records nothing without a rule, for an order not paid and kept, or when the rule gives nothing', () => {
    expect(commissionEntriesForOrder(order(), { ...context, rule: undefined })).toEqual([]);
    expect(commissionEntriesForOrder(order({ activityId: undefined }), context)).toEqual([]);
    for (const status of ['pending_payment', 'closed', 'refunding', 'refunded'] as const)
      expect(commissionEntriesForOrder(order({ status }), context), status).toEqual([]);
    expect(commissionEntriesForOrder(order({ total: 99, quantity: 1 }), { ...context, rule: rate(1) })).toEqual([]);
  });

  it('records what the rule gives on what is left paid, when a refund came first', () => {
    const [entry] = commissionEntriesForOrder(order({ status: 'to_ship', refundedAmount: 990 }), context);
    expect(entry).toMatchObject({ ruledAmount: 450, amount: 300 });
  });

  it('is the same on a repeat: the same ids, so the second write is a duplicate key', () => {
    expect(commissionEntriesForOrder(order(), context)).toEqual(commissionEntriesForOrder(order(), context));
  });
});

describe('a successful group’s bonus', () => {
  it('is earned once by its registered opener when the rule has one', () => {
    const bonus = groupBonusEntry(
      { _id: 'G1', activityId: 'A1' },
      { rule: rate(500, 2_000), openerLeader: 'o-opener', now: NOW },
    );
    expect(bonus).toMatchObject({
      _id: 'CBG1',
      kind: 'group_bonus',
      leaderOpenid: 'o-opener',
      groupId: 'G1',
      status: 'earned',
      ruledAmount: 2_000,
      amount: 2_000,
    });
    expect(bonus?.orderId).toBeUndefined();
    expect(commissionEntrySchema.parse(bonus)).toEqual(bonus);
    expect(
      groupBonusEntry({ _id: 'G1', activityId: 'A1' }, { rule: rate(500), openerLeader: 'o-opener', now: NOW }),
    ).toBeUndefined();
    expect(groupBonusEntry({ _id: 'G1', activityId: 'A1' }, { rule: rate(500, 2_000), now: NOW })).toBeUndefined();
    expect(
      groupBonusEntry({ _id: 'G1', activityId: 'A1' }, { rule: undefined, openerLeader: 'o', now: NOW }),
    ).toBeUndefined();
  });

  const bonus = (status: CommissionStatus) => ({ kind: 'group_bonus' as const, status });
  const of = (...statuses: OrderStatus[]) => statuses.map((status) => ({ status }));

  it('becomes withdrawable once every paid order is completed or refunded, and is reversed if all were refunded', () => {
    expect(groupBonusStep(bonus('earned'), of('completed', 'completed', 'refunded'))).toBe('window_closed');
    expect(groupBonusStep(bonus('earned'), of('completed', 'picked_up'))).toBeUndefined();
    expect(groupBonusStep(bonus('earned'), of('completed', 'refunding'))).toBe('window_closed');
    expect(groupBonusStep(bonus('earned'), of('refunded', 'refunding', 'closed'))).toBe('refunded_in_full');
    expect(groupBonusStep(bonus('earned'), of('closed', 'completed'))).toBe('window_closed');
    expect(groupBonusStep(bonus('earned'), of())).toBeUndefined();
  });

  it('stands once withdrawable, and is the only entry this rule moves', () => {
    expect(groupBonusStep(bonus('withdrawable'), of('refunded'))).toBeUndefined();
    expect(groupBonusStep({ kind: 'group_opener', status: 'earned' }, of('completed'))).toBeUndefined();
  });
});

describe('a refund on an entry’s order', () => {
  const [recorded] = commissionEntriesForOrder(order({ status: 'to_ship' }), {
    rule: perUnit(150),
    openerLeader: 'o-opener',
    now: NOW,
  });
  const entry = (status: CommissionStatus, change: Partial<CommissionEntry> = {}): CommissionEntry => ({
    ...(recorded as CommissionEntry),
    status,
    ...change,
  });
  const paid = (refundedAmount: number, status: OrderStatus = 'completed') => ({
    status,
    total: 2_970,
    refundedAmount,
  });

  it('shrinks an entry not yet withdrawable to the rule on what is left, once', () => {
    for (const status of ['pending', 'earned'] as const) {
      expect(commissionAfterRefund(entry(status), paid(990))).toEqual({ event: 'partially_refunded', amount: 300 });
      expect(commissionAfterRefund(entry(status, { amount: fen(300) }), paid(990))).toBeUndefined();
    }
  });

  it('reverses an entry not yet withdrawable when nothing is left paid', () => {
    expect(commissionAfterRefund(entry('pending'), paid(0, 'refunding'))).toEqual({
      event: 'refunded_in_full',
      amount: 0,
    });
    expect(commissionAfterRefund(entry('earned'), paid(2_970, 'to_ship'))).toEqual({
      event: 'refunded_in_full',
      amount: 0,
    });
  });

  it('claws back from a withdrawable or paid-out entry, its amount unchanged, never twice', () => {
    for (const status of ['withdrawable', 'paid_out'] as const) {
      expect(commissionAfterRefund(entry(status), paid(990))).toEqual({ event: 'clawed_back', clawedBack: 150 });
      expect(commissionAfterRefund(entry(status, { clawedBack: fen(150) }), paid(990))).toBeUndefined();
      expect(commissionAfterRefund(entry(status, { clawedBack: fen(150) }), paid(1_980))).toEqual({
        event: 'clawed_back',
        clawedBack: 300,
      });
      expect(commissionAfterRefund(entry(status, { clawedBack: fen(300) }), paid(0, 'refunded'))).toEqual({
        event: 'clawed_back',
        clawedBack: 450,
      });
    }
  });

  it('touches neither a reversed entry nor a bonus', () => {
    expect(commissionAfterRefund(entry('reversed', { amount: fen(0) }), paid(990))).toBeUndefined();
    expect(commissionAfterRefund({ ...entry('earned'), kind: 'group_bonus' }, paid(990))).toBeUndefined();
  });

  it('never leaves more than the rule gives on what is left, nor a negative adjustment, whatever the order of events', () => {
    const next = random(42);
    const steps: ('refund' | 'advance')[] = ['refund', 'advance'];
    const seen = new Set<string>();
    for (let round = 0; round < 300; round++) {
      const quantity = 1 + next(10);
      const total = quantity * (100 + next(5_000));
      const rule = next(2) === 0 ? rate(1 + next(2_000)) : perUnit(1 + next(2_000));
      const start: OrderForCommission = order({ total, quantity, status: 'to_ship' });
      let current = commissionEntriesForOrder(start, { rule, openerLeader: 'o', now: NOW })[0];
      if (!current) continue;
      let refunded = 0;
      let net = netCommission(current);
      for (let step = 0; step < 12 && refunded < total; step++) {
        if (steps[next(2)] === 'refund') {
          refunded = Math.min(total, refunded + 1 + next(Math.ceil(total / 2)));
        } else if (current.status === 'earned') {
          current = stepCommission(current, 'window_closed', NOW + step);
        } else if (current.status === 'withdrawable' && next(2) === 0) {
          current = stepCommission(current, 'covered_by_withdrawal', NOW + step);
        }
        const state = {
          status: refunded === total ? 'refunding' : 'completed',
          total,
          refundedAmount: refunded,
        } as const;
        const change = commissionAfterRefund(current, state);
        if (change) {
          seen.add(`${current.status}+${change.event}`);
          current =
            change.event === 'clawed_back'
              ? stepCommission(current, change.event, NOW + step, { clawedBack: change.clawedBack })
              : stepCommission(current, change.event, NOW + step, { amount: change.amount });
          expect(commissionAfterRefund(current, state), 'a repeat changes nothing').toBeUndefined();
        }
        const left = paidLeftOf(state);
        expect(netCommission(current)).toBeLessThanOrEqual(commissionOn(rule.base, { total, quantity }, left));
        expect(netCommission(current)).toBeGreaterThanOrEqual(0);
        expect(netCommission(current)).toBeLessThanOrEqual(net);
        expect(current.clawedBack).toBeLessThanOrEqual(current.amount);
        expect(current.ruledAmount - netCommission(current)).toBeGreaterThanOrEqual(0);
        net = netCommission(current);
      }
      if (refunded === total) expect(netCommission(current)).toBe(0);
    }
    expect([...seen].sort()).toEqual([
      'earned+partially_refunded',
      'earned+refunded_in_full',
      'paid_out+clawed_back',
      'withdrawable+clawed_back',
    ]);
  });
});

describe('moving an entry', () => {
  const [pending] = commissionEntriesForOrder(order(), { rule: rate(1_000), openerLeader: 'o-opener', now: NOW });
  const entry = pending as CommissionEntry;

  it('follows the machine and writes each step into its history', () => {
    const earned = stepCommission(entry, 'group_succeeded', NOW + 1);
    const withdrawable = stepCommission(earned, 'window_closed', NOW + 2);
    const paidOut = stepCommission(withdrawable, 'covered_by_withdrawal', NOW + 3);
    expect(paidOut).toMatchObject({
      status: 'paid_out',
      amount: 297,
      withdrawableAt: NOW + 2,
      paidOutAt: NOW + 3,
      updatedAt: NOW + 3,
    });
    expect(paidOut.history.map((h) => [h.event, h.status])).toEqual([
      ['recorded', 'pending'],
      ['group_succeeded', 'earned'],
      ['window_closed', 'withdrawable'],
      ['covered_by_withdrawal', 'paid_out'],
    ]);
    expect(commissionEntrySchema.parse(paidOut)).toEqual(paidOut);
  });

  it('leaves a reversed entry worth nothing', () => {
    expect(stepCommission(entry, 'group_failed', NOW + 1)).toMatchObject({ status: 'reversed', amount: 0 });
  });

  it('refuses a step its status does not allow, and any step that would make it grow', () => {
    expect(() => stepCommission(entry, 'window_closed', NOW)).toThrow('CONFLICT');
    expect(() => stepCommission(entry, 'partially_refunded', NOW, { amount: fen(400) })).toThrow(MoneyError);
    const withdrawable = stepCommission(stepCommission(entry, 'group_succeeded', NOW), 'window_closed', NOW);
    expect(() => stepCommission(withdrawable, 'clawed_back', NOW, { clawedBack: fen(298) })).toThrow(MoneyError);
    const clawed = stepCommission(withdrawable, 'clawed_back', NOW, { clawedBack: fen(100) });
    expect(() => stepCommission(clawed, 'clawed_back', NOW, { clawedBack: fen(50) })).toThrow(MoneyError);
  });

  it('is due once its order is completed', () => {
    expect(orderStatusSchema.options.filter((status) => isOrderCommissionDue({ status }))).toEqual(['completed']);
  });
});

describe('the entries paid withdrawals cover', () => {
  const entry = (id: string, status: CommissionStatus, amount: number, withdrawableAt: number, clawedBack = 0) => ({
    _id: id,
    status,
    amount: fen(amount),
    clawedBack: fen(clawedBack),
    withdrawableAt,
  });
  const entries = [
    entry('c', 'withdrawable', 300, 3),
    entry('a', 'paid_out', 100, 1),
    entry('b', 'withdrawable', 200, 2),
    entry('b2', 'withdrawable', 50, 2, 50),
    entry('p', 'earned', 999, 0),
    entry('r', 'reversed', 0, 0),
  ];

  it('are the oldest withdrawable ones whose running sum, with the older ones, fits in what was paid', () => {
    expect(entriesCoveredBy(entries, 0)).toEqual([]);
    expect(entriesCoveredBy(entries, 100)).toEqual([]);
    expect(entriesCoveredBy(entries, 299)).toEqual([]);
    expect(entriesCoveredBy(entries, 300)).toEqual(['b', 'b2']);
    expect(entriesCoveredBy(entries, 599)).toEqual(['b', 'b2']);
    expect(entriesCoveredBy(entries, 600)).toEqual(['b', 'b2', 'c']);
    expect(entriesCoveredBy(entries, 10_000)).toEqual(['b', 'b2', 'c']);
  });

  it('only grow as more is paid or more is clawed back', () => {
    let previous: string[] = [];
    for (let paid = 0; paid <= 700; paid += 7) {
      const covered = entriesCoveredBy(entries, paid);
      expect(covered.slice(0, previous.length)).toEqual(previous);
      previous = covered;
    }
    const clawed = entries.map((e) => (e._id === 'b' ? { ...e, clawedBack: fen(150) } : e));
    expect(entriesCoveredBy(clawed, 450)).toEqual(['b', 'b2', 'c']);
  });
});

describe('the next step of an order’s entry', () => {
  const [recorded] = commissionEntriesForOrder(order(), { rule: perUnit(150), openerLeader: 'o-opener', now: NOW });
  const pending = recorded as CommissionEntry;
  const of = (status: OrderStatus, change: { refundedAmount?: number; history?: { event: string }[] } = {}) => ({
    status,
    total: 2_970,
    ...change,
  });

  /** Applies the steps until none is left; answers the events and the entry. */
  function settle(entry: CommissionEntry, state: ReturnType<typeof of>) {
    const events: string[] = [];
    let current = entry;
    for (let step = nextCommissionStep(current, state); step; step = nextCommissionStep(current, state)) {
      events.push(step.event);
      current = stepCommission(current, step.event, NOW, step.change);
    }
    return { events, entry: current };
  }

  it('waits with its group, and follows it when it succeeds or fails', () => {
    expect(nextCommissionStep(pending, of('awaiting_group'))).toBeUndefined();
    expect(settle(pending, of('to_ship')).events).toEqual(['group_succeeded']);
    const failed = settle(pending, of('refunding', { history: [{ event: 'group_failed' }] }));
    expect(failed.events).toEqual(['group_failed']);
    expect(failed.entry).toMatchObject({ status: 'reversed', amount: 0 });
  });

  it('catches up on everything it missed, in order, and then stays', () => {
    const caught = settle(pending, of('completed', { refundedAmount: 990 }));
    expect(caught.events).toEqual(['group_succeeded', 'partially_refunded', 'window_closed']);
    expect(caught.entry).toMatchObject({ status: 'withdrawable', amount: 300, clawedBack: 0 });
    expect(nextCommissionStep(caught.entry, of('completed', { refundedAmount: 990 }))).toBeUndefined();
    const clawed = settle(caught.entry, of('refunding', { refundedAmount: 2_970 }));
    expect(clawed.events).toEqual(['clawed_back']);
    expect(clawed.entry).toMatchObject({ status: 'withdrawable', amount: 300, clawedBack: 300 });
  });

  it('reverses a confirmed entry refunded whole, and leaves a bonus to its own rule', () => {
    const earned = settle(pending, of('to_ship')).entry;
    expect(settle(earned, of('refunding', { refundedAmount: 2_970 })).events).toEqual(['refunded_in_full']);
    expect(nextCommissionStep({ ...earned, kind: 'group_bonus' }, of('completed'))).toBeUndefined();
  });

  it('looks at an activity only if it has, or had, a rule', () => {
    expect(mayEarnCommission({})).toBe(false);
    expect(mayEarnCommission({ commission: rate(500) })).toBe(true);
    expect(mayEarnCommission({ commissionKey: 'removed-rule-key' })).toBe(true);
  });

  it('counts a leader only from their approval on', () => {
    expect(wasLeaderAt({ approvedAt: NOW }, NOW)).toBe(true);
    expect(wasLeaderAt({ approvedAt: NOW + 1 }, NOW)).toBe(false);
    expect(wasLeaderAt(null, NOW)).toBe(false);
  });
});
