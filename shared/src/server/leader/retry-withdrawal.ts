/**
 * retryWithdrawal (console, ops): a withdrawal flagged after repeated transfer failures is approved again, its
 * attempts reset and due now (`staffRetryStep`), for the payout job to ask WeChat under the same bill number; any
 * other status is refused; the same `requestKey` again answers it as it stands.
 */
import type { retryWithdrawalContract } from '../../contracts/admin';
import { staffRetryStep } from '../../domain/withdrawal-step';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { changeWithdrawal } from './withdrawal-console';

export const retryWithdrawal: AdminUseCase<typeof retryWithdrawalContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  return changeWithdrawal(
    input.withdrawalId,
    (withdrawal) => {
      if (withdrawal.retryKey === input.requestKey) return null;
      const step = staffRetryStep(withdrawal, now);
      if (typeof step === 'string') throw new DomainError(step, `withdrawal ${withdrawal._id}`);
      return { ...step.patch, retryKey: input.requestKey, retriedBy: by, retriedAt: now };
    },
    ctx,
    (before, after) => ({ status: after.status, lastError: before.lastError }),
  );
};
