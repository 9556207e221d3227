/**
 * The promises of docs/architecture.md §4, checked on the state a run leaves behind (pure: no I/O, so they
 * are unit-tested on hand-built states). Every count must be 0:
 * - groups over capacity: more seats taken, paid, members or seat-holding orders than the group's size;
 * - units oversold: a stock or pool with a negative counter, `available + reserved + sold` different
 *   from its starting amount (or a changed `allocated`), `reserved` different from its holds, or `sold`
 *   different from the units of the orders it sold (kept, or refunded in full after the group succeeded);
 * - payments unaccounted for: a paid CloudPay payment that neither backs a live order (refunded in part
 *   at most) nor is refunded in full;
 * - refunds over what was paid: an order's refunds (asked for, under way or done) adding up to more than
 *   its payment, or its refund counters (`refundedAmount`, `refundCount`) disagreeing with its refunds;
 * - refunds not issued exactly once: CloudPay refunding a number no refund record has, or another amount,
 *   a refund recorded as succeeded that CloudPay does not have, more refunded than paid, or two refunds
 *   each returning the last of an order's money;
 * - after-sales open twice: an order with two requests open, or an open request its order does not know
 *   (so another could be opened beside it);
 * - after-sales refunds not matching their request: a request's refund missing, of another order or
 *   request, of another amount than the request says it refunds, more than it asked, or less without
 *   being capped at what was left; a refund naming a request that does not name it; a request refunded
 *   whose refund is not done;
 * - shipments not reported to WeChat exactly once: a shipped order with no shipping report, WeChat holding
 *   two uploads for one payment, a report marked reported that WeChat does not hold, or WeChat holding a
 *   shipment for a payment that never shipped;
 * - completed orders with an after-sale open, or completed before their window closed;
 * - orders stuck past every deadline: unpaid past the payment deadline, waiting for a group past its
 *   deadline (or one that ended), a refund not in CloudPay's hands after the retries, a delivered order
 *   not completed after its window, a parcel not received 10 days after shipping, an after-sales request
 *   the timed job left past its due time, a shipping report neither reported nor flagged after the retries.
 * - commission earned twice: more than one entry per (order or group, leader, kind);
 * - commission left on a refunded order: an entry worth more, net of its clawback, than its rule gives on what is
 *   left paid of its order (nothing, for an order refunded whole: reversed, or clawed back in full), or a group's
 *   bonus waiting while every paid order of the group was refunded whole;
 * - withdrawals paid more than once: more than one 商家转账 bill for a withdrawal, a bill paid of another amount than
 *   its withdrawal or that no withdrawal of the leader has, a withdrawal transferred without a paid bill, or a paid
 *   bill whose withdrawal is not transferred;
 * - leaders paid out more than they earned: a leader's transferred withdrawals adding up to more than their
 *   withdrawable and paid-out entries net of clawbacks (the run refunds nothing after its withdrawals);
 * - pickups verified at another point: an order collected by a 团长 keeping another point than the order's.
 * Refunds and shipping reports flagged for ops after their retries are reported on their own: they are on
 * the ops lists, not lost.
 */
import { AFTER_SALE_REFUND_CHECK_MS, AFTER_SALE_OPEN_STATUSES } from '../../shared/src/domain/after-sale.machine';
import type { AfterSale } from '../../shared/src/domain/after-sale.schema';
import type { Stock } from '../../shared/src/domain/catalog.schema';
import {
  COMMISSION_ADJUSTABLE_STATUSES,
  COMMISSION_SETTLED_STATUSES,
} from '../../shared/src/domain/commission.machine';
import type { CommissionEntry } from '../../shared/src/domain/commission.schema';
import { FULFILMENT_EVENTS } from '../../shared/src/domain/fulfilment';
import type { Group } from '../../shared/src/domain/group.schema';
import {
  ORDER_DELIVERED_STATUSES,
  ORDER_KEPT_STATUSES,
  ORDER_REFUND_STATUSES,
} from '../../shared/src/domain/order.machine';
import type { Order, StockRef } from '../../shared/src/domain/order.schema';
import { refundNumberFor, type RefundStatus } from '../../shared/src/domain/refund.machine';
import { AUTO_RECEIVE_AFTER_MS } from '../../shared/src/domain/shipment.schema';
import type { ShippingReportStatus } from '../../shared/src/domain/shipping-report.machine';
import { WITHDRAWAL_PAID_STATUS } from '../../shared/src/domain/withdrawal.machine';
import type { LedgerEntry } from './client';
import type { StockBaseline } from './catalog';

