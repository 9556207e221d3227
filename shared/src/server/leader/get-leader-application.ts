/**
 * getLeaderApplication (console, ops): one application and the point it names as it is now (its keeper shows
 * whether approving would be refused), or the point an approved shop became.
 */
import type { getLeaderApplicationContract } from '../../contracts/admin';
import { DomainError } from '../../kernel/errors';
import { getPickupPoint } from '../repositories/catalog.repository';
import { getLeaderApplication as findApplication } from '../repositories/leader-application.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleLeaderApplication, leaderPointView } from './leader-application-views';

export const getLeaderApplication: AdminUseCase<typeof getLeaderApplicationContract> = async (input) => {
  const application = await findApplication(input.applicationId);
  if (!application) throw new DomainError('NOT_FOUND', `leader application ${input.applicationId}`);
  const pointId = application.point.kind === 'existing' ? application.point.pickupPointId : application.pickupPointId;
  const point = pointId ? await getPickupPoint(pointId) : null;
  return { application: consoleLeaderApplication(application), pickupPoint: point ? leaderPointView(point) : null };
};
