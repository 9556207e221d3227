/**
 * Shipping reports (`shipping_reports`), one per order, keyed by the order's id: recorded in the transaction
 * that ships the order, so a shipment and its report exist together or not at all, and a repeat records
 * nothing. The job claims a report with one update conditional on its status, its lease and its attempt count
 * before uploading it, and only the run holding that claim may settle it: two runs never upload it twice, and a
 * late answer never undoes a newer one.
 */
import type { Shipment } from '../../domain/shipment.schema';
import {
  type ShippingReportEvent,
  shippingReportMachine,
  SHIPPING_REPORT_DUE_STATUSES,
  UPLOAD_LEASE_MS,
} from '../../domain/shipping-report.machine';
import {
  newShippingReport,
  type ShippableOrder,
  type ShippingReport,
  shippingReportSchema,
} from '../../domain/shipping-report.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, type Patch, plain, type TransactionRef } from '../cloudbase/db';

const reports = () => db().collection(COLLECTIONS.shippingReports);

/**
 * Records the report of the order's shipment, inside the transaction that ships it (`inTransaction`): the
 * payload is decided here, from the order and the shipment, at `now`. Answers false, recording nothing, when the
 * order's shipment was reported already (a repeat). An order without a WeChat Pay payment is refused CONFLICT.
 */
export async function recordShippingReport(
  tx: TransactionRef,
  order: Omit<ShippableOrder, 'shipment'>,
  shipment: Shipment,
  now: number,
): Promise<boolean> {
  const collection = tx.collection(COLLECTIONS.shippingReports);
  if (plain((await collection.doc(order._id).get()).data)) return false;
  const report = newShippingReport({ ...order, shipment }, now);
  await collection.add({ data: { _id: report.orderId, ...report } });
  return true;
}

/** Reports a run may claim now, oldest due first (index `status_nextAttemptAt`). */
export async function listDueShippingReports(now: number, limit: number): Promise<ShippingReport[]> {
  const _ = cmd();
  const data = await getMany(
    reports()
      .where({ status: _.in([...SHIPPING_REPORT_DUE_STATUSES]), nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit),
  );
  return data.map((d) => shippingReportSchema.parse(d));
}

/** Reports due now: what a run leaves for the next one. */
export async function countDueShippingReports(now: number): Promise<number> {
  const _ = cmd();
  return (
    await reports()
      .where({ status: _.in([...SHIPPING_REPORT_DUE_STATUSES]), nextAttemptAt: _.lte(now) })
      .count()
  ).total;
}

/**
 * Claims a due report for this run, as it was read: still due, not claimed since (same attempt count). The claim
 * counts an attempt and holds the report for UPLOAD_LEASE_MS. False when another run took it first.
 */
export async function claimShippingReport(report: ShippingReport, now: number): Promise<boolean> {
  const _ = cmd();
  const { from, to } = shippingReportMachine.transition('claimed');
  const { stats } = await reports()
    .where({ _id: report.orderId, status: _.in(from), nextAttemptAt: _.lte(now), attempts: report.attempts })
    .update({
      data: { status: to, attempts: report.attempts + 1, nextAttemptAt: now + UPLOAD_LEASE_MS, updatedAt: now },
    });
  return stats.updated === 1;
}

/**
 * Settles the claim a run holds (its `attempts`-th) with WeChat's answer: `event` where the machine allows it,
 * with `patch`. False when the claim was lost (its lease ended and another run took the report).
 */
export async function settleShippingReport(
  orderId: string,
  attempts: number,
  event: ShippingReportEvent,
  patch: Patch,
): Promise<boolean> {
  const { from, to } = shippingReportMachine.transition(event);
  const { stats } = await reports()
    .where({ _id: orderId, status: cmd().in(from), attempts })
    .update({ data: { ...patch, status: to } });
  return stats.updated === 1;
}

/** The report of an order's shipment, or null. */
export async function getShippingReport(orderId: string): Promise<ShippingReport | null> {
  const data = await getById(COLLECTIONS.shippingReports, orderId);
  return data ? shippingReportSchema.parse(data) : null;
}
