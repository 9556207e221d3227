/**
 * Settling a group that ended other than by filling: the orders and the money of a group that failed (its
 * deadline passed: expireGroups; or ops closed it: closeGroup) and of a group the platform completed
 * (completeGroup, 成团保障). The job and the interventions share it, and the job finishes what an
 * intervention that died halfway began. Every step is conditional or keyed by the order, so it may run
 * twice at once, be repeated, or be resumed, and settles each group once. The groups' 团长 commissions follow
 * (`syncGroupCommissions`: reversed for a failed group, earned with the bonus for a completed one).
 */
import { isAwaitingPayment, ORDER_KEPT_STATUSES, orderMachine } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import { closePrepay } from '../cloudbase/cloud-pay';
import {
  failedUnsettled,
  type StoredGroup,
  markCompletedSettled,
  markGroupsSettled,
} from '../repositories/group.repository';
import {
  listGroupOrders,
  listOrdersOfGroups,
  transitionOrder,
  transitionOrders,
  transitionOrdersOfGroups,
} from '../repositories/order.repository';
import { releaseStockMany, sellStock } from '../repositories/stock.repository';
import type { InvocationContext } from '../runtime/call-context';
import { CommissionReads, syncGroupCommissionsQuietly } from '../commissions/commission-sync';
import { releaseOrderHolds } from '../ordering/order-placement';
import { applyPayment, notificationFromQuery } from '../payments/payment-application';
import { requestRefunds } from '../payments/refunds';

/** Why the orders of a group were closed or refunded, as their records say. */
export const SETTLEMENT_REASONS = {
  failed: 'group failed',
  closed: 'group closed by the platform',
  completed: 'group completed by the platform',
} as const;

export interface GroupsSettled {
  /** Groups this call marked settled (a concurrent settler may have marked some of them). */
  readonly settled: number;
  /** Refunds this call requested (each is requested once, by whoever recorded it first). */
  readonly requested: number;
  readonly failed: number;
}

/**
 * Settles these groups if they are failed and not yet settled (a group whose last seat was paid just now
 * succeeded instead, and is left alone): their paid orders go to `refunding` and each gets its refund
 * requested under its deterministic number; their unpaid orders close and their prepays are closed; all
 * their held stock is released; then the groups are marked settled. A few requests per batch.
 */
export async function settleFailedGroups(
  ids: readonly string[],
  now: number,
  ctx: InvocationContext,
): Promise<GroupsSettled> {
  const failed = await failedUnsettled(ids);
  const { closable, unsure } = await closeUnpaidPrepays(
    failed.map((g) => g.id),
    ctx,
  );
  const settling = failed.filter((g) => !unsure.has(g.id));
  const reasonOf = new Map(
    settling.map((g) => [g.id, g.closedByPlatform ? SETTLEMENT_REASONS.closed : SETTLEMENT_REASONS.failed]),
  );
  for (const reason of new Set(reasonOf.values())) {
    const same = settling.filter((g) => reasonOf.get(g.id) === reason).map((g) => g.id);
    await transitionOrdersOfGroups(same, 'group_failed', { updatedAt: now });
    await transitionOrders(
      closable.filter((o) => same.includes(o.groupId ?? '')).map((o) => o._id),
      'cancelled',
      { closedAt: now, closeReason: reason, updatedAt: now },
    );
  }
  const settledIds = settling.map((g) => g.id);
  // Read after the transitions: an order paid meanwhile is refunding now, or payCallback refunds it itself.
  const orders = await listOrdersOfGroups(settledIds);
  const refunding = orders.filter((o) => o.status === orderMachine.transition('group_failed').to);
  const closed = orders.filter((o) => o.status === orderMachine.transition('cancelled').to);
  await releaseHolds([...refunding, ...closed]);
  const refunds = await requestRefunds(
    refunding
      .filter((o) => o.transactionId)
      .map((o) => ({
        order: o,
        transactionId: o.transactionId ?? '',
        reason: reasonOf.get(o.groupId ?? '') ?? SETTLEMENT_REASONS.failed,
      })),
    ctx,
  );
  // Their commissions are reversed before the groups are marked settled: a crash before the mark settles again.
  const reads = new CommissionReads();
  for (const id of settledIds) {
    const activityId = orders.find((o) => o.groupId === id)?.activityId;
    await syncGroupCommissionsQuietly(id, ctx, reads, { activityId });
  }
  return { settled: await markGroupsSettled(settledIds, now), ...refunds };
}

