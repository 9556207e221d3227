import { idSchema } from '../../domain/common.schema';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_SERVICE } from './permissions';
import { consoleRefundSchema } from './get-order-detail.contract';

/**
 * `refundOrder` (ops, customer service): refunds all or part of a paid order through the refund pipeline:
 * a deterministic number per refund, never more than was paid in total. `requestKey` is the console's id
 * for this request: sent again (a double click, a retry after a timeout) it is the same refund.
 */
export const refundOrderContract = defineAdminContract({
  name: 'refundOrder',
  roles: OPS_AND_SERVICE,
  audited: true,
  request: z.object({
    orderId: idSchema,
    amount: fenSchema.refine((fen) => fen >= 1, '退款金额至少 0.01 元'),
    reason: z.string().trim().min(2, '请填写退款原因').max(200),
    requestKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  }),
  response: z.object({ refund: consoleRefundSchema }),
});
