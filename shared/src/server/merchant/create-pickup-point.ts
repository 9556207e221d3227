/** createPickupPoint (ops): a new, active 自提点; checkout offers it at once. */
import type { createPickupPointContract } from '../../contracts/admin';
import type { PickupPoint } from '../../domain/catalog.schema';
import { geoPoint } from '../../domain/common.schema';
import { PICKUP_POINT_OPEN_STATUS } from '../../domain/pickup-point.machine';
import { insertPickupPoint } from '../repositories/pickup-point.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { newId } from '../runtime/ids';
import { auditedPoint, pickupPointView } from './pickup-point-views';

export const createPickupPoint: AdminUseCase<typeof createPickupPointContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { longitude, latitude, ...fields } = input;
  const point: PickupPoint = {
    _id: newId('PP', now),
    ...fields,
    location: geoPoint(longitude, latitude),
    status: PICKUP_POINT_OPEN_STATUS,
    createdAt: now,
    updatedAt: now,
  };
  await insertPickupPoint(point);
  await ctx.audit({ target: `pickup-point/${point._id}`, after: auditedPoint(point) });
  return pickupPointView(point);
};
