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
} from '../../domain/refund.machine';
import { orderMachine } from '../../domain/order.machine';
import { orderSchema, type Order } from '../../domain/order.schema';
import { type Refund, refundSchema, type StaffRefundDecision } from '../../domain/refund.schema';
import { DomainError } from '../../kernel/errors';
import { COLLECTIONS } from '../cloudbase/collections';
import {
  cmd,
  db,
  getById,
  getMany,
  inTransaction,
  isDuplicateKey,
  type Patch,
  plain,
  type TransactionRef,
} from '../cloudbase/db';

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

/** Every refund of these orders (a group's, and staff refunds), oldest first, in one query (index `orderId_createdAt`). */
export async function getRefundsOf(orderIds: readonly string[]): Promise<Refund[]> {
  if (orderIds.length === 0) return [];
  const data = await getMany(
    refunds()
      .where({ orderId: cmd().in([...orderIds]) })
      .orderBy('createdAt', 'asc')
      .limit(Math.min(1000, orderIds.length * 10)),
  );
  return data.map((d) => refundSchema.parse(d));
}

/** A refund by its number, or null. */
export async function getRefund(outRefundNo: string): Promise<Refund | null> {
  const data = await getById(COLLECTIONS.refunds, outRefundNo);
  return data ? refundSchema.parse(data) : null;
}

/** Every refund of an order, oldest first. */
export async function listRefundsOf(orderId: string): Promise<Refund[]> {
  const data = await getMany(refunds().where({ orderId }).orderBy('createdAt', 'asc').limit(100));
  return data.map((d) => refundSchema.parse(d));
}

/**
 * Records a staff refund against its order in one transaction: the order is read, `decide` checks it and
 * answers the refund and the order's new counters (or a refusal code to throw), and both are written
 * together, so two refunds at once can never pass what was paid. A request already recorded (the same
 * request key) answers its refund and records nothing.
 */
export async function recordStaffRefund(
  orderId: string,
  requestKey: string,
  decide: (order: Order) => StaffRefundDecision,
): Promise<{ refund: Refund; fresh: boolean }> {
  return inTransaction(async (tx) => {
    const orders = tx.collection(COLLECTIONS.orders);
    const found = plain((await orders.doc(orderId).get()).data);
    if (!found) throw new DomainError('NOT_FOUND', `order ${orderId}`);
    const order = orderSchema.parse(found);
    const recorded = order.refundRequests?.[requestKey];
    if (recorded) {
      const refund = plain((await tx.collection(COLLECTIONS.refunds).doc(recorded).get()).data);
      if (refund) return { refund: refundSchema.parse(refund), fresh: false };
    }
    const decision = decide(order);
    await writeStaffRefund(tx, order, decision);
    return { refund: decision.refund, fresh: true };
  });
}

/**
 * Within a transaction that read `order`: the order's refund counters (and, for its last money, its move to
 * refunding) and the refund itself, as a staff refund writes them. After-sales refunds write the same.
 * `alsoSet` joins the order's update (the after-sales request it opens or closes).
 */
export async function writeStaffRefund(
  tx: TransactionRef,
  order: Order,
  decision: StaffRefundDecision,
  alsoSet: Patch = {},
): Promise<void> {
  const { refundedAmount, refundCount, requestKey, updatedAt } = decision.orderPatch;
  const to = decision.event ? orderMachine.apply(order.status, decision.event) : order.status;
  await tx
    .collection(COLLECTIONS.orders)
    .doc(order._id)
    .update({
      data: {
        ...alsoSet,
        refundedAmount,
        refundCount,
        [`refundRequests.${requestKey}`]: decision.refund.outRefundNo,
        updatedAt,
        ...(decision.event
          ? {
              status: to,
              history: cmd().push([
                {
                  at: updatedAt,
                  event: decision.event,
                  status: to,
                  by: decision.refund.requestedBy,
                  note: decision.refund.reason,
                },
              ]),
            }
          : {}),
      },
    });
  await tx.collection(COLLECTIONS.refunds).add({ data: { _id: decision.refund.outRefundNo, ...decision.refund } });
}

/** Refunds flagged for ops after repeated failures, oldest first. */
export async function listFlaggedRefunds(page: { offset: number; limit: number }): Promise<Refund[]> {
  const { to } = refundMachine.transition('gave_up');
  const data = await getMany(
    refunds().where({ status: to }).orderBy('updatedAt', 'asc').skip(page.offset).limit(page.limit),
  );
  return data.map((d) => refundSchema.parse(d));
}
