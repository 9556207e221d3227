/**
 * getMyEarnings: the caller's balance, summed by the database per status and computed by the domain's rule
 * (`readLeaderBalance`: withdrawals transferred are paid out, those under way reserved), and a page of their
 * entries, newest first.
 */
import type { getMyEarningsContract } from '../../contracts/get-my-earnings.contract';
import { COMMISSION_KIND_LABELS, COMMISSION_STATUS_LABELS } from '../../domain/commission.machine';
import { DomainError } from '../../kernel/errors';
import { listLeaderEntries } from '../repositories/commission.repository';
import { getLeader } from '../repositories/leader.repository';
import type { UseCase } from '../runtime/define-function';
import { readLeaderBalance } from './leader-funds';

export const getMyEarnings: UseCase<typeof getMyEarningsContract> = async (input, ctx) => {
  const leader = await getLeader(ctx.openid);
  if (!leader) throw new DomainError('FORBIDDEN', 'not a registered leader');
  const [funds, page] = await Promise.all([
    readLeaderBalance(leader._id),
    listLeaderEntries(leader._id, { offset: input.offset, limit: input.limit + 1 }),
  ]);
  return {
    balance: funds.balance,
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
