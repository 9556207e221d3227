/**
 * listMyWithdrawals: the caller's withdrawals, newest first, a page at a time, with their balance now; anyone who is
 * not a registered leader is refused.
 */
import type { listMyWithdrawalsContract } from '../../contracts/list-my-withdrawals.contract';
import { DomainError } from '../../kernel/errors';
import { getLeader } from '../repositories/leader.repository';
import { listLeaderWithdrawals } from '../repositories/withdrawal.repository';
import type { UseCase } from '../runtime/define-function';
import { balanceView, readLeaderFunds, withdrawalView } from './withdrawal-views';

export const listMyWithdrawals: UseCase<typeof listMyWithdrawalsContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const [leader, page, funds] = await Promise.all([
    getLeader(ctx.openid),
    listLeaderWithdrawals(ctx.openid, { offset: input.offset, limit: input.limit + 1 }),
    readLeaderFunds(ctx.openid, now),
  ]);
  if (!leader) throw new DomainError('FORBIDDEN', 'not a registered leader');
  return {
    withdrawals: page.slice(0, input.limit).map(withdrawalView),
    hasMore: page.length > input.limit,
    balance: balanceView(funds, now),
  };
};
