/**
 * An after-sales request as its shopper reads it (getAfterSale, listMyAfterSales and every shopper action's
 * answer): its type, reason and amount, where it stands, its parcels, its refund, and what the shopper may
 * do next. Who at the merchant acted is not shown.
 */
import { afterSaleShopperActionSchema, afterSaleStatusSchema, afterSaleTypeSchema } from '../domain/after-sale.machine';
import { afterSaleReasonSchema } from '../domain/after-sale.schema';
import { idSchema, instantSchema } from '../domain/common.schema';
import { refundStatusSchema } from '../domain/refund.machine';
import { carrierSchema } from '../domain/shipment.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';

/** A return's or a replacement's parcel, with its carrier's name. */
export const afterSaleParcelViewSchema = z.object({
  carrier: carrierSchema,
  carrierName: z.string(),
  trackingNo: z.string(),
  shippedAt: instantSchema,
});

/** A request in the shopper's list. */
export const afterSaleSummarySchema = z.object({
  afterSaleId: idSchema,
  orderId: idSchema,
  title: z.string(),
  type: afterSaleTypeSchema,
  typeLabel: z.string(),
  status: afterSaleStatusSchema,
  statusLabel: z.string(),
  /** The refund asked for (fen); absent for an exchange. */
  amount: fenSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});

export const afterSaleViewSchema = afterSaleSummarySchema.extend({
  reason: afterSaleReasonSchema,
  reasonLabel: z.string(),
  description: z.string(),
  /** Addresses to show the photos at (temporary HTTPS addresses, or the file ids when storage cannot say). */
  photos: z.array(z.string()),
  /** What the refund returns, once approved: less than asked when the order had less left. */
  refundAmount: fenSchema.optional(),
  /** Until when the merchant may answer before the request is approved by itself. */
  reviewDeadlineAt: instantSchema.optional(),
  /** Until when an approved return must be sent back. */
  returnDeadlineAt: instantSchema.optional(),
  returnParcel: afterSaleParcelViewSchema.optional(),
  replacementParcel: afterSaleParcelViewSchema.optional(),
  declineReason: z.string().optional(),
  refund: z.object({ status: refundStatusSchema, amount: fenSchema, updatedAt: instantSchema }).optional(),
  /** What the shopper may do now. */
  actions: z.array(afterSaleShopperActionSchema),
  /** Where it has been, oldest first. */
  history: z.array(
    z.object({
      at: instantSchema,
      status: afterSaleStatusSchema,
      statusLabel: z.string(),
      note: z.string().optional(),
    }),
  ),
});
export type AfterSaleView = z.infer<typeof afterSaleViewSchema>;

/** The shopper's requests are named by id only; someone else's reads as missing. */
export const afterSaleRefSchema = z.object({ afterSaleId: idSchema });
