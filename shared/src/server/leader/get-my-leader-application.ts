/**
 * getMyLeaderApplication: the caller's latest 团长 application (their user document names it) and, once they lead,
 * their leader document and the point they run.
 */
import type { getMyLeaderApplicationContract } from '../../contracts/get-my-leader-application.contract';
import { getPickupPoint } from '../repositories/catalog.repository';
import { getLeader } from '../repositories/leader.repository';
import { getLeaderApplication } from '../repositories/leader-application.repository';
import { getUser } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';
import { leaderView, shopperLeaderApplication } from './leader-application-views';

export const getMyLeaderApplication: UseCase<typeof getMyLeaderApplicationContract> = async (_input, ctx) => {
  const [user, leader] = await Promise.all([getUser(ctx.openid), getLeader(ctx.openid)]);
  const [application, point] = await Promise.all([
    user?.leaderApplicationId ? getLeaderApplication(user.leaderApplicationId) : null,
    leader ? getPickupPoint(leader.pickupPointId) : null,
  ]);
  return {
    application: application ? shopperLeaderApplication(application) : null,
    leader: leader && point ? leaderView(leader, point) : null,
  };
};
