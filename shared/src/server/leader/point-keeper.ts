/**
 * The 团长 behind a 团长中心 call: the caller (their openid, from WeChat only) is a registered leader and the point
 * their leader document names is kept by them (its `keeperOpenid`), which an approval writes in one transaction.
 * Anyone else, or a leader whose point no longer names them, is FORBIDDEN: the desk and its 核销 act at that one
 * point and nowhere else.
 */
import type { PickupPoint } from '../../domain/catalog.schema';
import type { Leader } from '../../domain/leader.schema';
import { DomainError } from '../../kernel/errors';
import type { PointKeeper } from '../fulfilment/pickup-point-access';
import { getPickupPoint } from '../repositories/catalog.repository';
import { getLeader } from '../repositories/leader.repository';

export interface KeeperAtPoint {
  readonly leader: Leader;
  readonly point: PickupPoint;
  readonly keeper: PointKeeper;
}

export async function keeperOf(openid: string): Promise<KeeperAtPoint> {
  const leader = await getLeader(openid);
  if (!leader) throw new DomainError('FORBIDDEN', 'not a registered leader');
  const point = await getPickupPoint(leader.pickupPointId);
  if (!point || point.keeperOpenid !== openid) {
    throw new DomainError('FORBIDDEN', `pickup point ${leader.pickupPointId} is not kept by this leader`);
  }
  return { leader, point, keeper: { keeperOpenid: openid, pickupPointId: point._id } };
}
