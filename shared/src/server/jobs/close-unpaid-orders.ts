/**
 * closeUnpaidOrders (every minute, or by hand): orders past their payment deadline. CloudPay is asked
 * first, by closing the prepay: an order the shopper did pay, whose notification was lost, is completed
 * exactly as the notification would have; otherwise the order closes and its seat, stock and quota are
 * released (each release keyed by the order, so a repeat releases nothing twice), and a leader's unpaid
 * order abandons its pending group.
 */
import type { closeUnpaidOrdersContract } from '../../contracts/close-unpaid-orders.contract';
import type { Order } from '../../domain/order.schema';
import { closePrepay } from '../cloudbase/cloud-pay';
import { abandonGroup, releaseSeat } from '../repositories/group.repository';
import { countUnpaidPastDeadline, listUnpaidPastDeadline, transitionOrder } from '../repositories/order.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { Job } from '../runtime/define-trigger';
import { applyPayment, notificationFromQuery } from '../payments/payment-application';
import { releaseOrderHolds } from '../ordering/order-placement';

export const CLOSE_BATCH = 50;

export const closeUnpaidOrders: Job<typeof closeUnpaidOrdersContract> = async (run, ctx) => {
  let scanned = 0;
  let changed = 0;
  let recovered = 0;
  let failures = 0;
  const skipped = new Set<string>();
  while (scanned < run.limit && run.hasTime()) {
    const batch = (
      await listUnpaidPastDeadline(ctx.clock.now(), Math.min(CLOSE_BATCH, run.limit - scanned) + skipped.size)
    ).filter((o) => !skipped.has(o._id));
    if (batch.length === 0) break;
    scanned += batch.length;
    if (run.dryRun) break;
    for (const order of batch) {
      if (!run.hasTime()) break;
      try {
        const outcome = await settleUnpaid(order, ctx);
        changed += 1;
        if (outcome === 'recovered') recovered += 1;
      } catch (error) {
        // Leave it for the next tick; don't let one order stop the batch.
        failures += 1;
        skipped.add(order._id);
        ctx.log.warn('could not settle an unpaid order', { orderId: order._id, error: String(error) });
      }
    }
  }
  const remaining = await countUnpaidPastDeadline(ctx.clock.now());
  return { scanned, changed, remaining, recovered, failures };
};

async function settleUnpaid(order: Order, ctx: InvocationContext): Promise<'recovered' | 'expired'> {
  const { outcome, state } = await closePrepay(order._id);
  if (outcome === 'paid') {
    await applyPayment(notificationFromQuery(order, state), ctx);
    return 'recovered';
  }
  const now = ctx.clock.now();
  if (
    await transitionOrder(order._id, 'payment_timed_out', {
      closedAt: now,
      closeReason: 'payment timed out',
      updatedAt: now,
    })
  ) {
    await releaseOrderHolds(order);
    if (order.groupId) {
      if (order.role === 'leader') await abandonGroup(order.groupId, now);
      else await releaseSeat(order.groupId, order.openid, now);
    }
  }
  return 'expired';
}
