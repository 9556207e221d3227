/** searchPickupPoints (ops): every pickup point, active or not, by name, district and status. */
import type { searchPickupPointsContract } from '../../contracts/admin';
import { findPickupPoints } from '../repositories/pickup-point.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { pickupPointView } from './pickup-point-views';

export const searchPickupPoints: AdminUseCase<typeof searchPickupPointsContract> = async (input) => {
  const points = await findPickupPoints(input, { offset: input.offset, limit: input.limit + 1 });
  return { items: points.slice(0, input.limit).map(pickupPointView), hasMore: points.length > input.limit };
};
