/**
 * An order document. Its `_id` is also CloudPay's `outTradeNo`. Amounts are integer fen computed on the
 * server; `total` is what the shopper must pay and what a payment notification must match.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { stockModeSchema } from './activity.schema';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import { deliverySchema } from './delivery.schema';
import { outboxEntrySchema } from './notification';
import { orderEventSchema, orderStatusSchema } from './order.machine';
import { parcelTrackSchema } from './parcel-track';
import { pickupCodeSchema, shipmentSchema } from './shipment.schema';
import { userRefSchema } from './user.schema';

export const orderRoleSchema = z.enum(['leader', 'member', 'solo']);
export type OrderRole = z.infer<typeof orderRoleSchema>;

/** Where an order's units are held: the SKU's normal stock, or the dedicated pool of an activity. */
export const stockRefSchema = z.object({
  kind: z.enum(['sku', 'pool']),
  /** The SKU's id, or the activity's for a pool. */
  id: idSchema,
});
export type StockRef = z.infer<typeof stockRefSchema>;

/**
 * Who moved an order: the shopper, CloudPay (its notification or its answer to a query), the timed jobs
 * (`system`), a member of staff (`staff:<account>`), or the 团长 keeping a pickup point (`leader:<pickupPointId>`).
 */
export const orderActorSchema = z.union([
  z.enum(['shopper', 'cloudpay', 'system']),
  z.string().regex(/^staff:[A-Za-z0-9_.@-]{2,32}$/),
  /** The 团长 who keeps the named pickup point (核销 in the mini-program): the point, never the leader's openid. */
  z.string().regex(/^leader:\S{1,64}$/),
]);
export type OrderActor = z.infer<typeof orderActorSchema>;

/** The 团长 keeping `pickupPointId`, as an order's history names them (staff and merchants read it: no openid). */
export const pointKeeperActor = (pickupPointId: string): OrderActor => `leader:${pickupPointId}`;

/** One step of an order's life, as its timeline shows it. */
export const orderHistoryEntrySchema = z.object({
  at: instantSchema,
  event: z.union([z.literal('placed'), orderEventSchema]),
  status: orderStatusSchema,
  by: orderActorSchema,
  /** Why, when a person decided it (a refund's reason). */
  note: z.string().max(200).optional(),
});
export type OrderHistoryEntry = z.infer<typeof orderHistoryEntrySchema>;

export const orderSchema = z.object({
  _id: idSchema,
  openid: openidSchema,
  role: orderRoleSchema,
  status: orderStatusSchema,
  activityId: idSchema.optional(),
  groupId: idSchema.optional(),
  skuId: idSchema,
  productId: idSchema,
  merchantId: idSchema,
  title: z.string(),
  spec: z.string(),
  quantity: z.number().int().min(1),
  unitPrice: fenSchema,
  total: fenSchema,
  stockMode: stockModeSchema,
  stock: stockRefSchema,
  delivery: deliverySchema,
  /**
   * The share ref the shopper arrived through (a card's `from`, a poster's scene), as the mini-program remembered
   * it: which sharer's funnel the order counts in (`domain/share-funnel.ts`). Attribution only, never identity.
   */
  referrerRef: userRefSchema.optional(),
  payDeadlineAt: instantSchema,
  transactionId: z.string().optional(),
  paidAt: instantSchema.optional(),
  closedAt: instantSchema.optional(),
  closeReason: z.string().optional(),
  /** The last 4 digits of a delivery address's phone: what customer service searches by. */
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  /** What staff refunded so far (fen), out of `total`; a refund that would pass `total` is refused. */
  refundedAmount: fenSchema.optional(),
  /** Refunds staff asked for, numbered 1, 2, ... (`partialRefundNumberFor`). */
  refundCount: z.number().int().nonnegative().optional(),
  /** The refund number each staff refund request (by its request id) was given: a repeated request is one refund. */
  refundRequests: z.record(z.string(), z.string()).optional(),
  /** How the goods left: carrier and waybill, or the batch sent to the pickup point. */
  shipment: shipmentSchema.optional(),
  /** The code the shopper shows at the pickup point; set when the goods arrive there. */
  pickupCode: pickupCodeSchema.optional(),
  /** When the shopper received or collected the goods. */
  receivedAt: instantSchema.optional(),
  /** Until when the shopper may ask for after-sales once the goods are received (the window). */
  afterSaleEndsAt: instantSchema.optional(),
  /** The after-sales request open on this order: at most one at a time. */
  openAfterSaleId: idSchema.optional(),
  /** After-sales requests made on this order so far: the next one's number. */
  afterSaleCount: z.number().int().nonnegative().optional(),
  /** The request each of the mini-program's submission keys made: a repeated submission is that request. */
  afterSaleRequests: z.record(z.string(), idSchema).optional(),
  completedAt: instantSchema.optional(),
  /**
   * Messages to the shopper about this order (shipped, arrived at the pickup point), written by the update
   * that causes them and delivered once by sendNotifications; `outboxPending` while any wait.
   */
  outbox: z.array(outboxEntrySchema).optional(),
  outboxPending: z.boolean().optional(),
  /** Every status change, oldest first. */
  history: z.array(orderHistoryEntrySchema).optional(),
  /** An express parcel's last known track (getOrderTrack keeps it; see domain/parcel-track.ts). */
  track: parcelTrackSchema.optional(),
  /** When a function last began asking the tracking provider about the parcel, answered or not. */
  trackQueriedAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Order = z.infer<typeof orderSchema>;

/** Where an order's units come from: a dedicated activity pool, or the SKU's normal stock. */
export const stockRefFor = (stockMode: 'shared' | 'dedicated', skuId: string, activityId?: string): StockRef =>
  stockMode === 'dedicated' && activityId ? { kind: 'pool', id: activityId } : { kind: 'sku', id: skuId };

/** How long a shopper has to pay before the order closes and its seat and stock are released. */
export const PAYMENT_WINDOW_MINUTES = 15;
