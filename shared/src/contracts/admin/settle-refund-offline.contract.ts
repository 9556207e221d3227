import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { consoleRefundSchema } from './get-order-detail.contract';
import { OPS_ONLY } from './permissions';

/**
 * `settleRefundOffline` (ops): records that a flagged refund's money went back outside the system (a bank
 * transfer, cash), with its reference. The refund is done; if it was the order's last money, so is the order.
 */
export const settleRefundOfflineContract = defineAdminContract({
  name: 'settleRefundOffline',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({
    outRefundNo: z.string().min(1).max(64),
    reference: z.string().trim().min(4, '请填写转账或收据编号').max(100),
  }),
  response: z.object({ refund: consoleRefundSchema }),
});
