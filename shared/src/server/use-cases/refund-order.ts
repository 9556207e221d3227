/**
 * Starting an order's refund: the refund is recorded under the order's deterministic `outRefundNo`
 * before CloudPay is asked, so a repeated notification finds it and asks nothing, and any later request
 * (the retry job's) carries the same number, which CloudPay never refunds twice. A request that failed,
 * or that a crash cut short, stays `failed` or `requested` for the retry job.
 */
import { refundNumberFor, type Order } from '../../domain/order.schema';
import { requestRefund } from '../pay/cloud-pay';
import { recordRefund, updateRefund } from '../repositories/payment.repository';
import type { InvocationContext } from '../runtime/call-context';

export async function startRefund(
  order: Order,
  transactionId: string,
  reason: string,
  ctx: InvocationContext,
): Promise<void> {
  const now = ctx.clock.now();
  const outRefundNo = refundNumberFor(order._id);
  const recorded = await recordRefund({
    outRefundNo,
    orderId: order._id,
    openid: order.openid,
    transactionId,
    amount: order.total,
    reason,
    status: 'requested',
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  });
  // Recorded before (a repeated notification): its request is made or left to the retry job, never made twice here.
  if (!recorded) return;
  const answer = await requestRefund({
    outTradeNo: order._id,
    outRefundNo,
    totalFee: order.total,
    refundFee: order.total,
  });
  if (answer.ok) {
    await updateRefund(outRefundNo, { status: 'processing', refundId: answer.refundId, updatedAt: now, attempts: 1 });
  } else {
    ctx.log.warn('refund request failed; the retry job will ask again', { outRefundNo, reason: answer.reason });
    await updateRefund(outRefundNo, { status: 'failed', lastError: answer.reason, updatedAt: now, attempts: 1 });
  }
}
