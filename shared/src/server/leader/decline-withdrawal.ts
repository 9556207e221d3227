/**
 * declineWithdrawal (console, ops): a requested withdrawal is declined with the reason its leader reads, and its
 * amount is back in their balance (a declined withdrawal reserves nothing and counts against no day's cap); the same
 * `requestKey` again answers it as it stands.
 */
import type { declineWithdrawalContract } from '../../contracts/admin';
import { decideWithdrawalReview } from '../../domain/withdrawal.schema';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { changeWithdrawal } from './withdrawal-console';

export const declineWithdrawal: AdminUseCase<typeof declineWithdrawalContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  return changeWithdrawal(
    input.withdrawalId,
    (withdrawal) => {
      if (withdrawal.decisionKey === input.requestKey) return null;
      const decided = decideWithdrawalReview(withdrawal, { approve: false, reason: input.reason, by, now });
      if (typeof decided === 'string') throw new DomainError(decided, `withdrawal ${withdrawal._id}`);
      return { ...decided, decisionKey: input.requestKey };
    },
    ctx,
    (_, after) => ({ status: after.status, reason: after.declineReason }),
  );
};
