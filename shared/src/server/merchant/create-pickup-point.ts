/**
 * createPickupPoint (ops): a new, active 自提点; checkout offers it at once. With a request key its id
 * derives from the key, so the same creation sent again is a duplicate: it answers the point created first.
 */
import type { createPickupPointContract } from '../../contracts/admin';
import type { PickupPoint } from '../../domain/catalog.schema';
import { geoPoint } from '../../domain/common.schema';
import { PICKUP_POINT_OPEN_STATUS } from '../../domain/pickup-point.machine';
import { insertPickupPoint } from '../repositories/pickup-point.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { newId } from '../runtime/ids';
import { auditedPoint, existingPoint, pickupPointView } from './pickup-point-views';
import { keyedId } from './product-views';

export const createPickupPoint: AdminUseCase<typeof createPickupPointContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { longitude, latitude, requestKey, ...fields } = input;
  const point: PickupPoint = {
    _id: requestKey ? keyedId('PP', `pickup-point:${requestKey}`) : newId('PP', now),
    ...fields,
    location: geoPoint(longitude, latitude),
    status: PICKUP_POINT_OPEN_STATUS,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await insertPickupPoint(point))) {
    const created = await existingPoint(point._id);
    await ctx.audit({ target: `pickup-point/${point._id}`, after: { requestKey, replayed: true } });
    return pickupPointView(created);
  }
  await ctx.audit({ target: `pickup-point/${point._id}`, after: auditedPoint(point) });
  return pickupPointView(point);
};
