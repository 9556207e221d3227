import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_SERVICE } from './permissions';
import { consoleRefundSchema } from './get-order-detail.contract';

/** `retryRefund` (ops, customer service): asks CloudPay for a flagged refund again now, under its own number. */
export const retryRefundContract = defineAdminContract({
  name: 'retryRefund',
  roles: OPS_AND_SERVICE,
  audited: true,
  request: z.object({ outRefundNo: z.string().min(1).max(64) }),
  response: z.object({ refund: consoleRefundSchema }),
});
