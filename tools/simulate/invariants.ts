/**
 * The invariants of ARCHITECTURE §3, checked on the state a run leaves behind (pure: no I/O, so they are
 * unit-tested on hand-built states). Every count must be 0:
 * - groups over capacity: more seats taken, paid, members or seat-holding orders than the group's size;
 * - units oversold: a stock or pool with a negative counter, `available + reserved + sold` different
 *   from its starting amount (or a changed `allocated`), `reserved` different from its holds, or `sold`
 *   different from the units of the orders it shipped;
 * - payments unaccounted for: a paid CloudPay payment that neither backs a live paid order (with no
 *   refund) nor is refunded in full;
 * - double refunds: more refunded than paid, more than one refund number for one payment, or more than
 *   one refund record for one order;
 * - orders stuck past every deadline: unpaid past the payment deadline, waiting for a group past its
 *   deadline (or one that ended), or refunding without a refund in CloudPay's hands after the retries.
 * A refund flagged for ops after its retries is reported on its own: it is on the ops list, not lost.
 */
import type { Stock } from '../../shared/src/domain/catalog.schema';
import type { Group } from '../../shared/src/domain/group.schema';
import type { Order, StockRef } from '../../shared/src/domain/order.schema';
import type { LedgerEntry } from './client';
import type { StockBaseline } from './catalog';

export type GroupState = Pick<
  Group,
  '_id' | 'status' | 'size' | 'seatsTaken' | 'seatsPaid' | 'memberOpenids' | 'paidOpenids' | 'deadlineAt' | 'updatedAt'
>;
export type OrderState = Pick<
  Order,
  | '_id'
  | 'status'
  | 'role'
  | 'quantity'
  | 'stock'
  | 'payDeadlineAt'
  | 'createdAt'
  | 'updatedAt'
  | 'groupId'
  | 'transactionId'
  | 'closeReason'
>;
export interface RefundState {
  readonly _id: string;
  readonly orderId: string;
  readonly status: 'requested' | 'processing' | 'failed' | 'succeeded' | 'flagged';
  readonly createdAt: number;
}
export interface StockState extends Stock {
  readonly ref: StockRef;
  readonly allocated?: number;
}
export type LedgerState = Pick<
  LedgerEntry,
  'outTradeNo' | 'state' | 'totalFee' | 'transactionId' | 'refundedFee' | 'refunds'
>;

/** What a run left behind, in simulated time. */
export interface World {
  readonly now: number;
  readonly groups: readonly GroupState[];
  readonly orders: readonly OrderState[];
  readonly refunds: readonly RefundState[];
  readonly stocks: readonly StockState[];
  readonly baselines: readonly StockBaseline[];
  readonly ledger: readonly LedgerState[];
}

export interface Tolerances {
  /** How long past a payment or group deadline the jobs may take to act (a few of their ticks). */
  readonly graceMs: number;
  /** How long a refund may stay unrequested or failing before it counts as stuck (covers every retry). */
  readonly refundWindowMs: number;
}

export interface Violations {
  readonly count: number;
  /** The first few offenders, each with why. */
  readonly examples: readonly string[];
}

export interface InvariantReport {
  readonly groupsOverCapacity: Violations;
  readonly unitsOversold: Violations;
  readonly paymentsUnaccounted: Violations;
  readonly doubleRefunds: Violations;
  readonly ordersStuck: Violations;
  /** Not an invariant: payments whose refund failed every retry and waits on the ops list. */
  readonly refundsFlaggedForOps: Violations;
}

export const INVARIANTS = [
  'groupsOverCapacity',
  'unitsOversold',
  'paymentsUnaccounted',
  'doubleRefunds',
  'ordersStuck',
] as const satisfies readonly (keyof InvariantReport)[];

/** Orders that hold their seat or stock. */
const SEAT_HOLDING = new Set<string>(['pending_payment', 'awaiting_group', 'to_ship', 'shipped', 'completed']);
/** Orders paid for and kept: the payment backs them. */
export const LIVE_PAID = new Set<string>(['awaiting_group', 'to_ship', 'shipped', 'completed']);
/** Orders whose units were sold. */
const FULFILLED = new Set<string>(['to_ship', 'shipped', 'completed']);
/** A refund CloudPay has accepted (its money is on the way or back). */
const REFUND_IN_HAND = new Set<string>(['processing', 'succeeded']);

