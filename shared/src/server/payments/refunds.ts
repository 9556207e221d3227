/**
 * Requesting refunds. Each refund is recorded under its order's deterministic `outRefundNo` before
 * CloudPay is asked: a repeat (a duplicated notification, a job run twice or resumed after a crash)
 * finds the record and asks nothing, and any later request (the retry job's) carries the same number,
 * which CloudPay never refunds twice. A request that failed, or that a crash cut short, stays `failed`
 * or `requested` for the retry job.
 */
import { refundNumberFor, type Order } from '../../domain/order.schema';
import { requestRefund } from '../cloudbase/cloud-pay';
import type { RefundNotification } from '../../contracts/refund-callback.contract';
import { transitionOrder } from '../repositories/order.repository';
import { recordRefunds, type RefundRecord, setRefundStatus, updateRefund } from '../repositories/payment.repository';
import type { InvocationContext } from '../runtime/call-context';

export interface RefundDue {
  readonly order: Order;
  readonly transactionId: string;
  readonly reason: string;
}

/** How long a refund stays `requested` (its request possibly in flight) before the retry job may ask. */
export const REQUEST_GRACE_MS = 60_000;

/** A refund still `processing` this long after its request is checked with CloudPay (its notification may be lost). */
export const CONFIRM_AFTER_MS = 10 * 60_000;

/** The delay before the retry job asks again after a failed attempt (attempts 1, 2, ...). */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

export async function requestRefunds(
  due: readonly RefundDue[],
  ctx: InvocationContext,
): Promise<{ requested: number; failed: number }> {
  const now = ctx.clock.now();
  const records: RefundRecord[] = due.map(({ order, transactionId, reason }) => ({
    outRefundNo: refundNumberFor(order._id),
    orderId: order._id,
    openid: order.openid,
    transactionId,
    amount: order.total,
    reason,
    status: 'requested',
    attempts: 0,
    // If this request is cut short, the retry job asks again once it is surely no longer in flight.
    nextAttemptAt: now + REQUEST_GRACE_MS,
    createdAt: now,
    updatedAt: now,
  }));
  const fresh = new Set(await recordRefunds(records));
  const processing: string[] = [];
  const failed: string[] = [];
  for (const record of records.filter((r) => fresh.has(r.outRefundNo))) {
    const answer = await requestRefund({
      outTradeNo: record.orderId,
      outRefundNo: record.outRefundNo,
      totalFee: record.amount,
      refundFee: record.amount,
    });
    if (answer.ok) processing.push(record.outRefundNo);
    else {
      ctx.log.warn('refund request failed; the retry job will ask again', {
        outRefundNo: record.outRefundNo,
        reason: answer.reason,
      });
      failed.push(record.outRefundNo);
    }
  }
  await setRefundStatus(processing, {
    status: 'processing',
    attempts: 1,
    nextAttemptAt: now + CONFIRM_AFTER_MS,
    updatedAt: now,
  });
  await setRefundStatus(failed, {
    status: 'failed',
    attempts: 1,
    nextAttemptAt: now + retryDelayMs(1),
    updatedAt: now,
  });
  return { requested: processing.length, failed: failed.length };
}

export async function startRefund(
  order: Order,
  transactionId: string,
  reason: string,
  ctx: InvocationContext,
): Promise<void> {
  await requestRefunds([{ order, transactionId, reason }], ctx);
}

/**
 * CloudPay's answer about a refund (its notification, or a query after the notification was lost). A
 * successful refund moves the order from `refunding` to `refunded` and records CloudPay's refund id and
 * time; a repeat changes nothing. A refund CloudPay could not complete is marked `failed` for the retry job.
 */
export async function applyRefundResult(event: RefundNotification, ctx: InvocationContext): Promise<void> {
  const now = ctx.clock.now();
  if (event.refundStatus !== 'SUCCESS') {
    ctx.log.warn('refund did not complete; left for the retry job', {
      outRefundNo: event.outRefundNo,
      status: event.refundStatus,
    });
    await updateRefund(event.outRefundNo, { status: 'failed', lastError: event.refundStatus, updatedAt: now });
    return;
  }
  await updateRefund(event.outRefundNo, {
    status: 'succeeded',
    ...(event.refundId ? { refundId: event.refundId } : {}),
    ...(event.successTime ? { successTime: event.successTime } : {}),
    updatedAt: now,
  });
  await transitionOrder(event.outTradeNo, 'refund_confirmed', { refundedAt: now, updatedAt: now });
}
