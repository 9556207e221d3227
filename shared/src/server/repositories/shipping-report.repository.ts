/**
 * The shipping-information reports to WeChat's 发货信息管理 (`shipping_reports`), an outbox: one report per
 * order, keyed by the order's id, written in the same transaction that ships the order, so a shipment is never
 * left unreported and never reported twice.
 *
 * A minimal version, so fulfilment can record its reports: the report's payload, its status and the job that
 * uploads it are the shipping-report work's.
 */
import type { Order } from '../../domain/order.schema';
import type { Shipment } from '../../domain/shipment.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { plain, type TransactionRef } from '../cloudbase/db';

/** Records the report of `order` leaving as `shipment`, inside the shipping transaction; a second one is a no-op. */
export async function recordShippingReport(
  tx: TransactionRef,
  order: Order,
  shipment: Shipment,
  now: number,
): Promise<void> {
  const reports = tx.collection(COLLECTIONS.shippingReports);
  if (plain((await reports.doc(order._id).get()).data)) return;
  await reports.add({
    data: {
      _id: order._id,
      orderId: order._id,
      openid: order.openid,
      ...(order.transactionId ? { transactionId: order.transactionId } : {}),
      shipment,
      createdAt: now,
      updatedAt: now,
    },
  });
}
