/**
 * After-sales requests (售后) as the console sees them: the list, the detail (photos, parcels, the history
 * with who acted, the refund) and what staff may do next. A merchant sees and acts on its own merchant's
 * requests only; ops and customer service on every merchant's.
 */
import {
  afterSaleStaffActionSchema,
  afterSaleStatusSchema,
  afterSaleTypeSchema,
} from '../../domain/after-sale.machine';
import { actionKeySchema, afterSaleHistoryEntrySchema, afterSaleReasonSchema } from '../../domain/after-sale.schema';
import { idSchema, instantSchema } from '../../domain/common.schema';
import { carrierSchema } from '../../domain/shipment.schema';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { consoleRefundSchema } from './get-order-detail.contract';

export {
  AFTER_SALE_STATUS_LABELS,
  AFTER_SALE_TYPE_LABELS,
  type AfterSaleStatus,
  type AfterSaleType,
} from '../../domain/after-sale.machine';
export { AFTER_SALE_REASON_LABELS } from '../../domain/after-sale.schema';
export { CARRIERS, type CarrierCode } from '../../domain/shipment.schema';

/** A request in the console's list. */
export const consoleAfterSaleSchema = z.object({
  afterSaleId: idSchema,
  orderId: idSchema,
  merchantId: idSchema,
  title: z.string(),
  type: afterSaleTypeSchema,
  typeLabel: z.string(),
  reason: afterSaleReasonSchema,
  reasonLabel: z.string(),
  /** The refund asked for (fen); absent for an exchange. */
  amount: fenSchema.optional(),
  /** What its refund returns, once approved. */
  refundAmount: fenSchema.optional(),
  status: afterSaleStatusSchema,
  statusLabel: z.string(),
  /** The shopper's openid, shortened. */
  shopper: z.string(),
  /** When the timed job acts on it unless someone does first (approval, the return's closing, receipt). */
  dueAt: instantSchema.optional(),
  /** What staff may do now. */
  actions: z.array(afterSaleStaffActionSchema),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type ConsoleAfterSale = z.infer<typeof consoleAfterSaleSchema>;

export const consoleParcelSchema = z.object({
  carrier: carrierSchema,
  carrierName: z.string(),
  trackingNo: z.string(),
  shippedAt: instantSchema,
  by: z.string(),
});

/** A request in full, as its detail page shows it. */
export const consoleAfterSaleDetailSchema = consoleAfterSaleSchema.extend({
  description: z.string(),
  /** Temporary addresses of the shopper's photos. */
  photos: z.array(z.string()),
  reviewDeadlineAt: instantSchema,
  returnDeadlineAt: instantSchema.optional(),
  returnParcel: consoleParcelSchema.optional(),
  replacementParcel: consoleParcelSchema.optional(),
  declineReason: z.string().optional(),
  outRefundNo: z.string().optional(),
  history: z.array(afterSaleHistoryEntrySchema),
});
export type ConsoleAfterSaleDetail = z.infer<typeof consoleAfterSaleDetailSchema>;

/** One staff action on a request: the request, and the console's key that makes a repeat change nothing. */
export const afterSaleActionRequestSchema = z.object({ afterSaleId: idSchema, requestKey: actionKeySchema });

/** What a staff action answers: the request as it now stands, and the refund it asked for, if any. */
export const afterSaleActionResponseSchema = z.object({
  afterSale: consoleAfterSaleSchema,
  refund: consoleRefundSchema.optional(),
});
