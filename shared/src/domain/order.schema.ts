/**
 * An order document. Its `_id` is also CloudPay's `outTradeNo`. Amounts are integer fen computed on the
 * server; `total` is what the shopper must pay and what a payment notification must match.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { stockModeSchema } from './activity.schema';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import { deliverySchema } from './delivery.schema';
import { orderStatusSchema } from './order.machine';

export const orderRoleSchema = z.enum(['leader', 'member', 'solo']);
export type OrderRole = z.infer<typeof orderRoleSchema>;

/** Where an order's units are held: the SKU's normal stock, or the dedicated pool of an activity. */
export const stockRefSchema = z.object({
  kind: z.enum(['sku', 'pool']),
  /** The SKU's id, or the activity's for a pool. */
  id: idSchema,
});
export type StockRef = z.infer<typeof stockRefSchema>;

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
  payDeadlineAt: instantSchema,
  transactionId: z.string().optional(),
  paidAt: instantSchema.optional(),
  closedAt: instantSchema.optional(),
  closeReason: z.string().optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Order = z.infer<typeof orderSchema>;

/** Where an order's units come from: a dedicated activity pool, or the SKU's normal stock. */
export const stockRefFor = (stockMode: 'shared' | 'dedicated', skuId: string, activityId?: string): StockRef =>
  stockMode === 'dedicated' && activityId ? { kind: 'pool', id: activityId } : { kind: 'sku', id: skuId };

/** How long a shopper has to pay before the order closes and its seat and stock are released. */
export const PAYMENT_WINDOW_MINUTES = 15;
