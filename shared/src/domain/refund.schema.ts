/**
 * A refund document, keyed by its deterministic `outRefundNo` (unique: an order is never refunded twice).
 * Its status follows the refund machine; `nextAttemptAt` is when the retry job may look at it again.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import { REFUND_RECORDED_STATUS, REQUEST_GRACE_MS, refundNumberFor, refundStatusSchema } from './refund.machine';

export const refundSchema = z.object({
  outRefundNo: z.string().min(1).max(64),
  orderId: idSchema,
  openid: openidSchema,
  transactionId: z.string(),
  amount: fenSchema,
  reason: z.string(),
  status: refundStatusSchema,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: instantSchema,
  lastError: z.string().optional(),
  refundId: z.string().optional(),
  successTime: z.string().optional(),
  flaggedAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Refund = z.infer<typeof refundSchema>;

/**
 * A refund of the whole order, as first recorded: before CloudPay is asked, so that a repeat finds it.
 * If its request is cut short, the retry job asks again once it is surely no longer in flight.
 */
export function newRefund(
  order: { readonly _id: string; readonly openid: string; readonly total: number },
  transactionId: string,
  reason: string,
  now: number,
): Refund {
  return {
    outRefundNo: refundNumberFor(order._id),
    orderId: order._id,
    openid: order.openid,
    transactionId,
    amount: fenSchema.parse(order.total),
    reason,
    status: REFUND_RECORDED_STATUS,
    attempts: 0,
    nextAttemptAt: now + REQUEST_GRACE_MS,
    createdAt: now,
    updatedAt: now,
  };
}
