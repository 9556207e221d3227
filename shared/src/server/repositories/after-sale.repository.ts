/**
 * After-sales requests (`after_sales`). A request and its order change together, in one transaction: the
 * order remembers the one request open on it (`openAfterSaleId`), and a request's refund bumps the order's
 * refund counters as a staff refund does. Every step is decided by the domain (`after-sale-step.ts`) on what
 * the transaction read, so two steps at once, or a step racing the order's completion or a staff refund,
 * decide one after the other on what the database then holds.
 */
import type { AfterSaleStep, AfterSaleSubmission } from '../../domain/after-sale-step';
import { AFTER_SALE_TIMED_STATUSES } from '../../domain/after-sale-step';
import type { AfterSaleStatus, AfterSaleType } from '../../domain/after-sale.machine';
import { type AfterSale, afterSaleSchema } from '../../domain/after-sale.schema';
import { type Order, orderSchema } from '../../domain/order.schema';
import { type Refund, refundSchema, type StaffRefundDecision } from '../../domain/refund.schema';
import { DomainError } from '../../kernel/errors';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, inTransaction, type Patch, plain, type TransactionRef } from '../cloudbase/db';
import { writeStaffRefund } from './refund.repository';

const afterSales = () => db().collection(COLLECTIONS.afterSales);

export async function getAfterSale(id: string): Promise<AfterSale | null> {
  const data = await getById(COLLECTIONS.afterSales, id);
  return data ? afterSaleSchema.parse(data) : null;
}

async function readIn<T>(tx: TransactionRef, collection: string, id: string, parse: (d: unknown) => T) {
  const data = plain((await tx.collection(collection).doc(id).get()).data);
  return data ? parse(data) : null;
}

/** The update a step makes to its request: status, fields, history, when it is due, messages, the console's key. */
function stepData(step: AfterSaleStep): Patch {
  const _ = cmd();
  return {
    ...step.set,
    status: step.status,
    updatedAt: step.updatedAt,
    history: _.push([step.entry]),
    dueAt: step.dueAt ?? _.remove(),
    ...(step.messages.length > 0 ? { outbox: _.push([...step.messages]), outboxPending: true } : {}),
    ...(step.actionKey ? { actionKeys: _.push([step.actionKey]) } : {}),
  };
}

export interface Submitted {
  readonly afterSale: AfterSale;
  /** The refund recorded with it (a request before shipping, approved at once). */
  readonly refund?: Refund;
  /** False when the submission key had made this request before: nothing was written. */
  readonly fresh: boolean;
}

/**
 * Opens a request on the shopper's order in one transaction: the order is read (another shopper's reads as
 * missing), a key seen before answers its request, `decide` answers the request (and its refund, before
 * shipping) or throws a refusal, and the request, the order's `openAfterSaleId`, count and key (and refund
 * counters) and the refund are written together. A completion, a shipment or another request that changes
 * the order meanwhile makes the transaction start over on the order as it then is.
 */
export async function submitAfterSale(
  orderId: string,
  openid: string,
  requestKey: string,
  decide: (order: Order) => AfterSaleSubmission,
): Promise<Submitted> {
  return inTransaction(async (tx) => {
    const order = await readIn(tx, COLLECTIONS.orders, orderId, (d) => orderSchema.parse(d));
    if (!order || order.openid !== openid) throw new DomainError('NOT_FOUND', `order ${orderId}`);
    const made = order.afterSaleRequests?.[requestKey];
    if (made) {
      const afterSale = await readIn(tx, COLLECTIONS.afterSales, made, (d) => afterSaleSchema.parse(d));
      if (afterSale) return { afterSale, fresh: false };
    }
    const { afterSale, refund } = decide(order);
    await tx.collection(COLLECTIONS.afterSales).add({ data: afterSale });
    const opened: Patch = {
      openAfterSaleId: afterSale._id,
      afterSaleCount: (order.afterSaleCount ?? 0) + 1,
      [`afterSaleRequests.${requestKey}`]: afterSale._id,
      updatedAt: afterSale.createdAt,
    };
    if (refund) await writeStaffRefund(tx, order, refund, opened);
    else await tx.collection(COLLECTIONS.orders).doc(orderId).update({ data: opened });
    return { afterSale, ...(refund ? { refund: refund.refund } : {}), fresh: true };
  });
}

/** What a step's decision answers: the step to write (none: nothing to do), its refund, and the caller's result. */
export interface AfterSaleChange<T> {
  readonly step?: AfterSaleStep | undefined;
  readonly refund?: StaffRefundDecision | undefined;
  readonly result: T;
}

/**
 * Moves a request in one transaction with its order: both are read, `decide` answers the step (or throws a
 * refusal), and the request's update, the refund (the order's counters and the refund document) and, when
 * the step ends the request, the order's `openAfterSaleId` (if it is still this request) are written
 * together. A missing request is NOT_FOUND.
 */
