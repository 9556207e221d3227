/**
 * applyForLeader: the shopper applies to be a registered 团长. One transaction reads their user document, their
 * latest application, their leader document and the point they name, and writes the application with the user's
 * `leaderApplicationId`: two applications at once are decided one after the other, so at most one waits for ops.
 * An existing point must be active and free of any other keeper (checked again on approval). The same key sent
 * again answers the same application.
 */
import type { applyForLeaderContract } from '../../contracts/apply-for-leader.contract';
import { applicationRefusal, existingPointRefusal, newLeaderApplication } from '../../domain/leader.schema';
import { DomainError } from '../../kernel/errors';
import { submitLeaderApplication } from '../repositories/leader-application.repository';
import { createUser, getUser } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';
import { leaderApplicationIdFor, shopperLeaderApplication } from './leader-application-views';

export const applyForLeader: UseCase<typeof applyForLeaderContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { requestKey, ...request } = input;
  if (!(await getUser(ctx.openid))) await createUser(ctx.openid, now);
  const id = leaderApplicationIdFor(ctx.openid, requestKey);
  const pickupPointId = request.point.kind === 'existing' ? request.point.pickupPointId : undefined;
  const { application } = await submitLeaderApplication(ctx.openid, id, pickupPointId, (state) => {
    const refusal =
      applicationRefusal({ leader: state.leader, openApplication: state.latest }) ??
      (pickupPointId !== undefined ? existingPointRefusal(state.point, ctx.openid) : undefined);
    if (refusal) throw new DomainError(refusal, `leader application of ${ctx.openid}`);
    return newLeaderApplication(request, { id, openid: ctx.openid, now });
  });
  return shopperLeaderApplication(application);
};
