/**
 * refundOrder (console: ops, customer service): refunds all or part of a paid order through the refund
 * pipeline (`refundByStaff`): its own deterministic number, never more than was paid in total, one refund
 * per request key however often the console sends it.
 */
import type { refundOrderContract } from '../../contracts/admin';
import { ownsMerchant, staffOf } from '../runtime/staff-scope';
import { getOrder } from '../repositories/order.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleRefund } from '../ordering/console-refunds';
import { refundByStaff } from './refunds';

export const refundOrder: AdminUseCase<typeof refundOrderContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const before = ownsMerchant(ctx, await getOrder(input.orderId), `order ${input.orderId}`);
  const refund = await refundByStaff({ ...input, by: `staff:${staff.account}` }, ctx);
  await ctx.audit({
    target: `order/${before._id}`,
    before: { status: before.status, refundedAmount: before.refundedAmount ?? 0 },
    after: {
      refund: refund.outRefundNo,
      amount: refund.amount,
      reason: refund.reason,
      completesOrder: refund.completesOrder,
    },
  });
  return { refund: consoleRefund(refund) };
};
