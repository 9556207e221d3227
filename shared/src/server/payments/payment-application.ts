/**
 * Applying a payment (CloudPay's notification, or what CloudPay answers when a job asks about a prepay
 * whose notification never came). Applied at most once per transaction, whatever the platform repeats or
 * reorders:
 * - the order moves out of `pending_payment` only by a conditional update that also checks the amount;
 * - the group seat is paid by a conditional update (the leader's payment opens the group; the last
 *   seat's payment succeeds it, and every paid order then moves to `to_ship` and its stock is sold);
 * - a payment that finds its order closed, or its group failed, is refunded (once: deterministic number);
 * - a wrong amount or an unknown order is recorded for ops and refused, changing nothing else.
 * Every step is idempotent, so a retry after a crash finishes what the first attempt began. Then the order's 团长
 * commissions follow it (`syncCommissions`: pending, earned, or none for a refunded payment), and a group that
 * succeeded brings every order's along (earned, and the opener's bonus).
 */
import { groupMachine } from '../../domain/group.machine';
import { ORDER_KEPT_STATUSES, paymentDisposition } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import type { PaymentState } from '../cloudbase/cloud-pay';
import { attachOf, decodeAttach, type PaymentAttach } from '../../domain/payment-attach';
import { isOnSale } from '../../domain/activity.machine';
import { DomainError } from '../../kernel/errors';
import type { PaymentNotification } from '../../contracts/pay-callback.contract';
import { getActivity } from '../repositories/catalog.repository';
import { getGroup, paySeat, releaseSeat } from '../repositories/group.repository';
import { getOrder, listGroupOrders, transitionGroupOrders, transitionOrder } from '../repositories/order.repository';
import { recordPayment, updatePayment } from '../repositories/payment.repository';
import { sellStock } from '../repositories/stock.repository';
import { recordFirstPaidAt } from '../repositories/user.repository';
import type { InvocationContext } from '../runtime/call-context';
import { CommissionReads, syncCommissionsQuietly, syncGroupCommissionsQuietly } from '../commissions/commission-sync';
import { releaseOrderHolds } from '../ordering/order-placement';
import { startRefund } from './refunds';

export async function applyPayment(event: PaymentNotification, ctx: InvocationContext): Promise<void> {
  const successful = event.returnCode === 'SUCCESS' && event.resultCode === 'SUCCESS';
  // The activity this payment reads is the commissions' too: one that never had a rule costs them no read.
  const reads = new CommissionReads();
  await applyPaymentOnce(event, ctx, reads);
  const attach = decodeAttach(event.attach);
  // A solo order sells a SKU, not an activity's seat: it names no activity and earns no commission.
  if (successful && attach?.role !== 'solo') {
    await syncCommissionsQuietly(event.outTradeNo, ctx, reads, { activityId: attach?.activityId });
  }
}

async function applyPaymentOnce(event: PaymentNotification, ctx: InvocationContext, reads: CommissionReads) {
  if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') {
    ctx.log.info('ignored a notification that is not a successful payment', { outTradeNo: event.outTradeNo });
    return;
  }
  const now = ctx.clock.now();
  const attach = decodeAttach(event.attach);
  const paid = { transactionId: event.transactionId, paidAt: now, updatedAt: now };
  const event_ = attach?.role === 'solo' ? 'paid_solo' : 'paid_group';
  // The activity is read beside the order's update: a seat is paid only while its activity sells.
  const [applied, sells] = await Promise.all([
    attach !== undefined &&
      transitionOrder(
        event.outTradeNo,
        event_,
        paid,
        { total: event.totalFee, ...(attach.groupId ? { groupId: attach.groupId } : {}) },
        'cloudpay',
      ),
    activitySells(attach?.activityId, now, reads),
  ]);

  if (applied && attach) {
    await record(event, 'applied', now);
    await applyPaidOrder(event.outTradeNo, attach, sells, event, ctx, reads);
    return;
  }
  // Not applied by the fast path: read the order to see why (a repeat, a late payment, a mismatch).
  const order = await getOrder(event.outTradeNo);
  if (!order || order.total !== event.totalFee) {
    await record(event, 'mismatch', now);
    ctx.log.error('payment refused: unknown order or wrong amount', {
      outTradeNo: event.outTradeNo,
      totalFee: event.totalFee,
      orderTotal: order?.total ?? null,
    });
    throw new DomainError('PAYMENT_MISMATCH', event.outTradeNo);
  }
  const described = attachOf(order);
  const stillSells = () => activitySells(described.activityId, now, reads);
  switch (paymentDisposition(order.status)) {
    case 'apply': {
      // No usable attach: apply by what the order says.
      if (
        !(await transitionOrder(
          order._id,
          order.role === 'solo' ? 'paid_solo' : 'paid_group',
          paid,
          { total: event.totalFee },
          'cloudpay',
        ))
      ) {
        throw new Error(`order ${order._id} changed while its payment was applied; retry`);
      }
      await record(event, 'applied', now);
      return applyPaidOrder(order._id, described, await stillSells(), event, ctx, reads);
    }
    case 'refund_late': {
      // Paid after it closed (timeout or cancel): the money goes back.
      await transitionOrder(order._id, 'late_payment', paid, {}, 'cloudpay');
      await record(event, 'refund', now);
      await releaseOrderHolds(order);
      return startRefund(order, event.transactionId, 'paid after the order closed', ctx);
    }
    case 'already_refunding':
      await record(event, 'refund', now);
      return startRefund(order, order.transactionId ?? event.transactionId, 'repeated notification', ctx);
    case 'already_applied':
      if (order.transactionId !== event.transactionId) {
        await record(event, 'mismatch', now);
        throw new DomainError(
          'PAYMENT_MISMATCH',
          `${order._id} was paid by ${order.transactionId ?? 'another payment'}`,
        );
      }
      // A repeat of an applied payment: finish whatever the first delivery may not have finished.
      await record(event, 'applied', now);
      return applyPaidOrder(order._id, described, await stillSells(), event, ctx, reads);
  }
}

