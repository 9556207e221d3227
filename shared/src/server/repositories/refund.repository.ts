/**
 * Refunds, recorded under their deterministic `outRefundNo` (unique), so an order is never refunded
 * twice. Every status change is conditional on the statuses the refund machine allows it from, so a
 * late answer never undoes a newer one (a notification that the money went back wins over a retry).
 */
import {
  type RefundEvent,
  refundMachine,
  REFUND_DUE_STATUSES,
  REFUND_TO_REQUEST_STATUSES,
  refundNumberFor,
} from '../../domain/refund.machine';
import { type Refund, refundSchema } from '../../domain/refund.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, isDuplicateKey, type Patch } from '../cloudbase/db';

const refunds = () => db().collection(COLLECTIONS.refunds);

/** Records refunds to request; answers the numbers that were new (an existing refund is never recorded twice). */
export async function recordRefunds(records: readonly Refund[]): Promise<string[]> {
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

/**
 * Applies `event` to these refunds, where the refund machine allows it, with `patch`; one request for
 * all. Answers how many changed.
 */
export async function transitionRefunds(
  outRefundNos: readonly string[],
  event: RefundEvent,
  patch: Patch,
): Promise<number> {
  if (outRefundNos.length === 0) return 0;
  const { from, to } = refundMachine.transition(event);
  const { stats } = await refunds()
    .where({ _id: cmd().in([...outRefundNos]), status: cmd().in(from) })
    .update({ data: { ...patch, status: to } });
  return stats.updated;
}

export async function transitionRefund(outRefundNo: string, event: RefundEvent, patch: Patch): Promise<boolean> {
  return (await transitionRefunds([outRefundNo], event, patch)) === 1;
}

/** Sets fields that change no status (the next time the retry job looks). */
export async function updateRefund(outRefundNo: string, patch: Patch): Promise<void> {
  await refunds().doc(outRefundNo).update({ data: patch });
}

/** Refunds the retry job should see to, due now: to ask for (again), or to confirm. */
export async function listRefundsToRetry(now: number, limit: number): Promise<Refund[]> {
  const _ = cmd();
  const data = await getMany(
    refunds()
      .where({ status: _.in([...REFUND_DUE_STATUSES]), nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit),
  );
  return data.map((d) => refundSchema.parse(d));
}

/** Refunds due to be asked for (again): what the retry job leaves for its next run. */
export async function countRefundsToRetry(now: number): Promise<number> {
  const _ = cmd();
  return (
    await refunds()
      .where({ status: _.in([...REFUND_TO_REQUEST_STATUSES]), nextAttemptAt: _.lte(now) })
      .count()
  ).total;
}

/** The refund of this order, or null when none was recorded. */
export async function getRefundOf(orderId: string): Promise<Refund | null> {
  const data = await getById(COLLECTIONS.refunds, refundNumberFor(orderId));
  return data ? refundSchema.parse(data) : null;
}

/** The refunds of these orders (at most one each), in one query. */
export async function getRefundsOf(orderIds: readonly string[]): Promise<Refund[]> {
  if (orderIds.length === 0) return [];
  const data = await getMany(
    refunds()
      .where({ _id: cmd().in(orderIds.map(refundNumberFor)) })
      .limit(orderIds.length),
  );
  return data.map((d) => refundSchema.parse(d));
}
