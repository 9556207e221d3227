/**
 * getMyEarnings: the caller's balance, summed by the database per status (`sumLeaderEntries`,
 * `sumLeaderWithdrawals`) and computed by the domain's rule (`leaderBalance`: withdrawals transferred are paid out,
 * those under way reserved), and a page of their entries, newest first.
 */
import type { getMyEarningsContract } from '../../contracts/get-my-earnings.contract';
import { COMMISSION_KIND_LABELS, COMMISSION_STATUS_LABELS } from '../../domain/commission.machine';
import { leaderBalance } from '../../domain/withdrawal.schema';
import { DomainError } from '../../kernel/errors';
import { fen } from '../../kernel/money';
import { listLeaderEntries, sumLeaderEntries } from '../repositories/commission.repository';
import { getLeader } from '../repositories/leader.repository';
import { sumLeaderWithdrawals } from '../repositories/withdrawal.repository';
import type { UseCase } from '../runtime/define-function';

export const getMyEarnings: UseCase<typeof getMyEarningsContract> = async (input, ctx) => {
  const leader = await getLeader(ctx.openid);
  if (!leader) throw new DomainError('FORBIDDEN', 'not a registered leader');
  const [sums, withdrawn, page] = await Promise.all([
    sumLeaderEntries(leader._id),
    sumLeaderWithdrawals(leader._id),
    listLeaderEntries(leader._id, { offset: input.offset, limit: input.limit + 1 }),
  ]);
  const balance = leaderBalance(sums, withdrawn);
  return {
    balance: {
      withdrawableEarned: fen(balance.withdrawableEarned),
      clawedBack: fen(balance.clawedBack),
      paidOut: fen(balance.paidOut),
      reserved: fen(balance.reserved),
      available: balance.available,
      prospective: fen(balance.prospective),
    },
    entries: page.slice(0, input.limit).map((entry) => ({
      entryId: entry._id,
      kind: entry.kind,
      kindLabel: COMMISSION_KIND_LABELS[entry.kind],
      status: entry.status,
      statusLabel: COMMISSION_STATUS_LABELS[entry.status],
      amount: entry.amount,
      clawedBack: entry.clawedBack,
      activityId: entry.activityId,
      ...(entry.orderId ? { orderId: entry.orderId } : {}),
      ...(entry.groupId ? { groupId: entry.groupId } : {}),
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
    })),
    hasMore: page.length > input.limit,
  };
};
