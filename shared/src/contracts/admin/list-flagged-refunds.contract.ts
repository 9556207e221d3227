import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_SERVICE } from './permissions';
import { consoleRefundSchema } from './get-order-detail.contract';

/** `listFlaggedRefunds` (ops, customer service): refunds CloudPay kept refusing, oldest first. */
export const listFlaggedRefundsContract = defineAdminContract({
  name: 'listFlaggedRefunds',
  roles: OPS_AND_SERVICE,
  request: z.object({
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({
    items: z.array(consoleRefundSchema.extend({ orderId: idSchema, flaggedAt: z.number().int().optional() })),
    hasMore: z.boolean(),
  }),
});
