/**
 * A refund document, keyed by its deterministic `outRefundNo` (unique: an order is never refunded twice).
 * Its status follows the refund machine; `nextAttemptAt` is when the retry job may look at it again.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import { refundableLeft, STAFF_REFUNDABLE_STATUSES } from './order.machine';
import type { Order, OrderActor } from './order.schema';
import {
  partialRefundNumberFor,
  REFUND_RECORDED_STATUS,
  REQUEST_GRACE_MS,
  refundNumberFor,
  refundStatusSchema,
} from './refund.machine';

export const refundSchema = z.object({
  outRefundNo: z.string().min(1).max(64),
  orderId: idSchema,
  openid: openidSchema,
  transactionId: z.string(),
  amount: fenSchema,
  /** What the order's payment was (CloudPay's total_fee); a whole refund's amount equals it. */
  orderTotal: fenSchema.optional(),
  /** Whether this refund returns the last of the order's money: its success makes the order refunded. */
  completesOrder: z.boolean().optional(),
  /** Who asked for it: the system (a failed group, a late payment, an after-sales request) or a member of staff. */
  requestedBy: z.string().optional(),
  /** The after-sales request it refunds: its success moves that request to refunded. */
  afterSaleId: idSchema.optional(),
  reason: z.string(),
  status: refundStatusSchema,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: instantSchema,
  lastError: z.string().optional(),
  refundId: z.string().optional(),
  successTime: z.string().optional(),
  flaggedAt: instantSchema.optional(),
  /** For a refund settled outside the system: the bank transfer's or receipt's reference. */
  offlineReference: z.string().optional(),
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
    orderTotal: fenSchema.parse(order.total),
    completesOrder: true,
    requestedBy: 'system',
    reason,
    status: REFUND_RECORDED_STATUS,
    attempts: 0,
    nextAttemptAt: now + REQUEST_GRACE_MS,
    createdAt: now,
    updatedAt: now,
  };
}

/** A staff refund's request: how much of the order's money, why, and the key that makes a repeat one refund. */
export interface StaffRefundRequest {
  readonly amount: number;
  readonly reason: string;
  /** The console's id for this request (a double click, a retry after a timeout: one refund). */
  readonly requestKey: string;
  readonly by: OrderActor;
  readonly now: number;
  /** The after-sales request this refund pays out, when it is one. */
  readonly afterSaleId?: string | undefined;
}

export type StaffRefundRefusal = 'ORDER_NOT_REFUNDABLE' | 'REFUND_EXCEEDS_PAID';

/** What a staff refund writes: the refund, and the order's new refund counters (and status, for the last money). */
export interface StaffRefundDecision {
  readonly refund: Refund;
  readonly orderPatch: {
    readonly refundedAmount: number;
    readonly refundCount: number;
    readonly requestKey: string;
    readonly updatedAt: number;
  };
  /** Set when this refund returns the last of the money: the order moves to refunding with it. */
  readonly event?: 'refunded_in_full';
}

/**
 * Decides a staff refund of part or all of a paid order (or an after-sales request's refund, which follows
 * the same path): only while the order may be refunded by staff (`STAFF_REFUNDABLE_STATUSES`), never more
 * than is left of what was paid. Its number follows the order's
 * refund count, so every refund has its own deterministic number.
 */
export function decideStaffRefund(
  order: Pick<Order, '_id' | 'openid' | 'status' | 'transactionId' | 'refundCount'> & {
    readonly total: number;
    readonly refundedAmount?: number | undefined;
  },
  request: StaffRefundRequest,
): StaffRefundDecision | StaffRefundRefusal {
  if (!STAFF_REFUNDABLE_STATUSES.includes(order.status) || !order.transactionId) return 'ORDER_NOT_REFUNDABLE';
  const left = refundableLeft(order);
  if (request.amount < 1 || request.amount > left) return 'REFUND_EXCEEDS_PAID';
  const seq = (order.refundCount ?? 0) + 1;
  const completesOrder = request.amount === left;
  const refund: Refund = {
    outRefundNo: partialRefundNumberFor(order._id, seq),
    orderId: order._id,
    openid: order.openid,
    transactionId: order.transactionId,
    amount: fenSchema.parse(request.amount),
    orderTotal: fenSchema.parse(order.total),
    completesOrder,
    requestedBy: request.by,
    ...(request.afterSaleId ? { afterSaleId: request.afterSaleId } : {}),
    reason: request.reason,
    status: REFUND_RECORDED_STATUS,
    attempts: 0,
    nextAttemptAt: request.now + REQUEST_GRACE_MS,
    createdAt: request.now,
    updatedAt: request.now,
  };
  return {
    refund,
    orderPatch: {
      refundedAmount: (order.refundedAmount ?? 0) + request.amount,
      refundCount: seq,
      requestKey: request.requestKey,
      updatedAt: request.now,
    },
    ...(completesOrder ? { event: 'refunded_in_full' as const } : {}),
  };
}
