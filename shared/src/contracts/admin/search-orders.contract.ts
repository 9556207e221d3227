import { idSchema, instantSchema } from '../../domain/common.schema';
import { deliverySchema } from '../../domain/delivery.schema';
import { orderStatusSchema } from '../../domain/order.machine';
import { orderRoleSchema } from '../../domain/order.schema';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { ANY_STAFF } from './permissions';

/** An order as the console lists it. */
export const consoleOrderSchema = z.object({
  orderId: idSchema,
  groupId: idSchema.optional(),
  activityId: idSchema.optional(),
  merchantId: idSchema,
  role: orderRoleSchema,
  title: z.string(),
  spec: z.string(),
  quantity: z.number().int().min(1),
  unitPrice: fenSchema,
  total: fenSchema,
  /** What staff refunded of it so far. */
  refundedAmount: fenSchema,
  status: orderStatusSchema,
  statusLabel: z.string(),
  /** The shopper's openid, shortened (o-ab…yz): enough to tell two apart, not to act as them. */
  shopper: z.string(),
  delivery: deliverySchema,
  createdAt: instantSchema,
  paidAt: instantSchema.optional(),
});
export type ConsoleOrder = z.infer<typeof consoleOrderSchema>;

/** What a search and an export filter by; empty fields filter nothing. */
export const orderFilterSchema = z.object({
  orderId: idSchema.optional(),
  groupId: idSchema.optional(),
  /** The last 4 digits of the delivery phone. */
  phoneLast4: z
    .string()
    .regex(/^\d{4}$/, '请输入手机号后 4 位')
    .optional(),
  status: orderStatusSchema.optional(),
  activityId: idSchema.optional(),
  /** Placed at or after (epoch ms). */
  from: instantSchema.optional(),
  /** Placed before (epoch ms). */
  to: instantSchema.optional(),
});
export type OrderFilter = z.infer<typeof orderFilterSchema>;

/** `searchOrders`: orders by number, group, phone, status, activity and date, newest first; a merchant sees its own. */
export const searchOrdersContract = defineAdminContract({
  name: 'searchOrders',
  roles: ANY_STAFF,
  request: orderFilterSchema.extend({
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(consoleOrderSchema), hasMore: z.boolean() }),
});
