/**
 * Refunds: recorded first, then asked of CloudPay; completed by its answer. Each refund is recorded under
 * its order's deterministic `outRefundNo` before CloudPay is asked: a repeat (a duplicated notification, a
 * job run twice or resumed after a crash) finds the record and asks nothing, and any later request (the
 * retry job's) carries the same number, which CloudPay never refunds twice. A request that failed, or that
 * a crash cut short, stays `failed` or `requested` for the retry job. Statuses follow the refund machine.
 */
import type { RefundNotification } from '../../contracts/refund-callback.contract';
import { stepAfterSale } from '../../domain/after-sale-step';
import type { Order } from '../../domain/order.schema';
import {
  afterFailedAttempt,
  CONFIRM_AFTER_MS,
  isRefundDone,
  type RefundEvent,
  retryDelayMs,
} from '../../domain/refund.machine';
import type { OrderActor } from '../../domain/order.schema';
import { decideStaffRefund, newRefund, type Refund } from '../../domain/refund.schema';
import { DomainError } from '../../kernel/errors';
import { requestRefund } from '../cloudbase/cloud-pay';
import { syncCommissionsQuietly } from '../commissions/commission-sync';
import { changeAfterSale } from '../repositories/after-sale.repository';
import { transitionOrder } from '../repositories/order.repository';
import {
  getRefund,
  recordRefunds,
  recordStaffRefund,
  transitionRefund,
  transitionRefunds,
} from '../repositories/refund.repository';
import type { InvocationContext } from '../runtime/call-context';

export interface RefundDue {
  readonly order: Order;
  readonly transactionId: string;
  readonly reason: string;
}

/** Asks CloudPay for a recorded refund (again), under its own number. */
export function askCloudPay(refund: Refund) {
  return requestRefund({
    outTradeNo: refund.orderId,
    outRefundNo: refund.outRefundNo,
    totalFee: refund.orderTotal ?? refund.amount,
    refundFee: refund.amount,
  });
}

export async function requestRefunds(
  due: readonly RefundDue[],
  ctx: InvocationContext,
): Promise<{ requested: number; failed: number }> {
  const now = ctx.clock.now();
  const records = due.map(({ order, transactionId, reason }) => newRefund(order, transactionId, reason, now));
  const fresh = new Set(await recordRefunds(records));
  return askFirstTime(
    records.filter((r) => fresh.has(r.outRefundNo)),
    ctx,
  );
}

/**
 * Asks CloudPay for a refund just recorded (by a staff or an after-sales transaction), once; the order's 团长
 * commissions then shrink to what is left paid.
 */
export async function askForNewRefund(refund: Refund, ctx: InvocationContext): Promise<void> {
  await askFirstTime([refund], ctx);
  await syncCommissionsQuietly(refund.orderId, ctx);
}

/** Asks CloudPay for refunds just recorded; each becomes processing, or failed for the retry job. */
async function askFirstTime(
  records: readonly Refund[],
  ctx: InvocationContext,
): Promise<{ requested: number; failed: number }> {
  const now = ctx.clock.now();
  const accepted: string[] = [];
  const failed: string[] = [];
  for (const record of records) {
    const answer = await askCloudPay(record);
    if (answer.ok) accepted.push(record.outRefundNo);
    else {
      ctx.log.warn('refund request failed; the retry job will ask again', {
        outRefundNo: record.outRefundNo,
        reason: answer.reason,
      });
      failed.push(record.outRefundNo);
    }
  }
  await transitionRefunds(accepted, 'accepted', { attempts: 1, nextAttemptAt: now + CONFIRM_AFTER_MS, updatedAt: now });
  await transitionRefunds(failed, 'request_failed', {
    attempts: 1,
    nextAttemptAt: now + retryDelayMs(1),
    updatedAt: now,
  });
  return { requested: accepted.length, failed: failed.length };
}

