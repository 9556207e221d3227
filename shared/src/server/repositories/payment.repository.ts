/**
 * Payments, recorded under their transaction id (unique): a notification delivered twice records once.
 */
import { COLLECTIONS } from '../cloudbase/collections';
import { db, getMany, isDuplicateKey, type Patch } from '../cloudbase/db';

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

/** The payments recorded for an order (normally one; a repeat of another transaction is recorded too). */
export async function listPaymentsOf(orderId: string): Promise<PaymentRecord[]> {
  const data = await getMany(db().collection(COLLECTIONS.payments).where({ orderId }).limit(10));
  return data as PaymentRecord[];
}