/**
 * Closes the prepays of these groups' unpaid orders, so none can be paid any more. One paid already (its
 * notification late or lost) is applied as payCallback would: against a group that ended, that refunds it.
 * The closed ones can be closed. An order with no prepay yet is still being placed (its holds may not all
 * be taken): it is left pending, and closeUnpaidOrders closes it and releases whatever it holds once its
 * payment window ends (a payment that comes first is refunded). A group whose prepays can't be checked now
 * is `unsure`: left for the next run.
 */
async function closeUnpaidPrepays(
  groupIds: readonly string[],
  ctx: InvocationContext,
): Promise<{ closable: Order[]; unsure: Set<string> }> {
  const closable: Order[] = [];
  const unsure = new Set<string>();
  for (const order of (await listOrdersOfGroups(groupIds)).filter((o) => isAwaitingPayment(o.status))) {
    try {
      const { outcome, state } = await closePrepay(order._id);
      if (outcome === 'paid') await applyPayment(notificationFromQuery(order, state), ctx);
      else if (outcome === 'unpaid') closable.push(order);
    } catch (error) {
      if (order.groupId) unsure.add(order.groupId);
      ctx.log.warn('could not check a prepay; the group is settled on a later run', {
        orderId: order._id,
        error: String(error),
      });
    }
  }
  return { closable, unsure };
}

/**
 * Settles a group the platform completed (成团保障): its unpaid seats' prepays are closed (a payment that got
 * in first is applied, and refunded: the group takes no more seats), their orders closed and their units
 * and quota released; the paid members' orders go to `to_ship` together and their units are sold; then the
 * group is marked settled (answers whether this call marked it). An order paid but whose seat was not (its payment still on its way) is left to
 * its payment, which refunds it. Throws when CloudPay can't be asked: the group stays unsettled for
 * expireGroups to finish.
 */
export async function settleCompletedGroup(group: StoredGroup, now: number, ctx: InvocationContext): Promise<boolean> {
  const { closable, unsure } = await closeUnpaidPrepays([group._id], ctx);
  if (unsure.size > 0) throw new Error(`group ${group._id}: a prepay could not be checked`);
  const reason = SETTLEMENT_REASONS.completed;
  for (const order of closable) {
    // Its prepay is closed: it can never be paid now, so its holds go back whoever closed it (keyed: once).
    await transitionOrder(order._id, 'cancelled', { closedAt: now, closeReason: reason, updatedAt: now });
    await releaseOrderHolds(order);
  }
  const paid = new Set(group.paidOpenids);
  const kept = (await listGroupOrders(group._id, ORDER_KEPT_STATUSES)).filter((o) => paid.has(o.openid));
  await transitionOrders(
    kept.map((o) => o._id),
    'group_succeeded',
    { updatedAt: now, groupSucceededAt: now },
  );
  const [first] = kept;
  if (first) {
    const holds = kept.map((o) => ({ orderId: o._id, quantity: o.quantity }));
    // Sold together; some may have been sold by an earlier attempt: then the rest one by one.
    if (!(await sellStock(first.stock, holds))) for (const hold of holds) await sellStock(first.stock, [hold]);
  }
  await syncGroupCommissionsQuietly(group._id, ctx, new CommissionReads(), { activityId: group.activityId });
  return markCompletedSettled(group._id, now);
}

/** Releases the stock these orders hold, one request per stock document. */
async function releaseHolds(orders: readonly Order[]): Promise<void> {
  const byStock = new Map<string, Order[]>();
  for (const order of orders) {
    const key = `${order.stock.kind}/${order.stock.id}`;
    byStock.set(key, [...(byStock.get(key) ?? []), order]);
  }
  for (const group of byStock.values()) {
    const [first] = group;
    if (first)
      await releaseStockMany(
        first.stock,
        group.map((o) => ({ orderId: o._id, quantity: o.quantity })),
      );
  }
}
