/** Reading an order's refund, stored under its deterministic `outRefundNo` (`refundNumberFor(orderId)`). */
import { refundNumberFor } from '../../domain/order.schema';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { COLLECTIONS } from '../db/collections';
import { getById } from '../db/cloud';

const refundViewSchema = z.object({
  orderId: z.string(),
  status: z.enum(['requested', 'processing', 'failed', 'succeeded', 'flagged']),
  amount: fenSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type RefundView = z.infer<typeof refundViewSchema>;

/** The refund of this order, or null when none was recorded. */
export async function getRefundOf(orderId: string): Promise<RefundView | null> {
  const data = await getById(COLLECTIONS.refunds, refundNumberFor(orderId));
  return data ? refundViewSchema.parse(data) : null;
}
