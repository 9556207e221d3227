/**
 * settleRefundOffline (console: ops): the money of a flagged refund went back outside the system; the
 * refund is done with its reference, and if it was the order's last money the order is refunded too; an
 * after-sales request it paid out is refunded.
 */
import type { settleRefundOfflineContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import { transitionOrder } from '../repositories/order.repository';
import { getRefund, transitionRefund } from '../repositories/refund.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleRefund } from '../ordering/console-refunds';
import { finishAfterSaleRefund } from './refunds';

export const settleRefundOffline: AdminUseCase<typeof settleRefundOfflineContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const now = ctx.clock.now();
  const before = await getRefund(input.outRefundNo);
  if (!before) throw new DomainError('NOT_FOUND', `refund ${input.outRefundNo}`);
  const settled = await transitionRefund(before.outRefundNo, 'settled_offline', {
    offlineReference: input.reference,
    settledBy: staff.account,
    updatedAt: now,
  });
  if (!settled) throw new DomainError('CONFLICT', `refund ${before.outRefundNo} is ${before.status}`);
  if (before.completesOrder !== false) {
    await transitionOrder(
      before.orderId,
      'refund_confirmed',
      { refundedAt: now, updatedAt: now },
      {},
      `staff:${staff.account}`,
    );
  }
  await ctx.audit({
    target: `refund/${before.outRefundNo}`,
    before: { status: before.status },
    after: { status: 'settled offline', reference: input.reference },
  });
  const refund = await getRefund(before.outRefundNo);
  if (!refund) throw new DomainError('NOT_FOUND', `refund ${input.outRefundNo}`);
  await finishAfterSaleRefund(refund, `staff:${staff.account}`, now);
  return { refund: consoleRefund(refund) };
};
