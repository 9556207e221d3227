import { instantSchema } from '../../domain/common.schema';
import { orderHistoryEntrySchema } from '../../domain/order.schema';
import { refundStatusSchema } from '../../domain/refund.machine';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { shipmentViewSchema } from '../common.schema';
import { defineAdminContract } from './admin-contract';
import { ANY_STAFF } from './permissions';
import { consoleOrderSchema } from './search-orders.contract';

export const consoleRefundSchema = z.object({
  outRefundNo: z.string(),
  amount: fenSchema,
  status: refundStatusSchema,
  reason: z.string(),
  requestedBy: z.string(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().optional(),
  offlineReference: z.string().optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type ConsoleRefund = z.infer<typeof consoleRefundSchema>;

/**
 * `getOrderDetail`: one order with its timeline (every state change: when, what, who), payment and refunds,
 * and once shipped its shipment (carrier by name), receipt and after-sales window. Never the pickup code:
 * that is the shopper's to show.
 */
export const getOrderDetailContract = defineAdminContract({
  name: 'getOrderDetail',
  roles: ANY_STAFF,
  request: z.object({ orderId: z.string().min(1).max(64) }),
  response: z.object({
    order: consoleOrderSchema.extend({
      payDeadlineAt: instantSchema,
      closeReason: z.string().optional(),
      shipment: shipmentViewSchema.optional(),
      receivedAt: instantSchema.optional(),
      afterSaleEndsAt: instantSchema.optional(),
      completedAt: instantSchema.optional(),
    }),
    timeline: z.array(orderHistoryEntrySchema),
    payment: z
      .object({ transactionId: z.string(), totalFee: fenSchema, receivedAt: instantSchema, outcome: z.string() })
      .optional(),
    refunds: z.array(consoleRefundSchema),
    /** What can still be refunded (fen), and whether staff may refund it now. */
    refundableLeft: fenSchema,
    refundable: z.boolean(),
  }),
});
