/**
 * requestWithdrawal: a registered leader's withdrawal, recorded `requested` with its amount reserved, in one
 * transaction over their leader document (`recordWithdrawal`), so their requests are decided one after the other
 * on the balance the one before left: a dozen taps at once record as many as the balance covers, and a retried tap
 * (the same `requestKey`) answers the withdrawal it made. The domain refuses below ¥1, above the balance and past
 * the day's cap (`withdrawalRefusal`), and a refusal writes nothing.
 */
import type { requestWithdrawalContract } from '../../contracts/request-withdrawal.contract';
import { leaderSchema } from '../../domain/leader.schema';
import { askedToday, leaderBalance, newWithdrawal, withdrawalRefusal } from '../../domain/withdrawal.schema';
import { DomainError } from '../../kernel/errors';
import { recordWithdrawal } from '../repositories/withdrawal.repository';
import type { UseCase } from '../runtime/define-function';
import { newId } from '../runtime/ids';
import { balanceView, readLeaderFunds, withdrawalView } from './withdrawal-views';

export const requestWithdrawal: UseCase<typeof requestWithdrawalContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { withdrawal } = await recordWithdrawal(
    ctx.openid,
    input.requestKey,
    () => readLeaderFunds(ctx.openid, now),
    (leader, funds) => {
      const refusal = withdrawalRefusal({
        amount: input.amount,
        available: leaderBalance(funds.entries, funds.withdrawals).available,
        askedToday: askedToday(funds.today, now),
      });
      if (refusal) throw new DomainError(refusal, `leader ${leader._id}: ${input.amount}`);
      return newWithdrawal({
        id: newId('W', now),
        leaderOpenid: leader._id,
        amount: input.amount,
        requestKey: input.requestKey,
        now,
      });
    },
    (doc) => leaderSchema.parse(doc),
    now,
  );
  return { withdrawal: withdrawalView(withdrawal), balance: balanceView(await readLeaderFunds(ctx.openid, now), now) };
};