/**
 * A staff refund of part or all of a paid order (ops or customer service): recorded with the order's refund
 * counters in one transaction (never more than was paid, however many at once), then asked of CloudPay. A
 * request repeated with the same key answers the same refund.
 */
export async function refundByStaff(
  request: { orderId: string; amount: number; reason: string; requestKey: string; by: OrderActor },
  ctx: InvocationContext,
): Promise<Refund> {
  const now = ctx.clock.now();
  const { refund, fresh } = await recordStaffRefund(request.orderId, request.requestKey, (order) => {
    const decision = decideStaffRefund(order, { ...request, now });
    if (typeof decision === 'string') throw new DomainError(decision, order._id);
    return decision;
  });
  if (fresh) await askFirstTime([refund], ctx);
  // The order's commissions shrink to what is left paid (a repeat finds them shrunk already).
  await syncCommissionsQuietly(request.orderId, ctx);
  return (await getRefund(refund.outRefundNo)) ?? refund;
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
    await transitionRefund(event.outRefundNo, 'rejected', {
      lastError: event.refundStatus,
      nextAttemptAt: now,
      updatedAt: now,
    });
    return;
  }
  await transitionRefund(event.outRefundNo, 'confirmed', {
    ...(event.refundId ? { refundId: event.refundId } : {}),
    ...(event.successTime ? { successTime: event.successTime } : {}),
    updatedAt: now,
  });
  // Only the refund of the last money makes the order refunded (a partial one leaves it as it is).
  const refund = await getRefund(event.outRefundNo);
  if (refund && refund.completesOrder !== false) {
    await transitionOrder(event.outTradeNo, 'refund_confirmed', { refundedAt: now, updatedAt: now }, {}, 'cloudpay');
  }
  if (refund) await finishAfterSaleRefund(refund, 'cloudpay', now);
}

/**
 * The refund of an after-sales request is done (CloudPay's answer, or ops settled it offline): the request
 * moves from refunding to refunded, with its message, and its order no longer has it open. Conditional on the
 * request still waiting for this refund, so a repeat changes nothing. True when this call moved it.
 */
export async function finishAfterSaleRefund(refund: Refund, by: string, now: number): Promise<boolean> {
  if (!refund.afterSaleId || !isRefundDone(refund.status)) return false;
  return changeAfterSale(refund.afterSaleId, (afterSale) => {
    if (afterSale.outRefundNo !== refund.outRefundNo) return { result: false };
    const step = stepAfterSale(afterSale, 'refund_confirmed', { by, now });
    return typeof step === 'string' ? { result: false } : { step, result: true };
  });
}

/**
 * Asks CloudPay for the refund again; a failure waits longer, or goes to ops after the last attempt.
 * Answers what happened to the refund: accepted, request_failed or gave_up.
 */
export async function askAgain(refund: Refund, ctx: InvocationContext): Promise<RefundEvent> {
  const now = ctx.clock.now();
  const attempts = refund.attempts + 1;
  const answer = await askCloudPay(refund);
  if (answer.ok) {
    await transitionRefund(refund.outRefundNo, 'accepted', {
      attempts,
      nextAttemptAt: now + CONFIRM_AFTER_MS,
      updatedAt: now,
    });
    return 'accepted';
  }
  const next = afterFailedAttempt(attempts, now);
  if (next.event === 'gave_up') {
    ctx.log.error('refund flagged for ops after repeated failures', {
      outRefundNo: refund.outRefundNo,
      reason: answer.reason,
    });
    await transitionRefund(refund.outRefundNo, 'gave_up', {
      attempts,
      lastError: answer.reason,
      flaggedAt: now,
      updatedAt: now,
    });
    return next.event;
  }
  await transitionRefund(refund.outRefundNo, 'request_failed', {
    attempts,
    lastError: answer.reason,
    nextAttemptAt: next.nextAttemptAt,
    updatedAt: now,
  });
  return next.event;
}