export type GroupState = Pick<
  Group,
  '_id' | 'status' | 'size' | 'seatsTaken' | 'seatsPaid' | 'memberOpenids' | 'paidOpenids' | 'deadlineAt' | 'updatedAt'
>;
/** Amounts are plain numbers of fen here: the checks read them, never make them. */
export type OrderState = Omit<
  Pick<
    Order,
    | '_id'
    | 'status'
    | 'role'
    | 'quantity'
    | 'total'
    | 'stock'
    | 'payDeadlineAt'
    | 'createdAt'
    | 'updatedAt'
    | 'groupId'
    | 'transactionId'
    | 'closeReason'
    | 'refundedAmount'
    | 'refundCount'
    | 'openAfterSaleId'
    | 'afterSaleEndsAt'
    | 'completedAt'
    | 'shipment'
  >,
  'total' | 'refundedAmount'
> & {
  readonly total: number;
  readonly refundedAmount?: number | undefined;
  /** Where it is delivered, and its steps (who collected it): read by the 团长 checks. */
  readonly delivery?: { readonly kind: string; readonly pickupPointId?: string | undefined };
  readonly history?: readonly { readonly event: string; readonly by: string }[];
};
/** A commission entry, its amounts plain fen. */
export type CommissionEntryState = Pick<
  CommissionEntry,
  '_id' | 'kind' | 'leaderOpenid' | 'orderId' | 'groupId' | 'status'
> & {
  readonly rule: {
    readonly base:
      { readonly kind: 'rate'; readonly basisPoints: number } | { readonly kind: 'per_unit'; readonly amount: number };
  };
  readonly orderTotal?: number | undefined;
  readonly quantity?: number | undefined;
  readonly amount: number;
  readonly clawedBack: number;
};
export interface WithdrawalState {
  readonly _id: string;
  readonly leaderOpenid: string;
  readonly amount: number;
  readonly status: string;
  readonly outBillNo: string;
}
/** A bill in the 商家转账 sandbox's ledger. */
export interface TransferBillState {
  readonly outBillNo: string;
  readonly openid: string;
  readonly amountFen: number;
  readonly state: string;
}
/** A registered 团长 and the point they keep. */
export interface LeaderState {
  readonly _id: string;
  readonly pickupPointId: string;
}
export interface RefundState {
  /** Its number (`outRefundNo`). */
  readonly _id: string;
  readonly orderId: string;
  readonly status: RefundStatus;
  readonly amount: number;
  /** Whether it returns the last of the order's money. */
  readonly completesOrder?: boolean | undefined;
  /** The after-sales request it pays out. */
  readonly afterSaleId?: string | undefined;
  readonly createdAt: number;
  readonly updatedAt: number;
}
export type AfterSaleState = Pick<
  AfterSale,
  '_id' | 'orderId' | 'type' | 'status' | 'outRefundNo' | 'dueAt' | 'updatedAt'
> & {
  readonly amount?: number | undefined;
  readonly refundAmount?: number | undefined;
};
export interface ShippingReportState {
  /** The order's id. */
  readonly _id: string;
  readonly transactionId: string;
  readonly status: ShippingReportStatus;
  readonly createdAt: number;
}
/** A shipment WeChat holds (发货信息管理), as the openapi sandbox kept it. */
export interface ShippingUploadState {
  readonly transactionId: string;
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
  readonly afterSales: readonly AfterSaleState[];
  readonly shippingReports: readonly ShippingReportState[];
  /** Uploads WeChat holds for this run's payments. */
  readonly shippingUploads: readonly ShippingUploadState[];
  /** The run's 团长, their commission entries and withdrawals, and the bills WeChat made them. */
  readonly leaders: readonly LeaderState[];
  readonly commissionEntries: readonly CommissionEntryState[];
  readonly withdrawals: readonly WithdrawalState[];
  readonly transferBills: readonly TransferBillState[];
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
  readonly refundsOverPaid: Violations;
  readonly doubleRefunds: Violations;
  readonly afterSalesOpenTwice: Violations;
  readonly afterSaleRefundsMismatched: Violations;
  readonly shipmentsNotReportedOnce: Violations;
  readonly completedWithAfterSaleOpen: Violations;
  readonly ordersStuck: Violations;
  readonly commissionEarnedTwice: Violations;
  readonly commissionLeftOnRefund: Violations;
  readonly withdrawalsPaidTwice: Violations;
  readonly leadersOverpaid: Violations;
  readonly pickupsVerifiedElsewhere: Violations;
  /** Not an invariant: payments with a refund that failed every retry and waits on the ops list. */
  readonly refundsFlaggedForOps: Violations;
  /** Not an invariant: shipping reports WeChat refused (or that failed every retry), on the ops list. */
  readonly shippingReportsFlaggedForOps: Violations;
}

