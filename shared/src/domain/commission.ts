/**
 * What a 团长 earns, as pure calculations over the order, its group and the activity's rule: the entries a paid
 * order or a successful group records, what a refund does to them, when they become withdrawable, and which of
 * them the leader's paid withdrawals cover. Every amount is computed again from the order as it is now (its total,
 * what is left paid), never added to what was stored, so a repeated callback, job or refund changes nothing twice.
 *
 * Rounding: always down to the fen, so an entry never gives more than the rule does on what is left paid.
 * - rate: ⌊paid left × basis points / 10 000⌋;
 * - per unit: ⌊amount × quantity × paid left / order total⌋ (the units' commission shrinks by the refunded share of
 *   the payment; exactly amount × quantity while nothing is refunded).
 * Both only go down as refunds grow, and are 0 once nothing is left paid.
 */
import { fen, type Fen, MoneyError } from '../kernel/money';
import type { CommissionEvent, CommissionKind, CommissionStatus } from './commission.machine';
import {
  COMMISSION_ADJUSTABLE_STATUSES,
  COMMISSION_DUE_STATUSES,
  COMMISSION_EARNED_STATUS,
  COMMISSION_GROUP_WAITING_STATUSES,
  COMMISSION_SETTLED_STATUSES,
  COMMISSION_WAITING_STATUS,
  COMMISSION_WITHDRAWABLE_STATUSES,
  commissionEntryId,
  commissionMachine,
} from './commission.machine';
import { BASIS_POINTS, type CommissionBase, type CommissionEntry, type CommissionRule } from './commission.schema';
import {
  ORDER_KEPT_STATUSES,
  ORDER_REFUND_STATUSES,
  type OrderEvent,
  orderMachine,
  type OrderStatus,
  refundableLeft,
} from './order.machine';

/** What of an order's payment is still paid: nothing once it is refunded whole, else its total less staff refunds. */
export function paidLeftOf(order: {
  readonly status: OrderStatus;
  readonly total: number;
  readonly refundedAmount?: number | undefined;
}): number {
  if (ORDER_REFUND_STATUSES.includes(order.status)) return 0;
  return refundableLeft({ total: order.total, refundedAmount: order.refundedAmount ?? 0 });
}

/** What a rule's base gives on an order (`total` paid for `quantity` units) of which `paidLeft` is still paid. */
export function commissionOn(
  base: CommissionBase,
  paid: { readonly total: number; readonly quantity: number },
  paidLeft: number,
): Fen {
  const left = Math.max(0, Math.min(paidLeft, paid.total));
  if (left === 0) return fen(0);
  const numerator = base.kind === 'rate' ? left * base.basisPoints : base.amount * paid.quantity * left;
  if (!Number.isSafeInteger(numerator)) throw new MoneyError(`commission out of the safe range: ${numerator}`);
  return fen(Math.floor(numerator / (base.kind === 'rate' ? BASIS_POINTS : paid.total)));
}

/** An order as commission reads it. */
export interface OrderForCommission {
  readonly _id: string;
  readonly status: OrderStatus;
  readonly total: number;
  readonly quantity: number;
  readonly activityId?: string | undefined;
  readonly groupId?: string | undefined;
  readonly delivery: { readonly kind: string; readonly pickupPointId?: string | undefined };
  readonly refundedAmount?: number | undefined;
}

