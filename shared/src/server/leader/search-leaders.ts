/** searchLeaders (console, ops): registered 团长 by name, mobile and point, newest first; two queries. */
import type { searchLeadersContract } from '../../contracts/admin';
import { getPickupPoints } from '../repositories/catalog.repository';
import { findLeaders } from '../repositories/leader.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleLeader } from './leader-views';

export const searchLeaders: AdminUseCase<typeof searchLeadersContract> = async (input) => {
  const { limit, offset, ...filter } = input;
  const found = await findLeaders(filter, { offset, limit: limit + 1 });
  const page = found.slice(0, limit);
  const points = new Map((await getPickupPoints(page.map((l) => l.pickupPointId))).map((p) => [p._id, p.name]));
  return { items: page.map((l) => consoleLeader(l, points.get(l.pickupPointId))), hasMore: found.length > limit };
};
