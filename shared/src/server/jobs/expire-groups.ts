/**
 * expireGroups (every minute, or by hand): groups past their deadline fail. Per batch, in few requests:
 * the batch's groups fail together; their paid orders go to `refunding` and each gets its refund
 * requested under its deterministic number; their unpaid orders close and their prepays are closed; all
 * their held stock is released; then the groups are marked settled. Every step is conditional or keyed,
 * so a run repeated, run twice at once, or resumed after dying halfway settles each group once.
 */
import type { expireGroupsContract } from '../../contracts/expire-groups.contract';
import { groupMachine } from '../../domain/group.machine';
import { isAwaitingPayment, orderMachine } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import { closePrepay } from '../cloudbase/cloud-pay';
import {
  countGroupsToSettle,
  failedUnsettled,
  failGroups,
  listGroupsToSettle,
  markGroupsSettled,
} from '../repositories/group.repository';
import { listOrdersOfGroups, transitionOrdersOfGroups } from '../repositories/order.repository';
import { releaseStockMany } from '../repositories/stock.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { Job } from '../runtime/define-trigger';
import { applyPayment, notificationFromQuery } from '../payments/payment-application';
import { requestRefunds } from '../payments/refunds';

/** Groups settled per batch: one query, a handful of multi-document updates, one refund request per paid order. */
export const EXPIRE_BATCH = 50;
const GROUP_FAILED = 'group failed';

export const expireGroups: Job<typeof expireGroupsContract> = async (run, ctx) => {
  let scanned = 0;
  let changed = 0;
  let refundsRequested = 0;
  let refundsFailed = 0;
  while (scanned < run.limit && run.hasTime()) {
    const now = ctx.clock.now();
    const batch = await listGroupsToSettle(now, Math.min(EXPIRE_BATCH, run.limit - scanned));
    scanned += batch.length;
    if (batch.length === 0 || run.dryRun) break;
    const settled = await settleBatch(
      batch.map((g) => ({ id: g._id, forming: groupMachine.sourcesOf('deadline_passed').includes(g.status) })),
      now,
      ctx,
    );
    changed += batch.length;
    refundsRequested += settled.requested;
    refundsFailed += settled.failed;
  }
  const remaining = await countGroupsToSettle(ctx.clock.now());
  return { scanned, changed, remaining, refundsRequested, refundsFailed };
};

async function settleBatch(groups: readonly { id: string; forming: boolean }[], now: number, ctx: InvocationContext) {
  await failGroups(
    groups.filter((g) => g.forming).map((g) => g.id),
    now,
  );
  // A group whose last seat was paid just now succeeded instead: only the failed ones are settled.
  const failed = await failedUnsettled(groups.map((g) => g.id));
  // Before an unpaid order closes, its prepay is closed: one paid already (its notification late or lost) is
  // applied as payCallback would, which refunds it against the failed group. A group whose prepays can't be
  // checked now is left unsettled for the next run.
  const unsure = new Set<string>();
  for (const order of (await listOrdersOfGroups(failed)).filter((o) => isAwaitingPayment(o.status))) {
    try {
      const { outcome, state } = await closePrepay(order._id);
      if (outcome === 'paid') await applyPayment(notificationFromQuery(order, state), ctx);
    } catch (error) {
      if (order.groupId) unsure.add(order.groupId);
      ctx.log.warn('could not check a prepay; the group is settled on a later run', {
        orderId: order._id,
        error: String(error),
      });
    }
  }
  const ids = failed.filter((id) => !unsure.has(id));
  await transitionOrdersOfGroups(ids, 'group_failed', { updatedAt: now });
  await transitionOrdersOfGroups(ids, 'cancelled', { closedAt: now, closeReason: GROUP_FAILED, updatedAt: now });
  // Read after the transitions: an order paid meanwhile is refunding now, or payCallback refunds it itself.
  const orders = await listOrdersOfGroups(ids);
  const refunding = orders.filter((o) => o.status === orderMachine.transition('group_failed').to);
  const closed = orders.filter((o) => o.status === orderMachine.transition('cancelled').to);
  await releaseHolds([...refunding, ...closed]);
  const refunds = await requestRefunds(
    refunding
      .filter((o) => o.transactionId)
      .map((o) => ({ order: o, transactionId: o.transactionId ?? '', reason: GROUP_FAILED })),
    ctx,
  );
  await markGroupsSettled(ids, now);
  return refunds;
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
