/** listPickupPointChoices (ops, merchant): active pickup points a 社区团 may be scoped to; one query. */
import type { listPickupPointChoicesContract } from '../../contracts/admin';
import { PICKUP_POINT_OPEN_STATUS } from '../../domain/pickup-point.machine';
import { findPickupPoints } from '../repositories/pickup-point.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const listPickupPointChoices: AdminUseCase<typeof listPickupPointChoicesContract> = async (input) => {
  const points = await findPickupPoints(
    { name: input.keyword || undefined, status: PICKUP_POINT_OPEN_STATUS },
    { offset: 0, limit: input.limit },
  );
  return {
    items: points.map((p) => ({ pickupPointId: p._id, name: p.name, district: p.district, address: p.address })),
  };
};