const EXAMPLES = 5;

class Offenders {
  private readonly reasons = new Map<string, string[]>();

  add(id: string, reason: string): void {
    const list = this.reasons.get(id) ?? [];
    list.push(reason);
    this.reasons.set(id, list);
  }

  result(): Violations {
    const examples = [...this.reasons].slice(0, EXAMPLES).map(([id, why]) => `${id}: ${why.join('; ')}`);
    return { count: this.reasons.size, examples };
  }
}

const unique = (values: readonly string[]) => new Set(values).size;
const refKey = (ref: StockRef) => `${ref.kind}/${ref.id}`;

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k) ?? [];
    list.push(item);
    map.set(k, list);
  }
  return map;
}

export function groupsOverCapacity(world: World): Violations {
  const out = new Offenders();
  const ordersByGroup = groupBy(world.orders, (o) => o.groupId);
  for (const g of world.groups) {
    const over = (what: string, n: number) => n > g.size && out.add(g._id, `${what} ${n} > size ${g.size}`);
    over('seatsTaken', g.seatsTaken);
    over('seatsPaid', g.seatsPaid);
    over('members', unique(g.memberOpenids));
    over('paid members', unique(g.paidOpenids));
    const orders = ordersByGroup.get(g._id) ?? [];
    over('seat-holding orders', orders.filter((o) => SEAT_HOLDING.has(o.status)).length);
    over('paid orders', orders.filter((o) => LIVE_PAID.has(o.status)).length);
  }
  return out.result();
}

export function unitsOversold(world: World): Violations {
  const out = new Offenders();
  const baselines = new Map(world.baselines.map((b) => [refKey(b.ref), b]));
  const ordersByStock = groupBy(world.orders, (o) => refKey(o.stock));
  for (const s of world.stocks) {
    const key = refKey(s.ref);
    const flag = (reason: string) => out.add(key, reason);
    for (const field of ['available', 'reserved', 'sold'] as const) if (s[field] < 0) flag(`${field} ${s[field]} < 0`);
    const baseline = baselines.get(key);
    const total = s.available + s.reserved + s.sold;
    if (!baseline) flag('no starting amount recorded');
    else {
      if (total !== baseline.total) flag(`available+reserved+sold = ${total}, started with ${baseline.total}`);
      if ((s.allocated ?? 0) !== (baseline.allocated ?? 0)) {
        flag(`allocated ${s.allocated ?? 0}, started with ${baseline.allocated ?? 0}`);
      }
    }
    const held = Object.values(s.holds ?? {}).reduce((sum, q) => sum + q, 0);
    if (held !== s.reserved) flag(`reserved ${s.reserved} but holds total ${held}`);
    const shipped = (ordersByStock.get(key) ?? [])
      .filter((o) => FULFILLED.has(o.status))
      .reduce((sum, o) => sum + o.quantity, 0);
    if (shipped !== s.sold) flag(`sold ${s.sold} but fulfilled orders hold ${shipped} units`);
  }
  return out.result();
}

/** Payments whose refund is flagged for ops (not refunded, not live): held aside from the unaccounted. */
function flaggedPayments(world: World): Set<string> {
  const flagged = new Set(world.refunds.filter((r) => r.status === 'flagged').map((r) => r.orderId));
  const orders = new Map(world.orders.map((o) => [o._id, o]));
  return new Set(
    world.ledger
      .filter((p) => p.transactionId && flagged.has(p.outTradeNo) && p.refundedFee === 0)
      .filter((p) => !LIVE_PAID.has(orders.get(p.outTradeNo)?.status ?? ''))
      .map((p) => p.outTradeNo),
  );
}

