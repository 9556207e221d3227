/**
 * expireGroups (every minute, or by hand): groups past their deadline fail. Per batch, in few requests:
 * the batch's groups fail together; their paid orders go to `refunding` and each gets its refund
 * requested under its deterministic number; their unpaid orders close and their prepays are closed; all
 * their held stock is released; then the groups are marked settled. Every step is conditional or keyed,
 * so a run repeated, run twice at once, or resumed after dying halfway settles each group once.
 */
import type { Order } from '../../domain/order.schema';
import { closePrepay } from '../pay/cloud-pay';
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
import { requestRefunds } from './refund-order';

/** Groups settled per batch: one query, a handful of multi-document updates, one refund request per paid order. */
export const EXPIRE_BATCH = 50;
const GROUP_FAILED = 'group failed';

export const expireGroups: Job = async (run, ctx) => {
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
      batch.map((g) => ({ id: g._id, forming: g.status === 'forming' })),
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
  const ids = await failedUnsettled(groups.map((g) => g.id));
  await transitionOrdersOfGroups(ids, 'group_failed', { updatedAt: now });
  await transitionOrdersOfGroups(ids, 'cancelled', { closedAt: now, closeReason: GROUP_FAILED, updatedAt: now });
  // Read after the transitions: an order paid meanwhile is refunding now, or payCallback refunds it itself.
  const orders = await listOrdersOfGroups(ids);
  const refunding = orders.filter((o) => o.status === 'refunding');
  const closed = orders.filter((o) => o.status === 'closed');
  await releaseHolds([...refunding, ...closed]);
  // A prepay left open could still be paid: close it (a payment that beats this is refunded by payCallback).
  for (const order of closed.filter((o) => o.closeReason === GROUP_FAILED)) {
    try {
      await closePrepay(order._id);
    } catch (error) {
      ctx.log.warn('could not close a prepay; a late payment will be refunded', {
        orderId: order._id,
        error: String(error),
      });
    }
  }
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
    const key = `${order.stock.collection}/${order.stock.id}`;
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
