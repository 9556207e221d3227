/**
 * How a request is shown: to its shopper (no staff names, photos as temporary addresses, what they may do
 * next) and to the console (the shopper by a short id, the history with who acted, what staff may do next).
 */
import type { AfterSaleView } from '../../contracts/after-sale-view.schema';
import type { ConsoleAfterSale, ConsoleAfterSaleDetail } from '../../contracts/admin';
import { shopperActionsFor, staffActionsFor } from '../../domain/after-sale-step';
import {
  AFTER_SALE_STATUS_LABELS,
  AFTER_SALE_SUBMITTED_STATUS,
  AFTER_SALE_TYPE_LABELS,
} from '../../domain/after-sale.machine';
import { AFTER_SALE_REASON_LABELS, type AfterSale, type AfterSaleParcel } from '../../domain/after-sale.schema';
import type { Refund } from '../../domain/refund.schema';
import { CARRIERS } from '../../domain/shipment.schema';
import { fen } from '../../kernel/money';
import { tempUrls } from '../cloudbase/storage';
import type { Logger } from '../runtime/logger';

const parcelView = (parcel: AfterSaleParcel) => ({
  carrier: parcel.carrier,
  carrierName: CARRIERS[parcel.carrier].name,
  trackingNo: parcel.trackingNo,
  shippedAt: parcel.shippedAt,
});

export function afterSaleSummary(afterSale: AfterSale) {
  return {
    afterSaleId: afterSale._id,
    orderId: afterSale.orderId,
    title: afterSale.title,
    type: afterSale.type,
    typeLabel: AFTER_SALE_TYPE_LABELS[afterSale.type],
    status: afterSale.status,
    statusLabel: AFTER_SALE_STATUS_LABELS[afterSale.status],
    ...(afterSale.amount !== undefined ? { amount: fen(afterSale.amount) } : {}),
    createdAt: afterSale.createdAt,
    updatedAt: afterSale.updatedAt,
  };
}

/** The request as its shopper reads it; its photos' temporary addresses asked for in one request. */
export async function shopperAfterSale(
  afterSale: AfterSale,
  refund: Refund | null,
  now: number,
  log: Logger,
): Promise<AfterSaleView> {
  const shown = await tempUrls(afterSale.photos, log);
  return {
    ...afterSaleSummary(afterSale),
    reason: afterSale.reason,
    reasonLabel: AFTER_SALE_REASON_LABELS[afterSale.reason],
    description: afterSale.description,
    photos: afterSale.photos.map(shown),
    ...(afterSale.refundAmount !== undefined ? { refundAmount: fen(afterSale.refundAmount) } : {}),
    ...(afterSale.status === AFTER_SALE_SUBMITTED_STATUS ? { reviewDeadlineAt: afterSale.reviewDeadlineAt } : {}),
    ...(afterSale.returnDeadlineAt !== undefined ? { returnDeadlineAt: afterSale.returnDeadlineAt } : {}),
    ...(afterSale.returnParcel ? { returnParcel: parcelView(afterSale.returnParcel) } : {}),
    ...(afterSale.replacementParcel ? { replacementParcel: parcelView(afterSale.replacementParcel) } : {}),
    ...(afterSale.declineReason ? { declineReason: afterSale.declineReason } : {}),
    ...(refund ? { refund: { status: refund.status, amount: refund.amount, updatedAt: refund.updatedAt } } : {}),
    actions: shopperActionsFor(afterSale, now),
    history: afterSale.history.map((entry) => ({
      at: entry.at,
      status: entry.status,
      statusLabel: AFTER_SALE_STATUS_LABELS[entry.status],
      ...(entry.note ? { note: entry.note } : {}),
    })),
  };
}

/** `o-abc…xyz`: enough to tell two shoppers apart, not to act as one. */
const shortOpenid = (openid: string) => (openid.length <= 10 ? openid : `${openid.slice(0, 5)}…${openid.slice(-3)}`);

export function consoleAfterSale(afterSale: AfterSale): ConsoleAfterSale {
  return {
    afterSaleId: afterSale._id,
    orderId: afterSale.orderId,
    merchantId: afterSale.merchantId,
    title: afterSale.title,
    type: afterSale.type,
    typeLabel: AFTER_SALE_TYPE_LABELS[afterSale.type],
    reason: afterSale.reason,
    reasonLabel: AFTER_SALE_REASON_LABELS[afterSale.reason],
    ...(afterSale.amount !== undefined ? { amount: fen(afterSale.amount) } : {}),
    ...(afterSale.refundAmount !== undefined ? { refundAmount: fen(afterSale.refundAmount) } : {}),
    status: afterSale.status,
    statusLabel: AFTER_SALE_STATUS_LABELS[afterSale.status],
    shopper: shortOpenid(afterSale.openid),
    ...(afterSale.dueAt !== undefined ? { dueAt: afterSale.dueAt } : {}),
    actions: staffActionsFor(afterSale),
    createdAt: afterSale.createdAt,
    updatedAt: afterSale.updatedAt,
  };
}

const consoleParcel = (parcel: AfterSaleParcel) => ({ ...parcelView(parcel), by: parcel.by });

/** The request in full for its detail page; its photos' temporary addresses asked for in one request. */
export async function consoleAfterSaleDetail(afterSale: AfterSale, log: Logger): Promise<ConsoleAfterSaleDetail> {
  const shown = await tempUrls(afterSale.photos, log);
  return {
    ...consoleAfterSale(afterSale),
    description: afterSale.description,
    photos: afterSale.photos.map(shown),
    reviewDeadlineAt: afterSale.reviewDeadlineAt,
    ...(afterSale.returnDeadlineAt !== undefined ? { returnDeadlineAt: afterSale.returnDeadlineAt } : {}),
    ...(afterSale.returnParcel ? { returnParcel: consoleParcel(afterSale.returnParcel) } : {}),
    ...(afterSale.replacementParcel ? { replacementParcel: consoleParcel(afterSale.replacementParcel) } : {}),
    ...(afterSale.declineReason ? { declineReason: afterSale.declineReason } : {}),
    ...(afterSale.outRefundNo ? { outRefundNo: afterSale.outRefundNo } : {}),
    history: afterSale.history,
  };
}
