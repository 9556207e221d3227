/** searchWithdrawals (console, ops): 团长 withdrawals of one status and/or leader, newest first, a page at a time. */
import type { searchWithdrawalsContract } from '../../contracts/admin';
import { getLeader } from '../repositories/leader.repository';
import { searchWithdrawals as findWithdrawals } from '../repositories/withdrawal.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleWithdrawal } from './withdrawal-views';

export const searchWithdrawals: AdminUseCase<typeof searchWithdrawalsContract> = async (input) => {
  const { limit, offset, ...filter } = input;
  const found = await findWithdrawals(filter, { offset, limit: limit + 1 });
  const page = found.slice(0, limit);
  const openids = [...new Set(page.map((w) => w.leaderOpenid))];
  const leaders = new Map((await Promise.all(openids.map(getLeader))).flatMap((l) => (l ? [[l._id, l.name]] : [])));
  return { items: page.map((w) => consoleWithdrawal(w, leaders.get(w.leaderOpenid))), hasMore: found.length > limit };
};
