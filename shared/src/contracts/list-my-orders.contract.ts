/**
 * listMyOrders: the caller's orders, newest first, by the tabs of 订单.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { orderTabSchema } from '../domain/order-tab';
import { orderStatusSchema } from '../domain/order.machine';
import { orderRoleSchema } from '../domain/order.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { pageRequest } from './common.schema';
import { defineContract } from './contract';

export const listMyOrdersContract = defineContract({
  name: 'listMyOrders',
  request: z.object({ status: orderTabSchema.default('all'), ...pageRequest }),
  response: z.object({
    items: z.array(
      z.object({
        orderId: idSchema,
        role: orderRoleSchema,
        title: z.string(),
        spec: z.string(),
        quantity: z.number().int().min(1),
        unitPrice: fenSchema,
        total: fenSchema,
        status: orderStatusSchema,
        statusLabel: z.string(),
        groupId: idSchema.optional(),
        createdAt: instantSchema,
        payDeadlineAt: instantSchema,
      }),
    ),
    hasMore: z.boolean(),
  }),
});
