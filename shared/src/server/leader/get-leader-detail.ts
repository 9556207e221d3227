/**
 * getLeaderDetail (console, ops): a registered 团长, the point they run, and their results, every figure summed by
 * the database: groups per status, the paid orders of their groups (joined by group), commission per status and
 * withdrawals per status for the balance (`readLeaderBalance`, as the leader's own getMyEarnings). Two round trips:
 * the leader, then the rest together.
 */
import type { getLeaderDetailContract } from '../../contracts/admin';
import { commissionByStatus, tallyLeaderGroups } from '../../domain/leader-results';
import { DomainError } from '../../kernel/errors';
import { fen } from '../../kernel/money';
import { getPickupPoint } from '../repositories/catalog.repository';
import { getLeader } from '../repositories/leader.repository';
import { countLeaderGroups, sumLeaderGroupSales } from '../repositories/leader-results.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { readLeaderBalance } from './leader-funds';
import { consoleLeader } from './leader-views';

export const getLeaderDetail: AdminUseCase<typeof getLeaderDetailContract> = async (input) => {
  const leader = await getLeader(input.openid);
  if (!leader) throw new DomainError('NOT_FOUND', `leader ${input.openid}`);
  const [point, groups, sales, funds] = await Promise.all([
    getPickupPoint(leader.pickupPointId),
    countLeaderGroups(leader._id),
    sumLeaderGroupSales(leader._id),
    readLeaderBalance(leader._id),
  ]);
  return {
    leader: {
      ...consoleLeader(leader, point?.name),
      applicationId: leader.applicationId,
      approvedBy: leader.approvedBy,
    },
    pickupPoint: point
      ? {
          pickupPointId: point._id,
          name: point.name,
          district: point.district,
          address: point.address,
          status: point.status,
        }
      : null,
    results: {
      groups: tallyLeaderGroups(groups),
      sales,
      commission: commissionByStatus(funds.entries, fen(0)),
      balance: funds.balance,
    },
  };
};
