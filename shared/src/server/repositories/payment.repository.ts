/**
 * Payments and refunds. A payment is recorded under its transaction id (unique), a refund under its
 * deterministic `outRefundNo` (unique): a notification delivered twice records once, and an order is
 * never refunded twice.
 */
import { refundNumberFor, type RefundStatus, refundStatusSchema } from '../../domain/order.schema';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, isDuplicateKey, type Patch } from '../cloudbase/db';

export interface PaymentRecord {
  readonly transactionId: string;
  readonly orderId: string;
  readonly openid: string;
  readonly totalFee: number;
  readonly timeEnd: string;
  readonly receivedAt: number;
  /** What the payment led to: applied to its order, refunded, or refused for a mismatch. */
  readonly outcome: 'applied' | 'refund' | 'mismatch';
}

/** Records a payment; false when this transaction was recorded before (a repeated notification). */
export async function recordPayment(payment: PaymentRecord): Promise<boolean> {
  try {
    await db()
      .collection(COLLECTIONS.payments)
      .add({ data: { _id: payment.transactionId, ...payment } });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export async function updatePayment(transactionId: string, patch: Patch): Promise<void> {
  await db().collection(COLLECTIONS.payments).doc(transactionId).update({ data: patch });
}

export interface RefundRecord {
  readonly outRefundNo: string;
  readonly orderId: string;
  readonly openid: string;
  readonly transactionId: string;
  readonly amount: number;
  readonly reason: string;
  readonly status: RefundStatus;
  readonly attempts: number;
  /** When the retry job may ask CloudPay (again). */
  readonly nextAttemptAt: number;
  readonly lastError?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

const refunds = () => db().collection(COLLECTIONS.refunds);

const RETRIED: RefundStatus[] = ['requested', 'failed', 'processing'];

/** Records refunds to request; answers the numbers that were new (an existing refund is never recorded twice). */
export async function recordRefunds(records: readonly RefundRecord[]): Promise<string[]> {
  if (records.length === 0) return [];
  try {
    await refunds().add({ data: records.map((r) => ({ _id: r.outRefundNo, ...r })) as never });
    return records.map((r) => r.outRefundNo);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  // Some exist already (a repeat): record one by one.
  const fresh: string[] = [];
  for (const record of records) {
    try {
      await refunds().add({ data: { _id: record.outRefundNo, ...record } });
      fresh.push(record.outRefundNo);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return fresh;
}

/** Sets fields on these refunds, one request for all. */
export async function setRefundStatus(outRefundNos: readonly string[], patch: Patch): Promise<void> {
  if (outRefundNos.length === 0) return;
  await refunds()
    .where({ _id: cmd().in([...outRefundNos]) })
    .update({ data: patch });
}

export async function updateRefund(outRefundNo: string, patch: Patch): Promise<void> {
  await refunds().doc(outRefundNo).update({ data: patch });
}

/** Refunds the retry job should see to, due now: to ask for (again), or to confirm (`processing`). */
export async function listRefundsToRetry(now: number, limit: number): Promise<RefundRecord[]> {
  const _ = cmd();
  return (await getMany(
    refunds()
      .where({ status: _.in(RETRIED), nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit),
  )) as RefundRecord[];
}

export async function countRefundsToRetry(now: number): Promise<number> {
  const _ = cmd();
  return (
    await refunds()
      .where({ status: _.in(['requested', 'failed']), nextAttemptAt: _.lte(now) })
      .count()
  ).total;
}

/** An order's refund as the shopper sees it. */
const refundViewSchema = z.object({
  orderId: z.string(),
  status: refundStatusSchema,
  amount: fenSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type RefundView = z.infer<typeof refundViewSchema>;

/** The refund of this order, or null when none was recorded. */
export async function getRefundOf(orderId: string): Promise<RefundView | null> {
  const data = await getById(COLLECTIONS.refunds, refundNumberFor(orderId));
  return data ? refundViewSchema.parse(data) : null;
}