export const INVARIANTS = [
  'groupsOverCapacity',
  'unitsOversold',
  'paymentsUnaccounted',
  'refundsOverPaid',
  'doubleRefunds',
  'afterSalesOpenTwice',
  'afterSaleRefundsMismatched',
  'shipmentsNotReportedOnce',
  'completedWithAfterSaleOpen',
  'ordersStuck',
  'commissionEarnedTwice',
  'commissionLeftOnRefund',
  'withdrawalsPaidTwice',
  'leadersOverpaid',
  'pickupsVerifiedElsewhere',
] as const satisfies readonly (keyof InvariantReport)[];

/** Reported beside the invariants: on the ops lists, not broken promises. */
export const OPS_LISTS = [
  'refundsFlaggedForOps',
  'shippingReportsFlaggedForOps',
] as const satisfies readonly (keyof InvariantReport)[];

/** Orders paid for and kept: the payment backs them (refunded in part at most). */
export const LIVE_PAID = new Set<string>(ORDER_KEPT_STATUSES);
/** Orders that hold their seat or stock. */
const SEAT_HOLDING = new Set<string>(['pending_payment', ...ORDER_KEPT_STATUSES]);
/** Kept orders whose units were sold: every kept order but one waiting for its group. */
const KEPT_AND_SOLD = new Set<string>(ORDER_KEPT_STATUSES.filter((s) => s !== 'awaiting_group'));
const REFUND_STATUSES = new Set<string>(ORDER_REFUND_STATUSES);
const DELIVERED = new Set<string>(ORDER_DELIVERED_STATUSES);
const OPEN_AFTER_SALE = new Set<string>(AFTER_SALE_OPEN_STATUSES);
/** A refund whose money is back with the shopper, by CloudPay or outside it. */
const REFUND_DONE = new Set<RefundStatus>(['succeeded', 'settled_offline']);
/** A refund waiting for a request to CloudPay (the retry job's). */
const REFUND_NOT_IN_HAND = new Set<RefundStatus>(['requested', 'failed']);
/** Requests the timed job must act on once due (a refund under way is looked at again, not acted on). */
const TIMED_ACTIONS = new Set<string>(['pending_review', 'awaiting_return', 'replacement_shipped']);
const REPORT_UNRESOLVED = new Set<ShippingReportStatus>(['pending', 'uploading', 'failed']);

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
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

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

/** Whether the order's units left the stock for good: kept and sold, or refunded in full by staff or after-sales after that. */
const soldUnits = (o: OrderState) =>
  KEPT_AND_SOLD.has(o.status) || (REFUND_STATUSES.has(o.status) && (o.refundCount ?? 0) > 0);

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
    const held = Object.values(s.holds ?? {}).reduce((n, q) => n + q, 0);
    if (held !== s.reserved) flag(`reserved ${s.reserved} but holds total ${held}`);
    const sold = sum((ordersByStock.get(key) ?? []).filter(soldUnits).map((o) => o.quantity));
    if (sold !== s.sold) flag(`sold ${s.sold} but the orders it sold hold ${sold} units`);
  }
  return out.result();
}

/** Refunds flagged for ops, and settled outside the system, by order: money owed or returned outside CloudPay. */
function outsideCloudPay(world: World): { flagged: Map<string, number>; offline: Map<string, number> } {
  const flagged = new Map<string, number>();
  const offline = new Map<string, number>();
  for (const r of world.refunds) {
    const into = r.status === 'flagged' ? flagged : r.status === 'settled_offline' ? offline : undefined;
    into?.set(r.orderId, (into.get(r.orderId) ?? 0) + r.amount);
  }
  return { flagged, offline };
}

