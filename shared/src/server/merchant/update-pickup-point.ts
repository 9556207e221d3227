/**
 * updatePickupPoint (ops): a point's name, place, hours and contact. Orders placed before keep the name
 * and place they were placed with (each order holds its own copy).
 */
import type { updatePickupPointContract } from '../../contracts/admin';
import { geoPoint } from '../../domain/common.schema';
import { updatePickupPoint as writePoint } from '../repositories/pickup-point.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { auditedPoint, existingPoint, pickupPointView } from './pickup-point-views';

export const updatePickupPoint: AdminUseCase<typeof updatePickupPointContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const before = await existingPoint(input.pickupPointId);
  const { pickupPointId, longitude, latitude, ...fields } = input;
  const patch = { ...fields, location: geoPoint(longitude, latitude), updatedAt: now };
  await writePoint(pickupPointId, patch);
  const after = { ...before, ...patch };
  await ctx.audit({
    target: `pickup-point/${pickupPointId}`,
    before: auditedPoint(before),
    after: auditedPoint(after),
  });
  return pickupPointView(after);
};
