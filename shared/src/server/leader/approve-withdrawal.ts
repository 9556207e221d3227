/**
 * approveWithdrawal (console, ops): a requested withdrawal is approved and due for the payout job
 * (`decideWithdrawalReview`); a withdrawal already answered is refused; the same `requestKey` again answers it as it
 * stands.
 */
import type { approveWithdrawalContract } from '../../contracts/admin';
import { decideWithdrawalReview } from '../../domain/withdrawal.schema';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { changeWithdrawal } from './withdrawal-console';

export const approveWithdrawal: AdminUseCase<typeof approveWithdrawalContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  return changeWithdrawal(
    input.withdrawalId,
    (withdrawal) => {
      if (withdrawal.decisionKey === input.requestKey) return null;
      const decided = decideWithdrawalReview(withdrawal, { approve: true, by, now });
      if (typeof decided === 'string') throw new DomainError(decided, `withdrawal ${withdrawal._id}`);
      return { ...decided, decisionKey: input.requestKey };
    },
    ctx,
    (_, after) => ({ status: after.status }),
  );
};