export function paymentsUnaccounted(world: World): Violations {
  const out = new Offenders();
  const orders = new Map(world.orders.map((o) => [o._id, o]));
  const { flagged, offline } = outsideCloudPay(world);
  for (const p of world.ledger) {
    if (!p.transactionId) continue;
    const order = orders.get(p.outTradeNo);
    const live = order !== undefined && LIVE_PAID.has(order.status) && order.transactionId === p.transactionId;
    if (live) {
      if (p.refundedFee >= p.totalFee) {
        out.add(p.outTradeNo, `refunded ${p.refundedFee} of ${p.totalFee} but its order is ${order.status}`);
      }
      continue;
    }
    // Not live: the whole payment goes back, through CloudPay, outside it, or (flagged) by ops.
    const back = p.refundedFee + (offline.get(p.outTradeNo) ?? 0) + (flagged.get(p.outTradeNo) ?? 0);
    if (back !== p.totalFee) {
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

export function refundsOverPaid(world: World): Violations {
  const out = new Offenders();
  const payments = new Map(world.ledger.map((p) => [p.outTradeNo, p]));
  const refundsByOrder = groupBy(world.refunds, (r) => r.orderId);
  for (const o of world.orders) {
    const records = refundsByOrder.get(o._id) ?? [];
    const recorded = sum(records.map((r) => r.amount));
    const paid = payments.get(o._id)?.totalFee ?? o.total;
    if (recorded > Math.min(paid, o.total)) out.add(o._id, `refunds total ${recorded} > paid ${paid}`);
    // Staff and after-sales refunds are numbered R<order>-<n> and counted on the order; the system's whole refund is R<order>.
    const staff = records.filter((r) => r._id !== refundNumberFor(o._id));
    const staffSum = sum(staff.map((r) => r.amount));
    if ((o.refundedAmount ?? 0) !== staffSum)
      out.add(o._id, `refundedAmount ${o.refundedAmount ?? 0} but its refunds total ${staffSum}`);
    if ((o.refundCount ?? 0) !== staff.length)
      out.add(o._id, `refundCount ${o.refundCount ?? 0} but ${staff.length} refunds`);
  }
  for (const p of world.ledger) {
    if (p.refundedFee > p.totalFee) out.add(p.outTradeNo, `CloudPay refunded ${p.refundedFee} of ${p.totalFee}`);
  }
  return out.result();
}

export function doubleRefunds(world: World): Violations {
  const out = new Offenders();
  const records = new Map(world.refunds.map((r) => [r._id, r]));
  const ledgerRefunds = new Map<string, { orderId: string; fee: number; status: string }[]>();
  for (const p of world.ledger) {
    for (const refund of p.refunds) {
      const list = ledgerRefunds.get(refund.outRefundNo) ?? [];
      list.push({ orderId: p.outTradeNo, fee: refund.refundFee, status: refund.status });
      ledgerRefunds.set(refund.outRefundNo, list);
      const record = records.get(refund.outRefundNo);
      if (!record || record.orderId !== p.outTradeNo) {
        out.add(
          p.outTradeNo,
          `CloudPay refunded ${refund.refundFee} under ${refund.outRefundNo}, which no refund of it has`,
        );
      } else if (record.amount !== refund.refundFee) {
        out.add(
          p.outTradeNo,
          `CloudPay refunded ${refund.refundFee} under ${refund.outRefundNo}, recorded as ${record.amount}`,
        );
      }
    }
  }
  for (const [number, list] of ledgerRefunds) {
    if (list.length > 1) out.add(list[0]?.orderId ?? number, `${number} refunded ${list.length} times by CloudPay`);
  }
  for (const r of world.refunds) {
    const inLedger = ledgerRefunds.get(r._id);
    if (r.status === 'succeeded' && !inLedger?.some((l) => l.status === 'SUCCESS')) {
      out.add(r.orderId, `${r._id} recorded as succeeded but CloudPay has not refunded it`);
    }
  }
  for (const [orderId, list] of groupBy(world.refunds, (r) => r.orderId)) {
    const last = list.filter((r) => r.completesOrder);
    if (last.length > 1)
      out.add(
        orderId,
        `${last.length} refunds each return the last of the money: ${last.map((r) => r._id).join(', ')}`,
      );
  }
  return out.result();
}

export function afterSalesOpenTwice(world: World): Violations {
  const out = new Offenders();
  const orders = new Map(world.orders.map((o) => [o._id, o]));
  for (const [orderId, requests] of groupBy(world.afterSales, (a) => a.orderId)) {
    const open = requests.filter((a) => OPEN_AFTER_SALE.has(a.status));
    if (open.length > 1)
      out.add(orderId, `${open.length} requests open: ${open.map((a) => `${a._id} ${a.status}`).join(', ')}`);
    const pointer = orders.get(orderId)?.openAfterSaleId;
    for (const a of open) {
      if (pointer !== a._id) out.add(orderId, `${a._id} is ${a.status} but its order has ${pointer ?? 'none'} open`);
    }
  }
  return out.result();
}

export function afterSaleRefundsMismatched(world: World): Violations {
  const out = new Offenders();
  const records = new Map(world.refunds.map((r) => [r._id, r]));
  const requests = new Map(world.afterSales.map((a) => [a._id, a]));
  for (const a of world.afterSales) {
    const flag = (why: string) => out.add(a._id, why);
    if (!a.outRefundNo) {
      if (a.status === 'refunding' || a.status === 'refunded') flag(`${a.status} with no refund`);
      continue;
    }
    if (a.type === 'exchange') flag(`an exchange refunded under ${a.outRefundNo}`);
    const record = records.get(a.outRefundNo);
    if (!record) {
      flag(`its refund ${a.outRefundNo} does not exist`);
      continue;
    }
    if (record.orderId !== a.orderId || record.afterSaleId !== a._id) {
      flag(`its refund ${record._id} is of ${record.orderId}/${record.afterSaleId ?? 'no request'}`);
    }
    if (record.amount !== a.refundAmount)
      flag(`refundAmount ${a.refundAmount ?? '-'} but its refund is ${record.amount}`);
    if (a.amount !== undefined && record.amount > a.amount)
      flag(`refunded ${record.amount}, more than the ${a.amount} asked`);
    if (a.amount !== undefined && record.amount < a.amount && !record.completesOrder) {
      flag(`refunded ${record.amount} of the ${a.amount} asked without being capped at what was left`);
    }
    if (a.status === 'refunded' && !REFUND_DONE.has(record.status))
      flag(`refunded, but its refund is ${record.status}`);
  }
  for (const r of world.refunds) {
    if (r.afterSaleId === undefined) continue;
    if (requests.get(r.afterSaleId)?.outRefundNo !== r._id) {
      out.add(r.afterSaleId, `refund ${r._id} (${r.amount}) names it, but it does not name that refund`);
    }
  }
  return out.result();
}

export function shipmentsNotReportedOnce(world: World): Violations {
  const out = new Offenders();
  const uploads = new Map<string, number>();
  for (const u of world.shippingUploads) uploads.set(u.transactionId, (uploads.get(u.transactionId) ?? 0) + 1);
  const reports = new Map(world.shippingReports.map((r) => [r._id, r]));
  const shippedPayments = new Set<string>();
  for (const o of world.orders) {
    if (!o.shipment) {
      if (reports.has(o._id)) out.add(o._id, `a shipping report (${reports.get(o._id)?.status}) but no shipment`);
      continue;
    }
    if (o.transactionId) shippedPayments.add(o.transactionId);
    const report = reports.get(o._id);
    const held = o.transactionId ? (uploads.get(o.transactionId) ?? 0) : 0;
    if (!report) out.add(o._id, `shipped (${o.shipment.kind}) with no shipping report`);
    if (held > 1) out.add(o._id, `WeChat holds ${held} uploads of its shipment`);
    if (report?.status === 'reported' && held === 0) out.add(o._id, 'its report says reported, WeChat holds nothing');
  }
  for (const [transactionId, n] of uploads) {
    if (!shippedPayments.has(transactionId))
      out.add(transactionId, `WeChat holds ${n} shipment(s) of a payment never shipped`);
  }
  return out.result();
}

export function completedWithAfterSaleOpen(world: World): Violations {
  const out = new Offenders();
  const open = groupBy(
    world.afterSales.filter((a) => OPEN_AFTER_SALE.has(a.status)),
    (a) => a.orderId,
  );
  for (const o of world.orders) {
    if (o.status !== 'completed') continue;
    if (o.openAfterSaleId) out.add(o._id, `completed with ${o.openAfterSaleId} open`);
    for (const a of open.get(o._id) ?? []) out.add(o._id, `completed while ${a._id} is ${a.status}`);
    if (o.completedAt !== undefined && o.afterSaleEndsAt !== undefined && o.completedAt < o.afterSaleEndsAt) {
      out.add(
        o._id,
        `completed ${Math.round((o.afterSaleEndsAt - o.completedAt) / 60_000)} min before its window closed`,
      );
    }
  }
  return out.result();
}

export function ordersStuck(world: World, tolerances: Tolerances): Violations {
  const out = new Offenders();
  const groups = new Map(world.groups.map((g) => [g._id, g]));
  const refundsByOrder = groupBy(world.refunds, (r) => r.orderId);
  const refunds = new Map(world.refunds.map((r) => [r._id, r]));
  const requests = new Map(world.afterSales.map((a) => [a._id, a]));
  const { now } = world;
  const minutesPast = (at: number) => `${Math.round((now - at) / 60_000)} min`;
  const past = (at: number, tolerance = tolerances.graceMs) => now > at + tolerance;
  for (const o of world.orders) {
    const records = refundsByOrder.get(o._id) ?? [];
    if (o.status === 'pending_payment' && past(o.payDeadlineAt)) {
      out.add(o._id, `pending_payment ${minutesPast(o.payDeadlineAt)} past its payment deadline`);
    } else if (o.status === 'awaiting_group') {
      const group = o.groupId ? groups.get(o.groupId) : undefined;
      if (!group) out.add(o._id, 'awaiting_group with no group');
      else if (past(group.deadlineAt)) {
        out.add(o._id, `awaiting_group, group ${group.status} ${minutesPast(group.deadlineAt)} past its deadline`);
      } else if (group.status !== 'forming' && past(group.updatedAt)) {
        out.add(o._id, `awaiting_group, but its group ${group.status} ${minutesPast(group.updatedAt)} ago`);
      }
    } else if (o.status === 'refunding' && records.length === 0 && past(o.updatedAt, tolerances.refundWindowMs)) {
      out.add(o._id, `refunding with no refund for ${minutesPast(o.updatedAt)}`);
    } else if (
      DELIVERED.has(o.status) &&
      !o.openAfterSaleId &&
      o.afterSaleEndsAt !== undefined &&
      past(o.afterSaleEndsAt)
    ) {
      out.add(o._id, `${o.status}, its window closed ${minutesPast(o.afterSaleEndsAt)} ago, not completed`);
    } else if (
      o.status === 'shipped' &&
      o.shipment?.kind === 'express' &&
      past(o.shipment.shippedAt + AUTO_RECEIVE_AFTER_MS)
    ) {
      out.add(
        o._id,
        `shipped, not received ${minutesPast(o.shipment.shippedAt + AUTO_RECEIVE_AFTER_MS)} after its 10 days`,
      );
    }
    for (const r of records) {
      if (REFUND_NOT_IN_HAND.has(r.status) && past(r.createdAt, tolerances.refundWindowMs)) {
        out.add(o._id, `${o.status}, refund ${r._id} ${r.status} for ${minutesPast(r.createdAt)}`);
      }
    }
    if (o.openAfterSaleId) {
      const open = requests.get(o.openAfterSaleId);
      if (!open || !OPEN_AFTER_SALE.has(open.status)) {
        out.add(o._id, `its open request ${o.openAfterSaleId} is ${open?.status ?? 'missing'}`);
      }
    }
  }
  for (const a of world.afterSales) {
    if (TIMED_ACTIONS.has(a.status) && a.dueAt !== undefined && past(a.dueAt)) {
      out.add(a.orderId, `after-sale ${a._id} ${a.status}, due ${minutesPast(a.dueAt)} ago`);
    }
    const refund = a.outRefundNo ? refunds.get(a.outRefundNo) : undefined;
    if (a.status === 'refunding' && refund && REFUND_DONE.has(refund.status)) {
      if (past(refund.updatedAt, AFTER_SALE_REFUND_CHECK_MS + tolerances.graceMs)) {
        out.add(
          a.orderId,
          `after-sale ${a._id} still refunding, its refund ${refund.status} ${minutesPast(refund.updatedAt)} ago`,
        );
      }
    }
  }
  for (const r of world.shippingReports) {
    if (REPORT_UNRESOLVED.has(r.status) && past(r.createdAt, tolerances.refundWindowMs)) {
      out.add(r._id, `shipping report ${r.status} for ${minutesPast(r.createdAt)}`);
    }
  }
  return out.result();
}

export function commissionEarnedTwice(world: World): Violations {
  const out = new Offenders();
  const bySource = groupBy(
    world.commissionEntries,
    (e) => `${e.orderId ?? e.groupId ?? '?'}/${e.leaderOpenid}/${e.kind}`,
  );
  for (const [key, entries] of bySource) {
    if (entries.length > 1) out.add(key, `${entries.length} entries: ${entries.map((e) => e._id).join(', ')}`);
  }
  return out.result();
}

/** What a rule's base gives on what is left paid of an order, rounded down (the promise of docs/architecture.md §4). */
function ruleOn(entry: CommissionEntryState, paidLeft: number): number {
  const total = entry.orderTotal ?? 0;
  const left = Math.max(0, Math.min(paidLeft, total));
  const { base } = entry.rule;
  if (left === 0 || total === 0) return 0;
  return base.kind === 'rate'
    ? Math.floor((left * base.basisPoints) / 10_000)
    : Math.floor((base.amount * (entry.quantity ?? 1) * left) / total);
}

export function commissionLeftOnRefund(world: World): Violations {
  const out = new Offenders();
  const orders = new Map(world.orders.map((o) => [o._id, o]));
  const ordersByGroup = groupBy(world.orders, (o) => o.groupId);
  for (const e of world.commissionEntries) {
    const net = e.amount - e.clawedBack;
    if (e.kind === 'group_bonus') {
      const paid = (ordersByGroup.get(e.groupId ?? '') ?? []).filter(
        (o) => LIVE_PAID.has(o.status) || REFUND_STATUSES.has(o.status),
      );
      const waiting = COMMISSION_ADJUSTABLE_STATUSES.includes(e.status);
      if (waiting && net > 0 && paid.length > 0 && paid.every((o) => REFUND_STATUSES.has(o.status))) {
        out.add(e._id, `bonus ${e.status} ${net} while every order of ${e.groupId ?? '?'} was refunded whole`);
      }
      continue;
    }
    const order = e.orderId ? orders.get(e.orderId) : undefined;
    if (!order) {
      out.add(e._id, `its order ${e.orderId ?? '-'} is not the run's`);
      continue;
    }
    const paidLeft = REFUND_STATUSES.has(order.status) ? 0 : order.total - (order.refundedAmount ?? 0);
    const most = ruleOn(e, paidLeft);
    if (net > most) {
      out.add(
        e._id,
        `${e.status} ${e.amount} (clawed back ${e.clawedBack}) on ${order._id} ${order.status} with ${paidLeft} left paid: the rule gives ${most}`,
      );
    }
  }
  return out.result();
}

/** A bill WeChat paid. */
const BILL_PAID = 'SUCCESS';
const WITHDRAWAL_PAID: string = WITHDRAWAL_PAID_STATUS;

export function withdrawalsPaidTwice(world: World): Violations {
  const out = new Offenders();
  const withdrawals = new Map(world.withdrawals.map((w) => [w.outBillNo, w]));
  const billsByWithdrawal = groupBy(
    world.transferBills,
    (b) => withdrawals.get(b.outBillNo)?._id ?? `no withdrawal ${b.outBillNo}`,
  );
  for (const [id, bills] of billsByWithdrawal) {
    if (bills.length > 1)
      out.add(id, `${bills.length} bills: ${bills.map((b) => `${b.outBillNo} ${b.state}`).join(', ')}`);
  }
  for (const b of world.transferBills) {
    const w = withdrawals.get(b.outBillNo);
    if (!w) {
      out.add(b.outBillNo, `a bill of ${b.amountFen} (${b.state}) no withdrawal has`);
      continue;
    }
    if (w.leaderOpenid !== b.openid) out.add(w._id, `its bill pays ${b.openid}, not the leader ${w.leaderOpenid}`);
    if (b.state === BILL_PAID && b.amountFen !== w.amount)
      out.add(w._id, `paid ${b.amountFen} for a withdrawal of ${w.amount}`);
    if (b.state === BILL_PAID && w.status !== WITHDRAWAL_PAID) out.add(w._id, `WeChat paid it, but it is ${w.status}`);
  }
  const paid = new Set(world.transferBills.filter((b) => b.state === BILL_PAID).map((b) => b.outBillNo));
  for (const w of world.withdrawals) {
    if (w.status === WITHDRAWAL_PAID && !paid.has(w.outBillNo))
      out.add(w._id, 'transferred, but WeChat paid no bill of it');
  }
  return out.result();
}

export function leadersOverpaid(world: World): Violations {
  const out = new Offenders();
  const entries = groupBy(world.commissionEntries, (e) => e.leaderOpenid);
  for (const [leader, withdrawals] of groupBy(world.withdrawals, (w) => w.leaderOpenid)) {
    const transferred = sum(withdrawals.filter((w) => w.status === WITHDRAWAL_PAID).map((w) => w.amount));
    const earned = sum(
      (entries.get(leader) ?? [])
        .filter((e) => COMMISSION_SETTLED_STATUSES.includes(e.status))
        .map((e) => e.amount - e.clawedBack),
    );
    if (transferred > earned) out.add(leader, `transferred ${transferred}, earned ${earned} net of clawbacks`);
  }
  return out.result();
}

export function pickupsVerifiedElsewhere(world: World): Violations {
  const out = new Offenders();
  const keeper = new Map(world.leaders.map((l) => [`leader:${l.pickupPointId}`, l]));
  for (const o of world.orders) {
    for (const step of o.history ?? []) {
      if (step.event !== FULFILMENT_EVENTS.pickUp || !step.by.startsWith('leader:')) continue;
      const point = step.by.slice('leader:'.length);
      if (point !== o.delivery?.pickupPointId) {
        out.add(o._id, `collected by the keeper of ${point}, delivered to ${o.delivery?.pickupPointId ?? 'no point'}`);
      } else if (!keeper.has(step.by) && world.leaders.length > 0) {
        out.add(o._id, `collected by a keeper of ${point}, which no leader of the run keeps`);
      }
    }
  }
  return out.result();
}

export function refundsFlaggedForOps(world: World): Violations {
  const out = new Offenders();
  for (const r of world.refunds) {
    if (r.status === 'flagged') out.add(r.orderId, `refund ${r._id} of ${r.amount} flagged for ops after its retries`);
  }
  return out.result();
}

export function shippingReportsFlaggedForOps(world: World): Violations {
  const out = new Offenders();
  for (const r of world.shippingReports) {
    if (r.status === 'flagged') out.add(r._id, 'shipping report flagged for ops');
  }
  return out.result();
}

export function checkInvariants(world: World, tolerances: Tolerances): InvariantReport {
  return {
    groupsOverCapacity: groupsOverCapacity(world),
    unitsOversold: unitsOversold(world),
    paymentsUnaccounted: paymentsUnaccounted(world),
    refundsOverPaid: refundsOverPaid(world),
    doubleRefunds: doubleRefunds(world),
    afterSalesOpenTwice: afterSalesOpenTwice(world),
    afterSaleRefundsMismatched: afterSaleRefundsMismatched(world),
    shipmentsNotReportedOnce: shipmentsNotReportedOnce(world),
    completedWithAfterSaleOpen: completedWithAfterSaleOpen(world),
    ordersStuck: ordersStuck(world, tolerances),
    commissionEarnedTwice: commissionEarnedTwice(world),
    commissionLeftOnRefund: commissionLeftOnRefund(world),
    withdrawalsPaidTwice: withdrawalsPaidTwice(world),
    leadersOverpaid: leadersOverpaid(world),
    pickupsVerifiedElsewhere: pickupsVerifiedElsewhere(world),
    refundsFlaggedForOps: refundsFlaggedForOps(world),
    shippingReportsFlaggedForOps: shippingReportsFlaggedForOps(world),
  };
}

/** Broken invariants (the ops lists aside). */
export function brokenInvariants(report: InvariantReport): number {
  return INVARIANTS.reduce((n, name) => n + report[name].count, 0);
}