/** The notification CloudPay would have sent, rebuilt from its answer to queryOrder (a lost notification). */
export function notificationFromQuery(order: Order, state: PaymentState): PaymentNotification {
  return {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: order._id,
    transactionId: state.transactionId ?? '',
    totalFee: state.totalFee ?? -1,
    openid: state.openid ?? order.openid,
    subOpenid: state.openid ?? order.openid,
    timeEnd: state.timeEnd ?? '',
  };
}

/** Whether a group order's activity still sells (a solo order has none, and always may be paid). */
async function activitySells(activityId: string | undefined, now: number, reads: CommissionReads): Promise<boolean> {
  if (activityId === undefined) return true;
  const activity = await getActivity(activityId);
  if (activity) reads.seed(activity);
  return activity !== null && isOnSale(activity, now);
}

async function record(event: PaymentNotification, outcome: 'applied' | 'refund' | 'mismatch', now: number) {
  const fresh = await recordPayment({
    transactionId: event.transactionId,
    orderId: event.outTradeNo,
    openid: event.subOpenid ?? event.openid ?? '',
    totalFee: event.totalFee,
    timeEnd: event.timeEnd,
    receivedAt: now,
    outcome,
  });
  if (!fresh && outcome !== 'applied') await updatePayment(event.transactionId, { outcome });
}

/**
 * The effects of a paid order beyond its own status: stock for a solo order, the seat for a group order.
 * A seat whose activity no longer sells (paused, ended, past its end) is not paid: the money goes back,
 * unless this is a repeat of a payment whose seat was paid before.
 */
async function applyPaidOrder(
  orderId: string,
  attach: PaymentAttach,
  activitySells: boolean,
  event: PaymentNotification,
  ctx: InvocationContext,
  reads: CommissionReads,
) {
  const now = ctx.clock.now();
  const payer = event.subOpenid ?? event.openid ?? '';
  if (attach.role === 'solo' || !attach.groupId) {
    await sellStock(attach.stock, [{ orderId, quantity: attach.quantity }]);
    await recordFirstPaidAt(payer, now);
    return;
  }
  const outcome = activitySells
    ? await paySeat(attach.groupId, payer, attach.role === 'leader' ? 'leader' : 'member', now)
    : 'not-applied';
  if (outcome === 'paid-and-succeeded') await completeGroup(attach.groupId, attach.activityId, ctx, reads);
  if (
    outcome === 'not-applied' &&
    (await settleUnappliedSeat(orderId, attach.groupId, attach.activityId, payer, activitySells, event, ctx, reads))
  )
    return;
  await recordFirstPaidAt(payer, now);
}

/**
 * The seat was not paid: either it was paid before (a repeat: make sure a succeeded group finished), or
 * the group or its activity can no longer take it (failed, abandoned, the seat released, the activity
 * paused or ended): then the order is refunded. True when it was.
 */
async function settleUnappliedSeat(
  orderId: string,
  groupId: string,
  activityId: string | undefined,
  payer: string,
  activitySells: boolean,
  event: PaymentNotification,
  ctx: InvocationContext,
  reads: CommissionReads,
): Promise<boolean> {
  const now = ctx.clock.now();
  const group = await getGroup(groupId);
  if (group?.paidOpenids.includes(payer)) {
    if (group.status === groupMachine.transition('filled').to) {
      await completeGroup(groupId, activityId, ctx, reads);
    }
    return false;
  }
  const order = await getOrder(orderId);
  if (!order) return false;
  const why = activitySells ? `group ${group?.status ?? 'missing'}` : 'activity no longer sells';
  ctx.log.warn('a payment reached a group that can no longer take it; refunding', { orderId, groupId, why });
  await transitionOrder(orderId, 'group_failed', { updatedAt: now });
  await releaseSeat(groupId, payer, now);
  await releaseOrderHolds(order);
  await record(event, 'refund', now);
  await startRefund(order, event.transactionId, why, ctx);
  return true;
}

/**
 * A group succeeded: every paid order moves to `to_ship` together, their held stock is sold, and their commissions
 * are earned. Idempotent.
 */
async function completeGroup(
  groupId: string,
  activityId: string | undefined,
  ctx: InvocationContext,
  reads: CommissionReads,
) {
  const now = ctx.clock.now();
  const orders = await listGroupOrders(groupId, ORDER_KEPT_STATUSES);
  await transitionGroupOrders(groupId, 'group_succeeded', { updatedAt: now, groupSucceededAt: now });
  const [first] = orders;
  if (first) {
    const holds = orders.map((o) => ({ orderId: o._id, quantity: o.quantity }));
    if (!(await sellStock(first.stock, holds))) {
      // Some were sold by an earlier attempt: sell the rest one by one (each only if still held).
      for (const hold of holds) await sellStock(first.stock, [hold]);
    }
  }
  await syncGroupCommissionsQuietly(groupId, ctx, reads, { activityId });
}
