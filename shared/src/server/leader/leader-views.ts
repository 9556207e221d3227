/** A registered 团长 as the console shows them: the leader and the name of the point they run. */
import type { ConsoleLeader } from '../../contracts/admin';
import type { Leader } from '../../domain/leader.schema';

export const consoleLeader = (leader: Leader, pointName: string | undefined): ConsoleLeader => ({
  openid: leader._id,
  name: leader.name,
  phone: leader.phone,
  community: leader.community,
  pickupPointId: leader.pickupPointId,
  pickupPointName: pointName ?? '',
  approvedAt: leader.approvedAt,
});
