/**
 * retryRefund (console): a flagged refund asked of CloudPay again now, under its own number (CloudPay never
 * refunds one number twice). It becomes processing, or fails again and goes back to the retry job's care.
 */
import type { retryRefundContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import { getRefund, transitionRefund } from '../repositories/refund.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleRefund } from '../ordering/console-refunds';
import { askAgain } from './refunds';

export const retryRefund: AdminUseCase<typeof retryRefundContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const before = await getRefund(input.outRefundNo);
  if (!before) throw new DomainError('NOT_FOUND', `refund ${input.outRefundNo}`);
  if (
    !(await transitionRefund(before.outRefundNo, 'retried_by_staff', {
      attempts: 0,
      nextAttemptAt: now,
      updatedAt: now,
    }))
  ) {
    throw new DomainError('CONFLICT', `refund ${before.outRefundNo} is ${before.status}`);
  }
  const after = await askAgain({ ...before, attempts: 0 }, ctx);
  await ctx.audit({
    target: `refund/${before.outRefundNo}`,
    before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
    after: { asked: after },
  });
  const refund = await getRefund(before.outRefundNo);
  if (!refund) throw new DomainError('NOT_FOUND', `refund ${input.outRefundNo}`);
  return { refund: consoleRefund(refund) };
};