export function paymentsUnaccounted(world: World): Violations {
  const out = new Offenders();
  const orders = new Map(world.orders.map((o) => [o._id, o]));
  const flagged = flaggedPayments(world);
  for (const p of world.ledger) {
    if (!p.transactionId || flagged.has(p.outTradeNo)) continue;
    const order = orders.get(p.outTradeNo);
    const live = order !== undefined && LIVE_PAID.has(order.status) && order.transactionId === p.transactionId;
    const refunded = p.refundedFee === p.totalFee;
    if (live && p.refundedFee > 0) {
      out.add(p.outTradeNo, `refunded ${p.refundedFee} of ${p.totalFee} but its order is ${order.status}`);
    } else if (!live && !refunded) {
      out.add(p.outTradeNo, `paid ${p.totalFee}, refunded ${p.refundedFee}, ${describeOrder(order, p)}`);
    }
  }
  return out.result();
}

function describeOrder(order: OrderState | undefined, payment: LedgerState): string {
  if (!order) return 'no order';
  const why = order.closeReason ? ` (${order.closeReason})` : '';
  const other =
    order.transactionId && order.transactionId !== payment.transactionId ? `, paid by ${order.transactionId}` : '';
  return `order ${order.status}${why}${other}`;
}

export function doubleRefunds(world: World): Violations {
  const out = new Offenders();
  for (const p of world.ledger) {
    if (p.refundedFee > p.totalFee) out.add(p.outTradeNo, `refunded ${p.refundedFee} of ${p.totalFee}`);
    if (p.refunds.length > 1) {
      out.add(p.outTradeNo, `${p.refunds.length} refunds: ${p.refunds.map((r) => r.outRefundNo).join(', ')}`);
    }
  }
  for (const [orderId, records] of groupBy(world.refunds, (r) => r.orderId)) {
    if (records.length > 1)
      out.add(orderId, `${records.length} refund records: ${records.map((r) => r._id).join(', ')}`);
  }
  return out.result();
}

export function ordersStuck(world: World, tolerances: Tolerances): Violations {
  const out = new Offenders();
  const groups = new Map(world.groups.map((g) => [g._id, g]));
  const refunds = new Map(world.refunds.map((r) => [r.orderId, r]));
  const { now } = world;
  const minutesPast = (at: number) => `${Math.round((now - at) / 60_000)} min`;
  for (const o of world.orders) {
    if (o.status === 'pending_payment' && now > o.payDeadlineAt + tolerances.graceMs) {
      out.add(o._id, `pending_payment ${minutesPast(o.payDeadlineAt)} past its payment deadline`);
    } else if (o.status === 'awaiting_group') {
      const group = o.groupId ? groups.get(o.groupId) : undefined;
      if (!group) out.add(o._id, 'awaiting_group with no group');
      else if (now > group.deadlineAt + tolerances.graceMs) {
        out.add(o._id, `awaiting_group, group ${group.status} ${minutesPast(group.deadlineAt)} past its deadline`);
      } else if (group.status !== 'forming' && now > group.updatedAt + tolerances.graceMs) {
        out.add(o._id, `awaiting_group, but its group ${group.status} ${minutesPast(group.updatedAt)} ago`);
      }
    } else if (o.status === 'refunding') {
      const refund = refunds.get(o._id);
      const since = refund?.createdAt ?? o.updatedAt;
      if (
        refund?.status !== 'flagged' &&
        !REFUND_IN_HAND.has(refund?.status ?? '') &&
        now > since + tolerances.refundWindowMs
      ) {
        out.add(o._id, `refunding, refund ${refund?.status ?? 'missing'} for ${minutesPast(since)}`);
      }
    }
  }
  return out.result();
}

export function refundsFlaggedForOps(world: World): Violations {
  const out = new Offenders();
  for (const orderId of flaggedPayments(world)) out.add(orderId, 'refund flagged for ops after its retries');
  return out.result();
}

export function checkInvariants(world: World, tolerances: Tolerances): InvariantReport {
  return {
    groupsOverCapacity: groupsOverCapacity(world),
    unitsOversold: unitsOversold(world),
    paymentsUnaccounted: paymentsUnaccounted(world),
    doubleRefunds: doubleRefunds(world),
    ordersStuck: ordersStuck(world, tolerances),
    refundsFlaggedForOps: refundsFlaggedForOps(world),
  };
}

/** Broken invariants (flagged refunds aside). */
export function brokenInvariants(report: InvariantReport): number {
  return INVARIANTS.reduce((sum, name) => sum + report[name].count, 0);
}
