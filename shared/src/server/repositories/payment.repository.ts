/**
 * Payments and refunds. A payment is recorded under its transaction id (unique), a refund under its
 * deterministic `outRefundNo` (unique): a notification delivered twice records once, and an order is
 * never refunded twice.
 */
import { COLLECTIONS } from '../db/collections';
import { db, isDuplicateKey, type Patch } from '../db/cloud';

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

export type RefundStatus = 'requested' | 'processing' | 'failed' | 'succeeded' | 'flagged';

export interface RefundRecord {
  readonly outRefundNo: string;
  readonly orderId: string;
  readonly openid: string;
  readonly transactionId: string;
  readonly amount: number;
  readonly reason: string;
  readonly status: RefundStatus;
  readonly attempts: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Records a refund to request; false when this order's refund exists already. */
export async function recordRefund(refund: RefundRecord): Promise<boolean> {
  try {
    await db()
      .collection(COLLECTIONS.refunds)
      .add({ data: { _id: refund.outRefundNo, ...refund } });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

export async function updateRefund(outRefundNo: string, patch: Patch): Promise<void> {
  await db().collection(COLLECTIONS.refunds).doc(outRefundNo).update({ data: patch });
}