export async function changeAfterSale<T>(
  id: string,
  decide: (afterSale: AfterSale, order: Order) => AfterSaleChange<T>,
): Promise<T> {
  return inTransaction(async (tx) => {
    const afterSale = await readIn(tx, COLLECTIONS.afterSales, id, (d) => afterSaleSchema.parse(d));
    if (!afterSale) throw new DomainError('NOT_FOUND', `after-sale ${id}`);
    const order = await readIn(tx, COLLECTIONS.orders, afterSale.orderId, (d) => orderSchema.parse(d));
    if (!order) throw new DomainError('NOT_FOUND', `order ${afterSale.orderId}`);
    const { step, refund, result } = decide(afterSale, order);
    if (!step) return result;
    await tx
      .collection(COLLECTIONS.afterSales)
      .doc(id)
      .update({ data: stepData(step) });
    const closes: Patch =
      step.ends && order.openAfterSaleId === id ? { openAfterSaleId: cmd().remove(), updatedAt: step.updatedAt } : {};
    if (refund) await writeStaffRefund(tx, order, refund, closes);
    else if (Object.keys(closes).length > 0) {
      await tx.collection(COLLECTIONS.orders).doc(order._id).update({ data: closes });
    }
    return result;
  });
}

/** A refund by its number, read outside any transaction (the job's check on a refund under way). */
export async function getRefundOfAfterSale(afterSale: AfterSale): Promise<Refund | null> {
  if (!afterSale.outRefundNo) return null;
  const data = await getById(COLLECTIONS.refunds, afterSale.outRefundNo);
  return data ? refundSchema.parse(data) : null;
}

const due = (now: number) => ({
  status: cmd().in([...AFTER_SALE_TIMED_STATUSES]),
  dueAt: cmd().lte(now),
});

/** Requests the timed job should act on now, the longest due first (index `status_dueAt`). */
export async function listDueAfterSales(now: number, limit: number): Promise<AfterSale[]> {
  const data = await getMany(afterSales().where(due(now)).orderBy('dueAt', 'asc').limit(limit));
  return data.map((d) => afterSaleSchema.parse(d));
}

export async function countDueAfterSales(now: number): Promise<number> {
  return (await afterSales().where(due(now)).count()).total;
}

/** Looks at a request again later (a refund still under way), if it is still in the status it was seen in. */
export async function postponeAfterSale(id: string, status: AfterSaleStatus, dueAt: number): Promise<void> {
  await afterSales().where({ _id: id, status }).update({ data: { dueAt } });
}

/** The shopper's requests, newest first, or one order's (index `openid_createdAt`). */
export async function listAfterSalesOf(
  openid: string,
  orderId: string | undefined,
  page: { offset: number; limit: number },
): Promise<AfterSale[]> {
  const data = await getMany(
    afterSales()
      .where({ openid, ...(orderId ? { orderId } : {}) })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(page.offset)
      .limit(page.limit),
  );
  return data.map((d) => afterSaleSchema.parse(d));
}

export interface AfterSaleSearch {
  readonly status?: AfterSaleStatus | undefined;
  readonly type?: AfterSaleType | undefined;
  readonly merchantId?: string | undefined;
  readonly orderId?: string | undefined;
}

/** Requests the console searches for, newest first, one page (indexes on merchant, status and order). */
export async function searchAfterSales(
  search: AfterSaleSearch,
  page: { offset: number; limit: number },
): Promise<AfterSale[]> {
  const where = {
    ...(search.merchantId ? { merchantId: search.merchantId } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(search.type ? { type: search.type } : {}),
    ...(search.orderId ? { orderId: search.orderId } : {}),
  };
  const data = await getMany(
    afterSales().where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(page.offset).limit(page.limit),
  );
  return data.map((d) => afterSaleSchema.parse(d));
}

/** Requests with messages waiting in their outbox. */
export async function listAfterSalesWithOutbox(limit: number): Promise<AfterSale[]> {
  const data = await getMany(afterSales().where({ outboxPending: true }).limit(limit));
  return data.map((d) => afterSaleSchema.parse(d));
}

export async function countAfterSalesWithOutbox(): Promise<number> {
  return (await afterSales().where({ outboxPending: true }).count()).total;
}

/** Removes sent entries from a request's outbox; clears its flag once it is empty. */
export async function clearAfterSaleOutbox(id: string, entryIds: readonly string[]): Promise<void> {
  const _ = cmd();
  await afterSales()
    .doc(id)
    .update({ data: { outbox: _.pull({ id: _.in([...entryIds]) }) } });
  await afterSales()
    .where({ _id: id, outbox: _.size(0) })
    .update({ data: { outboxPending: false } });
}