function newEntry(
  kind: CommissionKind,
  sourceId: string,
  fields: Pick<CommissionEntry, 'leaderOpenid' | 'activityId' | 'rule' | 'ruledAmount' | 'amount' | 'status'> &
    Partial<Pick<CommissionEntry, 'groupId' | 'orderId' | 'pickupPointId' | 'orderTotal' | 'quantity'>>,
  now: number,
): CommissionEntry {
  return {
    _id: commissionEntryId(kind, sourceId),
    kind,
    ...fields,
    clawedBack: fen(0),
    history: [{ at: now, event: 'recorded', status: fields.status, amount: fields.amount, clawedBack: fen(0) }],
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The entries a paid order earns: `group_opener` for the registered leader who opened its group, `pickup_point`
 * for the registered leader keeping the point it is delivered to (one leader may earn both). None without a rule,
 * for an order not paid and kept, or for an entry the rule makes worth nothing. An order still waiting for its
 * group records them `pending`; any other (a solo order, a group already succeeded) `earned`.
 */
export function commissionEntriesForOrder(
  order: OrderForCommission,
  context: {
    readonly rule: CommissionRule | undefined;
    /** The openid of the group's opener, when the opener is a registered leader. */
    readonly openerLeader?: string | undefined;
    /** The openid of the registered leader keeping the order's pickup point, when it has one. */
    readonly pointLeader?: string | undefined;
    readonly now: number;
  },
): CommissionEntry[] {
  const { rule, now } = context;
  if (!rule || !order.activityId || !ORDER_KEPT_STATUSES.includes(order.status)) return [];
  const status = orderMachine.sourcesOf('group_succeeded').includes(order.status)
    ? COMMISSION_WAITING_STATUS
    : COMMISSION_EARNED_STATUS;
  const ruledAmount = commissionOn(rule.base, order, order.total);
  const amount = commissionOn(rule.base, order, paidLeftOf(order));
  if (amount === 0) return [];
  const common = {
    activityId: order.activityId,
    rule,
    ruledAmount,
    amount,
    status,
    orderId: order._id,
    orderTotal: fen(order.total),
    quantity: order.quantity,
    ...(order.groupId ? { groupId: order.groupId } : {}),
  };
  const entries: CommissionEntry[] = [];
  if (order.groupId && context.openerLeader) {
    entries.push(newEntry('group_opener', order._id, { ...common, leaderOpenid: context.openerLeader }, now));
  }
  if (order.delivery.kind === 'pickup' && order.delivery.pickupPointId && context.pointLeader) {
    entries.push(
      newEntry(
        'pickup_point',
        order._id,
        { ...common, leaderOpenid: context.pointLeader, pickupPointId: order.delivery.pickupPointId },
        now,
      ),
    );
  }
  return entries;
}

/** The bonus a successful group earns its opener, when the opener is a registered leader and the rule has one. */
export function groupBonusEntry(
  group: { readonly _id: string; readonly activityId: string },
  context: {
    readonly rule: CommissionRule | undefined;
    readonly openerLeader?: string | undefined;
    readonly now: number;
  },
): CommissionEntry | undefined {
  const bonus = context.rule?.groupBonus;
  if (!context.rule || !bonus || !context.openerLeader) return undefined;
  return newEntry(
    'group_bonus',
    group._id,
    {
      leaderOpenid: context.openerLeader,
      activityId: group.activityId,
      groupId: group._id,
      rule: context.rule,
      ruledAmount: bonus,
      amount: bonus,
      status: COMMISSION_EARNED_STATUS,
    },
    context.now,
  );
}

/** What a refund on an entry's order does to the entry. */
export type CommissionRefundStep =
  | { readonly event: 'partially_refunded' | 'refunded_in_full'; readonly amount: Fen }
  | { readonly event: 'clawed_back'; readonly clawedBack: Fen };

/**
 * What the order's refunds so far do to an order's entry, or undefined when nothing changes (a repeat, a bonus, a
 * reversed entry). Before the entry is withdrawable it shrinks to the rule on what is left paid, or is reversed
 * when nothing is left; from then on its amount stays and the clawback grows to `amount − rule on what is left`.
 */
export function commissionAfterRefund(
  entry: Pick<CommissionEntry, 'kind' | 'status' | 'rule' | 'orderTotal' | 'quantity' | 'amount' | 'clawedBack'>,
  order: { readonly status: OrderStatus; readonly total: number; readonly refundedAmount?: number | undefined },
): CommissionRefundStep | undefined {
  if (entry.kind === 'group_bonus' || entry.orderTotal === undefined || entry.quantity === undefined) return undefined;
  const left = paidLeftOf(order);
  const due = commissionOn(entry.rule.base, { total: entry.orderTotal, quantity: entry.quantity }, left);
  if (COMMISSION_ADJUSTABLE_STATUSES.includes(entry.status)) {
    if (left === 0) return { event: 'refunded_in_full', amount: fen(0) };
    return due < entry.amount ? { event: 'partially_refunded', amount: due } : undefined;
  }
  if (COMMISSION_SETTLED_STATUSES.includes(entry.status)) {
    const clawedBack = fen(Math.max(0, entry.amount - due));
    return clawedBack > entry.clawedBack ? { event: 'clawed_back', clawedBack } : undefined;
  }
  return undefined;
}

/** Whether an order's entries are due to become withdrawable: the order is completed (its window closed). */
export const isOrderCommissionDue = (order: { readonly status: OrderStatus }): boolean =>
  order.status === orderMachine.transition('window_closed').to;

/**
 * What the state of a successful group's paid orders does to its bonus (while `earned`): reversed once every one
 * of them is refunded whole; withdrawable once each is completed or refunded (at least one completed). Partial
 * refunds do not touch a bonus, and once withdrawable it stands: the group succeeded and was delivered.
 */
export function groupBonusStep(
  entry: Pick<CommissionEntry, 'kind' | 'status'>,
  orders: readonly { readonly status: OrderStatus }[],
): 'window_closed' | 'refunded_in_full' | undefined {
  if (entry.kind !== 'group_bonus' || !COMMISSION_DUE_STATUSES.includes(entry.status)) return undefined;
  const paid = orders.filter((o) => ORDER_KEPT_STATUSES.includes(o.status) || ORDER_REFUND_STATUSES.includes(o.status));
  if (paid.length === 0) return undefined;
  const refunded = paid.filter((o) => ORDER_REFUND_STATUSES.includes(o.status)).length;
  if (refunded === paid.length) return 'refunded_in_full';
  return paid.every((o) => isOrderCommissionDue(o) || ORDER_REFUND_STATUSES.includes(o.status))
    ? 'window_closed'
    : undefined;
}

/**
 * The entry after `event`: its status from the machine (refusing with CONFLICT an event its status does not allow),
 * the amount or clawback a refund step gives, when it became withdrawable or paid out, and the step in its history.
 * A reversal leaves it worth nothing.
 */
export function stepCommission(
  entry: CommissionEntry,
  event: CommissionEvent,
  now: number,
  change: { readonly amount?: Fen; readonly clawedBack?: Fen } = {},
): CommissionEntry {
  const status: CommissionStatus = commissionMachine.apply(entry.status, event);
  const reversed = commissionMachine.isFinal(status);
  const amount = reversed ? fen(0) : (change.amount ?? entry.amount);
  const clawedBack = change.clawedBack ?? entry.clawedBack;
  if (amount > entry.amount || clawedBack < entry.clawedBack || clawedBack > amount) {
    throw new MoneyError(
      `commission ${entry._id}: ${event} may only shrink it (amount ${amount}, clawback ${clawedBack})`,
    );
  }
  return {
    ...entry,
    status,
    amount,
    clawedBack,
    ...(event === 'window_closed' ? { withdrawableAt: now } : {}),
    ...(event === 'covered_by_withdrawal' ? { paidOutAt: now } : {}),
    history: [...entry.history, { at: now, event, status, amount, clawedBack }],
    updatedAt: now,
  };
}

/** What an entry counts for in the balance once withdrawable: its amount less its clawback. */
export const netCommission = (entry: Pick<CommissionEntry, 'amount' | 'clawedBack'>): number =>
  entry.amount - entry.clawedBack;

/**
 * The withdrawable entries that `transferred` (everything the leader's paid withdrawals ever paid) now covers,
 * oldest first (by when they became withdrawable, then id): an entry is covered when it and every older entry fit
 * in what was paid. Net amounts only shrink and payments only grow, so a covered entry stays covered.
 */
export function entriesCoveredBy(
  entries: readonly Pick<CommissionEntry, '_id' | 'status' | 'amount' | 'clawedBack' | 'withdrawableAt'>[],
  transferred: number,
): string[] {
  const counted = entries
    .filter((e) => COMMISSION_SETTLED_STATUSES.includes(e.status))
    .sort((a, b) => (a.withdrawableAt ?? 0) - (b.withdrawableAt ?? 0) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const covered: string[] = [];
  let sum = 0;
  for (const entry of counted) {
    sum += netCommission(entry);
    if (sum > transferred) break;
    if (COMMISSION_WITHDRAWABLE_STATUSES.includes(entry.status)) covered.push(entry._id);
  }
  return covered;
}

/**
 * Whether a leader counts for an order or group: they were approved by the time it began (the order paid, the group
 * opened). A shopper approved later earns nothing on what happened before, whoever looks at the order again.
 */
export const wasLeaderAt = (leader: { readonly approvedAt: number } | null | undefined, at: number): boolean =>
  leader !== null && leader !== undefined && leader.approvedAt <= at;

/** The next step an order's entry takes, with the amount or clawback it gives. */
export interface CommissionStep {
  readonly event: CommissionEvent;
  readonly change: { readonly amount?: Fen; readonly clawedBack?: Fen };
}

/**
 * The next step an order's entry takes from the order as it is now, or undefined when the entry already says what
 * the order does. Applied one at a time until none is left, it brings an entry up to date from any state, however
 * many of the order's changes it missed: the group's outcome first (a waiting entry whose order left its group's
 * wait succeeded with it, or failed when the group failed), then the refunds (`commissionAfterRefund`), then the
 * window's close. A bonus is moved by `groupBonusStep` instead.
 */
export function nextCommissionStep(
  entry: CommissionEntry,
  order: {
    readonly status: OrderStatus;
    readonly total: number;
    readonly refundedAmount?: number | undefined;
    readonly history?: readonly { readonly event: string }[] | undefined;
  },
): CommissionStep | undefined {
  if (entry.kind === 'group_bonus') return undefined;
  if (COMMISSION_GROUP_WAITING_STATUSES.includes(entry.status)) {
    if (orderMachine.sourcesOf('group_succeeded').includes(order.status)) return undefined;
    if (ORDER_KEPT_STATUSES.includes(order.status)) return { event: 'group_succeeded', change: {} };
    const failed: OrderEvent = 'group_failed';
    if (order.history?.some((step) => step.event === failed)) return { event: failed, change: {} };
  }
  const refund = commissionAfterRefund(entry, order);
  if (refund) {
    return refund.event === 'clawed_back'
      ? { event: refund.event, change: { clawedBack: refund.clawedBack } }
      : { event: refund.event, change: { amount: refund.amount } };
  }
  if (COMMISSION_DUE_STATUSES.includes(entry.status) && isOrderCommissionDue(order)) {
    return { event: 'window_closed', change: {} };
  }
  return undefined;
}

/**
 * Whether an activity's orders may have entries: it has a rule, or had one (`commissionKey`: the console's key of the
 * last `setCommissionRule`, kept when a rule is removed, whose entries still follow their orders). An activity that
 * never had a rule earns nothing, so the commission hooks stop there.
 */
export const mayEarnCommission = (activity: {
  readonly commission?: CommissionRule | undefined;
  readonly commissionKey?: string | undefined;
}): boolean => activity.commission !== undefined || activity.commissionKey !== undefined;
